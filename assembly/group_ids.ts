// Group ids for hash aggregation: one pass over a key column with an open-addressing hash table (linear probing,
// load <= 1/2) in caller-provided memory, mapping each distinct key to a dense id in first-occurrence order. Nulls
// (validity bit clear) form one group of their own, as SQL GROUP BY and pandas' dropna=False do. Keys compare by
// their bytes: the caller canonicalises floats first (one NaN, +0 for -0) so they group as SQL does.
//
// The tables are those of open_addressing.ts (shared with the writer's dictionary builder): they start small and
// double as groups arrive; 4- and 8-byte keys live in the slots, byte-array keys are found through a 32-bit tag
// of their hash and compared with the bytes of the group's first row.

import {
  bytesEqual,
  findFixed,
  grownBits,
  insertTagged,
  rebuildFixed,
  storeFixed,
  storeTagged,
  taggedSlot,
} from './open_addressing';
import { isValidRow } from './validity';
import { xxh64 } from './xxhash64';

/** log2 of the initial table size (slots). */
const START_BITS: i32 = 8;

function groupFixed<T>(
  inPtr: usize,
  count: i32,
  validityPtr: usize,
  tablePtr: usize,
  maxBits: i32,
  idsPtr: usize,
  firstRowPtr: usize,
  keysPtr: usize,
): i32 {
  let bits = min(START_BITS, maxBits);
  memory.fill(tablePtr, 0, ((<usize>sizeof<T>()) << 1) << bits);
  let groups: i32 = 0;
  let nullGroup: i32 = -1;
  let grownAtRow: i32 = 0;
  let grownAtGroups: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    let id: i32 = -1;
    if (!isValidRow(validityPtr, i)) {
      if (nullGroup < 0) {
        nullGroup = groups++;
        store<i32>(firstRowPtr + ((<usize>nullGroup) << 2), <i32>i);
        store<T>(keysPtr + <usize>nullGroup * sizeof<T>(), <T>0);
      }
      store<i32>(idsPtr + (i << 2), nullGroup);
      continue;
    }
    const v = load<T>(inPtr + i * sizeof<T>());
    id = findFixed<T>(tablePtr, bits, v);
    if (id < 0) {
      const slot = <u32>(-id - 1);
      id = groups++;
      store<T>(keysPtr + <usize>id * sizeof<T>(), v);
      store<i32>(firstRowPtr + ((<usize>id) << 2), <i32>i);
      if (groups << 1 > 1 << bits && bits < maxBits) {
        bits = grownBits(bits, maxBits, groups - grownAtGroups, <i32>i + 1 - grownAtRow);
        grownAtRow = <i32>i + 1;
        grownAtGroups = groups;
        rebuildFixed<T>(tablePtr, bits, keysPtr, groups, nullGroup);
      } else {
        storeFixed<T>(tablePtr, slot, v, id);
      }
    }
    store<i32>(idsPtr + (i << 2), id);
  }
  return groups;
}

/**
 * Group ids of `count` keys of 4 bytes at `inPtr` (validity bitmap at `validityPtr`, 0 when every row is valid).
 * The table at `tablePtr` holds 2^maxBits slots of 8 bytes, 2^maxBits >= 2 * count. Writes one i32 id per row at
 * `idsPtr`, the first row of each group at `firstRowPtr` and its key at `keysPtr` (capacity `count` each).
 * Returns the number of groups.
 */
export function groupIdsFixed4(
  inPtr: usize,
  count: i32,
  validityPtr: usize,
  tablePtr: usize,
  maxBits: i32,
  idsPtr: usize,
  firstRowPtr: usize,
  keysPtr: usize,
): i32 {
  if (count <= 0) return 0;
  return groupFixed<u32>(inPtr, count, validityPtr, tablePtr, maxBits, idsPtr, firstRowPtr, keysPtr);
}

/** Like groupIdsFixed4 for 8-byte keys; table slots are 16 bytes. */
export function groupIdsFixed8(
  inPtr: usize,
  count: i32,
  validityPtr: usize,
  tablePtr: usize,
  maxBits: i32,
  idsPtr: usize,
  firstRowPtr: usize,
  keysPtr: usize,
): i32 {
  if (count <= 0) return 0;
  return groupFixed<u64>(inPtr, count, validityPtr, tablePtr, maxBits, idsPtr, firstRowPtr, keysPtr);
}

/** Packs two i32 id columns into u64 keys (a in the high half), the composite key of a multi-column group. */
export function packIdPairs(aPtr: usize, bPtr: usize, count: i32, outPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    store<u64>(outPtr + (i << 3), ((<u64>load<u32>(aPtr + (i << 2))) << 32) | <u64>load<u32>(bPtr + (i << 2)));
  }
}

const K1: u64 = ((<u64>0x9e3779b9) << 32) | 0x7f4a7c15;
const K2: u64 = ((<u64>0xc2b2ae3d) << 32) | 0x27d4eb4f;

