// HyperLogLog register updates (Flajolet et al. 2007, with the 64-bit hash of Heule et al. 2013 "HyperLogLog in
// Practice" so no large-range correction is needed), fused with the column hash of assembly/column_hash.ts: each
// value is hashed and its register updated in one pass, the hashes never written to memory. A register set has
// m = 2^p one-byte registers; hash h goes to register h >> (64 - p) and proposes the rank (1-based position of the
// first 1 bit) of its remaining 64 - p bits, 65 - p when they are all zero. Null rows are skipped.
// The estimate (Ertl's improved estimator) is computed in TypeScript from the register histogram.

import {
  KIND_BOOL,
  KIND_F32,
  KIND_F64,
  KIND_I8,
  KIND_I16,
  KIND_I32,
  KIND_I64,
  KIND_U8,
  KIND_U16,
  KIND_U32,
  normalizedWord,
} from './column_hash';
import { INVALID } from './status';
import { xxh64, xxh64Of8 } from './xxhash64';

function update(regPtr: usize, p: u64, h: u64): void {
  const r = regPtr + <usize>(h >> (64 - p));
  // The sentinel bit caps the count of leading zeros at 64 - p.
  const rank = <u8>(clz<u64>((h << p) | ((<u64>1) << (p - 1))) + 1);
  if (rank > load<u8>(r)) store<u8>(r, rank);
}

function validAt(validityPtr: usize, i: usize): bool {
  return ((load<u8>(validityPtr + (i >> 3)) >> <u8>(i & 7)) & 1) !== 0;
}

function addWords<T>(inPtr: usize, n: usize, validityPtr: usize, seed: u64, regPtr: usize, p: u64): void {
  if (validityPtr === 0) {
    // Four hashes before their four updates: the multiplications of independent values overlap.
    let i: usize = 0;
    for (; i + 4 <= n; i += 4) {
      const h0 = xxh64Of8(normalizedWord<T>(inPtr, i), seed);
      const h1 = xxh64Of8(normalizedWord<T>(inPtr, i + 1), seed);
      const h2 = xxh64Of8(normalizedWord<T>(inPtr, i + 2), seed);
      const h3 = xxh64Of8(normalizedWord<T>(inPtr, i + 3), seed);
      update(regPtr, p, h0);
      update(regPtr, p, h1);
      update(regPtr, p, h2);
      update(regPtr, p, h3);
    }
    for (; i < n; i++) update(regPtr, p, xxh64Of8(normalizedWord<T>(inPtr, i), seed));
    return;
  }
  for (let i: usize = 0; i < n; i++) {
    if (validAt(validityPtr, i)) update(regPtr, p, xxh64Of8(normalizedWord<T>(inPtr, i), seed));
  }
}

function addBools(bitsPtr: usize, n: usize, validityPtr: usize, seed: u64, regPtr: usize, p: u64): void {
  const hashFalse = xxh64Of8(0, seed);
  const hashTrue = xxh64Of8(1, seed);
  for (let i: usize = 0; i < n; i++) {
    if (validityPtr !== 0 && !validAt(validityPtr, i)) continue;
    update(regPtr, p, validAt(bitsPtr, i) ? hashTrue : hashFalse);
  }
}

/** Adds the non-null values among `count` of `kind` (HashValueKind; bool: an LSB bitmap) at `inPtr` to the 2^p
 *  registers at `regPtr`, hashing them as hashColumnValues does. Returns 0, or INVALID for an unknown kind or a
 *  precision outside 4..18. */
export function hllAddValues(
  inPtr: usize,
  count: i32,
  kind: i32,
  validityPtr: usize,
  seed: u64,
  regPtr: usize,
  p: i32,
): i32 {
  if (p < 4 || p > 18) return INVALID;
  if (count <= 0) return 0;
  const n = <usize>count;
  const bits = <u64>p;
  if (kind === KIND_I8) addWords<i8>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_U8) addWords<u8>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_I16) addWords<i16>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_U16) addWords<u16>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_I32) addWords<i32>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_U32) addWords<u32>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_I64) addWords<u64>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_F32) addWords<f32>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_F64) addWords<f64>(inPtr, n, validityPtr, seed, regPtr, bits);
  else if (kind === KIND_BOOL) addBools(inPtr, n, validityPtr, seed, regPtr, bits);
  else return INVALID;
  return 0;
}

/** Adds the non-null byte strings among `count` (i32 offsets relative to `base` into `dataLen` bytes at `dataPtr`)
 *  to the registers, hashed as hashColumnBytes does. Returns 0, or INVALID for bad offsets or precision. */
export function hllAddBytes(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  dataLen: i32,
  base: i32,
  validityPtr: usize,
  seed: u64,
  regPtr: usize,
  p: i32,
): i32 {
  if (p < 4 || p > 18) return INVALID;
  const bits = <u64>p;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (validityPtr !== 0 && !validAt(validityPtr, i)) continue;
    const start = load<i32>(offsetsPtr + (i << 2)) - base;
    const end = load<i32>(offsetsPtr + ((i + 1) << 2)) - base;
    if (start < 0 || end < start || end > dataLen) return INVALID;
    update(regPtr, bits, xxh64(dataPtr + <usize>start, <usize>(end - start), seed));
  }
  return 0;
}

/** Adds `count` precomputed hashes at `hashesPtr` to the registers, skipping those equal to `nullHash` (the
 *  hashOfNull of their seed: null rows, including rows that are null through a dictionary or a struct). Returns 0, or
 *  INVALID for a precision outside 4..18. */
export function hllAddHashes(hashesPtr: usize, count: i32, nullHash: u64, regPtr: usize, p: i32): i32 {
  if (p < 4 || p > 18) return INVALID;
  const bits = <u64>p;
  for (let i: usize = 0; i < <usize>count; i++) {
    const h = load<u64>(hashesPtr + (i << 3));
    if (h !== nullHash) update(regPtr, bits, h);
  }
  return 0;
}
