// Loops over columns of integer keys and dense int32 ids that group-bys and exact distinct counts run on millions
// of rows: value ranges, value ids by offset from the minimum, group ids by direct addressing when the range is
// small, remapping ids through a lookup table, and counting the distinct (group, value) pairs of each group with a
// bitmap. In JavaScript these loops ran polymorphic over the typed-array kinds and cold in every fresh worker,
// which made them the bulk of a group-by's final combine.

import { isValidRow } from './validity';

/** Min and max of the valid values (as T) at `outPtr`; returns the valid count (0 leaves the output untouched). */
function validRange<T>(valuesPtr: usize, count: i32, validityPtr: usize, outPtr: usize): i32 {
  let lo: T = <T>0;
  let hi: T = <T>0;
  let valid: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const v = load<T>(valuesPtr + i * sizeof<T>());
    if (valid === 0 || v < lo) lo = v;
    if (valid === 0 || v > hi) hi = v;
    valid++;
  }
  if (valid > 0) {
    store<T>(outPtr, lo);
    store<T>(outPtr + sizeof<T>(), hi);
  }
  return valid;
}

/**
 * Minimum and maximum of the valid values of an int32 column, written as two i32 at `outPtr`; returns the number
 * of valid values (0 leaves the output untouched).
 */
export function minMaxInt32Valid(valuesPtr: usize, count: i32, validityPtr: usize, outPtr: usize): i32 {
  return validRange<i32>(valuesPtr, count, validityPtr, outPtr);
}

/** out[i] = values[i] - lo, and 0 for null rows (so every id stays in range). */
export function offsetIdsInt32(valuesPtr: usize, count: i32, lo: i32, validityPtr: usize, outPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    const id = isValidRow(validityPtr, i) ? load<i32>(valuesPtr + (i << 2)) - lo : 0;
    store<i32>(outPtr + (i << 2), id);
  }
}

/** out[i] = table[offset + index[i]]: ids of one partial's rows translated to the ids of a combined set. */
export function gatherInt32(tablePtr: usize, offset: i32, indexPtr: usize, count: i32, outPtr: usize): void {
  const base = tablePtr + ((<usize>offset) << 2);
  for (let i: usize = 0; i < <usize>count; i++) {
    store<i32>(outPtr + (i << 2), load<i32>(base + ((<usize>load<i32>(indexPtr + (i << 2))) << 2)));
  }
}

/**
 * One pass over the rows of two dense id columns (a < na, b < nb) marking each pair in a bitmap of na * nb bits at
 * `bitmapPtr` (zeroed by the caller) instead of a hash table: when the pair space is small this stays in cache.
 * Rows whose validity bit (bitmap at `validityPtr`, 0 = all valid) is clear are skipped. For each pair seen for the
 * first time it writes the row at `outRowsPtr` and/or adds one to the f64 count of its a-id at `countsPtr` (either
 * pointer may be 0). Returns the number of distinct pairs.
 */
function markDistinctPairs(
  aPtr: usize,
  bPtr: usize,
  count: i32,
  nb: i32,
  validityPtr: usize,
  bitmapPtr: usize,
  outRowsPtr: usize,
  countsPtr: usize,
): i32 {
  let distinct: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const a = <usize>load<i32>(aPtr + (i << 2));
    const bit = a * <usize>nb + <usize>load<i32>(bPtr + (i << 2));
    const byte = bitmapPtr + (bit >> 3);
    const mask = <u8>(1 << (<u8>(bit & 7)));
    const have = load<u8>(byte);
    if ((have & mask) !== 0) continue;
    store<u8>(byte, have | mask);
    if (outRowsPtr !== 0) store<i32>(outRowsPtr + ((<usize>distinct) << 2), <i32>i);
    if (countsPtr !== 0) {
      const c = countsPtr + (a << 3);
      store<f64>(c, load<f64>(c) + 1.0);
    }
    distinct++;
  }
  return distinct;
}

/** The first row of each distinct pair (see markDistinctPairs), in row order, at `outRowsPtr`; returns how many. */
export function distinctPairsDense(
  aPtr: usize,
  bPtr: usize,
  count: i32,
  nb: i32,
  validityPtr: usize,
  bitmapPtr: usize,
  outRowsPtr: usize,
): i32 {
  return markDistinctPairs(aPtr, bPtr, count, nb, validityPtr, bitmapPtr, outRowsPtr, 0);
}

/**
 * The number of distinct pairs per a-id (see markDistinctPairs) added into `countsPtr` (na f64, zeroed by the
 * caller), without listing their rows: all a group-by's last step needs. Returns the number of distinct pairs.
 */
export function distinctPairCountsDense(
  aPtr: usize,
  bPtr: usize,
  count: i32,
  nb: i32,
  validityPtr: usize,
  bitmapPtr: usize,
  countsPtr: usize,
): i32 {
  return markDistinctPairs(aPtr, bPtr, count, nb, validityPtr, bitmapPtr, 0, countsPtr);
}

/** Like minMaxInt32Valid for int64 values (two i64 at `outPtr`). */
export function minMaxInt64Valid(valuesPtr: usize, count: i32, validityPtr: usize, outPtr: usize): i32 {
  return validRange<i64>(valuesPtr, count, validityPtr, outPtr);
}

/**
 * Group ids of integer keys whose range is small, by direct addressing instead of hashing: slot v - lo of the
 * table at `tablePtr` (range i32 slots, zeroed by the caller) holds the key's group + 1. Same outputs as
 * groupIdsFixed4/8 (ids in first-occurrence order, nulls one group of their own), without probing or rebuilding:
 * dense keys (row ids, dates, codes) are the common high-cardinality case.
 */
function groupDense<T>(
  inPtr: usize,
  count: i32,
  validityPtr: usize,
  lo: T,
  tablePtr: usize,
  idsPtr: usize,
  firstRowPtr: usize,
): i32 {
  let groups: i32 = 0;
  let nullGroup: i32 = -1;
  for (let i: usize = 0; i < <usize>count; i++) {
    let id: i32;
    if (!isValidRow(validityPtr, i)) {
      if (nullGroup < 0) {
        nullGroup = groups++;
        store<i32>(firstRowPtr + ((<usize>nullGroup) << 2), <i32>i);
      }
      id = nullGroup;
    } else {
      const slot = tablePtr + ((<usize>(load<T>(inPtr + i * sizeof<T>()) - lo)) << 2);
      id = load<i32>(slot) - 1;
      if (id < 0) {
        id = groups++;
        store<i32>(slot, id + 1);
        store<i32>(firstRowPtr + ((<usize>id) << 2), <i32>i);
      }
    }
    store<i32>(idsPtr + (i << 2), id);
  }
  return groups;
}

/** Dense group ids of int32 keys (see groupDense). */
export function groupIdsDense4(
  inPtr: usize,
  count: i32,
  validityPtr: usize,
  lo: i32,
  tablePtr: usize,
  idsPtr: usize,
  firstRowPtr: usize,
): i32 {
  return groupDense<i32>(inPtr, count, validityPtr, lo, tablePtr, idsPtr, firstRowPtr);
}

/** Dense group ids of int64 keys (see groupDense). */
export function groupIdsDense8(
  inPtr: usize,
  count: i32,
  validityPtr: usize,
  lo: i64,
  tablePtr: usize,
  idsPtr: usize,
  firstRowPtr: usize,
): i32 {
  return groupDense<i64>(inPtr, count, validityPtr, lo, tablePtr, idsPtr, firstRowPtr);
}
