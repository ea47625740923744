// Known divisions from Parquet statistics (what dask's calculate_divisions does): when every partition's min/max
// of a column are known and the partitions are ordered and disjoint, the column sorts the frame and the
// boundaries are [min_0, min_1, ..., min_last, max_last].
import { effectiveLogicalType } from '../parquet/arrow_types.js';
import { Type } from '../parquet/metadata/enums.js';
import type { RowGroup, Statistics } from '../parquet/metadata/types.js';
import type { ColumnDescriptor } from '../parquet/schema.js';
import type { Divisions } from './frame.js';

/** A division value: numbers (int32, float, double), bigints (int64, timestamps in their unit), strings. */
export type DivisionValue = number | bigint | string;

/** Min and max of `column` over some row groups, or undefined when a statistic is missing, inexact or has nulls. */
export function rowGroupsRange(
  rowGroups: readonly RowGroup[],
  column: ColumnDescriptor,
): { min: DivisionValue; max: DivisionValue } | undefined {
  let min: DivisionValue | undefined;
  let max: DivisionValue | undefined;
  for (const rg of rowGroups) {
    if (rg.numRows === 0) continue;
    const stats = rg.columns[column.columnIndex]?.metaData?.statistics;
    if (!stats || stats.nullCount === undefined || stats.nullCount > 0 || (stats.nanCount ?? 0) > 0) return undefined;
    const lo = statisticValue(stats, 'min', column);
    const hi = statisticValue(stats, 'max', column);
    if (lo === undefined || hi === undefined) return undefined;
    if (min === undefined || lo < min) min = lo;
    if (max === undefined || hi > max) max = hi;
  }
  return min === undefined || max === undefined ? undefined : { min, max };
}

function statisticValue(stats: Statistics, which: 'min' | 'max', column: ColumnDescriptor): DivisionValue | undefined {
  // min_value/max_value follow the column order; the deprecated min/max are only trusted for signed numerics.
  const exact = which === 'min' ? stats.isMinValueExact : stats.isMaxValueExact;
  const modern = which === 'min' ? stats.minValue : stats.maxValue;
  const legacy = which === 'min' ? stats.min : stats.max;
  const bytes = modern ?? (column.physicalType === Type.BYTE_ARRAY ? undefined : legacy);
  if (!bytes || exact === false) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const logical = effectiveLogicalType(column.element);
  // Unsigned integers, decimals and float16 would need their own conversions to match the column's values.
  if (logical?.type === 'DECIMAL' || logical?.type === 'FLOAT16') return undefined;
  const unsigned = logical?.type === 'INTEGER' && !logical.isSigned;
  switch (column.physicalType) {
    case Type.INT32:
      return bytes.length === 4 && !unsigned ? view.getInt32(0, true) : undefined;
    case Type.INT64:
      return bytes.length === 8 && !unsigned ? view.getBigInt64(0, true) : undefined;
    case Type.FLOAT: {
      const v = bytes.length === 4 ? view.getFloat32(0, true) : Number.NaN;
      return Number.isNaN(v) ? undefined : v;
    }
    case Type.DOUBLE: {
      const v = bytes.length === 8 ? view.getFloat64(0, true) : Number.NaN;
      return Number.isNaN(v) ? undefined : v;
    }
    case Type.BYTE_ARRAY: {
      return logical?.type === 'STRING' ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : undefined;
    }
  }
  return undefined;
}

/**
 * Divisions from per-partition ranges: undefined unless every range is known and max_i < min_{i+1} (a value in
 * two partitions would break lookups by division).
 */
export function divisionsFromRanges(
  ranges: readonly ({ min: DivisionValue; max: DivisionValue } | undefined)[],
): Divisions | undefined {
  if (ranges.length === 0 || ranges.some((r) => r === undefined)) return undefined;
  const known = ranges as { min: DivisionValue; max: DivisionValue }[];
  for (let i = 1; i < known.length; i++) {
    if (typeof known[i]!.min !== typeof known[i - 1]!.max || !(known[i - 1]!.max < known[i]!.min)) return undefined;
  }
  return [...known.map((r) => r.min), known[known.length - 1]!.max];
}
