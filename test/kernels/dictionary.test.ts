import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import { gatherFixedReference, toOffsetsAndBytes } from './reference/values.js';

t.test('dictGatherFixed matches the reference for every width path', async (t) => {
  const a = arena();
  const random = new Random(41);
  for (const width of [1, 2, 3, 4, 8, 12, 16, 20]) {
    for (const count of [0, 1, 15, 16, 17, 1000]) {
      const dictCount = 1 + random.below(300);
      const dict = random.bytes(dictCount * width);
      const indices = Uint32Array.from({ length: count }, () => random.below(dictCount));
      const expected = new Uint8Array(count * width);
      gatherFixedReference(indices, dict, width, expected);
      const indicesPtr = a.copyIn(new Uint8Array(indices.buffer));
      const dictPtr = a.copyIn(dict);
      const outPtr = a.alloc(count * width);
      t.equal(a.wasm.dictGatherFixed(indicesPtr, count, dictPtr, dictCount, width, outPtr), 0);
      t.same(a.u8().slice(outPtr, outPtr + count * width), expected, `width ${width} count ${count}`);
      a.reset();
    }
  }
});

t.test('dictGatherFixed rejects an index past the dictionary, wherever it is', async (t) => {
  const a = arena();
  for (const at of [0, 3, 16, 39]) {
    const indices = new Uint32Array(40).fill(1);
    indices[at] = 5;
    const indicesPtr = a.copyIn(new Uint8Array(indices.buffer));
    const dictPtr = a.alloc(5 * 4);
    const outPtr = a.alloc(40 * 4);
    t.equal(a.wasm.dictGatherFixed(indicesPtr, 40, dictPtr, 5, 4, outPtr), KernelStatus.Invalid, `bad index at ${at}`);
    indices[at] = 0xffffffff;
    a.u8().set(new Uint8Array(indices.buffer), indicesPtr);
    t.equal(
      a.wasm.dictGatherFixed(indicesPtr, 40, dictPtr, 5, 8, outPtr),
      KernelStatus.Invalid,
      `index 2^32 - 1 at ${at}`,
    );
    a.reset();
  }
  const empty = a.copyIn(Uint8Array.of(0, 0, 0, 0));
  t.equal(a.wasm.dictGatherFixed(empty, 1, empty, 0, 4, empty), KernelStatus.Invalid, 'empty dictionary');
  t.equal(a.wasm.dictGatherFixed(empty, 0, empty, 0, 4, empty), 0, 'nothing from an empty dictionary');
  a.reset();
});

t.test('dictGatherBytesOffsets + dictGatherBytesCopy match the reference', async (t) => {
  const a = arena();
  const random = new Random(42);
  for (const count of [0, 1, 7, 100, 2000]) {
    for (const maxLen of [0, 3, 8, 33, 100]) {
      const dictCount = 1 + random.below(50);
      const dict = Array.from({ length: dictCount }, () => random.bytes(random.below(maxLen + 1)));
      const [dictOffsets, dictBytes] = toOffsetsAndBytes(dict);
      const indices = Uint32Array.from({ length: count }, () => random.below(dictCount));
      const base = random.below(100);
      const [offsets, bytes] = toOffsetsAndBytes(
        Array.from(indices, (i) => dict[i]!),
        base,
      );
      const indicesPtr = a.copyIn(new Uint8Array(indices.buffer));
      const dictOffsetsPtr = a.copyIn(new Uint8Array(dictOffsets.buffer));
      const dictBytesPtr = a.copyIn(dictBytes);
      const outOffsetsPtr = a.alloc((count + 1) * 4);
      const total = a.wasm.dictGatherBytesOffsets(indicesPtr, count, dictOffsetsPtr, dictCount, outOffsetsPtr, base);
      t.equal(total, bytes.length, `total, count ${count} max ${maxLen}`);
      t.same(a.view(Int32Array, outOffsetsPtr, count + 1), offsets, `offsets, count ${count} max ${maxLen}`);
      const outBytesPtr = a.alloc(total);
      a.wasm.dictGatherBytesCopy(indicesPtr, count, dictOffsetsPtr, dictBytesPtr, outBytesPtr);
      t.same(a.u8().slice(outBytesPtr, outBytesPtr + total), bytes, `bytes, count ${count} max ${maxLen}`);
      // The wide copy: 32 spare bytes past the output; guard bytes past them must stay untouched.
      const widePtr = a.alloc(total + 32 + 16);
      a.u8().fill(0xa5, widePtr + total + 32, widePtr + total + 48);
      a.wasm.dictGatherBytesCopyWide(indicesPtr, count, dictOffsetsPtr, dictBytesPtr, widePtr);
      t.same(a.u8().slice(widePtr, widePtr + total), bytes, `wide bytes, count ${count} max ${maxLen}`);
      t.ok(
        a
          .u8()
          .subarray(widePtr + total + 32, widePtr + total + 48)
          .every((b) => b === 0xa5),
        'nothing written past the slack',
      );
      a.reset();
    }
  }
});

t.test('dictGatherBytesOffsets rejects bad indices and offsets past 2^31 - 1', async (t) => {
  const a = arena();
  const dictOffsets = a.copyIn(new Uint8Array(Int32Array.from([0, 2 ** 30, 2 ** 30 + 1]).buffer));
  const out = a.alloc(16);
  const bad = a.copyIn(new Uint8Array(Uint32Array.from([0, 2]).buffer));
  t.equal(a.wasm.dictGatherBytesOffsets(bad, 2, dictOffsets, 2, out, 0), KernelStatus.Invalid, 'index 2 of 2');
  const twice = a.copyIn(new Uint8Array(Uint32Array.from([0, 0]).buffer));
  t.equal(a.wasm.dictGatherBytesOffsets(twice, 2, dictOffsets, 2, out, 0), KernelStatus.Overflow, '2^31 bytes');
  t.equal(a.wasm.dictGatherBytesOffsets(twice, 1, dictOffsets, 2, out, 0), 2 ** 30, '2^30 bytes is fine');
  a.reset();
});
