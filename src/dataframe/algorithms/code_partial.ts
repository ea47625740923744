// The group-by partial of one partition whose sole key is a dictionary column (issue 16 item 3), for count, size,
// sum, mean, min and max: every aggregate is accumulated per dictionary code in one pass over the codes and the
// values, and only then are the codes mapped to groups (slot_partial.ts). No per-row group id array is built and nothing is copied
// into kernel memory; the states come out exactly as groupbyChunk's (group_partial.ts), so the partials combine
// and finalise the same way (int64 sums wrap modulo 2^64 as groupSumInt64 does). Other keys and aggregations return
// undefined and take the general path.
import type { Batch, Column } from '../../columnar/types.js';
import type { AggItem } from './agg_spec.js';
import { type AccumulatorValues, accumulatorKind, accumulatorValues } from './group_kernels.js';
import { columnByName, type GroupPartial } from './group_partial.js';
import { INT64_MAX, INT64_MIN, type SlotExtremes, type SlotStates, slotPartial } from './slot_partial.js';

/** Aggregations accumulated per code. */
const CODE_FNS: ReadonlySet<string> = new Set(['size', 'count', 'sum', 'mean', 'min', 'max']);

/** Rows after which integer sums per code move from float64 (exact below 2^53) into their int64 totals. */
const INT_FLUSH_ROWS = 1 << 21;

function isSet(bits: Uint8Array | undefined, i: number): boolean {
  return bits === undefined || (bits[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** Non-null values per code: the rows per code when the column has no nulls. */
function codeCounts(slot: Int32Array, rows: Float64Array, valid: Uint8Array | undefined): Float64Array {
  if (valid === undefined) return rows;
  const counts = new Float64Array(rows.length);
  for (let i = 0; i < slot.length; i++) if (isSet(valid, i)) counts[slot[i]!]!++;
  return counts;
}

function sumsFloat(slot: Int32Array, v: Float64Array, valid: Uint8Array | undefined, sums: Float64Array): void {
  const n = slot.length;
  if (valid === undefined) for (let i = 0; i < n; i++) sums[slot[i]!]! += v[i]!;
  else for (let i = 0; i < n; i++) if (isSet(valid, i)) sums[slot[i]!]! += v[i]!;
}

function sumsInt(
  slot: Int32Array,
  v: Int32Array,
  valid: Uint8Array | undefined,
  start: number,
  end: number,
  sums: Float64Array,
): void {
  if (valid === undefined) for (let i = start; i < end; i++) sums[slot[i]!]! += v[i]!;
  else for (let i = start; i < end; i++) if (isSet(valid, i)) sums[slot[i]!]! += v[i]!;
}

/** Int64 sums per code, wrapping modulo 2^64 as the general path's groupSumInt64 (a BigInt64Array store wraps). */
function sumsBig(slot: Int32Array, v: BigInt64Array, valid: Uint8Array | undefined, sums: BigInt64Array): void {
  const n = slot.length;
  if (valid === undefined) for (let i = 0; i < n; i++) sums[slot[i]!]! += v[i]!;
  else for (let i = 0; i < n; i++) if (isSet(valid, i)) sums[slot[i]!]! += v[i]!;
}

/** Sums per code: float64, int64 for int64 values (wrapping), or exact int64 for int32 values (moved out of
 *  float64 before they could reach 2^53). */
function codeSums(
  slot: Int32Array,
  acc: AccumulatorValues,
  valid: Uint8Array | undefined,
  slots: number,
): Float64Array | BigInt64Array {
  const n = slot.length;
  if (acc.kind === 'f64') {
    const sums = new Float64Array(slots);
    sumsFloat(slot, acc.values, valid, sums);
    return sums;
  }
  if (acc.kind === 'i64') {
    const sums = new BigInt64Array(slots);
    sumsBig(slot, acc.values, valid, sums);
    return sums;
  }
  const sums = new BigInt64Array(slots);
  const partial = new Float64Array(slots);
  for (let start = 0; start < n; start += INT_FLUSH_ROWS) {
    sumsInt(slot, acc.values as Int32Array, valid, start, Math.min(n, start + INT_FLUSH_ROWS), partial);
    for (let s = 0; s < slots; s++) {
      if (partial[s] !== 0) sums[s]! += BigInt(partial[s]!);
      partial[s] = 0;
    }
  }
  return sums;
}

// Min and max per code, one monomorphic loop each, with the general kernels' rules (assembly/group_aggregate.ts):
// a float min skips NaN unless every value is NaN; a float max is NaN once a NaN is seen.
function minFloat(slot: Int32Array, v: Float64Array, valid: Uint8Array | undefined, out: Float64Array): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    const cur = out[s]!;
    if (x < cur || Number.isNaN(cur)) out[s] = x;
  }
}

function maxFloat(slot: Int32Array, v: Float64Array, valid: Uint8Array | undefined, out: Float64Array): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    if (x > out[s]! || Number.isNaN(x)) out[s] = x;
  }
}

