// Hashes of column values for the DataFrame (hash partitioning, joins, group keys, HyperLogLog), built on the XXH64
// of assembly/xxhash64.ts. Values are hashed by what they mean, not by their storage: every integer width is widened
// to 64 bits (int32 7 and int64 7 hash alike, so keys of different integer types meet in a join), floats are widened
// to f64 with -0 folded into +0 and every NaN into one quiet NaN (equal values, equal hashes, as SQL GROUP BY sees
// them), booleans are the integers 0/1. Null rows get one fixed hash per seed.
// The kinds are the values of HashValueKind in src/kernels/abi.ts.

import { INVALID } from './status';
import { xxh64, xxh64Of8 } from './xxhash64';

export const KIND_I8: i32 = 0;
export const KIND_U8: i32 = 1;
export const KIND_I16: i32 = 2;
export const KIND_U16: i32 = 3;
export const KIND_I32: i32 = 4;
export const KIND_U32: i32 = 5;
export const KIND_I64: i32 = 6;
export const KIND_F32: i32 = 7;
export const KIND_F64: i32 = 8;
export const KIND_BOOL: i32 = 9;

const CANONICAL_NAN: u64 = (<u64>0x7ff80000) << 32;
// "null" twice: the 8-byte word whose hash stands for a null row. It is hashed with a seed derived from the caller's,
// so a null collides with no value systematically (the integer 0x6e756c6c6e756c6c is hashed with the caller's seed).
const NULL_WORD: u64 = ((<u64>0x6e756c6c) << 32) | 0x6e756c6c;
const NULL_SEED_MIX: u64 = ((<u64>0x9e3779b9) << 32) | 0x7f4a7c15;

/** The hash every null row gets under `seed`. */
export function hashOfNull(seed: u64): u64 {
  return xxh64Of8(NULL_WORD, seed ^ NULL_SEED_MIX);
}

/** The 64-bit word value i of type T is hashed as (see the file header). */
export function normalizedWord<T>(ptr: usize, i: usize): u64 {
  const v = load<T>(ptr + (i << alignof<T>()));
  if (isFloat<T>()) {
    const d = <f64>v;
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
    if (isNaN(d)) return CANONICAL_NAN;
    if (d === 0) return 0;
    return reinterpret<u64>(d);
  } else if (isSigned<T>()) {
    return <u64>(<i64>v);
  } else {
    return <u64>v;
  }
}

function validAt(validityPtr: usize, i: usize): bool {
  return ((load<u8>(validityPtr + (i >> 3)) >> <u8>(i & 7)) & 1) !== 0;
}

function hashWords<T>(inPtr: usize, n: usize, validityPtr: usize, seed: u64, outPtr: usize): void {
  if (validityPtr === 0) {
    for (let i: usize = 0; i < n; i++) store<u64>(outPtr + (i << 3), xxh64Of8(normalizedWord<T>(inPtr, i), seed));
    return;
  }
  const nullHash = hashOfNull(seed);
  for (let i: usize = 0; i < n; i++) {
    const h = validAt(validityPtr, i) ? xxh64Of8(normalizedWord<T>(inPtr, i), seed) : nullHash;
    store<u64>(outPtr + (i << 3), h);
  }
}

function hashBools(bitsPtr: usize, n: usize, validityPtr: usize, seed: u64, outPtr: usize): void {
  const nullHash = hashOfNull(seed);
  const hashFalse = xxh64Of8(0, seed);
  const hashTrue = xxh64Of8(1, seed);
  for (let i: usize = 0; i < n; i++) {
    let h = validAt(bitsPtr, i) ? hashTrue : hashFalse;
    if (validityPtr !== 0 && !validAt(validityPtr, i)) h = nullHash;
    store<u64>(outPtr + (i << 3), h);
  }
}

/** Hashes `count` values of `kind` at `inPtr` (for KIND_BOOL an LSB bitmap) into u64s at `outPtr`; rows whose bit
 *  in the LSB bitmap at `validityPtr` is clear (none when `validityPtr` is 0) get hashOfNull(seed). Returns 0, or
 *  INVALID for an unknown kind. */
export function hashColumnValues(
  inPtr: usize,
  count: i32,
  kind: i32,
  validityPtr: usize,
  seed: u64,
  outPtr: usize,
): i32 {
  if (count <= 0) return 0;
  const n = <usize>count;
  if (kind === KIND_I8) hashWords<i8>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_U8) hashWords<u8>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_I16) hashWords<i16>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_U16) hashWords<u16>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_I32) hashWords<i32>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_U32) hashWords<u32>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_I64) hashWords<u64>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_F32) hashWords<f32>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_F64) hashWords<f64>(inPtr, n, validityPtr, seed, outPtr);
  else if (kind === KIND_BOOL) hashBools(inPtr, n, validityPtr, seed, outPtr);
  else return INVALID;
  return 0;
}

/** Hashes `count` byte strings (i32 offsets relative to `base` into `dataLen` bytes at `dataPtr`) into u64s at
 *  `outPtr`, null rows (see hashColumnValues) getting hashOfNull(seed). Returns 0, or INVALID when a valid row's
 *  offsets decrease or leave the data. */
