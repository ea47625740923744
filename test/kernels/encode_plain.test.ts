import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { byteArrayList, packBooleansReference, plainByteArrayReference } from './reference/encode.js';
import { Random } from './reference/random.js';

t.test('packBooleans matches the reference', async (t) => {
  const random = new Random(31);
  const a = arena();
  for (const count of [0, 1, 7, 8, 9, 15, 16, 17, 31, 100, 1001]) {
    const values = Uint8Array.from({ length: count }, () => (random.below(3) === 0 ? random.below(256) : 0));
    const m = a.mark();
    const inPtr = a.copyIn(values);
    const bytes = Math.ceil(count / 8);
    const outPtr = a.alloc(bytes + 16);
    a.u8().fill(0xee, outPtr, outPtr + bytes + 16);
    a.wasm.packBooleans(inPtr, count, outPtr);
    t.same(a.u8().slice(outPtr, outPtr + bytes), packBooleansReference(values), `count ${count}`);
    t.equal(a.u8()[outPtr + bytes], 0xee, 'no write past the end');
    a.release(m);
  }
});

/** Random byte arrays: empty, short and long values, the offsets starting past 0. */
function byteArrays(random: Random, count: number): { offsets: Int32Array; data: Uint8Array } {
  const base = random.below(10);
  const offsets = new Int32Array(count + 1);
  offsets[0] = base;
  for (let i = 0; i < count; i++) {
    const kind = random.below(5);
    const len = kind === 0 ? 0 : kind === 1 ? 100 + random.below(300) : random.below(20);
    offsets[i + 1] = offsets[i]! + len;
  }
  return { offsets, data: random.bytes(offsets[count]! + random.below(5)) };
}

function plainEncode(offsets: Int32Array, data: Uint8Array, cap?: number): { status: number; bytes: Uint8Array } {
  const a = arena();
  const m = a.mark();
  try {
    const count = offsets.length - 1;
    const base = offsets[0]!;
    const offsetsPtr = a.copyIn(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength));
    const dataPtr = a.copyIn(data.subarray(base));
    const outCap = cap ?? 4 * count + data.length;
    const outPtr = a.alloc(outCap);
    const status = a.wasm.plainByteArrayEncode(offsetsPtr, count, dataPtr, base, outPtr, outCap);
    return { status, bytes: status >= 0 ? a.u8().slice(outPtr, outPtr + status) : new Uint8Array(0) };
  } finally {
    a.release(m);
  }
}

t.test('plainByteArrayEncode matches the reference and the reader decodes it back', async (t) => {
  const random = new Random(32);
  const a = arena();
  for (const count of [0, 1, 2, 10, 100, 1000]) {
    const { offsets, data } = byteArrays(random, count);
    const expected = plainByteArrayReference(byteArrayList(offsets, data));
    const { status, bytes } = plainEncode(offsets, data);
    t.equal(status, expected.length);
    t.same(bytes, expected, `count ${count}`);
    const m = a.mark();
    const inPtr = a.copyIn(bytes);
    const outOffsets = a.alloc((count + 1) * 4);
    const outBytes = a.alloc(bytes.length);
    t.equal(a.wasm.plainByteArrayDecode(inPtr, bytes.length, count, outOffsets, outBytes, offsets[0]!), bytes.length);
    t.same(a.view(Int32Array, outOffsets, count + 1), offsets, 'offsets back');
    a.release(m);
  }
});

t.test('plainByteArrayEncode rejects bad offsets and a short output', async (t) => {
  const data = Uint8Array.from([1, 2, 3, 4, 5]);
  t.equal(plainEncode(Int32Array.from([0, 3, 2]), data).status, KernelStatus.Invalid, 'offsets going backwards');
  t.equal(plainEncode(Int32Array.from([0, 3, 5]), data, 9).status, KernelStatus.Overflow, 'one byte short');
  t.equal(plainEncode(Int32Array.from([0, 3, 5]), data, 13).status, 13, 'exact capacity');
});
