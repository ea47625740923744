// Loops over columns of dense int32 ids that the exact distinct counts (nunique) run on millions of rows: value
// ids of an int32 column by offset from its minimum, remapping ids through a lookup table, and counting the
// distinct (group, value) pairs of each group with a bitmap. In JavaScript these loops ran polymorphic over the
// typed-array kinds and cold in every fresh worker, which made them the bulk of a group-by's final combine.

import { isValidRow } from './validity';

/**
 * Minimum and maximum of the valid values of an int32 column, written as two i32 at `outPtr`; returns the number
 * of valid values (0 leaves the output untouched).
 */
export function minMaxInt32Valid(valuesPtr: usize, count: i32, validityPtr: usize, outPtr: usize): i32 {
  let lo: i32 = i32.MAX_VALUE;
  let hi: i32 = i32.MIN_VALUE;
  let valid: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const v = load<i32>(valuesPtr + (i << 2));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    valid++;
  }
  if (valid > 0) {
    store<i32>(outPtr, lo);
    store<i32>(outPtr + 4, hi);
  }
  return valid;
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

/** Sets bit `bit` of the bitmap at `bitmapPtr`; returns whether it was clear before. */
function setIfClear(bitmapPtr: usize, bit: usize): bool {
  const byte = bitmapPtr + (bit >> 3);
  const mask = <u8>(1 << (<u8>(bit & 7)));
  const have = load<u8>(byte);
  if ((have & mask) !== 0) return false;
  store<u8>(byte, have | mask);
  return true;
}

/**
 * The distinct pairs (a, b) of two dense id columns (a < na, b < nb), found with a bitmap of na * nb bits at
 * `bitmapPtr` (zeroed by the caller) instead of a hash table: when the pair space is small this stays in cache.
 * Rows whose validity bit (bitmap at `validityPtr`, 0 = all valid) is clear are skipped. Writes the first row of
 * each distinct pair, in row order, at `outRowsPtr` and returns how many.
 */
export function distinctPairsDense(
  aPtr: usize,
  bPtr: usize,
  count: i32,
  nb: i32,
  validityPtr: usize,
  bitmapPtr: usize,
  outRowsPtr: usize,
): i32 {
  let distinct: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const bit = <usize>load<i32>(aPtr + (i << 2)) * <usize>nb + <usize>load<i32>(bPtr + (i << 2));
    if (!setIfClear(bitmapPtr, bit)) continue;
    store<i32>(outRowsPtr + ((<usize>distinct) << 2), <i32>i);
    distinct++;
  }
  return distinct;
}

/**
 * Like distinctPairsDense, but counts the distinct pairs per a-id into `counts` (na f64, zeroed by the caller)
 * instead of listing their rows: all a group-by's last step needs. Returns the number of distinct pairs.
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
  let distinct: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const a = <usize>load<i32>(aPtr + (i << 2));
    if (!setIfClear(bitmapPtr, a * <usize>nb + <usize>load<i32>(bPtr + (i << 2)))) continue;
    const c = countsPtr + (a << 3);
    store<f64>(c, load<f64>(c) + 1.0);
    distinct++;
  }
  return distinct;
}
