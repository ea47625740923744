import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { copyBitsReference, spreadBitsReference } from './reference/bitmap.js';
import { Random } from './reference/random.js';

t.test('copyBits matches the reference for all alignments', async (t) => {
  const a = arena();
  const random = new Random(9);
  for (const count of [0, 1, 5, 8, 13, 31, 32, 33, 64, 65, 200, 1000]) {
    for (let srcOffset = 0; srcOffset < 10; srcOffset += 3) {
      for (let dstOffset = 0; dstOffset < 10; dstOffset += 2) {
        const src = random.bytes(Math.ceil((srcOffset + count) / 8));
        const dstLen = Math.ceil((dstOffset + count) / 8) + 1;
        const dst = random.bytes(dstLen);
        const expected = dst.slice();
        copyBitsReference(src, srcOffset, expected, dstOffset, count);
        // The source sits at the very end of memory, so a read past it would trap.
        const dstPtr = a.copyIn(dst);
        const srcPtr = a.wasm.memory.buffer.byteLength - src.length;
        a.u8().set(src, srcPtr);
        a.wasm.copyBits(srcPtr, srcOffset, dstPtr, dstOffset, count);
        t.same(a.u8().slice(dstPtr, dstPtr + dstLen), expected, `count ${count} src ${srcOffset} dst ${dstOffset}`);
        a.reset();
      }
    }
  }
});

t.test('spreadBits matches the reference', async (t) => {
  const a = arena();
  const random = new Random(10);
  for (const count of [0, 1, 9, 64, 333]) {
    for (const [denseOffset, bitOffset, outOffset] of [
      [0, 0, 0],
      [3, 5, 1],
      [7, 0, 6],
      [1, 9, 8],
    ] as const) {
      const validity = random.bytes(Math.ceil((bitOffset + count) / 8) + 1);
      const dense = random.bytes(Math.ceil((denseOffset + count) / 8) + 1);
      const outLen = Math.ceil((outOffset + count) / 8) + 1;
      const out = random.bytes(outLen);
      const expected = out.slice();
      spreadBitsReference(dense, denseOffset, validity, bitOffset, count, expected, outOffset);
      const densePtr = a.copyIn(dense);
      const validityPtr = a.copyIn(validity);
      const outPtr = a.copyIn(out);
      a.wasm.spreadBits(densePtr, denseOffset, validityPtr, bitOffset, count, outPtr, outOffset);
      t.same(
        a.u8().slice(outPtr, outPtr + outLen),
        expected,
        `count ${count} offsets ${denseOffset}/${bitOffset}/${outOffset}`,
      );
      a.reset();
    }
  }
});
