// Dictionary building for the writer (Encodings.md "Dictionary Encoding"): one pass over a column chunk's values
// with an open-addressing hash table (linear probing, load <= 1/2) in caller-provided memory. Each value gets the
// index of its first occurrence in the dictionary; values compare by their bytes, so floats dedup by bit pattern
// (equal NaNs merge, -0 and +0 stay apart). The pass stops as soon as the dictionary passes its limit, so a
// high-cardinality column costs only the work up to that point before the writer falls back.
//
// The tables are those of open_addressing.ts (shared with the DataFrame's group ids): they start small and double
// (rebuilt from the dictionary) as entries arrive, so a column with few distinct values probes a table that stays
// in cache whatever the limit; 4- and 8-byte values live in the slots, others are found through a tag of their hash.

import {
  bytesEqual,
  findFixed,
  insertTagged,
  rebuildFixed,
  storeFixed,
  storeTagged,
  taggedSlot,
} from './open_addressing';
import { OVERFLOW } from './status';
import { xxh64 } from './xxhash64';

/** log2 of the initial table size (slots). */
const START_BITS: i32 = 10;

function buildNative<T>(
  inPtr: usize,
  count: i32,
  tablePtr: usize,
  maxBits: i32,
  maxDistinct: i32,
  indicesPtr: usize,
  dictPtr: usize,
): i32 {
  let bits = min(START_BITS, maxBits);
  memory.fill(tablePtr, 0, ((<usize>sizeof<T>()) << 1) << bits);
  let distinct: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    const v = load<T>(inPtr + i * sizeof<T>());
    let index = findFixed<T>(tablePtr, bits, v);
    if (index < 0) {
      if (distinct >= maxDistinct) return OVERFLOW;
      const slot = <u32>(-index - 1);
      index = distinct++;
      store<T>(dictPtr + <usize>index * sizeof<T>(), v);
      if (distinct << 1 > 1 << bits && bits < maxBits) {
        bits++;
        rebuildFixed<T>(tablePtr, bits, dictPtr, distinct, -1);
      } else {
        storeFixed<T>(tablePtr, slot, v, index);
      }
    }
    store<i32>(indicesPtr + (i << 2), index);
  }
  return distinct;
}

