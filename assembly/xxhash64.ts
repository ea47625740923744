// XXH64, the hash of Parquet's split-block bloom filters (parquet-format BloomFilter.md "Hash Function", which points
// to the xxHash specification doc/xxhash_spec.md, "XXH64 algorithm description"). Also the general-purpose hash of
// the DataFrame (partitioning, HyperLogLog, group keys), hence the seed parameter.

import { INVALID } from './status';

const P1: u64 = ((<u64>0x9e3779b1) << 32) | 0x85ebca87;
const P2: u64 = ((<u64>0xc2b2ae3d) << 32) | 0x27d4eb4f;
const P3: u64 = ((<u64>0x165667b1) << 32) | 0x9e3779f9;
const P4: u64 = ((<u64>0x85ebca77) << 32) | 0xc2b2ae63;
const P5: u64 = ((<u64>0x27d4eb2f) << 32) | 0x165667c5;

function round(acc: u64, lane: u64): u64 {
  return rotl<u64>(acc + lane * P2, 31) * P1;
}

function mergeRound(acc: u64, value: u64): u64 {
  return (acc ^ round(0, value)) * P1 + P4;
}

function avalanche(h: u64): u64 {
  h = (h ^ (h >> 33)) * P2;
  h = (h ^ (h >> 29)) * P3;
  return h ^ (h >> 32);
}

/** XXH64 of one 4-byte value (the 4-byte tail step only). */
export function xxh64Of4(value: u32, seed: u64): u64 {
  let h = seed + P5 + 4;
  h ^= <u64>value * P1;
  return avalanche(rotl<u64>(h, 23) * P2 + P3);
}

/** XXH64 of one 8-byte value (the 8-byte tail step only). */
export function xxh64Of8(value: u64, seed: u64): u64 {
  let h = seed + P5 + 8;
  h ^= round(0, value);
  return avalanche(rotl<u64>(h, 27) * P1 + P4);
}

/** XXH64 of `len` bytes at `ptr`. */
export function xxh64(ptr: usize, len: usize, seed: u64): u64 {
  let p = ptr;
  const end = ptr + len;
  let h: u64;
  if (len >= 32) {
    let v1 = seed + P1 + P2;
    let v2 = seed + P2;
    let v3 = seed;
    let v4 = seed - P1;
    const limit = end - 32;
    do {
      v1 = round(v1, load<u64>(p));
      v2 = round(v2, load<u64>(p, 8));
      v3 = round(v3, load<u64>(p, 16));
      v4 = round(v4, load<u64>(p, 24));
      p += 32;
    } while (p <= limit);
    h = rotl<u64>(v1, 1) + rotl<u64>(v2, 7) + rotl<u64>(v3, 12) + rotl<u64>(v4, 18);
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = seed + P5;
  }
  h += <u64>len;
  while (p + 8 <= end) {
    h ^= round(0, load<u64>(p));
    h = rotl<u64>(h, 27) * P1 + P4;
    p += 8;
  }
  if (p + 4 <= end) {
    h ^= <u64>load<u32>(p) * P1;
    h = rotl<u64>(h, 23) * P2 + P3;
    p += 4;
  }
  while (p < end) {
    h ^= <u64>load<u8>(p) * P5;
    h = rotl<u64>(h, 11) * P1;
    p++;
  }
  return avalanche(h);
}

/** Hashes `count` values of `width` bytes each (back to back at `inPtr`) into u64s at `outPtr`. */
export function xxhash64Fixed(inPtr: usize, count: i32, width: i32, seed: u64, outPtr: usize): void {
  if (count <= 0 || width < 0) return;
  const n = <usize>count;
  if (width === 4) {
    for (let i: usize = 0; i < n; i++) store<u64>(outPtr + (i << 3), xxh64Of4(load<u32>(inPtr + (i << 2)), seed));
  } else if (width === 8) {
    for (let i: usize = 0; i < n; i++) store<u64>(outPtr + (i << 3), xxh64Of8(load<u64>(inPtr + (i << 3)), seed));
  } else {
    const w = <usize>width;
    for (let i: usize = 0; i < n; i++) store<u64>(outPtr + (i << 3), xxh64(inPtr + i * w, w, seed));
  }
}

/** Hashes `count` byte arrays into u64s at `outPtr`: value i is the bytes [offsets[i], offsets[i + 1]) (i32
 *  offsets at `offsetsPtr`, relative to `base`) of the `dataLen` bytes at `dataPtr`. Returns 0, or INVALID (nothing
 *  hashed past the bad value) when an offset decreases or leaves the data. */
export function xxhash64Bytes(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  dataLen: i32,
  base: i32,
  seed: u64,
  outPtr: usize,
): i32 {
  if (count <= 0) return 0;
  let start = load<i32>(offsetsPtr) - base;
  if (start < 0 || start > dataLen) return INVALID;
  for (let i: usize = 0; i < <usize>count; i++) {
    const end = load<i32>(offsetsPtr + ((i + 1) << 2)) - base;
    if (end < start || end > dataLen) return INVALID;
    store<u64>(outPtr + (i << 3), xxh64(dataPtr + <usize>start, <usize>(end - start), seed));
    start = end;
  }
  return 0;
}
