import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import { xxhash64Reference } from './reference/xxhash64.js';

const SEEDS = [0n, 1n, 0x9e3779b97f4a7c15n, (1n << 64n) - 1n];

t.test('xxhash64Fixed matches the reference for every width path and seed', async (t) => {
  const a = arena();
  const random = new Random(7);
  for (const width of [1, 2, 3, 4, 5, 8, 12, 16, 31, 32, 33, 64, 100]) {
    for (const count of [0, 1, 17]) {
      for (const seed of SEEDS) {
        const bytes = random.bytes(width * count);
        const inPtr = a.copyIn(bytes);
        const outPtr = a.alloc(count * 8);
        a.wasm.xxhash64Fixed(inPtr, count, width, seed, outPtr);
        const got = a.view(BigUint64Array, outPtr, count);
        for (let i = 0; i < count; i++) {
          const expected = xxhash64Reference(bytes.subarray(i * width, (i + 1) * width), seed);
          if (got[i] !== expected) t.fail(`width ${width} value ${i} seed ${seed}: ${got[i]} != ${expected}`);
        }
        a.reset();
      }
    }
  }
  t.pass('all hashes equal');
});

t.test('xxhash64Bytes matches the reference on random lengths, with a base offset', async (t) => {
  const a = arena();
  const random = new Random(8);
  for (const seed of SEEDS) {
    const count = 300;
    const lengths = Array.from({ length: count }, () => random.below(random.below(4) === 0 ? 200 : 20));
    const base = 1000;
    const offsets = new Int32Array(count + 1);
    offsets[0] = base;
    for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + lengths[i]!;
    const data = random.bytes(offsets[count]! - base);
    const offsetsPtr = a.copyIn(new Uint8Array(offsets.buffer));
    const dataPtr = a.copyIn(data);
    const outPtr = a.alloc(count * 8);
    t.equal(a.wasm.xxhash64Bytes(offsetsPtr, count, dataPtr, data.length, base, seed, outPtr), 0);
    const got = a.view(BigUint64Array, outPtr, count);
    let bad = 0;
    for (let i = 0; i < count; i++) {
      const value = data.subarray(offsets[i]! - base, offsets[i + 1]! - base);
      if (got[i] !== xxhash64Reference(value, seed)) bad++;
    }
    t.equal(bad, 0, `seed ${seed}`);
    a.reset();
  }
});

t.test('xxhash64Bytes rejects offsets that decrease or leave the data', async (t) => {
  const a = arena();
  for (const offsets of [
    [0, 5, 3],
    [0, 5, 11],
    [-1, 2],
    [11, 11],
  ]) {
    const offsetsPtr = a.copyIn(new Uint8Array(Int32Array.from(offsets).buffer));
    const dataPtr = a.alloc(10);
    const outPtr = a.alloc(offsets.length * 8);
    t.equal(
      a.wasm.xxhash64Bytes(offsetsPtr, offsets.length - 1, dataPtr, 10, 0, 0n, outPtr),
      KernelStatus.Invalid,
      JSON.stringify(offsets),
    );
    a.reset();
  }
});