function buildWide(
  inPtr: usize,
  count: i32,
  width: i32,
  tablePtr: usize,
  maxBits: i32,
  maxDistinct: i32,
  indicesPtr: usize,
  dictPtr: usize,
): i32 {
  const w = <usize>width;
  let bits = min(START_BITS, maxBits);
  let mask: u32 = (1 << bits) - 1;
  memory.fill(tablePtr, 0, (<usize>8) << bits);
  let distinct: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    const p = inPtr + i * w;
    const hash = xxh64(p, w, 0);
    const tag = <u32>hash;
    let slot = taggedSlot(hash, bits);
    let index: i32 = -1;
    while (true) {
      const s = tablePtr + ((<usize>slot) << 3);
      const entry = load<u32>(s, 4);
      if (entry === 0) break;
      if (load<u32>(s) === tag && bytesEqual(dictPtr + <usize>(entry - 1) * w, p, w)) {
        index = <i32>entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (index < 0) {
      if (distinct >= maxDistinct) return OVERFLOW;
      index = distinct++;
      memory.copy(dictPtr + <usize>index * w, p, w);
      if (distinct << 1 > 1 << bits && bits < maxBits) {
        bits++;
        mask = (1 << bits) - 1;
        memory.fill(tablePtr, 0, (<usize>8) << bits);
        for (let j: i32 = 0; j < distinct; j++) {
          const q = dictPtr + <usize>j * w;
          insertTagged(tablePtr, bits, xxh64(q, w, 0), <u32>(j + 1));
        }
      } else {
        storeTagged(tablePtr, slot, hash, <u32>distinct);
      }
    }
    store<i32>(indicesPtr + (i << 2), index);
  }
  return distinct;
}

/**
 * Dictionary of `count` values of `width` bytes at `inPtr`. The table memory at `tablePtr` holds 2^maxTableBits
 * slots of 16 bytes for width 8, 8 bytes otherwise, more than twice `maxDistinct` (or `count`). Writes one i32 index per value at
 * `indicesPtr` and the distinct values, in first-occurrence order, at `dictPtr` (capacity min(count, maxDistinct)
 * values). Returns the number of distinct values, or OVERFLOW once it would pass `maxDistinct`.
 */
export function dictBuildFixed(
  inPtr: usize,
  count: i32,
  width: i32,
  tablePtr: usize,
  maxTableBits: i32,
  maxDistinct: i32,
  indicesPtr: usize,
  dictPtr: usize,
): i32 {
  if (count <= 0 || width <= 0) return 0;
  if (width === 4) return buildNative<u32>(inPtr, count, tablePtr, maxTableBits, maxDistinct, indicesPtr, dictPtr);
  if (width === 8) return buildNative<u64>(inPtr, count, tablePtr, maxTableBits, maxDistinct, indicesPtr, dictPtr);
  return buildWide(inPtr, count, width, tablePtr, maxTableBits, maxDistinct, indicesPtr, dictPtr);
}

/**
 * Dictionary of `count` byte arrays: value i is [offsets[i] - base, offsets[i + 1] - base) of the data at `dataPtr`
 * (offsets are trusted: the caller built them). The table memory at `tablePtr` holds 2^maxTableBits slots of 8
 * bytes, more than twice maxPlainBytes / 4 (or `count`). Writes one i32 index per value at `indicesPtr`, the
 * dictionary's offsets (distinct + 1, from 0) at `dictOffsetsPtr` and its bytes at `dictDataPtr` (capacity
 * min(maxPlainBytes, total value bytes)). Returns the number of distinct values, or OVERFLOW once their PLAIN size
 * (4-byte length + bytes each) would pass `maxPlainBytes`.
 */
export function dictBuildBytes(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  base: i32,
  tablePtr: usize,
  maxTableBits: i32,
  maxPlainBytes: i32,
  indicesPtr: usize,
  dictOffsetsPtr: usize,
  dictDataPtr: usize,
): i32 {
  store<i32>(dictOffsetsPtr, 0);
  if (count <= 0) return 0;
  let bits = min(START_BITS, maxTableBits);
  let mask: u32 = (1 << bits) - 1;
  memory.fill(tablePtr, 0, (<usize>8) << bits);
  let distinct: i32 = 0;
  let dictBytes: i32 = 0;
  let plainBytes: i64 = 0;
  let start = load<i32>(offsetsPtr) - base;
  for (let i: usize = 0; i < <usize>count; i++) {
    const end = load<i32>(offsetsPtr + ((i + 1) << 2)) - base;
    const p = dataPtr + <usize>start;
    const len = <usize>(end - start);
    const hash = xxh64(p, len, 0);
    const tag = <u32>hash;
    let slot = taggedSlot(hash, bits);
    let index: i32 = -1;
    while (true) {
      const s = tablePtr + ((<usize>slot) << 3);
      const entry = load<u32>(s, 4);
      if (entry === 0) break;
      if (load<u32>(s) === tag) {
        const at = dictOffsetsPtr + ((<usize>(entry - 1)) << 2);
        const dStart = load<i32>(at);
        if (<usize>(load<i32>(at, 4) - dStart) === len && bytesEqual(dictDataPtr + <usize>dStart, p, len)) {
          index = <i32>entry - 1;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (index < 0) {
      plainBytes += 4 + <i64>len;
      if (plainBytes > <i64>maxPlainBytes) return OVERFLOW;
      index = distinct++;
      memory.copy(dictDataPtr + <usize>dictBytes, p, len);
      dictBytes += <i32>len;
      store<i32>(dictOffsetsPtr + ((<usize>distinct) << 2), dictBytes);
      if (distinct << 1 > 1 << bits && bits < maxTableBits) {
        bits++;
        mask = (1 << bits) - 1;
        memory.fill(tablePtr, 0, (<usize>8) << bits);
        for (let j: i32 = 0; j < distinct; j++) {
          const at = dictOffsetsPtr + ((<usize>j) << 2);
          const q = dictDataPtr + <usize>load<i32>(at);
          insertTagged(tablePtr, bits, xxh64(q, <usize>(load<i32>(at, 4) - load<i32>(at)), 0), <u32>(j + 1));
        }
      } else {
        storeTagged(tablePtr, slot, hash, <u32>distinct);
      }
    }
    store<i32>(indicesPtr + (i << 2), index);
    start = end;
  }
  return distinct;
}

/**
 * Dictionary of `count` integers (i32 for width 4, i64 for width 8) that all lie in [lo, lo + span): a direct map of
 * `span` u32 slots at `mapPtr` replaces the hash table (no hashing, no probing, and a map smaller than a table when
 * the range is dense: dates, codes, small counts). Same outputs and result as dictBuildFixed.
 */
export function dictBuildRange(
  inPtr: usize,
  count: i32,
  width: i32,
  lo: i64,
  span: i32,
  mapPtr: usize,
  maxDistinct: i32,
  indicesPtr: usize,
  dictPtr: usize,
): i32 {
  if (count <= 0 || span <= 0) return 0;
  memory.fill(mapPtr, 0, (<usize>span) << 2);
  let distinct: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    const v: i64 = width === 4 ? <i64>load<i32>(inPtr + (i << 2)) : load<i64>(inPtr + (i << 3));
    const at = mapPtr + ((<usize>(v - lo)) << 2);
    let entry = load<u32>(at);
    if (entry === 0) {
      if (distinct >= maxDistinct) return OVERFLOW;
      if (width === 4) store<i32>(dictPtr + ((<usize>distinct) << 2), <i32>v);
      else store<i64>(dictPtr + ((<usize>distinct) << 3), v);
      entry = <u32>++distinct;
      store<u32>(at, entry);
    }
    store<i32>(indicesPtr + (i << 2), <i32>entry - 1);
  }
  return distinct;
}
