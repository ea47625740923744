// Exact distinct values of one column and their row counts, on the group-id kernels (assembly/group_ids.ts):
// what nunique and valueCounts compute per partition and merge up a tree. Nulls are left out (pandas'
// dropna=True, SQL COUNT(DISTINCT)); floats compare as SQL does (every NaN one value, -0 equal to +0).
import { concatColumns } from '../../columnar/concat.js';
import { fixedLayout } from '../../columnar/layout.js';
import { takeColumn } from '../../columnar/take.js';
import type { Column, DataType } from '../../columnar/types.js';
import { type GroupIds, groupIds } from './group_ids.js';
import { groupCounts, groupSums } from './group_kernels.js';
import { argsortImages } from './radix_argsort.js';

/**
 * Whether the group-id kernels can key a column of `type` (flat values; float16 is left out because its bits do
 * not compare as its values do). Other types take the callers' generic path.
 */
export function hasKernelDistinct(type: DataType): boolean {
  switch (type.kind) {
    case 'dictionary':
      return hasKernelDistinct(type.value);
    case 'utf8':
    case 'binary':
    case 'bool':
      return true;
    case 'float16':
      return false;
    default:
      return fixedLayout(type) !== undefined;
  }
}

/** Distinct non-null values (first-occurrence order) and the summed weight of each. */
export interface DistinctValues {
  readonly values: Column;
  readonly counts: Float64Array;
}

/** The group of null rows, or -1 when there are none. */
function nullGroup(column: Column, grouped: GroupIds): number {
  if (column.nullCount === 0 || !column.validity) return -1;
  const validity = column.validity;
  for (let i = 0; i < column.length; i++) {
    if (((validity[i >> 3]! >> (i & 7)) & 1) === 0) return grouped.ids[i]!;
  }
  return -1;
}

function withoutGroup(
  grouped: GroupIds,
  counts: Float64Array,
  drop: number,
): { rows: Int32Array; counts: Float64Array } {
  if (drop < 0) return { rows: grouped.firstRow, counts };
  const keep = (_: number, g: number) => g !== drop;
  return { rows: grouped.firstRow.filter(keep), counts: counts.filter(keep) };
}

/** The distinct non-null values of `column` with their row counts. */
export function distinctValueCounts(column: Column): DistinctValues {
  if (column.length === 0) return { values: column, counts: new Float64Array(0) };
  const grouped = groupIds([column]);
  const { rows, counts } = withoutGroup(
    grouped,
    groupCounts(grouped.ids, undefined, grouped.numGroups),
    nullGroup(column, grouped),
  );
  return { values: takeColumn(column, rows), counts };
}

/** Several partitions' distinct values merged: each value once, its counts added up. */
export function mergeDistinctValues(parts: readonly DistinctValues[]): DistinctValues {
  if (parts.length === 0) throw new RangeError('mergeDistinctValues: no parts');
  const nonEmpty = parts.filter((p) => p.values.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? parts[0]!;
  const values = concatColumns(nonEmpty.map((p) => p.values));
  const weights = new Float64Array(values.length);
  let at = 0;
  for (const p of nonEmpty) {
    weights.set(p.counts, at);
    at += p.counts.length;
  }
  const grouped = groupIds([values]);
  const { sums } = groupSums({ kind: 'f64', values: weights }, grouped.ids, undefined, grouped.numGroups);
  return { values: takeColumn(values, grouped.firstRow), counts: sums as Float64Array };
}

/** The order of `counts` from the largest down, ties in their current order (a stable radix sort). */
export function descendingCountOrder(counts: Float64Array): Int32Array {
  const words = new Uint32Array(counts.length);
  for (let i = 0; i < counts.length; i++) words[i] = 0xffffffff - Math.min(counts[i]!, 0xffffffff);
  return argsortImages([{ width: 32, words }], counts.length);
}
