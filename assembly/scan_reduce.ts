// Whole-column reductions straight from a decoded Parquet page (issue 16 item 3, fused scalar reductions): count,
// sum, min, max and the falsy count of one page's values, accumulated into a small state that carries over from
// page to page and row group to row group of one partition. The rows are visited in order and summed one after the
// other, exactly as the DataFrame's per-partition statistic (src/dataframe/ops/stats.ts numericPartial) sums them,
// so that a float sum is the same double to the last bit. A dictionary-encoded page is read through its dictionary
// (an index per row), never gathered into a values buffer first.
//
// State (REDUCE_STATE_BYTES bytes, zeroed to start):
//   0 count (f64, non-null values)      8 sum (f64; i64 for int64 values, wrapping: see flags)
//   16 min   24 max (f64; i64 for int64 values; set once `ordered` > 0)
//   32 ordered (f64, non-NaN values)    40 falsy (f64, values that are 0 or NaN)
//   48 flags (i32: 1 = a NaN was seen, 2 = the int64 sum overflowed)

import { INVALID } from './status';
import { isValidRow } from './validity';

/** Flag: a NaN was seen. */
const SAW_NAN: i32 = 1;
/** Flag: the int64 sum left the i64 range (the caller's exact sum is a bigint: it reads the column another way). */
const SUM_OVERFLOW: i32 = 2;

/** The reduction of `count` rows of T (at `valuesPtr`, or dict[indices[i]] when `indicesPtr` is set) into the
 *  state; S is the type of sum, min and max (f64, or i64 for int64 values). */
function reduce<T, S>(
  valuesPtr: usize,
  validityPtr: usize,
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: u32,
  count: i32,
  state: usize,
): i32 {
  let n = load<f64>(state);
  let sum = load<S>(state, 8);
  let min = load<S>(state, 16);
  let max = load<S>(state, 24);
  let ordered = load<f64>(state, 32);
  let falsy = load<f64>(state, 40);
  let flags = load<i32>(state, 48);
  const shift = <usize>alignof<T>();
  for (let i: usize = 0; i < <usize>count; i++) {
    if (validityPtr !== 0 && !isValidRow(validityPtr, i)) continue;
    let v: T;
    if (indicesPtr !== 0) {
      const index = load<u32>(indicesPtr + (i << 2));
      if (index >= dictCount) return INVALID;
      v = load<T>(dictPtr + ((<usize>index) << shift));
    } else v = load<T>(valuesPtr + (i << shift));
    n += 1;
    if (isFloat<T>()) {
      const x = <f64>v;
      sum += <S>x;
      // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
      if (isNaN<f64>(x)) {
        flags |= SAW_NAN;
        falsy += 1;
        continue;
      }
      if (ordered === 0 || x < <f64>min) min = <S>x;
      if (ordered === 0 || x > <f64>max) max = <S>x;
      ordered += 1;
      if (x === 0) falsy += 1;
    } else if (sizeof<T>() === 8) {
      const x = <i64>v;
      const s = <i64>sum + x;
      // Overflow: both addends' signs differ from the result's.
      if (((<i64>sum ^ s) & (x ^ s)) < 0) flags |= SUM_OVERFLOW;
      sum = <S>s;
      if (ordered === 0 || x < <i64>min) min = <S>x;
      if (ordered === 0 || x > <i64>max) max = <S>x;
      ordered += 1;
      if (x === 0) falsy += 1;
    } else {
      const x = <f64>v;
      sum += <S>x;
      if (ordered === 0 || x < <f64>min) min = <S>x;
      if (ordered === 0 || x > <f64>max) max = <S>x;
      ordered += 1;
      if (x === 0) falsy += 1;
    }
  }
  store<f64>(state, n);
  store<S>(state, sum, 8);
  store<S>(state, min, 16);
  store<S>(state, max, 24);
  store<f64>(state, ordered, 32);
  store<f64>(state, falsy, 40);
  store<i32>(state, flags, 48);
  return 0;
}

/** Reduces `count` f64 rows (values at `valuesPtr` with validity at `validityPtr`, 0 = all valid; or, when
 *  `indicesPtr` is set, dict[indices[i]] of a `dictCount`-value dictionary at `dictPtr`) into the state at
 *  `statePtr`. Returns 0, or INVALID for an index past the dictionary (the state is then partly updated). */
export function reduceFloat64(
  valuesPtr: usize,
  validityPtr: usize,
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: u32,
  count: i32,
  statePtr: usize,
): i32 {
  return reduce<f64, f64>(valuesPtr, validityPtr, indicesPtr, dictPtr, dictCount, count, statePtr);
}

/** reduceFloat64 for f32 values (widened to f64 as they are summed). */
export function reduceFloat32(
  valuesPtr: usize,
  validityPtr: usize,
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: u32,
  count: i32,
  statePtr: usize,
): i32 {
  return reduce<f32, f64>(valuesPtr, validityPtr, indicesPtr, dictPtr, dictCount, count, statePtr);
}

/** reduceFloat64 for i32 values (summed as f64, one after the other, as a JS number sum is). */
export function reduceInt32(
  valuesPtr: usize,
  validityPtr: usize,
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: u32,
  count: i32,
  statePtr: usize,
): i32 {
  return reduce<i32, f64>(valuesPtr, validityPtr, indicesPtr, dictPtr, dictCount, count, statePtr);
}

/** reduceFloat64 for i64 values: sum, min and max as i64 (flag 2 set when the sum overflowed). */
export function reduceInt64(
  valuesPtr: usize,
  validityPtr: usize,
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: u32,
  count: i32,
  statePtr: usize,
): i32 {
  return reduce<i64, i64>(valuesPtr, validityPtr, indicesPtr, dictPtr, dictCount, count, statePtr);
}
