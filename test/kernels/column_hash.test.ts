import t, { type Test } from 'tap';
import { HashValueKind, KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import {
  combineReference,
  floatWord,
  hashWordReference,
  hllUpdateReference,
  integerWord,
  nullHashReference,
} from './reference/column_hash.js';
import { Random } from './reference/random.js';
import { xxhash64Reference } from './reference/xxhash64.js';

const SEEDS = [0n, 42n, (1n << 64n) - 1n];

type Kind = (typeof HashValueKind)[keyof typeof HashValueKind];

/** Random values of a kind as raw bytes, and the word each is expected to hash as. */
function randomValues(kind: Kind, n: number, random: Random): { bytes: Uint8Array; words: bigint[] } {
  const special = [0, -0, Number.NaN, -Number.NaN, Number.POSITIVE_INFINITY, 1.5, -2.25, 1e300];
  switch (kind) {
    case HashValueKind.F64: {
      const v = Float64Array.from({ length: n }, () =>
        random.below(3) === 0 ? special[random.below(special.length)]! : (random.u32() - 2 ** 31) / 7,
      );
      return { bytes: new Uint8Array(v.buffer), words: [...v].map(floatWord) };
    }
    case HashValueKind.F32: {
      const v = Float32Array.from({ length: n }, () =>
        random.below(3) === 0 ? special[random.below(special.length)]! : (random.u32() - 2 ** 31) / 7,
      );
      return { bytes: new Uint8Array(v.buffer), words: [...v].map(floatWord) };
    }
    case HashValueKind.Bool: {
      const bits = random.bytes((n + 7) >> 3);
      const words = Array.from({ length: n }, (_, i) => BigInt((bits[i >> 3]! >> (i & 7)) & 1));
      return { bytes: bits, words };
    }
    default: {
      const arrays = {
        [HashValueKind.I8]: Int8Array,
        [HashValueKind.U8]: Uint8Array,
        [HashValueKind.I16]: Int16Array,
        [HashValueKind.U16]: Uint16Array,
        [HashValueKind.I32]: Int32Array,
        [HashValueKind.U32]: Uint32Array,
      } as const;
      if (kind === HashValueKind.I64) {
        const v = BigInt64Array.from({ length: n }, () => BigInt.asIntN(64, random.bits(64)));
        return { bytes: new Uint8Array(v.buffer), words: [...v].map(integerWord) };
      }
      const bytes = random.bytes(n * arrays[kind].BYTES_PER_ELEMENT);
      const v = new arrays[kind](bytes.buffer as ArrayBuffer);
      return { bytes, words: [...v].map(integerWord) };
    }
  }
}

const KINDS = Object.values(HashValueKind) as Kind[];

// tap's deep comparison is slow on 256 KiB arrays; byte equality says the same.
function sameBytes(t: Test, got: Uint8Array, expected: Uint8Array, message: string): void {
  t.ok(Buffer.from(got).equals(Buffer.from(expected)), message);
}

function validBit(validity: Uint8Array | undefined, i: number): boolean {
  return !validity || ((validity[i >> 3]! >> (i & 7)) & 1) === 1;
}

t.test('hashColumnValues matches the reference for every kind, with and without nulls', async (t) => {
  const a = arena();
  const random = new Random(11);
  for (const kind of KINDS) {
    for (const n of [0, 1, 7, 8, 9, 100]) {
      for (const seed of SEEDS) {
        for (const withNulls of [false, true]) {
          const mark = a.mark();
          const { bytes, words } = randomValues(kind, n, random);
          const validity = withNulls ? random.bytes((n + 7) >> 3) : undefined;
          const inPtr = a.copyIn(bytes);
          const validityPtr = validity ? a.copyIn(validity) : 0;
          const outPtr = a.alloc(n * 8);
          t.equal(a.wasm.hashColumnValues(inPtr, n, kind, validityPtr, seed, outPtr), 0);
          const got = a.view(BigUint64Array, outPtr, n);
          for (let i = 0; i < n; i++) {
            const expected = validBit(validity, i) ? hashWordReference(words[i]!, seed) : nullHashReference(seed);
            if (got[i] !== expected) t.fail(`kind ${kind} n ${n} row ${i} seed ${seed}: ${got[i]} != ${expected}`);
          }
          a.release(mark);
        }
      }
    }
  }
  t.equal(a.wasm.hashColumnValues(0, 1, 99, 0, 0n, a.alloc(8)), KernelStatus.Invalid, 'unknown kind');
  t.equal(a.wasm.hashOfNull(7n), nullHashReference(7n));
  a.reset();
});

t.test('floats: -0 and +0 hash alike, every NaN hashes alike, f32 like the same f64', async (t) => {
  const a = arena();
  const f64 = new Float64Array([
    0,
    -0,
    Number.NaN,
    new Float64Array(new BigUint64Array([0xfff0000000000001n]).buffer)[0]!,
    1.5,
  ]);
  const f32 = new Float32Array([0, -0, Number.NaN, Number.NaN, 1.5]);
  const hash = (bytes: Uint8Array, kind: Kind) => {
    const outPtr = a.alloc(5 * 8);
    a.wasm.hashColumnValues(a.copyIn(bytes), 5, kind, 0, 0n, outPtr);
    return [...a.view(BigUint64Array, outPtr, 5)];
  };
  const h64 = hash(new Uint8Array(f64.buffer), HashValueKind.F64);
  const h32 = hash(new Uint8Array(f32.buffer), HashValueKind.F32);
  t.equal(h64[0], h64[1]);
  t.equal(h64[2], h64[3]);
  t.not(h64[0], h64[2]);
  t.same(h32, h64);
  a.reset();
});

t.test('hashColumnBytes matches the reference, with a base and nulls; bad offsets are Invalid', async (t) => {
  const a = arena();
  const random = new Random(12);
  for (const seed of SEEDS) {
    const n = 200;
    const base = 17;
    const offsets = new Int32Array(n + 1);
    offsets[0] = base;
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + random.below(random.below(5) === 0 ? 80 : 9);
    const data = random.bytes(offsets[n]! - base);
    const validity = random.bytes((n + 7) >> 3);
    const outPtr = a.alloc(n * 8);
    const status = a.wasm.hashColumnBytes(
      a.copyIn(new Uint8Array(offsets.buffer)),
      n,
      a.copyIn(data),
      data.length,
      base,
      a.copyIn(validity),
      seed,
      outPtr,
    );
    t.equal(status, 0);
    const got = a.view(BigUint64Array, outPtr, n);
    for (let i = 0; i < n; i++) {
      const expected = validBit(validity, i)
        ? xxhash64Reference(data.subarray(offsets[i]! - base, offsets[i + 1]! - base), seed)
        : nullHashReference(seed);
      if (got[i] !== expected) t.fail(`row ${i}`);
    }
    a.reset();
  }
  const bad = new Int32Array([0, 4, 2]);
  const status = a.wasm.hashColumnBytes(a.copyIn(new Uint8Array(bad.buffer)), 2, a.alloc(8), 8, 0, 0, 0n, a.alloc(16));
  t.equal(status, KernelStatus.Invalid, 'decreasing offsets');
  const past = new Int32Array([0, 9]);
  t.equal(
    a.wasm.hashColumnBytes(a.copyIn(new Uint8Array(past.buffer)), 1, a.alloc(8), 8, 0, 0, 0n, a.alloc(8)),
    KernelStatus.Invalid,
    'offset past the data',
  );
  a.reset();
});

t.test('hashGatherCodes gathers dictionary hashes; codes outside the dictionary are Invalid', async (t) => {
  const a = arena();
  const dict = new BigUint64Array([11n, 22n, 33n]);
  const dictPtr = a.copyIn(new Uint8Array(dict.buffer));
  for (const [kind, codes] of [
    [HashValueKind.I8, new Int8Array([2, 0, 1, 1])],
    [HashValueKind.U16, new Uint16Array([2, 0, 1, 1])],
    [HashValueKind.I32, new Int32Array([2, 0, 1, 1])],
    [HashValueKind.I64, new BigInt64Array([2n, 0n, 1n, 1n])],
  ] as const) {
    const outPtr = a.alloc(32);
    const validity = new Uint8Array([0b1011]);
    const status = a.wasm.hashGatherCodes(
      a.copyIn(new Uint8Array(codes.buffer)),
      4,
      kind,
      a.copyIn(validity),
      dictPtr,
      3,
      5n,
      outPtr,
    );
    t.equal(status, 0);
    t.same([...a.view(BigUint64Array, outPtr, 4)], [33n, 11n, nullHashReference(5n), 22n], `kind ${kind}`);
  }
  const bad = new Int32Array([3]);
  t.equal(
    a.wasm.hashGatherCodes(a.copyIn(new Uint8Array(bad.buffer)), 1, HashValueKind.I32, 0, dictPtr, 3, 0n, a.alloc(8)),
    KernelStatus.Invalid,
  );
  const negative = new Int32Array([-1]);
  t.equal(
    a.wasm.hashGatherCodes(a.copyIn(new Uint8Array(negative.buffer)), 1, HashValueKind.I32, 0, dictPtr, 3, 0n, 0),
    KernelStatus.Invalid,
  );
  t.equal(a.wasm.hashGatherCodes(0, 1, HashValueKind.F64, 0, dictPtr, 3, 0n, 0), KernelStatus.Invalid, 'float codes');
  a.reset();
});

t.test('hashCombine, hashApplyNulls and hashFoldLists match the reference', async (t) => {
  const a = arena();
  const acc = new BigUint64Array([1n, 2n, (1n << 64n) - 1n]);
  const next = new BigUint64Array([5n, 6n, 7n]);
  const accPtr = a.copyIn(new Uint8Array(acc.buffer));
  a.wasm.hashCombine(accPtr, a.copyIn(new Uint8Array(next.buffer)), 3);
  t.same(
    [...a.view(BigUint64Array, accPtr, 3)],
    [0, 1, 2].map((i) => combineReference(acc[i]!, next[i]!)),
  );
  a.wasm.hashApplyNulls(accPtr, 3, a.copyIn(new Uint8Array([0b101])), 9n);
  t.equal(a.view(BigUint64Array, accPtr, 3)[1], nullHashReference(9n));

  const children = new BigUint64Array([10n, 20n, 30n, 40n, 50n]);
  const offsets = new Int32Array([3, 3, 5, 8]); // lists [], [10, 20], [30, 40, 50] relative to base 3
  const outPtr = a.alloc(24);
  const status = a.wasm.hashFoldLists(
    a.copyIn(new Uint8Array(children.buffer)),
    5,
    a.copyIn(new Uint8Array(offsets.buffer)),
    3,
    3,
    4n,
    outPtr,
  );
  t.equal(status, 0);
  const fold = (items: bigint[]) => items.reduce(combineReference, hashWordReference(BigInt(items.length), 4n));
  t.same([...a.view(BigUint64Array, outPtr, 3)], [fold([]), fold([10n, 20n]), fold([30n, 40n, 50n])]);
  const bad = new Int32Array([0, 6]);
  t.equal(
    a.wasm.hashFoldLists(
      a.copyIn(new Uint8Array(children.buffer)),
      5,
      a.copyIn(new Uint8Array(bad.buffer)),
      1,
      0,
      0n,
      0,
    ),
    KernelStatus.Invalid,
  );
  a.reset();
});

t.test('hllAddValues, hllAddBytes and hllAddHashes update registers as the reference does', async (t) => {
  const a = arena();
  const random = new Random(13);
  for (const p of [4, 10, 14, 18]) {
    for (const kind of [HashValueKind.I32, HashValueKind.I64, HashValueKind.F64, HashValueKind.Bool]) {
      const n = 500;
      const { bytes, words } = randomValues(kind, n, random);
      const validity = random.bytes((n + 7) >> 3);
      const seed = random.bits(64);
      const expected = new Uint8Array(1 << p);
      for (let i = 0; i < n; i++) {
        if (validBit(validity, i)) hllUpdateReference(expected, p, hashWordReference(words[i]!, seed));
      }
      const regPtr = a.alloc(1 << p);
      a.u8().fill(0, regPtr, regPtr + (1 << p));
      t.equal(a.wasm.hllAddValues(a.copyIn(bytes), n, kind, a.copyIn(validity), seed, regPtr, p), 0);
      sameBytes(t, a.view(Uint8Array, regPtr, 1 << p), expected, `p ${p} kind ${kind}`);
      a.reset();
    }
    // Byte strings, then the same hashes added as precomputed hashes (the null hash skipped).
    const n = 300;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + random.below(12);
    const data = random.bytes(offsets[n]!);
    const validity = random.bytes((n + 7) >> 3);
    const expected = new Uint8Array(1 << p);
    const hashes = new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      hashes[i] = validBit(validity, i)
        ? xxhash64Reference(data.subarray(offsets[i]!, offsets[i + 1]!), 3n)
        : nullHashReference(3n);
      if (validBit(validity, i)) hllUpdateReference(expected, p, hashes[i]!);
    }
    const regPtr = a.alloc(1 << p);
    a.u8().fill(0, regPtr, regPtr + (1 << p));
    const status = a.wasm.hllAddBytes(
      a.copyIn(new Uint8Array(offsets.buffer)),
      n,
      a.copyIn(data),
      data.length,
      0,
      a.copyIn(validity),
      3n,
      regPtr,
      p,
    );
    t.equal(status, 0);
    sameBytes(t, a.view(Uint8Array, regPtr, 1 << p), expected, `p ${p} bytes`);
    const regPtr2 = a.alloc(1 << p);
    a.u8().fill(0, regPtr2, regPtr2 + (1 << p));
    t.equal(a.wasm.hllAddHashes(a.copyIn(new Uint8Array(hashes.buffer)), n, nullHashReference(3n), regPtr2, p), 0);
    sameBytes(t, a.view(Uint8Array, regPtr2, 1 << p), expected, `p ${p} hashes`);
    a.reset();
  }
});

