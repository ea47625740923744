// The combine step of a hash group-by: partials concatenated (in partition order, so first/last keep their
// meaning), grouped again by their key columns, and every state merged per new group: counts and sums add up,
// min/max and first/last run the chunk kernels over the state columns (null states skipped), variances merge with
// Chan et al.'s pairwise formula, and nunique pairs are re-indexed to the new groups and deduplicated.
import { allocArray } from '../../columnar/alloc.js';
import { concatBatches, concatColumns } from '../../columnar/concat.js';
import { takeColumn } from '../../columnar/take.js';
import type { Batch, Column, Field } from '../../columnar/types.js';
import type { AggItem } from './agg_spec.js';
import {
  DENSE_PAIR_BITS,
  directValueIds,
  distinctPairCounts,
  distinctPairRows,
  remapIds,
  valueIds,
} from './distinct_pairs.js';
import { decimalGroupMinMax, decimalGroupSums } from './group_decimal.js';
import { mergeGroupHll } from './group_hll.js';
import { groupIds } from './group_ids.js';
import { groupCounts, groupFirstLastRows, groupMinMax, groupSums } from './group_kernels.js';
import {
  columnByName,
  columnWhereCounted,
  float64Column,
  type GroupPartial,
  minMaxType,
  type NuniqueState,
  stateName,
} from './group_partial.js';
import { countMergedPairs, isPairSet, mergePairSets, type PairSet, pairSetCounts, pairSetOfRows } from './pair_set.js';
import { hasValueWords } from './value_words.js';

function stateColumn(batch: Batch, item: AggItem, state: string): Column {
  const column = columnByName(batch, stateName(item, state));
  if (!column) throw new TypeError(`groupby: partial lacks state ${stateName(item, state)}`);
  return column;
}

function sumStates(column: Column, ids: Int32Array, numGroups: number): Column {
  if (column.type.kind === 'decimal') return decimalGroupSums(column, ids, numGroups).sums;
  const values = column.values as Float64Array | BigInt64Array;
  const acc = values instanceof Float64Array ? { kind: 'f64' as const, values } : { kind: 'i64' as const, values };
  const { sums } = groupSums(acc, ids, undefined, numGroups);
  return { type: column.type, length: numGroups, nullCount: 0, values: sums };
}

/** Merges (count, mean, m2) triples per group (Chan, Golub, LeVeque 1979, the pairwise update). */
function mergeMoments(
  counts: Float64Array,
  means: Float64Array,
  m2s: Float64Array,
  ids: Int32Array,
  numGroups: number,
): { count: Float64Array; mean: Float64Array; m2: Float64Array } {
  const count = allocArray(Float64Array, numGroups);
  const mean = allocArray(Float64Array, numGroups);
  const m2 = allocArray(Float64Array, numGroups);
  for (let r = 0; r < ids.length; r++) {
    const nb = counts[r]!;
    if (nb === 0) continue;
    const g = ids[r]!;
    const na = count[g]!;
    const n = na + nb;
    const delta = means[r]! - mean[g]!;
    mean[g] = mean[g]! + (delta * nb) / n;
    m2[g] = m2[g]! + m2s[r]! + (delta * delta * na * nb) / n;
    count[g] = n;
  }
  return { count, mean, m2 };
}

function mergedStates(item: AggItem, batch: Batch, ids: Int32Array, numGroups: number): [string, Column][] {
  const col = (state: string) => stateColumn(batch, item, state);
  const f64 = (state: string) => col(state).values as Float64Array;
  const sumCounts = () =>
    groupSums({ kind: 'f64', values: f64('count') }, ids, undefined, numGroups).sums as Float64Array;
  switch (item.fn) {
    case 'size':
    case 'count':
      return [['count', float64Column(sumCounts())]];
    case 'sum':
    case 'mean':
      return [
        ['sum', sumStates(col('sum'), ids, numGroups)],
        ['count', float64Column(sumCounts())],
      ];
    case 'var':
    case 'std': {
      const merged = mergeMoments(f64('count'), f64('mean'), f64('m2'), ids, numGroups);
      return [
        ['count', float64Column(merged.count)],
        ['mean', float64Column(merged.mean)],
        ['m2', float64Column(merged.m2)],
      ];
    }
    case 'min':
    case 'max': {
      const state = col(item.fn);
      if (state.type.kind === 'decimal') return [[item.fn, decimalGroupMinMax(state, ids, numGroups, item.fn)]];
      const values = state.values as Float64Array | BigInt64Array | Int32Array;
      const acc =
        values instanceof Float64Array
          ? { kind: 'f64' as const, values }
          : values instanceof BigInt64Array
            ? { kind: 'i64' as const, values }
            : { kind: 'i32' as const, values };
      const validity = state.nullCount > 0 ? state.validity : undefined;
      const { mins, maxs } = groupMinMax(acc, ids, validity, numGroups);
      const counts = groupCounts(ids, validity, numGroups);
      const out = item.fn === 'min' ? mins : maxs;
      return [[item.fn, columnWhereCounted(minMaxType(state.type, out), out, counts)]];
    }
    case 'first':
    case 'last': {
      const state = col(item.fn);
      const rows = groupFirstLastRows(ids, state.nullCount > 0 ? state.validity : undefined, numGroups);
      return [[item.fn, takeColumn(state, item.fn === 'first' ? rows.first : rows.last)]];
    }
    case 'any':
    case 'all': {
      const state = col(item.fn);
      const values = state.values as Uint8Array;
      const out = allocArray(Uint8Array, numGroups);
      const counts = allocArray(Float64Array, numGroups);
      if (item.fn === 'all') out.fill(1);
      for (let r = 0; r < ids.length; r++) {
        if (state.nullCount > 0 && ((state.validity![r >> 3]! >> (r & 7)) & 1) === 0) continue;
        const g = ids[r]!;
        counts[g] = counts[g]! + 1;
        out[g] = item.fn === 'any' ? out[g]! | values[r]! : out[g]! & values[r]!;
      }
      return [[item.fn, columnWhereCounted({ kind: 'uint8' }, out, counts)]];
    }
    case 'nuniqueApprox':
      return [['hll', mergeGroupHll(col('hll'), ids, numGroups)]];
    default:
      return [];
  }
}

