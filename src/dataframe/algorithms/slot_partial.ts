// The group-by partial from per-slot states (codePartial's per dictionary code, or the fused read's:
// ops/fused_partial.ts): slots are mapped to groups (equal key values, in order of first row), their states
// gathered per group, and the partial built exactly as groupbyChunk's (group_partial.ts) would be.
import { allocArray } from '../../columnar/alloc.js';
import { takeColumn } from '../../columnar/take.js';
import type { Column, DataType, Field } from '../../columnar/types.js';
import type { AggItem } from './agg_spec.js';
import { groupIds } from './group_ids.js';
import { columnWhereCounted, float64Column, type GroupPartial, minMaxType, stateName } from './group_partial.js';
import { argsortImages } from './radix_argsort.js';

/** The smallest and largest int64 (the identities of max and min). */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Per-slot mins or maxes in the accumulator layout of their column (f64, i64 or i32). */
export type SlotExtremes = Float64Array | BigInt64Array | Int32Array;

/**
 * Per-slot states of a partition grouped by a dictionary key: slot s < dictionary.length holds the rows of code s,
 * the last slot those of null keys. The functions are called at most once per column and state.
 */
export interface SlotStates {
  /** The key's field in the partial: its field in the partition, typed as the dictionary's values. */
  readonly keyField: Field;
  /** The key's dictionary: no nulls, values may repeat (codes of equal values form one group). */
  readonly dictionary: Column;
  /** Rows per slot (f64). */
  readonly rows: Float64Array;
  /** First row of each slot (-1 for none): groups come in the order of their first row. */
  readonly firstRow: Int32Array;
  /** Slot ranges [segments[i], segments[i + 1]) whose totals add up first, before those of the next range (the
   *  partitions of several partials in one, added as their combine would); absent: one range. */
  readonly segments?: Int32Array;
  /** Non-null values of `column` per slot. */
  counts(column: string): Float64Array;
  /** Sums of `column` per slot: float64, or int64 (wrapping) for integer values. */
  sums(column: string): Float64Array | BigInt64Array;
  /** Min or max of `column` per slot (the identity where a slot has no value). */
  extremes(column: string, max: boolean): SlotExtremes;
  /** Min and max of `column` per slot, in one pass. */
  minMax(column: string): { mins: SlotExtremes; maxs: SlotExtremes };
  /** The type of `column` in the partition. */
  valueType(column: string): DataType;
}

/** The partial of `items` from per-slot states (codePartial's, or the fused read's: fused_partial.ts). */
export function slotPartial(states: SlotStates, items: readonly AggItem[], dropna: boolean): GroupPartial {
  const { dictionary, firstRow } = states;
  const rows = states.rows.slice();
  const size = dictionary.length;
  const nullSlot = size;
  const slots = size + 1;
  if (dropna) rows[nullSlot] = 0;
  // Codes whose dictionary values are equal form one group; groups are numbered by their first row.
  const valueGroup = size > 0 ? groupIds([dictionary]).ids : new Int32Array(0);
  // Each value's first row (the least of its slots') and the slot holding it, the null key as value `size`; the
  // values present are then numbered by that row (a sort of the values, not of the slots: files of one task
  // repeat each value in every dictionary).
  const firstOfValue = new Float64Array(size + 1).fill(Number.POSITIVE_INFINITY);
  const slotOfValue = new Int32Array(size + 1).fill(-1);
  let present = 0;
  for (let s = 0; s < slots; s++) {
    if (!(rows[s]! > 0)) continue;
    const v = s === nullSlot ? size : valueGroup[s]!;
    if (slotOfValue[v]! < 0) present++;
    if (firstRow[s]! < firstOfValue[v]!) {
      firstOfValue[v] = firstRow[s]!;
      slotOfValue[v] = s;
    }
  }
  // The values present ordered by their first rows (distinct non-negative int32s): a radix argsort, linear in the
  // values present, which a high-cardinality key makes many.
  const values = new Int32Array(present);
  const firsts = new Uint32Array(present);
  for (let v = 0, k = 0; v <= size; v++) {
    if (slotOfValue[v]! < 0) continue;
    values[k] = v;
    firsts[k++] = firstOfValue[v]!;
  }
  const order = argsortImages([{ width: 32, words: firsts }], present);
  const groupOfValue = new Int32Array(size + 1).fill(-1);
  const representative = new Int32Array(present);
  for (let g = 0; g < present; g++) {
    const v = values[order[g]!]!;
    groupOfValue[v] = g;
    representative[g] = v === size ? -1 : slotOfValue[v]!;
  }
  const groupOfSlot = new Int32Array(slots).fill(-1);
  for (let s = 0; s < slots; s++)
    if (rows[s]! > 0) groupOfSlot[s] = groupOfValue[s === nullSlot ? size : valueGroup[s]!]!;
  const numGroups = representative.length;
  const fields: Field[] = [states.keyField];
  const columns: Column[] = [takeColumn(dictionary, representative)];
  const push = (item: AggItem, state: string, column: Column): void => {
    fields.push({ name: stateName(item, state), type: column.type, nullable: column.nullCount > 0 });
    columns.push(column);
  };
  // Per-slot states are computed once per column: sum and mean share their sums, min and max one pass.
  const cache = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T): T => {
    if (!cache.has(name)) cache.set(name, make());
    return cache.get(name) as T;
  };
  for (const item of items) {
    const counted = item.column !== '*';
    const slotCounts = (): Float64Array =>
      counted ? once(`${item.column}|count`, () => states.counts(item.column)) : rows;
    if (item.fn === 'size') {
      push(item, 'count', float64Column(gatherAdd(rows, groupOfSlot, numGroups, states.segments)));
    } else if (item.fn === 'count') {
      push(item, 'count', float64Column(gatherAdd(slotCounts(), groupOfSlot, numGroups, states.segments)));
    } else if (item.fn === 'sum' || item.fn === 'mean') {
      const sums = once(`${item.column}|sum`, () => states.sums(item.column));
      const grouped =
        sums instanceof Float64Array
          ? gatherAdd(sums, groupOfSlot, numGroups, states.segments)
          : gatherAddBig(sums, groupOfSlot, numGroups);
      const type: DataType = grouped instanceof Float64Array ? { kind: 'float64' } : { kind: 'int64' };
      push(item, 'sum', { type, length: numGroups, nullCount: 0, values: grouped });
      push(item, 'count', float64Column(gatherAdd(slotCounts(), groupOfSlot, numGroups, states.segments)));
    } else {
      const max = item.fn === 'max';
      const both = items.some((other) => other.column === item.column && other.fn === (max ? 'min' : 'max'));
      const extremes = both ? once(`${item.column}|minmax`, () => states.minMax(item.column)) : undefined;
      const perSlot = extremes ? (max ? extremes.maxs : extremes.mins) : states.extremes(item.column, max);
      const counts = gatherAdd(slotCounts(), groupOfSlot, numGroups, states.segments);
      const values = gatherExtreme(perSlot, slotCounts(), groupOfSlot, numGroups, max);
      push(item, item.fn, columnWhereCounted(minMaxType(states.valueType(item.column), values), values, counts));
    }
  }
  return { groups: { fields, numRows: numGroups, columns }, distinct: {} };
}

