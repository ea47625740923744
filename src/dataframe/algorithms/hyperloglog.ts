// HyperLogLog distinct counts (Flajolet, Fusy, Gandouet, Meunier 2007) over the 64-bit row hashes of ./hash.ts.
//
// A sketch is plain data: m = 2^p one-byte registers in a Uint8Array (p = precision, 4..18), so it crosses threads
// and processes as is; sketches of partitions merge by register-wise max, and the merged registers equal those of
// the union of the partitions (the registers are a function of the set of distinct hashes, not of the order or
// multiplicity of values). Nulls are not counted.
//
// Registers: hash h goes to register h >> (64 - p), which keeps the largest rank (1 + leading zeros) of the other
// 64 - p bits. With a 64-bit hash no large-range correction is needed (Heule, Nunkesser, Hall 2013, "HyperLogLog in
// Practice", section 5.1). The hash and the register update run fused in one kernel (assembly/hyperloglog.ts).
//
// Estimate: Ertl's improved raw estimator (O. Ertl 2017, "New cardinality estimation algorithms for HyperLogLog
// sketches", arXiv:1702.01284; DuckDB uses the same). It treats the registers' histogram with two corrections,
// sigma() for registers still 0 (in effect the linear counting HLL++ switches to for small cardinalities) and tau()
// for registers at their maximum, and is unbiased over the whole range without HLL++'s empirical bias tables: the
// classic estimator (linear counting below 2.5m) is biased around n = 2.5m, with a measured RMSE near three standard
// errors there (bench/RESULTS-hll.md), the range HLL++'s tables exist for. Relative standard error: about
// 1.04 / sqrt(m) (0.81% at the default p = 14).
import type { Column } from '../../columnar/types.js';
import { arena } from '../../kernels/arena.js';
import { copyBytesChunk, copyValidityChunk, copyWordsChunk, forEachChunk, wordKind } from './column_input.js';
import { AlgorithmError } from './errors.js';
import { type DictionaryHashes, hashDictionaries, hashRowsInto, seedOf } from './hash.js';

/** Smallest precision (16 registers). */
export const HLL_MIN_PRECISION = 4;
/** Largest precision (256 KiB of registers). */
export const HLL_MAX_PRECISION = 18;
/** Default precision: 16 KiB of registers, 0.81% standard error. */
export const HLL_DEFAULT_PRECISION = 14;

/** The relative standard error of the estimate at `precision`: 1.04 / sqrt(2^precision). */
export function hllStandardError(precision: number): number {
  checkPrecision(precision);
  return 1.04 / Math.sqrt(2 ** precision);
}

/** Empty registers (all 0) of 2^precision bytes. */
export function hllCreate(precision: number = HLL_DEFAULT_PRECISION): Uint8Array {
  checkPrecision(precision);
  return new Uint8Array(2 ** precision);
}

/** The precision of a register set (its length must be 2^p, p in 4..18). */
export function hllPrecision(registers: Uint8Array): number {
  const p = Math.log2(registers.length);
  if (!Number.isInteger(p) || p < HLL_MIN_PRECISION || p > HLL_MAX_PRECISION) {
    throw new AlgorithmError('INVALID_ARGUMENT', `HyperLogLog registers: ${registers.length} is not 2^4..2^18`);
  }
  return p;
}

/**
 * Adds the non-null values of `column` to `registers` (in place; also returned). Values hash as {@link hashColumn}
 * with `seed` does, so sketches are only comparable under the same seed.
 */
