import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { bitmapToIndicesReference } from './reference/bitmap_indices.js';
import { Random } from './reference/random.js';

t.test('bitmapToIndices matches the reference', async (t) => {
  const a = arena();
  const random = new Random(11);
  for (const length of [0, 1, 7, 8, 63, 64, 65, 127, 128, 1000, 4099]) {
    for (const density of [0, 0.1, 0.5, 1]) {
      const bits = new Uint8Array(Math.ceil(length / 8));
      for (let i = 0; i < length; i++) if (random.below(1000) < density * 1000) bits[i >> 3]! |= 1 << (i & 7);
      if (length % 8) bits[bits.length - 1]! |= 0xff << (length % 8); // bits past the end must be ignored
      // The bitmap sits at the very end of memory, so a read past it would trap.
      const outPtr = a.alloc(length * 4);
      const bitsPtr = a.wasm.memory.buffer.byteLength - bits.length;
      a.u8().set(bits, bitsPtr);
      const n = a.wasm.bitmapToIndices(bitsPtr, length, outPtr);
      t.same(
        [...a.view(Int32Array, outPtr, n)],
        bitmapToIndicesReference(bits, length),
        `length ${length} density ${density}`,
      );
      a.reset();
    }
  }
});
