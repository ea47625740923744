import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { getBit } from './reference/bitmap.js';
import { Random } from './reference/random.js';
import { spreadFixedReference, spreadOffsetsReference } from './reference/values.js';

/** A validity bitmap with long valid and null stretches as well as mixed bytes. */
function validityBits(random: Random, bits: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits / 8) + 1);
  for (let i = 0; i < out.length; i++) {
    const r = random.below(4);
    out[i] = r === 0 ? 0 : r === 1 ? 0xff : random.u32() & 0xff;
  }
  return out;
}

t.test('spreadFixed matches the reference for several widths', async (t) => {
  const a = arena();
  const random = new Random(21);
  for (const width of [1, 2, 4, 8, 12, 16]) {
    for (const count of [0, 1, 8, 15, 100, 517]) {
      for (const bitOffset of [0, 3, 8]) {
        const validity = validityBits(random, bitOffset + count);
        let valid = 0;
        for (let i = 0; i < count; i++) valid += getBit(validity, bitOffset + i);
        const dense = random.bytes(valid * width);
        const expected = spreadFixedReference(dense, validity, bitOffset, count, width);
        const densePtr = a.copyIn(dense);
        const validityPtr = a.copyIn(validity);
        const outPtr = a.copyIn(random.bytes(count * width));
        a.wasm.spreadFixed(densePtr, validityPtr, bitOffset, count, width, outPtr);
        t.same(
          a.u8().slice(outPtr, outPtr + count * width),
          expected,
          `width ${width} count ${count} offset ${bitOffset}`,
        );
        a.reset();
      }
    }
  }
});

t.test('spreadOffsets matches the reference', async (t) => {
  const a = arena();
  const random = new Random(22);
  for (const count of [0, 1, 9, 200]) {
    for (const bitOffset of [0, 5]) {
      const validity = validityBits(random, bitOffset + count);
      let valid = 0;
      for (let i = 0; i < count; i++) valid += getBit(validity, bitOffset + i);
      const dense = new Int32Array(valid + 1);
      dense[0] = 100;
      for (let i = 1; i <= valid; i++) dense[i] = dense[i - 1]! + random.below(10);
      const expected = spreadOffsetsReference(dense, validity, bitOffset, count);
      const densePtr = a.copyIn(new Uint8Array(dense.buffer));
      const validityPtr = a.copyIn(validity);
      const outPtr = a.alloc((count + 1) * 4);
      a.wasm.spreadOffsets(densePtr, validityPtr, bitOffset, count, outPtr);
      t.same(a.view(Int32Array, outPtr, count + 1), expected, `count ${count} offset ${bitOffset}`);
      a.reset();
    }
  }
});
