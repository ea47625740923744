import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { packBits } from './reference/bitpack.js';
import { Random } from './reference/random.js';

t.test('bitPack32 matches the reference for widths 0..32 and leaves the bytes after its output alone', async (t) => {
  const random = new Random(5);
  const a = arena();
  for (let width = 0; width <= 32; width++) {
    for (const count of [0, 1, 3, 8, 9, 31, 32, 33, 257]) {
      const values = Array.from({ length: count }, () => random.bits(width));
      const m = a.mark();
      const inPtr = a.copyIn(new Uint8Array(Uint32Array.from(values, Number).buffer));
      const bytes = Math.ceil((count * width) / 8);
      const outPtr = a.alloc(bytes + 16);
      a.u8().fill(0xee, outPtr, outPtr + bytes + 16);
      a.wasm.bitPack32(inPtr, width, count, outPtr);
      t.same(a.u8().slice(outPtr, outPtr + bytes), packBits(values, width), `width ${width} count ${count}`);
      t.ok(
        a
          .u8()
          .subarray(outPtr + bytes, outPtr + bytes + 16)
          .every((b) => b === 0xee),
        'no write past the end',
      );
      a.release(m);
    }
  }
});

t.test('bitPack32 drops bits above the width', async (t) => {
  const a = arena();
  const m = a.mark();
  const inPtr = a.copyIn(new Uint8Array(Uint32Array.from([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8]).buffer));
  const outPtr = a.alloc(16);
  a.wasm.bitPack32(inPtr, 3, 8, outPtr);
  t.same(a.u8().slice(outPtr, outPtr + 3), packBits([7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n], 3));
  a.release(m);
});