/** The distinct pairs of several partials' Batches as one (combined group id, value) Batch: each partial's group
 *  column re-indexed through `ids` (of the concatenated group rows; `offsets` = the first group row of each). */
function combinedPairs(
  pairs: readonly Batch[],
  offsets: readonly number[],
  ids: Int32Array,
): { group: Int32Array; value: Column } {
  const total = pairs.reduce((n, b) => n + b.numRows, 0);
  const group = allocArray(Int32Array, total);
  let at = 0;
  pairs.forEach((batch, p) => {
    remapIds(ids, offsets[p]!, (batch.columns[0]!.values as Int32Array).subarray(0, batch.numRows), group, at);
    at += batch.numRows;
  });
  return { group, value: concatColumns(pairs.map((b) => b.columns[1]!)) };
}

/** A Batch of pairs (its value type with 64-bit words) as a radix pair set. */
function pairSetOfBatch(pairs: Batch): PairSet {
  return pairSetOfRows(pairs.columns[1]!, pairs.columns[0]!.values as Int32Array);
}

/**
 * The nunique state of several partials merged (or, `final`, the distinct count per combined group): Batches of
 * small-integer pairs stay Batches while the pair bitmap covers them; once a pair set is met, or the space is too
 * wide for the bitmap, 64-bit values go to radix pair sets.
 */
function mergeNunique(
  states: readonly NuniqueState[],
  offsets: readonly number[],
  ids: Int32Array,
  numGroups: number,
  final: boolean,
): NuniqueState | Float64Array {
  if (states.some(isPairSet)) {
    const sets = states.map((s) => (isPairSet(s) ? s : pairSetOfBatch(s)));
    return final ? countMergedPairs(sets, { ids, offsets }, numGroups) : mergePairSets(sets, { ids, offsets });
  }
  const pairs = states as Batch[];
  const { group, value } = combinedPairs(pairs, offsets, ids);
  const direct = directValueIds(value);
  if (!(direct && numGroups * direct.numGroups <= DENSE_PAIR_BITS) && hasValueWords(value.type)) {
    const set = pairSetOfRows(value, group);
    return final ? pairSetCounts(set, numGroups) : set;
  }
  const values = direct ?? valueIds(value);
  if (final) return distinctPairCounts(group, numGroups, values.ids, values.numGroups);
  const rows = distinctPairRows(group, numGroups, values.ids, values.numGroups);
  const outGroup = allocArray(Int32Array, rows.length);
  remapIds(group, 0, rows, outGroup, 0);
  const groupColumn: Column = { type: { kind: 'int32' }, length: rows.length, nullCount: 0, values: outGroup };
  return { fields: pairs[0]!.fields, numRows: rows.length, columns: [groupColumn, takeColumn(value, rows)] };
}

/**
 * One partial holding the groups of all `partials` (same keys and items) with their states merged. `final`: the
 * result only goes to groupbyFinalize, so nunique keeps distinct counts per group instead of the pairs.
 */
export function groupbyCombine(
  partials: readonly GroupPartial[],
  keys: readonly string[],
  items: readonly AggItem[],
  final = false,
): GroupPartial {
  if (partials.length === 0) throw new RangeError('groupbyCombine: no partials');
  const all = concatBatches(partials.map((p) => p.groups));
  const keyColumns = keys.map((k) => columnByName(all, k)!);
  const { ids, numGroups, firstRow } =
    all.numRows === 0 ? { ids: new Int32Array(0), numGroups: 0, firstRow: new Int32Array(0) } : groupIds(keyColumns);
  const fields: Field[] = all.fields.slice(0, keys.length);
  const columns: Column[] = keyColumns.map((c) => takeColumn(c, firstRow));
  for (const item of items) {
    for (const [state, column] of mergedStates(item, all, ids, numGroups)) {
      fields.push({ name: stateName(item, state), type: column.type, nullable: column.nullCount > 0 });
      columns.push(column);
    }
  }
  const offsets: number[] = [];
  let offset = 0;
  for (const p of partials) {
    offsets.push(offset);
    offset += p.groups.numRows;
  }
  const distinct: Record<string, NuniqueState> = {};
  const distinctCounts: Record<string, Float64Array> = {};
  for (const item of items) {
    if (item.fn !== 'nunique') continue;
    const merged = mergeNunique(
      partials.map((p) => p.distinct[item.name]!),
      offsets,
      ids,
      numGroups,
      final,
    );
    if (merged instanceof Float64Array) distinctCounts[item.name] = merged;
    else distinct[item.name] = merged;
  }
  const groups = { fields, numRows: numGroups, columns };
  return final ? { groups, distinct, distinctCounts } : { groups, distinct };
}