function minInt(slot: Int32Array, v: Int32Array, valid: Uint8Array | undefined, out: Int32Array): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    if (x < out[s]!) out[s] = x;
  }
}

function maxInt(slot: Int32Array, v: Int32Array, valid: Uint8Array | undefined, out: Int32Array): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    if (x > out[s]!) out[s] = x;
  }
}

/** Min or max per code (the identity where a code has no value). */
function codeExtremes(
  slot: Int32Array,
  acc: AccumulatorValues,
  valid: Uint8Array | undefined,
  slots: number,
  max: boolean,
): SlotExtremes {
  if (acc.kind === 'i64') {
    const both = codeMinMax(slot, acc, valid, slots);
    return max ? both.maxs : both.mins;
  }
  if (acc.kind === 'f64') {
    const out = new Float64Array(slots).fill(max ? Number.NEGATIVE_INFINITY : Number.NaN);
    (max ? maxFloat : minFloat)(slot, acc.values, valid, out);
    return out;
  }
  const out = new Int32Array(slots).fill(max ? -0x80000000 : 0x7fffffff);
  (max ? maxInt : minInt)(slot, acc.values as Int32Array, valid, out);
  return out;
}

/** The rows per slot into `rows`; with key nulls, each row's slot (its code, or `nullSlot`) into `slot` too. */
function slotRows(
  codes: Int32Array,
  keyValid: Uint8Array | undefined,
  nullSlot: number,
  slot: Int32Array,
  rows: Float64Array,
): void {
  const n = codes.length;
  if (keyValid === undefined) {
    for (let i = 0; i < n; i++) rows[codes[i]!]!++;
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = isSet(keyValid, i) ? codes[i]! : nullSlot;
    slot[i] = s;
    rows[s]!++;
  }
}

/** Min and max per code in one pass (both asked of one column), with the rules of minFloat and maxFloat. */
function minMaxFloat(
  slot: Int32Array,
  v: Float64Array,
  valid: Uint8Array | undefined,
  mins: Float64Array,
  maxs: Float64Array,
): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    const lo = mins[s]!;
    if (x < lo || Number.isNaN(lo)) mins[s] = x;
    if (x > maxs[s]! || Number.isNaN(x)) maxs[s] = x;
  }
}

function minMaxBig(
  slot: Int32Array,
  v: BigInt64Array,
  valid: Uint8Array | undefined,
  mins: BigInt64Array,
  maxs: BigInt64Array,
): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    if (x < mins[s]!) mins[s] = x;
    if (x > maxs[s]!) maxs[s] = x;
  }
}

function minMaxInt(
  slot: Int32Array,
  v: Int32Array,
  valid: Uint8Array | undefined,
  mins: Int32Array,
  maxs: Int32Array,
): void {
  for (let i = 0; i < slot.length; i++) {
    if (!isSet(valid, i)) continue;
    const s = slot[i]!;
    const x = v[i]!;
    if (x < mins[s]!) mins[s] = x;
    if (x > maxs[s]!) maxs[s] = x;
  }
}

/** Min and max per code of one column (the identities where a code has no value). */
function codeMinMax(
  slot: Int32Array,
  acc: AccumulatorValues,
  valid: Uint8Array | undefined,
  slots: number,
): { mins: SlotExtremes; maxs: SlotExtremes } {
  if (acc.kind === 'i64') {
    const mins = new BigInt64Array(slots).fill(INT64_MAX);
    const maxs = new BigInt64Array(slots).fill(INT64_MIN);
    minMaxBig(slot, acc.values, valid, mins, maxs);
    return { mins, maxs };
  }
  if (acc.kind === 'f64') {
    const mins = new Float64Array(slots).fill(Number.NaN);
    const maxs = new Float64Array(slots).fill(Number.NEGATIVE_INFINITY);
    minMaxFloat(slot, acc.values, valid, mins, maxs);
    return { mins, maxs };
  }
  const mins = new Int32Array(slots).fill(0x7fffffff);
  const maxs = new Int32Array(slots).fill(-0x80000000);
  minMaxInt(slot, acc.values as Int32Array, valid, mins, maxs);
  return { mins, maxs };
}

