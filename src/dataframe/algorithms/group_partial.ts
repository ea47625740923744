// The chunk step of a hash group-by: one partition -> a partial, plain data that combines with other partials
// (group_combine.ts) and finalises into the result (group_finalize.ts), the apply-concat-apply of dask.
//
// A partial is a Batch of one row per group (the key columns, then the state columns of every aggregation, named
// `output|state`) plus, per nunique aggregation, a Batch of the distinct (group, value) pairs seen: `group` is the
// row of the group in the partial's group Batch. Partial min/max/first/last states are null where the group had no
// value, so merging skips them as it skips null input rows.
import { allocArray, allocBitmap } from '../../columnar/alloc.js';
import { filterBatch } from '../../columnar/filter.js';
import { setBit } from '../../columnar/layout.js';
import { takeColumn } from '../../columnar/take.js';
import type { Batch, Column, DataType, Field } from '../../columnar/types.js';
import type { AggItem } from './agg_spec.js';
import { keyInput } from './dictionary_keys.js';
import { DENSE_PAIR_BITS, directValueIds, distinctPairRows, remapIds, valueIds } from './distinct_pairs.js';
import { decimalGroupMinMax, decimalGroupSums } from './group_decimal.js';
import { GROUP_HLL_DEFAULT_PRECISION, groupHll, hllStateColumn } from './group_hll.js';
import { groupIds } from './group_ids.js';
import {
  accumulatorValues,
  float64Values,
  groupAnyAll,
  groupCounts,
  groupFirstLastRows,
  groupM2,
  groupMinMax,
  groupSums,
} from './group_kernels.js';
import { type PairSet, pairSetOfRows } from './pair_set.js';
import { hasValueWords } from './value_words.js';

/** The partial result of a group-by over some partitions. */
export interface GroupPartial {
  /** Key columns (named as the keys) then state columns (`output|state`), one row per group. */
  readonly groups: Batch;
  /** Per nunique output column: the distinct (group row, value) pairs, as a radix pair set when the values fit in
   *  64-bit words (pair_set.ts), else a Batch of fields `group` (int32) and `value`. */
  readonly distinct: Readonly<Record<string, NuniqueState>>;
  /** Per nunique output column, in a partial made only for the last step: distinct values per group (instead of
   *  the pairs in `distinct`). */
  readonly distinctCounts?: Readonly<Record<string, Float64Array>>;
}

/** The distinct pairs of one nunique aggregation in a partial. */
export type NuniqueState = Batch | PairSet;

/** Name of a state column. */
export function stateName(item: AggItem, state: string): string {
  return `${item.name}|${state}`;
}

/** A named state column. */
export interface NamedColumn {
  readonly field: Field;
  readonly column: Column;
}

/** A float64 column without nulls. */
export function float64Column(values: Float64Array): Column {
  return { type: { kind: 'float64' }, length: values.length, nullCount: 0, values };
}

/** A column of `type` over `values`, null where `counts` is 0. */
export function columnWhereCounted(
  type: DataType,
  values: Float64Array | BigInt64Array | Int32Array | Uint8Array,
  counts: Float64Array,
): Column {
  const n = counts.length;
  let nullCount = 0;
  for (let g = 0; g < n; g++) if (counts[g] === 0) nullCount++;
  if (nullCount === 0) return { type, length: n, nullCount, values };
  const validity = allocBitmap(n);
  for (let g = 0; g < n; g++) if (counts[g] !== 0) setBit(validity, g);
  return { type, length: n, nullCount, validity, values };
}

/** The type of min/max results: the input's own type when it is stored as the accumulator is. */
export function minMaxType(input: DataType, values: Float64Array | BigInt64Array | Int32Array): DataType {
  const stored =
    (values instanceof Float64Array && input.kind === 'float64') ||
    (values instanceof BigInt64Array && ['int64', 'timestamp', 'date64', 'duration'].includes(input.kind)) ||
    (values instanceof Int32Array && ['int32', 'date32'].includes(input.kind));
  if (stored) return input;
  return values instanceof Float64Array
    ? { kind: 'float64' }
    : values instanceof BigInt64Array
      ? { kind: 'int64' }
      : { kind: 'int32' };
}

