// The last step of a hash group-by: a combined partial -> the result Batch (key columns, then one column per
// aggregation, in spec order). Results follow DuckDB except that count, size, nunique and nuniqueApprox are
// float64 holding integers (JS numbers, see countColumn); sum of integers is int64 and of floats float64, NULL for a
// group without values; sum of DECIMAL(p, s) is DECIMAL(38, s); mean, var (sample, ddof 1, DuckDB's var_samp) and
// std are float64, var/std NULL below two values; nuniqueApprox is the rounded HyperLogLog estimate.
import { allocArray, allocBitmap } from '../../columnar/alloc.js';
import { setBit } from '../../columnar/layout.js';
import type { Batch, Column, Field } from '../../columnar/types.js';
import type { AggItem } from './agg_spec.js';
import { decimalGroupMeans, decimalSumsWhereCounted } from './group_decimal.js';
import { estimateGroupHll } from './group_hll.js';
import { columnByName, columnWhereCounted, type GroupPartial, type NuniqueState, stateName } from './group_partial.js';
import { isPairSet, pairSetCounts } from './pair_set.js';

/** Counts are float64 columns holding integers: Arrow JS reads int64 as bigint, and every count of Tessera
 *  (length, count, nunique, valueCounts, group-by counts) is one JS type, number (exact to 2^53 rows). */
function countColumn(counts: Float64Array): Column {
  return { type: { kind: 'float64' }, length: counts.length, nullCount: 0, values: counts };
}

function float64Where(values: Float64Array, valid: (g: number) => boolean): Column {
  const n = values.length;
  const validity = allocBitmap(n);
  let nullCount = 0;
  for (let g = 0; g < n; g++) {
    if (valid(g)) setBit(validity, g);
    else nullCount++;
  }
  return nullCount === 0
    ? { type: { kind: 'float64' }, length: n, nullCount, values }
    : { type: { kind: 'float64' }, length: n, nullCount, validity, values };
}

function boolColumn(state: Column): Column {
  const bytes = state.values as Uint8Array;
  const bits = allocBitmap(state.length);
  for (let g = 0; g < state.length; g++) if (bytes[g]) setBit(bits, g);
  return { ...state, type: { kind: 'bool' }, values: bits };
}

function finalColumn(
  item: AggItem,
  groups: Batch,
  distinct: NuniqueState | undefined,
  distinctCounts: Float64Array | undefined,
): Column {
  const state = (name: string): Column => {
    const column = columnByName(groups, stateName(item, name));
    if (!column) throw new TypeError(`groupby: partial lacks state ${stateName(item, name)}`);
    return column;
  };
  const f64 = (name: string) => state(name).values as Float64Array;
  const n = groups.numRows;
  switch (item.fn) {
    case 'size':
    case 'count':
      return countColumn(f64('count'));
    case 'sum': {
      const sum = state('sum');
      if (sum.type.kind === 'decimal') return decimalSumsWhereCounted(sum, f64('count'));
      return columnWhereCounted(sum.type, sum.values as Float64Array | BigInt64Array, f64('count'));
    }
    case 'mean': {
      if (state('sum').type.kind === 'decimal') return decimalGroupMeans(state('sum'), f64('count'));
      const sums = state('sum').values as Float64Array | BigInt64Array;
      const counts = f64('count');
      const means = allocArray(Float64Array, n);
      for (let g = 0; g < n; g++) means[g] = Number(sums[g]!) / counts[g]!;
      return float64Where(means, (g) => counts[g]! > 0);
    }
    case 'var':
    case 'std': {
      const counts = f64('count');
      const m2 = f64('m2');
      const out = allocArray(Float64Array, n);
      for (let g = 0; g < n; g++) {
        const variance = counts[g]! > 1 ? m2[g]! / (counts[g]! - 1) : 0;
        out[g] = item.fn === 'std' ? Math.sqrt(variance) : variance;
      }
      return float64Where(out, (g) => counts[g]! > 1);
    }
    case 'min':
    case 'max':
    case 'first':
    case 'last':
      return state(item.fn);
    case 'any':
    case 'all':
      return boolColumn(state(item.fn));
    case 'nunique': {
      if (distinctCounts) return countColumn(distinctCounts);
      const counts = new Float64Array(n);
      if (distinct && isPairSet(distinct)) return countColumn(pairSetCounts(distinct, n));
      if (distinct) {
        const group = distinct.columns[0]!.values as Int32Array;
        for (let p = 0; p < distinct.numRows; p++) counts[group[p]!] = counts[group[p]!]! + 1;
      }
      return countColumn(counts);
    }
    case 'nuniqueApprox': {
      const estimates = estimateGroupHll(state('hll'));
      const values = allocArray(Float64Array, n);
      for (let g = 0; g < n; g++) values[g] = Number(estimates[g]!);
      return countColumn(values);
    }
    default:
      throw new TypeError(`groupby: aggregation ${item.fn} is not supported here`);
  }
}

/** The result of a group-by from its combined partial: the key columns, then the aggregations of `items`. */
export function groupbyFinalize(partial: GroupPartial, keys: readonly string[], items: readonly AggItem[]): Batch {
  const { groups } = partial;
  const fields: Field[] = groups.fields.slice(0, keys.length).map((f) => ({ ...f }));
  const columns: Column[] = groups.columns.slice(0, keys.length);
  for (const item of items) {
    const column = finalColumn(item, groups, partial.distinct[item.name], partial.distinctCounts?.[item.name]);
    fields.push({ name: item.name, type: column.type, nullable: column.nullCount > 0 || groups.numRows === 0 });
    columns.push(column);
  }
  return { fields, numRows: groups.numRows, columns };
}
