import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { argsortReference } from './reference/radix_argsort.js';
import { Random } from './reference/random.js';

/** Runs the kernel for `keys` (u32 or u64) over `perm`; returns the status and the reordered permutation. */
function kernelArgsort(keys: Uint32Array | BigUint64Array, perm: Uint32Array): { status: number; perm: Uint32Array } {
  const a = arena();
  const mark = a.mark();
  try {
    const wide = keys instanceof BigUint64Array;
    const n = perm.length;
    const keysPtr = a.copyIn(new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength));
    const permPtr = a.copyIn(new Uint8Array(perm.buffer, perm.byteOffset, perm.byteLength));
    const scratch = a.alloc(n * (wide ? 20 : 12));
    const hist = a.alloc(8192);
    const status = wide
      ? a.wasm.radixArgsortU64(keysPtr, permPtr, n, scratch, hist)
      : a.wasm.radixArgsortU32(keysPtr, permPtr, n, scratch, hist);
    return { status, perm: a.view(Uint32Array, permPtr, n).slice() };
  } finally {
    a.release(mark);
  }
}

function shuffled(random: Random, n: number): Uint32Array {
  const perm = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  return perm;
}

t.test('radixArgsortU64 / U32 equal a stable comparison argsort on seeded random keys', async (t) => {
  const random = new Random(77);
  const makers64: [string, () => bigint][] = [
    ['full width', () => random.bits(64)],
    ['few values', () => BigInt(random.below(4))],
    ['33-bit (null flag over u32)', () => random.bits(33)],
    ['high byte only', () => BigInt(random.below(256)) << 56n],
    ['constant', () => 0xdeadbeefn],
  ];
  for (const [name, make] of makers64) {
    for (const n of [0, 1, 2, 3, 257, 3000]) {
      const keys = BigUint64Array.from({ length: n }, make);
      for (const perm of [Uint32Array.from({ length: n }, (_, i) => i), shuffled(random, n)]) {
        const got = kernelArgsort(keys, perm);
        t.equal(got.status, 0);
        t.equal(got.perm.join(), argsortReference(keys, perm).join(), `u64 ${name} n=${n}`);
      }
    }
  }
  const makers32: [string, () => number][] = [
    ['full width', () => random.u32()],
    ['few values', () => random.below(3)],
    ['byte 2 only', () => random.below(256) << 16],
  ];
  for (const [name, make] of makers32) {
    for (const n of [0, 1, 2, 1000, 5000]) {
      const keys = Uint32Array.from({ length: n }, make);
      const perm = shuffled(random, n);
      const got = kernelArgsort(keys, perm);
      t.equal(got.status, 0);
      t.equal(got.perm.join(), argsortReference(keys, perm).join(), `u32 ${name} n=${n}`);
    }
  }
});

t.test('a row id past the keys is rejected', async (t) => {
  t.equal(kernelArgsort(new BigUint64Array(3), Uint32Array.of(0, 1, 3)).status, KernelStatus.Invalid);
  t.equal(kernelArgsort(new Uint32Array(3), Uint32Array.of(5, 1, 0)).status, KernelStatus.Invalid);
  t.equal(kernelArgsort(new Uint32Array(1), Uint32Array.of(1)).status, KernelStatus.Invalid);
});
