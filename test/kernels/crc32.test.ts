import t from 'tap';
import { arena } from '../../src/kernels/arena.js';

/** Bit-at-a-time CRC-32, the reference the kernel is checked against. */
function crc32Reference(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

t.test('crc32 of known strings', async (t) => {
  const a = arena();
  const ptr = a.copyIn(new TextEncoder().encode('123456789'));
  t.equal(a.wasm.crc32(ptr, 9, 0) >>> 0, 0xcbf43926);
  a.reset();
});

t.test('crc32 matches the reference on random inputs', async (t) => {
  const a = arena();
  let seed = 42;
  for (let n = 0; n < 200; n++) {
    const len = n * 7;
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const ptr = a.copyIn(bytes);
    t.equal(a.wasm.crc32(ptr, len, 0) >>> 0, crc32Reference(bytes), `length ${len}`);
    a.reset();
  }
});