/** Per-group totals of per-slot numbers (slots of one group, codes of equal values, add up): within each segment of
 *  slots first, then across segments in order. */
function gatherAdd(
  perSlot: Float64Array,
  groupOfSlot: Int32Array,
  numGroups: number,
  segments?: Int32Array,
): Float64Array {
  const out = allocArray(Float64Array, numGroups);
  if (!segments) {
    for (let s = 0; s < perSlot.length; s++) if (groupOfSlot[s]! >= 0) out[groupOfSlot[s]!]! += perSlot[s]!;
    return out;
  }
  const segment = new Float64Array(numGroups);
  const touched = new Uint8Array(numGroups);
  const met: number[] = [];
  for (let k = 0; k + 1 < segments.length; k++) {
    for (let s = segments[k]!; s < segments[k + 1]!; s++) {
      const g = groupOfSlot[s]!;
      if (g < 0) continue;
      segment[g]! += perSlot[s]!;
      if (touched[g] === 0) {
        touched[g] = 1;
        met.push(g);
      }
    }
    for (const g of met) {
      out[g]! += segment[g]!;
      segment[g] = 0;
      touched[g] = 0;
    }
    met.length = 0;
  }
  return out;
}

function gatherAddBig(perSlot: BigInt64Array, groupOfSlot: Int32Array, numGroups: number): BigInt64Array {
  const out = allocArray(BigInt64Array, numGroups);
  for (let s = 0; s < perSlot.length; s++) if (groupOfSlot[s]! >= 0) out[groupOfSlot[s]!]! += perSlot[s]!;
  return out;
}

/** Per-group min or max of per-slot extremes, slots without values left out, with the per-row rules. */
function gatherExtreme(
  perSlot: SlotExtremes,
  counts: Float64Array,
  groupOfSlot: Int32Array,
  numGroups: number,
  max: boolean,
): SlotExtremes {
  if (perSlot instanceof BigInt64Array) return gatherExtremeBig(perSlot, counts, groupOfSlot, numGroups, max);
  const float = perSlot instanceof Float64Array;
  const init = float ? (max ? Number.NEGATIVE_INFINITY : Number.NaN) : max ? -0x80000000 : 0x7fffffff;
  const out = float ? allocArray(Float64Array, numGroups) : allocArray(Int32Array, numGroups);
  out.fill(init);
  for (let s = 0; s < perSlot.length; s++) {
    const g = groupOfSlot[s]!;
    if (g < 0 || counts[s] === 0) continue;
    const x = perSlot[s]!;
    const cur = out[g]!;
    if (max ? x > cur || Number.isNaN(x) : x < cur || Number.isNaN(cur)) out[g] = x;
  }
  return out;
}

/** gatherExtreme for int64 extremes. */
function gatherExtremeBig(
  perSlot: BigInt64Array,
  counts: Float64Array,
  groupOfSlot: Int32Array,
  numGroups: number,
  max: boolean,
): BigInt64Array {
  const out = allocArray(BigInt64Array, numGroups);
  out.fill(max ? INT64_MIN : INT64_MAX);
  for (let s = 0; s < perSlot.length; s++) {
    const g = groupOfSlot[s]!;
    if (g < 0 || counts[s] === 0) continue;
    const x = perSlot[s]!;
    if (max ? x > out[g]! : x < out[g]!) out[g] = x;
  }
  return out;
}
