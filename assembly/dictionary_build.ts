// Dictionary building for the writer (Encodings.md "Dictionary Encoding"): one pass over a column chunk's values
// with an open-addressing hash table (linear probing) in caller-provided memory. Each value gets the index of its
// first occurrence in the dictionary; values compare by their bytes, so floats dedup by bit pattern (equal NaNs
// merge, -0 and +0 stay apart). The pass stops as soon as the dictionary's PLAIN size would pass the limit, so a
// high-cardinality column costs only the work up to that point before the writer falls back.

import { OVERFLOW } from './status';
import { xxh64 } from './xxhash64';

const FIB32: u32 = 0x9e3779b1;
const FIB64: u64 = ((<u64>0x9e3779b9) << 32) | 0x7f4a7c15;

/**
 * Dictionary of `count` values of `width` bytes at `inPtr`. The table (u32 slots holding dictionary index + 1, 0 =
 * empty) has 2^tableBits slots at `tablePtr` and must hold more than `maxDistinct` entries. Writes one i32 index
 * per value at `indicesPtr` and the distinct values, in first-occurrence order, at `dictPtr` (capacity
 * min(count, maxDistinct) values). Returns the number of distinct values, or OVERFLOW once it would pass
 * `maxDistinct`.
 */
export function dictBuildFixed(
  inPtr: usize,
  count: i32,
  width: i32,
  tablePtr: usize,
  tableBits: i32,
  maxDistinct: i32,
  indicesPtr: usize,
  dictPtr: usize,
): i32 {
  if (count <= 0) return 0;
  memory.fill(tablePtr, 0, (<usize>4) << tableBits);
  const mask: u32 = (1 << tableBits) - 1;
  const n = <usize>count;
  let distinct: i32 = 0;
  if (width === 4) {
    const shift = <u32>(32 - tableBits);
    for (let i: usize = 0; i < n; i++) {
      const v = load<u32>(inPtr + (i << 2));
      let slot = tableBits === 0 ? 0 : (v * FIB32) >>> shift;
      let index: i32 = -1;
      while (true) {
        const entry = load<u32>(tablePtr + ((<usize>slot) << 2));
        if (entry === 0) break;
        if (load<u32>(dictPtr + ((<usize>(entry - 1)) << 2)) === v) {
          index = <i32>entry - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (index < 0) {
        if (distinct >= maxDistinct) return OVERFLOW;
        index = distinct++;
        store<u32>(dictPtr + ((<usize>index) << 2), v);
        store<u32>(tablePtr + ((<usize>slot) << 2), <u32>distinct);
      }
      store<i32>(indicesPtr + (i << 2), index);
    }
    return distinct;
  }
  if (width === 8) {
    const shift = <u64>(64 - tableBits);
    for (let i: usize = 0; i < n; i++) {
      const v = load<u64>(inPtr + (i << 3));
      let slot = tableBits === 0 ? 0 : <u32>((v * FIB64) >> shift);
      let index: i32 = -1;
      while (true) {
        const entry = load<u32>(tablePtr + ((<usize>slot) << 2));
        if (entry === 0) break;
        if (load<u64>(dictPtr + ((<usize>(entry - 1)) << 3)) === v) {
          index = <i32>entry - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (index < 0) {
        if (distinct >= maxDistinct) return OVERFLOW;
        index = distinct++;
        store<u64>(dictPtr + ((<usize>index) << 3), v);
        store<u32>(tablePtr + ((<usize>slot) << 2), <u32>distinct);
      }
      store<i32>(indicesPtr + (i << 2), index);
    }
    return distinct;
  }
  const w = <usize>width;
  for (let i: usize = 0; i < n; i++) {
    const p = inPtr + i * w;
    let slot = <u32>(xxh64(p, w, 0) >> 32) & mask;
    let index: i32 = -1;
    while (true) {
      const entry = load<u32>(tablePtr + ((<usize>slot) << 2));
      if (entry === 0) break;
      if (memory.compare(dictPtr + <usize>(entry - 1) * w, p, w) === 0) {
        index = <i32>entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (index < 0) {
      if (distinct >= maxDistinct) return OVERFLOW;
      index = distinct++;
      memory.copy(dictPtr + <usize>index * w, p, w);
      store<u32>(tablePtr + ((<usize>slot) << 2), <u32>distinct);
    }
    store<i32>(indicesPtr + (i << 2), index);
  }
  return distinct;
}

/**
 * Dictionary of `count` byte arrays: value i is [offsets[i] - base, offsets[i + 1] - base) of the data at `dataPtr`
 * (offsets are trusted: the caller built them). The table has 2^tableBits slots of 8 bytes (u32 hash, u32 index +
 * 1) at `tablePtr` and must hold more than maxPlainBytes / 4 entries. Writes one i32 index per value at
 * `indicesPtr`, the dictionary's offsets (distinct + 1, from 0) at `dictOffsetsPtr` and its bytes at `dictDataPtr`
 * (capacity min(maxPlainBytes, total value bytes)). Returns the number of distinct values, or OVERFLOW once their
 * PLAIN size (4-byte length + bytes each) would pass `maxPlainBytes`.
 */
export function dictBuildBytes(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  base: i32,
  tablePtr: usize,
  tableBits: i32,
  maxPlainBytes: i32,
  indicesPtr: usize,
  dictOffsetsPtr: usize,
  dictDataPtr: usize,
): i32 {
  store<i32>(dictOffsetsPtr, 0);
  if (count <= 0) return 0;
  memory.fill(tablePtr, 0, (<usize>8) << tableBits);
  const mask: u32 = (1 << tableBits) - 1;
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
    let slot = <u32>(hash >> 32) & mask;
    let index: i32 = -1;
    while (true) {
      const s = tablePtr + ((<usize>slot) << 3);
      const entry = load<u32>(s, 4);
      if (entry === 0) break;
      if (load<u32>(s) === tag) {
        const at = dictOffsetsPtr + ((<usize>(entry - 1)) << 2);
        const dStart = load<i32>(at);
        if (<usize>(load<i32>(at, 4) - dStart) === len && memory.compare(dictDataPtr + <usize>dStart, p, len) === 0) {
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
      const s = tablePtr + ((<usize>slot) << 3);
      store<u32>(s, tag);
      store<u32>(s, <u32>distinct, 4);
    }
    store<i32>(indicesPtr + (i << 2), index);
    start = end;
  }
  return distinct;
}