export function hashColumnBytes(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  dataLen: i32,
  base: i32,
  validityPtr: usize,
  seed: u64,
  outPtr: usize,
): i32 {
  const nullHash = hashOfNull(seed);
  for (let i: usize = 0; i < <usize>count; i++) {
    if (validityPtr !== 0 && !validAt(validityPtr, i)) {
      store<u64>(outPtr + (i << 3), nullHash);
      continue;
    }
    const start = load<i32>(offsetsPtr + (i << 2)) - base;
    const end = load<i32>(offsetsPtr + ((i + 1) << 2)) - base;
    if (start < 0 || end < start || end > dataLen) return INVALID;
    store<u64>(outPtr + (i << 3), xxh64(dataPtr + <usize>start, <usize>(end - start), seed));
  }
  return 0;
}

function codeAt(codesPtr: usize, i: usize, kind: i32): i64 {
  if (kind === KIND_I8) return <i64>load<i8>(codesPtr + i);
  if (kind === KIND_U8) return <i64>load<u8>(codesPtr + i);
  if (kind === KIND_I16) return <i64>load<i16>(codesPtr + (i << 1));
  if (kind === KIND_U16) return <i64>load<u16>(codesPtr + (i << 1));
  if (kind === KIND_I32) return <i64>load<i32>(codesPtr + (i << 2));
  if (kind === KIND_U32) return <i64>load<u32>(codesPtr + (i << 2));
  return load<i64>(codesPtr + (i << 3));
}

/** Dictionary columns hash by value: out[i] = dictHashes[code i] for the `count` codes of integer `kind` at
 *  `codesPtr`, hashOfNull(seed) for null rows. Returns 0, or INVALID for a valid row's code outside
 *  [0, dictCount) or a kind that is not an integer. */
export function hashGatherCodes(
  codesPtr: usize,
  count: i32,
  kind: i32,
  validityPtr: usize,
  dictHashesPtr: usize,
  dictCount: i32,
  seed: u64,
  outPtr: usize,
): i32 {
  if (kind < KIND_I8 || kind > KIND_I64) return INVALID;
  const nullHash = hashOfNull(seed);
  for (let i: usize = 0; i < <usize>count; i++) {
    if (validityPtr !== 0 && !validAt(validityPtr, i)) {
      store<u64>(outPtr + (i << 3), nullHash);
      continue;
    }
    const code = codeAt(codesPtr, i, kind);
    if (code < 0 || code >= <i64>dictCount) return INVALID;
    store<u64>(outPtr + (i << 3), load<u64>(dictHashesPtr + ((<usize>code) << 3)));
  }
  return 0;
}

/** Sets the hash of every row whose validity bit is clear to hashOfNull(seed) (struct and list rows that are null,
 *  whatever their children hold). */
export function hashApplyNulls(hashesPtr: usize, count: i32, validityPtr: usize, seed: u64): void {
  const nullHash = hashOfNull(seed);
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!validAt(validityPtr, i)) store<u64>(hashesPtr + (i << 3), nullHash);
  }
}

/** Folds the hashes of further key columns into row hashes: acc[i] = XXH64 of the word hashes[i] seeded with
 *  acc[i], so (a, b) and (b, a) differ. */
export function hashCombine(accPtr: usize, hashesPtr: usize, count: i32): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    const p = accPtr + (i << 3);
    store<u64>(p, xxh64Of8(load<u64>(hashesPtr + (i << 3)), load<u64>(p)));
  }
}

/** Hashes of `count` lists: list i folds (as hashCombine) the child hashes [offsets[i], offsets[i + 1]) (i32
 *  offsets relative to `base`, `childCount` child hashes at `childHashesPtr`) into the hash of its length. Returns
 *  0, or INVALID for offsets that decrease or leave the children. */
export function hashFoldLists(
  childHashesPtr: usize,
  childCount: i32,
  offsetsPtr: usize,
  count: i32,
  base: i32,
  seed: u64,
  outPtr: usize,
): i32 {
  for (let i: usize = 0; i < <usize>count; i++) {
    const start = load<i32>(offsetsPtr + (i << 2)) - base;
    const end = load<i32>(offsetsPtr + ((i + 1) << 2)) - base;
    if (start < 0 || end < start || end > childCount) return INVALID;
    let h = xxh64Of8(<u64>(end - start), seed);
    for (let j = start; j < end; j++) h = xxh64Of8(load<u64>(childHashesPtr + ((<usize>j) << 3)), h);
    store<u64>(outPtr + (i << 3), h);
  }
  return 0;
}

/** Partition numbers of `count` row hashes: out[i] = (low 32 bits of hash i) * npartitions >> 32 as i32, uniform
 *  over [0, npartitions) (multiply-shift, no division). The low bits keep partitions independent of the high bits
 *  HyperLogLog indexes its registers with. */
export function hashPartitions(hashesPtr: usize, count: i32, npartitions: u32, outPtr: usize): void {
  const n = <u64>npartitions;
  for (let i: usize = 0; i < <usize>count; i++) {
    const low = load<u64>(hashesPtr + (i << 3)) & 0xffffffff;
    store<i32>(outPtr + (i << 2), <i32>((low * n) >> 32));
  }
}
