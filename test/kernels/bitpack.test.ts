import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { packBits } from './reference/bitpack.js';
import { Random } from './reference/random.js';

t.test('bitUnpack32 matches the reference for every width and many counts', async (t) => {
  const a = arena();
  const random = new Random(1);
  const counts = [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 255, 256, 1000, 4099];
  for (let width = 0; width <= 32; width++) {
    for (const count of counts) {
      const values = Array.from({ length: count }, () => random.bits(width));
      const packed = packBits(values, width);
      // Place the input at the very end of memory so any read past it would trap.
      const outPtr = a.alloc(count * 4);
      const memoryEnd = a.wasm.memory.buffer.byteLength;
      const inPtr = memoryEnd - packed.length;
      t.ok(inPtr >= outPtr + count * 4, 'input fits above the output');
      a.u8().set(packed, inPtr);
      a.wasm.bitUnpack32(inPtr, width, count, outPtr);
      const got = Array.from(a.view(Uint32Array, outPtr, count), (v) => BigInt(v));
      t.same(got, values, `width ${width} count ${count}`);
      a.reset();
    }
  }
});

t.test('bitUnpack32 writes nothing past count', async (t) => {
  const a = arena();
  const packed = packBits([1n, 2n, 3n], 5);
  const inPtr = a.copyIn(packed);
  const outPtr = a.alloc(16);
  a.view(Uint32Array, outPtr, 4).fill(0xdeadbeef);
  a.wasm.bitUnpack32(inPtr, 5, 3, outPtr);
  t.same(Array.from(a.view(Uint32Array, outPtr, 4)), [1, 2, 3, 0xdeadbeef]);
  a.reset();
});