export function hllAdd(registers: Uint8Array, column: Column, seed: bigint | number = 0n): Uint8Array {
  const p = hllPrecision(registers);
  const s = seedOf(seed);
  const a = arena();
  const mark = a.mark();
  try {
    const regPtr = a.copyIn(registers);
    const add = (status: number): void => {
      if (status < 0) throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} column: offsets out of range`);
    };
    const kind = wordKind(column.type);
    const k = column.type.kind;
    if (kind !== undefined) {
      forEachChunk(column.length, (from, to) => {
        const chunk = a.mark();
        const valuesPtr = copyWordsChunk(a, column, from, to);
        const validityPtr = copyValidityChunk(a, column, from, to);
        add(a.wasm.hllAddValues(valuesPtr, to - from, kind, validityPtr, s, regPtr, p));
        a.release(chunk);
      });
    } else if (k === 'utf8' || k === 'large_utf8' || k === 'binary' || k === 'large_binary') {
      forEachChunk(column.length, (from, to) => {
        const chunk = a.mark();
        const c = copyBytesChunk(a, column, from, to);
        const validityPtr = copyValidityChunk(a, column, from, to);
        add(a.wasm.hllAddBytes(c.offsetsPtr, to - from, c.dataPtr, c.dataLen, c.base, validityPtr, s, regPtr, p));
        a.release(chunk);
      });
    } else {
      // Dictionaries, structs, lists, ...: row hashes first, then the registers (null rows carry the null hash).
      const dictionaries: DictionaryHashes = new Map();
      hashDictionaries(a, column, s, dictionaries);
      const nullHash = a.wasm.hashOfNull(s);
      forEachChunk(column.length, (from, to) => {
        const chunk = a.mark();
        const hashesPtr = a.alloc((to - from) * 8);
        hashRowsInto(a, column, s, from, to, hashesPtr, dictionaries);
        add(a.wasm.hllAddHashes(hashesPtr, to - from, nullHash, regPtr, p));
        a.release(chunk);
      });
    }
    registers.set(a.view(Uint8Array, regPtr, registers.length));
  } finally {
    a.release(mark);
  }
  return registers;
}

/** Registers of the non-null values of `column` at `precision`. */
export function hllOfColumn(
  column: Column,
  precision: number = HLL_DEFAULT_PRECISION,
  seed: bigint | number = 0n,
): Uint8Array {
  return hllAdd(hllCreate(precision), column, seed);
}

/** Merges `source` into `target` (register-wise max, in place); both must have the same precision. */
export function hllMergeInto(target: Uint8Array, source: Uint8Array): Uint8Array {
  if (hllPrecision(target) !== hllPrecision(source)) {
    throw new AlgorithmError(
      'INVALID_ARGUMENT',
      `HyperLogLog merge of ${target.length} and ${source.length} registers`,
    );
  }
  for (let i = 0; i < target.length; i++) if (source[i]! > target[i]!) target[i] = source[i]!;
  return target;
}

/** The union of several register sets of one precision, as new registers (the inputs are not changed). */
export function hllMerge(registersList: readonly Uint8Array[]): Uint8Array {
  if (registersList.length === 0) throw new AlgorithmError('INVALID_ARGUMENT', 'hllMerge of no registers');
  const out = new Uint8Array(registersList[0]!.length);
  for (const r of registersList) hllMergeInto(out, r);
  return out;
}

/** The estimated number of distinct non-null values the registers saw (Ertl's improved estimator, see above). */
export function hllEstimate(registers: Uint8Array): number {
  const p = hllPrecision(registers);
  const m = registers.length;
  const q = 64 - p;
  const histogram = new Float64Array(q + 2);
  for (let i = 0; i < m; i++) {
    const r = registers[i]!;
    if (r > q + 1) throw new AlgorithmError('INVALID_ARGUMENT', `HyperLogLog register ${i} = ${r} > ${q + 1}`);
    histogram[r]!++;
  }
  if (histogram[0] === m) return 0;
  let z = m * tau(1 - histogram[q + 1]! / m);
  for (let k = q; k >= 1; k--) z = 0.5 * (z + histogram[k]!);
  z += m * sigma(histogram[0]! / m);
  return (m * m) / (2 * Math.LN2 * z);
}

// sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1) (Ertl, eq. 19), summed until the terms no longer change the sum.
function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  let previous: number;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z !== previous);
  return z;
}

// tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3 (Ertl, eq. 20).
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  do {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  } while (z !== previous);
  return z / 3;
}

function checkPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < HLL_MIN_PRECISION || precision > HLL_MAX_PRECISION) {
    throw new AlgorithmError('INVALID_ARGUMENT', `HyperLogLog precision ${precision}: expected an integer 4..18`);
  }
}