t.test('HyperLogLog ranks: all-zero remainders reach 65 - p; bad precision and kind are Invalid', async (t) => {
  const a = arena();
  const p = 4;
  const regPtr = a.alloc(16);
  a.u8().fill(0, regPtr, regPtr + 16);
  const hashes = new BigUint64Array([0x3000000000000000n, 0x5800000000000000n, 0x7fffffffffffffffn]);
  t.equal(a.wasm.hllAddHashes(a.copyIn(new Uint8Array(hashes.buffer)), 3, 0n, regPtr, p), 0);
  const registers = [...a.view(Uint8Array, regPtr, 16)];
  t.equal(registers[3], 61, 'register 3: remainder all zero -> 64 - 4 + 1');
  t.equal(registers[5], 1, 'register 5: remainder starts with a 1');
  t.equal(registers[7], 1);
  for (const bad of [3, 19]) {
    t.equal(a.wasm.hllAddHashes(0, 0, 0n, regPtr, bad), KernelStatus.Invalid);
    t.equal(a.wasm.hllAddValues(0, 0, HashValueKind.I64, 0, 0n, regPtr, bad), KernelStatus.Invalid);
    t.equal(a.wasm.hllAddBytes(0, 0, 0, 0, 0, 0, 0n, regPtr, bad), KernelStatus.Invalid);
  }
  t.equal(a.wasm.hllAddValues(a.alloc(8), 1, 42, 0, 0n, regPtr, p), KernelStatus.Invalid);
  a.reset();
});