function named(item: AggItem, state: string, column: Column): NamedColumn {
  return { field: { name: stateName(item, state), type: column.type, nullable: column.nullCount > 0 }, column };
}

/** The rows of `column` at `rows` (-1: null). */
function taken(column: Column, rows: Int32Array): Column {
  return takeColumn(column, rows);
}

/** States of sum/mean/min/max over a decimal column: exact bigint arithmetic (group_decimal.ts). */
function decimalChunkStates(item: AggItem, column: Column, ids: Int32Array, numGroups: number): NamedColumn[] {
  if (item.fn === 'min' || item.fn === 'max') {
    return [named(item, item.fn, decimalGroupMinMax(column, ids, numGroups, item.fn))];
  }
  const { sums, counts } = decimalGroupSums(column, ids, numGroups);
  return [named(item, 'sum', sums), named(item, 'count', float64Column(counts))];
}

/** States of one aggregation over raw rows (a partition) grouped by `ids`. */
function chunkStates(item: AggItem, column: Column | undefined, ids: Int32Array, numGroups: number): NamedColumn[] {
  if (item.fn === 'size') return [named(item, 'count', float64Column(groupCounts(ids, undefined, numGroups)))];
  if (!column) throw new TypeError(`groupby: no column ${item.column}`);
  const validity = column.nullCount > 0 ? column.validity : undefined;
  if (column.type.kind === 'decimal' && ['sum', 'mean', 'min', 'max'].includes(item.fn)) {
    return decimalChunkStates(item, column, ids, numGroups);
  }
  switch (item.fn) {
    case 'count':
      return [named(item, 'count', float64Column(groupCounts(ids, validity, numGroups)))];
    case 'sum':
    case 'mean': {
      const acc = accumulatorValues(column, item.fn);
      const { sums, counts } = groupSums(acc, ids, validity, numGroups);
      const type: DataType = sums instanceof Float64Array ? { kind: 'float64' } : { kind: 'int64' };
      return [
        named(item, 'sum', { type, length: numGroups, nullCount: 0, values: sums }),
        named(item, 'count', float64Column(counts)),
      ];
    }
    case 'var':
    case 'std': {
      const values = float64Values(accumulatorValues(column, item.fn));
      const { sums, counts } = groupSums({ kind: 'f64', values }, ids, validity, numGroups);
      const means = allocArray(Float64Array, numGroups);
      for (let g = 0; g < numGroups; g++) means[g] = counts[g]! > 0 ? (sums[g] as number) / counts[g]! : 0;
      const m2 = groupM2(values, ids, validity, means);
      return [
        named(item, 'count', float64Column(counts)),
        named(item, 'mean', float64Column(means)),
        named(item, 'm2', float64Column(m2)),
      ];
    }
    case 'min':
    case 'max': {
      const acc = accumulatorValues(column, item.fn);
      const { mins, maxs } = groupMinMax(acc, ids, validity, numGroups);
      const counts = groupCounts(ids, validity, numGroups);
      const values = item.fn === 'min' ? mins : maxs;
      return [named(item, item.fn, columnWhereCounted(minMaxType(column.type, values), values, counts))];
    }
    case 'first':
    case 'last': {
      const rows = groupFirstLastRows(ids, validity, numGroups);
      return [named(item, item.fn, taken(column, item.fn === 'first' ? rows.first : rows.last))];
    }
    case 'any':
    case 'all': {
      if (column.type.kind !== 'bool') throw new TypeError(`groupby: ${item.fn} needs a bool column`);
      const result = groupAnyAll(column.values as Uint8Array, ids, validity, numGroups);
      const counts = groupCounts(ids, validity, numGroups);
      const values = item.fn === 'any' ? result.any : result.all;
      return [named(item, item.fn, columnWhereCounted({ kind: 'uint8' }, values, counts))];
    }
    case 'nuniqueApprox': {
      const p = item.precision ?? GROUP_HLL_DEFAULT_PRECISION;
      return [named(item, 'hll', hllStateColumn(groupHll(column, ids, numGroups, p), numGroups, p))];
    }
    case 'nunique':
      return [];
    default:
      throw new TypeError(`groupby: unsupported aggregation ${item.fn}`);
  }
}

