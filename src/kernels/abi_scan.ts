// The exports of build/kernels.wasm that reduce decoded Parquet pages to whole-column statistics
// (assembly/scan_reduce.ts). Conventions as in abi.ts.

/** Bytes of the state a reduce* kernel accumulates into (zeroed to start; layout in assembly/scan_reduce.ts). */
export const REDUCE_STATE_BYTES = 56;

/** The whole-column reduction kernels. */
export interface ScanKernels {
  /** Adds `count` f64 rows (values at `valuesPtr`, validity at `validityPtr`, 0 = all valid; or dict[indices[i]]
   *  of the `dictCount`-value dictionary at `dictPtr` when `indicesPtr` is not 0) to the state at `statePtr`: count,
   *  sum in row order, min, max, falsy count, NaN flag. Returns 0, or KernelStatus.Invalid for an index past the
   *  dictionary. */
  reduceFloat64(
    valuesPtr: number,
    validityPtr: number,
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    count: number,
    statePtr: number,
  ): number;
  /** reduceFloat64 for f32 values (widened to f64). */
  reduceFloat32(
    valuesPtr: number,
    validityPtr: number,
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    count: number,
    statePtr: number,
  ): number;
  /** reduceFloat64 for i32 values (an f64 sum in row order). */
  reduceInt32(
    valuesPtr: number,
    validityPtr: number,
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    count: number,
    statePtr: number,
  ): number;
  /** reduceFloat64 for i64 values: i64 sum (flag 2 when it overflowed), min and max. */
  reduceInt64(
    valuesPtr: number,
    validityPtr: number,
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    count: number,
    statePtr: number,
  ): number;
  /** acc[i] = (init ? 0 : acc[i] * card) + slots[i] for `count` i32 rows: the combined slot of several keys. */
  combineSlots(accPtr: number, slotsPtr: number, count: number, card: number, init: boolean): void;
}
