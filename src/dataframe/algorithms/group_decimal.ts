// Group-by aggregations of DECIMAL columns, exact: sums add unscaled bigints (the sum state and result are
// DECIMAL(38, s), DuckDB's sum type, an error past 38 digits), min/max compare them, and the mean divides the exact
// sum once into a double. Decimals are rare and 128/256-bit, so this is a plain JS loop, not a wasm kernel.
import { columnFromValues } from '../../columnar/build.js';
import type { Column, DataType } from '../../columnar/types.js';
import { valueAt } from '../../columnar/values.js';
import { decimalMean } from '../ops/stats.js';

const DECIMAL38_LIMIT = 10n ** 38n;

/** DuckDB's type of sum(DECIMAL(p, s)): DECIMAL(38, s). */
export function decimalSumType(type: DataType): DataType {
  if (type.kind !== 'decimal') throw new TypeError(`groupby: expected a decimal column, not ${type.kind}`);
  return { kind: 'decimal', precision: 38, scale: type.scale, bitWidth: 128 };
}

/** Per-group exact sums (0 for a group without values) and non-null counts of a decimal column. */
export function decimalGroupSums(
  column: Column,
  ids: Int32Array,
  numGroups: number,
): { sums: Column; counts: Float64Array } {
  const sums: bigint[] = new Array(numGroups).fill(0n);
  const counts = new Float64Array(numGroups);
  for (let r = 0; r < ids.length; r++) {
    const v = valueAt(column, r) as bigint | null;
    if (v === null) continue;
    const g = ids[r]!;
    sums[g] = sums[g]! + v;
    counts[g] = counts[g]! + 1;
  }
  for (const s of sums) {
    if (s >= DECIMAL38_LIMIT || -s >= DECIMAL38_LIMIT) {
      throw new RangeError(`groupby: a decimal sum does not fit ${typeText(decimalSumType(column.type))}`);
    }
  }
  return { sums: columnFromValues(decimalSumType(column.type), sums), counts };
}

/** Per-group min or max of a decimal column (null for a group without values), in the column's type. */
export function decimalGroupMinMax(column: Column, ids: Int32Array, numGroups: number, fn: 'min' | 'max'): Column {
  const out: (bigint | null)[] = new Array(numGroups).fill(null);
  for (let r = 0; r < ids.length; r++) {
    const v = valueAt(column, r) as bigint | null;
    if (v === null) continue;
    const g = ids[r]!;
    const cur = out[g];
    if (cur === null || cur === undefined || (fn === 'min' ? v < cur : v > cur)) out[g] = v;
  }
  return columnFromValues(column.type, out);
}

/** Per-group means (float64, null where the count is 0) from exact decimal sums. */
export function decimalGroupMeans(sums: Column, counts: Float64Array): Column {
  const scale = sums.type.kind === 'decimal' ? sums.type.scale : 0;
  const out: (number | null)[] = new Array(counts.length);
  for (let g = 0; g < counts.length; g++) {
    out[g] = counts[g]! > 0 ? decimalMean(valueAt(sums, g) as bigint, counts[g]!, scale) : null;
  }
  return columnFromValues({ kind: 'float64' }, out);
}

/** The sums column with nulls where the count is 0 (sum of no values is NULL, as in SQL). */
export function decimalSumsWhereCounted(sums: Column, counts: Float64Array): Column {
  const out: (bigint | null)[] = new Array(counts.length);
  for (let g = 0; g < counts.length; g++) out[g] = counts[g]! > 0 ? (valueAt(sums, g) as bigint) : null;
  return columnFromValues(sums.type, out);
}

function typeText(type: DataType): string {
  return type.kind === 'decimal' ? `DECIMAL(${type.precision}, ${type.scale})` : type.kind;
}