/**
 * The nunique state of a column grouped by `ids`: the pairs found with a bitmap over the pair space when the values
 * are small integers and the space is small (the fastest way), else a radix pair set for 64-bit values, else the
 * pairs found by grouping.
 */
export function nuniqueState(column: Column, ids: Int32Array, numGroups: number): NuniqueState {
  const direct = directValueIds(column);
  if (direct && numGroups * direct.numGroups <= DENSE_PAIR_BITS) return distinctPairs(column, ids, numGroups, direct);
  return hasValueWords(column.type) ? pairSetOfRows(column, ids) : distinctPairs(column, ids, numGroups);
}

/** The distinct (group, non-null value) pairs of a column grouped by `ids` (`numGroups` groups). */
export function distinctPairs(
  column: Column,
  ids: Int32Array,
  numGroups: number,
  values: { ids: Int32Array; numGroups: number } = valueIds(column),
): Batch {
  const validity = column.nullCount > 0 ? column.validity : undefined;
  const rows = distinctPairRows(ids, numGroups, values.ids, values.numGroups, validity);
  const group = allocArray(Int32Array, rows.length);
  remapIds(ids, 0, rows, group, 0);
  return {
    fields: [
      { name: 'group', type: { kind: 'int32' }, nullable: false },
      { name: 'value', type: column.type, nullable: false },
    ],
    numRows: rows.length,
    columns: [{ type: { kind: 'int32' }, length: rows.length, nullCount: 0, values: group }, takeColumn(column, rows)],
  };
}

/** Looks up a column of `batch` by name. */
export function columnByName(batch: Batch, name: string): Column | undefined {
  const i = batch.fields.findIndex((f) => f.name === name);
  return i < 0 ? undefined : batch.columns[i];
}

/** `batch` without the rows where any of `keys` is null (pandas' groupby dropna=True; NaN keys stay a group). */
export function withoutNullKeys(batch: Batch, keys: readonly string[]): Batch {
  const nullable = keys
    .map((k) => columnByName(batch, k))
    .filter((c): c is Column => c !== undefined && c.nullCount > 0);
  if (nullable.length === 0) return batch;
  const keep = new Uint8Array((batch.numRows + 7) >> 3);
  for (let r = 0; r < batch.numRows; r++) {
    if (nullable.every((c) => (c.validity![r >> 3]! & (1 << (r & 7))) !== 0)) keep[r >> 3]! |= 1 << (r & 7);
  }
  return filterBatch(batch, keep);
}

/**
 * The partial of one partition: its groups (by the `keys` columns) and the states of `items`. `dropna`: rows with
 * a null key are left out (otherwise nulls form a group, as in SQL).
 */
export function groupbyChunk(
  input: Batch,
  keys: readonly string[],
  items: readonly AggItem[],
  dropna = false,
): GroupPartial {
  const batch = dropna ? withoutNullKeys(input, keys) : input;
  const keyInputs = keys.map((k) => {
    const c = columnByName(batch, k);
    if (!c) throw new TypeError(`groupby: no key column ${k}`);
    return keyInput(c);
  });
  const keyFields = keys.map((k, i) => ({ ...batch.fields.find((f) => f.name === k)!, type: keyInputs[i]!.type }));
  const grouping =
    batch.numRows === 0
      ? { ids: new Int32Array(0), numGroups: 0, firstRow: new Int32Array(0) }
      : groupIds(keyInputs.map((k) => k.grouping));
  const { ids, numGroups, firstRow } = grouping;
  const fields: Field[] = [...keyFields];
  const columns: Column[] = keyInputs.map((k) => k.take(firstRow));
  const distinct: Record<string, NuniqueState> = {};
  for (const item of items) {
    const column = item.column === '*' ? undefined : columnByName(batch, item.column);
    for (const state of chunkStates(item, column, ids, numGroups)) {
      fields.push(state.field);
      columns.push(state.column);
    }
    if (item.fn === 'nunique') {
      if (!column) throw new TypeError(`groupby: no column ${item.column}`);
      distinct[item.name] = nuniqueState(column, ids, numGroups);
    }
  }
  return { groups: { fields, numRows: numGroups, columns }, distinct };
}