/** The accumulator values of `column` when the per-code path handles `fn` over it, else undefined. */
function codeValues(column: Column | undefined, fn: string): AccumulatorValues | undefined | 'none' {
  if (fn === 'size') return 'none';
  if (!column) return undefined;
  if (fn === 'count') return 'none';
  if (!accumulatorKind(column.type.kind)) return undefined;
  return accumulatorValues(column, fn);
}

/**
 * The partial of `batch` grouped by the dictionary column `key` (no null dictionary entries, int32 codes) for
 * `items`, or undefined when the key or an aggregation is not one this path handles. `dropna`: rows with a null
 * key are left out. Groups come in order of first occurrence, as groupbyChunk's.
 */
export function codePartial(
  batch: Batch,
  key: string,
  items: readonly AggItem[],
  dropna: boolean,
): GroupPartial | undefined {
  const keyColumn = columnByName(batch, key);
  if (keyColumn?.type.kind !== 'dictionary' || !(keyColumn.values instanceof Int32Array)) return undefined;
  const dictionary = keyColumn.dictionary!;
  if (dictionary.nullCount > 0 || items.some((item) => !CODE_FNS.has(item.fn))) return undefined;
  const inputs: (AccumulatorValues | 'none')[] = [];
  for (const item of items) {
    const values = codeValues(item.column === '*' ? undefined : columnByName(batch, item.column), item.fn);
    if (values === undefined) return undefined;
    inputs.push(values);
  }
  const n = keyColumn.length;
  const size = dictionary.length;
  const nullSlot = size;
  const slots = size + 1;
  const codes = keyColumn.values;
  const keyValid = keyColumn.nullCount > 0 ? keyColumn.validity : undefined;
  // Each row's slot (its code, or the null slot) and the rows per slot. An out-of-range code is not counted (a
  // typed array ignores such writes), which the total below catches.
  const slot = keyValid === undefined ? codes : new Int32Array(n);
  const rows = new Float64Array(slots);
  slotRows(codes, keyValid, nullSlot, slot, rows);
  let counted = 0;
  for (let s = 0; s < slots; s++) counted += rows[s]!;
  if (counted !== n) {
    for (let i = 0; i < n; i++) {
      const s = slot[i]!;
      if (!(s >= 0 && s < slots)) {
        throw new RangeError(`groupby: dictionary code ${s} at row ${i} outside a dictionary of ${size}`);
      }
    }
  }
  // The first row of each slot, scanning only until every slot present has been met.
  const firstRow = new Int32Array(slots).fill(-1);
  let unseen = 0;
  for (let s = 0; s < slots; s++) if (rows[s]! > 0) unseen++;
  for (let i = 0; i < n && unseen > 0; i++) {
    const s = slot[i]!;
    if (firstRow[s]! < 0) {
      firstRow[s] = i;
      unseen--;
    }
  }
  const column = (name: string): Column => columnByName(batch, name)!;
  // The values of a column aggregated by sum, mean, min or max (count needs only its validity).
  const accumulator = (name: string): AccumulatorValues =>
    inputs[
      items.findIndex((item) => item.column === name && item.fn !== 'count' && item.fn !== 'size')
    ] as AccumulatorValues;
  const validOf = (name: string): Uint8Array | undefined => {
    const c = column(name);
    return c.nullCount > 0 ? c.validity : undefined;
  };
  const states: SlotStates = {
    keyField: { ...batch.fields.find((f) => f.name === key)!, type: keyColumn.type.value },
    dictionary,
    rows,
    firstRow,
    counts: (name) => codeCounts(slot, rows, validOf(name)),
    sums: (name) => codeSums(slot, accumulator(name), validOf(name), slots),
    extremes: (name, max) => codeExtremes(slot, accumulator(name), validOf(name), slots, max),
    minMax: (name) => codeMinMax(slot, accumulator(name), validOf(name), slots),
    valueType: (name) => column(name).type,
  };
  return slotPartial(states, items, dropna);
}
