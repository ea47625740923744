// Aggregation by group id: one pass over a value column and the group id of each row (from group_ids.ts),
// accumulating into per-group state arrays the caller initialises (sums 0, counts 0, min/max per the functions'
// doc). Null rows (validity bit clear; validityPtr 0 = none) are skipped, as SQL aggregates skip NULL.
//
// Float min/max follow DuckDB: NaN is the greatest value, so max is NaN once any value is NaN and min is NaN only
// when every value is.

import { isValidRow } from './validity';

function sumAs<T, S>(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  sumsPtr: usize,
  countsPtr: usize,
): void {
  const n = <usize>count;
  if (validityPtr === 0) {
    for (let i: usize = 0; i < n; i++) {
      const g = <usize>load<i32>(idsPtr + (i << 2));
      const s = sumsPtr + g * sizeof<S>();
      store<S>(s, load<S>(s) + <S>load<T>(valuesPtr + i * sizeof<T>()));
      const c = countsPtr + (g << 3);
      store<f64>(c, load<f64>(c) + 1.0);
    }
    return;
  }
  for (let i: usize = 0; i < n; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const g = <usize>load<i32>(idsPtr + (i << 2));
    const s = sumsPtr + g * sizeof<S>();
    store<S>(s, load<S>(s) + <S>load<T>(valuesPtr + i * sizeof<T>()));
    const c = countsPtr + (g << 3);
    store<f64>(c, load<f64>(c) + 1.0);
  }
}

/** Adds the non-null f64s to their group's sum (f64 at `sumsPtr`) and count (f64 at `countsPtr`). */
export function groupSumFloat64(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  sumsPtr: usize,
  countsPtr: usize,
): void {
  sumAs<f64, f64>(valuesPtr, validityPtr, idsPtr, count, sumsPtr, countsPtr);
}

/** Adds the non-null i64s to their group's sum (i64, wrapping) and count (f64). */
export function groupSumInt64(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  sumsPtr: usize,
  countsPtr: usize,
): void {
  sumAs<i64, i64>(valuesPtr, validityPtr, idsPtr, count, sumsPtr, countsPtr);
}

/** Adds the non-null i32s to their group's sum (i64) and count (f64). */
export function groupSumInt32(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  sumsPtr: usize,
  countsPtr: usize,
): void {
  sumAs<i32, i64>(valuesPtr, validityPtr, idsPtr, count, sumsPtr, countsPtr);
}

/** Counts the non-null rows of each group (f64 at `countsPtr`). */
export function groupCount(validityPtr: usize, idsPtr: usize, count: i32, countsPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const c = countsPtr + ((<usize>load<i32>(idsPtr + (i << 2))) << 3);
    store<f64>(c, load<f64>(c) + 1.0);
  }
}

/** Sum of squared deviations from the group's mean (f64 at `meansPtr`) into `m2Ptr`: the second pass of a
 *  two-pass variance, which does not lose precision as sum-of-squares does when the mean is large. */
export function groupM2Float64(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  meansPtr: usize,
  m2Ptr: usize,
): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const g = (<usize>load<i32>(idsPtr + (i << 2))) << 3;
    const d = load<f64>(valuesPtr + (i << 3)) - load<f64>(meansPtr + g);
    store<f64>(m2Ptr + g, load<f64>(m2Ptr + g) + d * d);
  }
}

/** Min and max of the non-null f64s per group. Initialise mins to NaN and maxes to -Infinity. */
export function groupMinMaxFloat64(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const g = (<usize>load<i32>(idsPtr + (i << 2))) << 3;
    const v = load<f64>(valuesPtr + (i << 3));
    const mn = load<f64>(minsPtr + g);
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
    if (v < mn || isNaN<f64>(mn)) store<f64>(minsPtr + g, v);
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
    if (v > load<f64>(maxsPtr + g) || isNaN<f64>(v)) store<f64>(maxsPtr + g, v);
  }
}

function minMaxInt<T>(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const g = <usize>load<i32>(idsPtr + (i << 2)) * sizeof<T>();
    const v = load<T>(valuesPtr + i * sizeof<T>());
    if (v < load<T>(minsPtr + g)) store<T>(minsPtr + g, v);
    if (v > load<T>(maxsPtr + g)) store<T>(maxsPtr + g, v);
  }
}

/** Min and max of the non-null i64s per group. Initialise mins to the largest i64 and maxes to the smallest. */
export function groupMinMaxInt64(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): void {
  minMaxInt<i64>(valuesPtr, validityPtr, idsPtr, count, minsPtr, maxsPtr);
}

/** Min and max of the non-null i32s per group. Initialise mins to the largest i32 and maxes to the smallest. */
export function groupMinMaxInt32(
  valuesPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): void {
  minMaxInt<i32>(valuesPtr, validityPtr, idsPtr, count, minsPtr, maxsPtr);
}

/** First and last non-null row of each group (i32 at `firstPtr` / `lastPtr`, initialised to -1 by the caller). */
export function groupFirstLast(validityPtr: usize, idsPtr: usize, count: i32, firstPtr: usize, lastPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const g = (<usize>load<i32>(idsPtr + (i << 2))) << 2;
    if (load<i32>(firstPtr + g) < 0) store<i32>(firstPtr + g, <i32>i);
    store<i32>(lastPtr + g, <i32>i);
  }
}

/** any / all of a bool column (LSB bitmap at `bitsPtr`) per group, skipping nulls: sets byte g of `anyPtr` when a
 *  value of group g is true and clears byte g of `allPtr` (initialised to 1) when one is false. */
export function groupAnyAll(
  bitsPtr: usize,
  validityPtr: usize,
  idsPtr: usize,
  count: i32,
  anyPtr: usize,
  allPtr: usize,
): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    if (!isValidRow(validityPtr, i)) continue;
    const g = <usize>load<i32>(idsPtr + (i << 2));
    if (((load<u8>(bitsPtr + (i >> 3)) >> <u8>(i & 7)) & 1) !== 0) store<u8>(anyPtr + g, 1);
    else store<u8>(allPtr + g, 0);
  }
}
