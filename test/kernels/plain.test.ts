import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import { encodePlainByteArray, toOffsetsAndBytes } from './reference/values.js';

function decode(input: Uint8Array, count: number, base: number) {
  const a = arena();
  const inPtr = a.copyIn(input);
  const offsetsPtr = a.alloc((count + 1) * 4);
  const bytesPtr = a.alloc(input.length);
  const status = a.wasm.plainByteArrayDecode(inPtr, input.length, count, offsetsPtr, bytesPtr, base);
  const offsets = a.view(Int32Array, offsetsPtr, count + 1).slice();
  const bytes = status >= 0 ? a.u8().slice(bytesPtr, bytesPtr + offsets[count]! - base) : new Uint8Array(0);
  a.reset();
  return { status, offsets, bytes };
}

/** plainByteArrayCompact: the bytes land at the input's own start. */
function compact(input: Uint8Array, count: number, base: number) {
  const a = arena();
  const inPtr = a.copyIn(input);
  const offsetsPtr = a.alloc((count + 1) * 4);
  const status = a.wasm.plainByteArrayCompact(inPtr, input.length, count, offsetsPtr, base);
  const offsets = a.view(Int32Array, offsetsPtr, count + 1).slice();
  const bytes = status >= 0 ? a.u8().slice(inPtr, inPtr + offsets[count]! - base) : new Uint8Array(0);
  a.reset();
  return { status, offsets, bytes };
}

t.test('plainByteArrayDecode and plainByteArrayCompact match the reference', async (t) => {
  const random = new Random(31);
  for (const count of [0, 1, 2, 10, 500]) {
    for (const maxLen of [0, 5, 40, 300]) {
      const values = Array.from({ length: count }, () => random.bytes(random.below(maxLen + 1)));
      const encoded = encodePlainByteArray(values);
      const tail = new Uint8Array(encoded.length + 3);
      tail.set(encoded);
      const base = random.below(1000);
      const [offsets, bytes] = toOffsetsAndBytes(values, base);
      t.same(decode(tail, count, base), { status: encoded.length, offsets, bytes }, `count ${count} max ${maxLen}`);
      t.same(compact(tail, count, base), { status: encoded.length, offsets, bytes }, `compact ${count} max ${maxLen}`);
    }
  }
  // Lengths mixing short (wide moves once 8 values are behind) and long (memory.copy) values, with the input
  // ending right after the last value (no slack for wide loads).
  for (let round = 0; round < 50; round++) {
    const count = 1 + random.below(400);
    const values = Array.from({ length: count }, () =>
      random.bytes(random.below(4) === 0 ? random.below(200) : random.below(33)),
    );
    const encoded = encodePlainByteArray(values);
    const [offsets, bytes] = toOffsetsAndBytes(values, 0);
    t.same(compact(encoded, count, 0), { status: encoded.length, offsets, bytes }, `mixed lengths, round ${round}`);
  }
});

t.test('plainByteArrayCompact rejects what plainByteArrayDecode rejects', async (t) => {
  const cases: Array<[Uint8Array, number, number]> = [
    [Uint8Array.from([0, 0, 0, 0x80, 1, 2, 3]), 1, 0],
    [Uint8Array.from([0xff, 0xff, 0xff, 0xff, 1]), 1, 0],
    [Uint8Array.from([3, 0, 0, 0, 1, 2]), 1, 0],
    [Uint8Array.from([1, 0, 0]), 1, 0],
    [encodePlainByteArray([Uint8Array.of(1)]), 2, 0],
    [Uint8Array.from([2, 0, 0, 0, 1, 2]), 1, 2 ** 31 - 2],
  ];
  for (const [input, count, base] of cases) {
    const expected = decode(input, count, base).status;
    t.ok(expected < 0, 'a corrupt input');
    t.equal(compact(input, count, base).status, expected, `status ${expected}`);
  }
});

t.test('plainByteArrayDecode rejects lengths past the input', async (t) => {
  const huge = Uint8Array.from([0, 0, 0, 0x80, 1, 2, 3]);
  t.equal(decode(huge, 1, 0).status, KernelStatus.Truncated, 'length 2^31');
  const ffff = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 1]);
  t.equal(decode(ffff, 1, 0).status, KernelStatus.Truncated, 'length 2^32 - 1');
  t.equal(decode(Uint8Array.from([3, 0, 0, 0, 1, 2]), 1, 0).status, KernelStatus.Truncated, 'one byte short');
  t.equal(decode(Uint8Array.from([1, 0, 0]), 1, 0).status, KernelStatus.Truncated, 'cut length');
  t.equal(decode(encodePlainByteArray([Uint8Array.of(1)]), 2, 0).status, KernelStatus.Truncated, 'count too high');
  t.equal(
    decode(Uint8Array.from([2, 0, 0, 0, 1, 2]), 1, 2 ** 31 - 2).status,
    KernelStatus.Invalid,
    'offset past 2^31 - 1',
  );
});

t.test('lengthsToOffsets', async (t) => {
  const a = arena();
  const lens = a.copyIn(new Uint8Array(Int32Array.from([3, 0, 5, 1]).buffer));
  const out = a.alloc(20);
  t.equal(a.wasm.lengthsToOffsets(lens, 4, out, 10), 9);
  t.same(Array.from(a.view(Int32Array, out, 5)), [10, 13, 13, 18, 19]);
  t.equal(a.wasm.lengthsToOffsets(lens, 0, out, 7), 0);
  t.equal(a.view(Int32Array, out, 1)[0], 7);
  const negative = a.copyIn(new Uint8Array(Int32Array.from([3, -1]).buffer));
  t.equal(a.wasm.lengthsToOffsets(negative, 2, out, 0), KernelStatus.Invalid, 'negative length');
  const big = a.copyIn(new Uint8Array(Int32Array.from([2 ** 30, 2 ** 30]).buffer));
  t.equal(a.wasm.lengthsToOffsets(big, 2, out, 0), KernelStatus.Invalid, 'sum past 2^31 - 1');
  t.equal(a.wasm.lengthsToOffsets(big, 2, out, 0) < 0, true);
  a.reset();
});