/** Hash of a byte-array key: keys of up to 16 bytes (most group keys: codes, categories, short names) mix two
 *  masked 8-byte loads with two multiplies; longer keys use xxh64. The loads may read up to 15 bytes past the key,
 *  which the caller guarantees are addressable (padding after the data). */
function keyHash(p: usize, len: usize): u64 {
  if (len > 16) return xxh64(p, len, 0);
  let w0: u64 = 0;
  let w1: u64 = 0;
  if (len >= 8) {
    w0 = load<u64>(p);
    w1 = len === 8 ? 0 : load<u64>(p + 8) & (<u64>-1 >> ((<u64>(16 - len)) << 3));
  } else if (len > 0) {
    w0 = load<u64>(p) & (<u64>-1 >> ((<u64>(8 - len)) << 3));
  }
  let h = (rotl<u64>(w0 * K1, 29) ^ (w1 * K2)) + <u64>len;
  h = (h ^ (h >> 31)) * K1;
  return h ^ (h >> 29);
}

/** Whether the `len` bytes at a and b are equal; short keys compare as two masked words (padding follows the
 *  data, see keyHash). */
function keysEqual(a: usize, b: usize, len: usize): bool {
  if (len > 16) return bytesEqual(a, b, len);
  if (len <= 8) {
    const mask: u64 = len === 0 ? 0 : <u64>-1 >> ((<u64>(8 - len)) << 3);
    return ((load<u64>(a) ^ load<u64>(b)) & mask) === 0;
  }
  const mask: u64 = <u64>-1 >> ((<u64>(16 - len)) << 3);
  return load<u64>(a) === load<u64>(b) && ((load<u64>(a + 8) ^ load<u64>(b + 8)) & mask) === 0;
}

/**
 * Group ids of `count` byte-array keys: key i is [offsets[i] - base, offsets[i + 1] - base) of the data at
 * `dataPtr` (offsets trusted: they come from a valid column; 16 addressable bytes must follow the data). Validity as in groupIdsFixed4 (a null row's bytes
 * are ignored). The table at `tablePtr` holds 2^maxBits slots of 8 bytes, 2^maxBits >= 2 * count. Writes ids and
 * first rows (capacity `count` each); returns the number of groups. `hashesPtr` (capacity `count` u64) receives the
 * xxh64 of each group's key, for rebuilding the table as it grows.
 */
export function groupIdsBytes(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  base: i32,
  validityPtr: usize,
  tablePtr: usize,
  maxBits: i32,
  idsPtr: usize,
  firstRowPtr: usize,
  hashesPtr: usize,
): i32 {
  if (count <= 0) return 0;
  let bits = min(START_BITS, maxBits);
  let mask: u32 = (1 << bits) - 1;
  memory.fill(tablePtr, 0, (<usize>8) << bits);
  let groups: i32 = 0;
  let nullGroup: i32 = -1;
  let grownAtRow: i32 = 0;
  let grownAtGroups: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) {
      if (nullGroup < 0) {
        nullGroup = groups++;
        store<i32>(firstRowPtr + ((<usize>nullGroup) << 2), <i32>i);
      }
      store<i32>(idsPtr + (i << 2), nullGroup);
      continue;
    }
    const start = load<i32>(offsetsPtr + (i << 2)) - base;
    const p = dataPtr + <usize>start;
    const len = <usize>(load<i32>(offsetsPtr + ((i + 1) << 2)) - base - start);
    const hash = keyHash(p, len);
    const tag = <u32>hash;
    let slot = taggedSlot(hash, bits);
    let id: i32 = -1;
    while (true) {
      const s = tablePtr + ((<usize>slot) << 3);
      const entry = load<u32>(s, 4);
      if (entry === 0) break;
      if (load<u32>(s) === tag) {
        const row = <usize>load<i32>(firstRowPtr + ((<usize>(entry - 1)) << 2));
        const qStart = load<i32>(offsetsPtr + (row << 2)) - base;
        const qLen = <usize>(load<i32>(offsetsPtr + ((row + 1) << 2)) - base - qStart);
        if (qLen === len && keysEqual(dataPtr + <usize>qStart, p, len)) {
          id = <i32>entry - 1;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (id < 0) {
      id = groups++;
      store<i32>(firstRowPtr + ((<usize>id) << 2), <i32>i);
      store<u64>(hashesPtr + ((<usize>id) << 3), hash);
      if (groups << 1 > 1 << bits && bits < maxBits) {
        bits = grownBits(bits, maxBits, groups - grownAtGroups, <i32>i + 1 - grownAtRow);
        grownAtRow = <i32>i + 1;
        grownAtGroups = groups;
        mask = (1 << bits) - 1;
        memory.fill(tablePtr, 0, (<usize>8) << bits);
        for (let g: i32 = 0; g < groups; g++) {
          if (g !== nullGroup) insertTagged(tablePtr, bits, load<u64>(hashesPtr + ((<usize>g) << 3)), <u32>(g + 1));
        }
      } else {
        storeTagged(tablePtr, slot, hash, <u32>(id + 1));
      }
    }
    store<i32>(idsPtr + (i << 2), id);
  }
  return groups;
}
