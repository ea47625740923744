// The group-by partial of one readParquet partition fused with its read (issue 16 item 3): for a sole key column
// and count, size, sum, mean, min and max of INT32 (int32, date), INT64 (int64, timestamp), FLOAT or DOUBLE columns
// (int64 sums wrap modulo 2^64, as the general path's kernels), each row group's chunks are decoded in kernel memory
// and reduced there per slot (fused_row_group.ts): per dictionary code of a dictionary-encoded key chunk, or per
// distinct value of an integer key chunk stored without a dictionary (grouped by the group-id
// kernels). No Batch, Arrow vector or per-row array is built; only per-slot accumulators and the slots' key values
// leave kernel memory. For a dictionary key the states come out exactly as codePartial's for the same rows (the same
// slots: codes of each row group's dictionary in turn, then the null key), and slotPartial turns them into the same
// GroupPartial.
//
// Anything else (a filter, a column the file lacks or stores as another type, a key chunk whose dictionary falls back
// part way, a plain key chunk of another type than INT32/INT64, encryption, a source without
// positional reads, an empty partition) returns undefined, and the caller takes the general path.
import { concatColumns } from '../../columnar/concat.js';
import { fieldToArrow } from '../../columnar/to_arrow.js';
import type { Column, DataType, Field } from '../../columnar/types.js';
import { arena } from '../../kernels/arena.js';
import { footerCache } from '../../parquet/dataset/footer_cache.js';
import { sameType } from '../../parquet/dataset/unify_schema.js';
import { toParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import { Type } from '../../parquet/metadata/enums.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import type { ColumnDescriptor, ParquetSchema } from '../../parquet/schema.js';
import type { AggItem } from '../algorithms/agg_spec.js';
import type { GroupPartial } from '../algorithms/group_partial.js';
import { type SlotExtremes, type SlotStates, slotPartial } from '../algorithms/slot_partial.js';
import { dictionaryField } from '../read_dictionary.js';
import { type FusedValueColumn, type RowGroupStates, rowGroupStates, type ValueSlotStates } from './fused_row_group.js';
import type { ParquetPartitionSpec } from './read.js';

const FUSED_FNS: ReadonlySet<string> = new Set(['size', 'count', 'sum', 'mean', 'min', 'max']);
/** Key value kinds a Parquet chunk stores without conversion (so that its dictionary is the key's values). */
const KEY_KINDS: ReadonlySet<string> = new Set(['int32', 'int64', 'float32', 'float64', 'utf8', 'binary']);
/** Value kinds accumulated, with the physical type they must be stored as. */
const VALUE_KINDS: ReadonlyMap<string, { physical: number; kind: FusedValueColumn['kind'] }> = new Map([
  ['float64', { physical: Type.DOUBLE, kind: 'f64' as const }],
  ['float32', { physical: Type.FLOAT, kind: 'f32' as const }],
  ['int32', { physical: Type.INT32, kind: 'i32' as const }],
  ['date32', { physical: Type.INT32, kind: 'i32' as const }],
  ['int64', { physical: Type.INT64, kind: 'i64' as const }],
  ['timestamp', { physical: Type.INT64, kind: 'i64' as const }],
]);

/** Arrays of the fixed-width key kinds. */
const FIXED_ARRAYS = {
  int32: Int32Array,
  int64: BigInt64Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

let taken = 0;

/** How many partials the fused path has produced in this thread (tests check that it was taken). */
export function fusedPartialsTaken(): number {
  return taken;
}

/** The flat top-level column `name` of `file`, stored as `type` without conversion, or undefined. */
export function fileColumn(file: ParquetFile, name: string, type: DataType): ColumnDescriptor | undefined {
  // Answered once per schema: the footer cache hands every open of an unchanged file the same schema, and a dataset
  // of many files asks this per file and per query. (The file's options only change INT96 columns' Arrow type,
  // which is a conversion either way.)
  let known = fileColumns.get(file.schema);
  if (!known) fileColumns.set(file.schema, (known = new Map()));
  const key = `${name}\u0000${JSON.stringify(type)}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const column = matchingColumn(file, name, type);
  known.set(key, column ?? null);
  return column;
}

/** Per schema, fileColumn's answers by column name and type (null: no such column). */
const fileColumns = new WeakMap<ParquetSchema, Map<string, ColumnDescriptor | null>>();

function matchingColumn(file: ParquetFile, name: string, type: DataType): ColumnDescriptor | undefined {
  const column = file.schema.columns.find((c) => c.path.length === 1 && c.path[0] === name);
  if (!column || column.maxRepetitionLevel > 0) return undefined;
  const arrowType = file.columnArrowType(column);
  if (arrowType.conversion !== 'none') return undefined;
  return sameType(arrowType.type, fieldToArrow({ name, type, nullable: true }).type) ? column : undefined;
}

/** The key's value type (the dictionary's values when the spec reads it as a dictionary), or undefined. */
export function keyValueType(field: Field): DataType | undefined {
  const type = field.type.kind === 'dictionary' ? field.type.value : field.type;
  return KEY_KINDS.has(type.kind) ? type : undefined;
}

/** The value columns `items` aggregate, or undefined when one is not a column this path accumulates. */
export function valueColumns(
  file: ParquetFile,
  spec: ParquetPartitionSpec,
  items: readonly AggItem[],
): FusedValueColumn[] | undefined {
  const out = new Map<string, FusedValueColumn>();
  for (const item of items) {
    if (item.column === '*' || item.fn === 'size') continue;
    const field = spec.dataFields.find((f) => f.name === item.column);
    const accepted = field && VALUE_KINDS.get(field.type.kind);
    if (!field || !accepted) return undefined;
    const column = fileColumn(file, field.name, field.type);
    if (!column || column.physicalType !== accepted.physical) return undefined;
    const known = out.get(field.name);
    const sum = item.fn === 'sum' || item.fn === 'mean';
    const minMax = item.fn === 'min' || item.fn === 'max';
    out.set(field.name, {
      name: field.name,
      column,
      kind: accepted.kind,
      sum: sum || known?.sum === true,
      minMax: minMax || known?.minMax === true,
    });
  }
  return [...out.values()];
}

/** One partition reduced to per-slot states by the fused read, before they become a partial. */
export interface FusedStates {
  /** The states of its row groups with rows, in order (first rows counted from the partition's first row). */
  readonly parts: readonly RowGroupStates[];
  readonly numRows: number;
  readonly keyField: Field;
  readonly keyType: DataType;
  readonly values: readonly FusedValueColumn[];
  readonly dataFields: readonly Field[];
}

/**
 * Partition `spec` read and reduced per dictionary code of its sole key `key` for `items`, or undefined when the
 * fused path does not apply (see the file comment).
 */
export async function fusedStates(
  spec: ParquetPartitionSpec,
  key: string,
  items: readonly AggItem[],
): Promise<FusedStates | undefined> {
  if (spec.filter || spec.rowGroups.length === 0) return undefined;
  if (items.some((item) => !FUSED_FNS.has(item.fn) || item.column === key)) return undefined;
  const keyField = spec.dataFields.find((f) => f.name === key);
  const keyType = keyField && keyValueType(keyField);
  if (!keyField || !keyType) return undefined;
  const { file } = await footerCache.open(spec.path, spec.open ?? {});
  try {
    if (file.encrypted || !file.source.readIntoSync) return undefined;
    const keyColumn = fileColumn(file, key, keyType);
    const values = valueColumns(file, spec, items);
    if (!keyColumn || !values) return undefined;
    const verify = spec.open?.verifyChecksums ?? true;
    const parts: RowGroupStates[] = [];
    let rowBase = 0;
    for (const index of spec.rowGroups) {
      const numRows = file.rowGroups[index]?.numRows ?? -1;
      if (numRows < 0) return undefined; // a row group the file lacks: the general path reports it
      if (numRows === 0) continue;
      let part: RowGroupStates | undefined;
      try {
        part = rowGroupStates(arena(), file, index, keyColumn, values, rowBase, verify);
      } catch (err) {
        throw toParquetError(err, { rowGroup: index });
      }
      if (!part) return undefined;
      parts.push(part);
      rowBase += numRows;
    }
    if (parts.length === 0) return undefined;
    taken++;
    return { parts, numRows: rowBase, keyField, keyType, values, dataFields: spec.dataFields };
  } catch (err) {
    throw toParquetError(err, { file: spec.path });
  } finally {
    await file.close();
  }
}

/**
 * The partial of consecutive partitions' fused states (of one group-by: one key, one schema), equal to
 * groupbyCombine over their partials one by one: one slot space over all their row groups, with sums added per
 * partition first and then across partitions, in the order the combine adds them.
 */
export function fusedStatesPartial(
  partitions: readonly FusedStates[],
  items: readonly AggItem[],
  dropna: boolean,
): GroupPartial {
  const { keyType } = partitions[0]!;
  const dictionaries = partitions.flatMap((p) => p.parts.map((part) => dictionaryColumn(part.dictionary, keyType)));
  const dictionary = dictionaries.length === 1 ? dictionaries[0]! : concatColumns(dictionaries);
  return slotPartial(slotStates(dictionary, partitions), items, dropna);
}

/**
 * The partial of partition `spec` grouped by its sole key `key`, fused with the read, or undefined when the fused
 * path does not apply (see the file comment). Equal to codePartial over the partition read with the key's
 * dictionary kept.
 */
export async function fusedPartial(
  spec: ParquetPartitionSpec,
  key: string,
  items: readonly AggItem[],
  dropna: boolean,
): Promise<GroupPartial | undefined> {
  const states = await fusedStates(spec, key, items);
  return states && fusedStatesPartial([states], items, dropna);
}

/** A key dictionary's values as a column of `type` (stored without conversion: the physical values are its own). */
export function dictionaryColumn(physical: PhysicalColumn, type: DataType): Column {
  const { length } = physical;
  if (type.kind === 'utf8' || type.kind === 'binary') {
    return { type, length, nullCount: 0, offsets: physical.offsets!, data: physical.bytes! };
  }
  const bytes = physical.values!;
  const Kind = FIXED_ARRAYS[type.kind as keyof typeof FIXED_ARRAYS];
  return { type, length, nullCount: 0, values: new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, length) };
}

/** The partitions' row groups' states as one slot space: each row group's codes in turn, then the one null-key
 *  slot. Sums of the null slot add per partition first, as the combine of their partials would. */
function slotStates(dictionary: Column, partitions: readonly FusedStates[]): SlotStates {
  const { keyField, keyType, values, dataFields } = partitions[0]!;
  const parts = partitions.flatMap((p) => p.parts);
  const merge = <T extends Float64Array | Int32Array | BigInt64Array>(
    of: (part: RowGroupStates) => T,
    nullOf: (states: readonly T[][]) => T[number],
  ): T => {
    const first = of(parts[0]!);
    const out = new (first.constructor as new (n: number) => T)(dictionary.length + 1);
    let at = 0;
    for (const part of parts) {
      const states = of(part);
      out.set(states.subarray(0, states.length - 1) as never, at);
      at += states.length - 1;
    }
    out[at] = nullOf(partitions.map((p) => p.parts.map(of)));
    return out;
  };
  const last = <T extends Float64Array | Int32Array | BigInt64Array>(states: T): T[number] =>
    states[states.length - 1]!;
  const addNulls = (states: readonly Float64Array[][]): number =>
    states.reduce((total, partition) => total + partition.reduce((sum, part) => sum + last(part), 0), 0);
  const addBigNulls = (states: readonly BigInt64Array[][]): bigint =>
    states.reduce((total, partition) => total + partition.reduce((sum, part) => sum + last(part), 0n), 0n);
  const stateOf = (name: string) => (part: RowGroupStates) => part.values.get(name)!;
  // First rows counted from the first row of the first partition.
  const firstRow = new Int32Array(dictionary.length + 1);
  let at = 0;
  let base = 0;
  let firstNull = -1;
  for (const partition of partitions) {
    for (const part of partition.parts) {
      const first = part.first;
      const codes = first.length - 1;
      for (let c = 0; c < codes; c++) firstRow[at + c] = first[c]! < 0 ? -1 : first[c]! + base;
      if (firstNull < 0 && first[codes]! >= 0) firstNull = first[codes]! + base;
      at += codes;
    }
    base += partition.numRows;
  }
  firstRow[at] = firstNull;
  const column = (name: string): FusedValueColumn => values.find((v) => v.name === name)!;
  const extremes = (name: string, max: boolean): SlotExtremes => {
    const of = (part: RowGroupStates) => (max ? stateOf(name)(part).maxs! : stateOf(name)(part).mins!);
    const kind = column(name).kind;
    if (kind === 'i64') {
      const nulls = () => nullExtremeBig(parts.map(stateOf(name)), max);
      return merge(of as (part: RowGroupStates) => BigInt64Array, nulls);
    }
    const nulls = () => nullExtreme(parts.map(stateOf(name)), max, kind !== 'i32');
    return merge(of as (part: RowGroupStates) => Float64Array | Int32Array, nulls);
  };
  // The slots of each partition (the null slot on its own): sums add within each first.
  const segments = [0];
  for (const partition of partitions) {
    segments.push(segments.at(-1)! + partition.parts.reduce((n, part) => n + part.rows.length - 1, 0));
  }
  segments.push(dictionary.length + 1);
  return {
    keyField: { ...(keyField.type.kind === 'dictionary' ? keyField : dictionaryField(keyField)), type: keyType },
    dictionary,
    rows: merge((part) => part.rows, addNulls),
    firstRow,
    segments: partitions.length > 1 ? Int32Array.from(segments) : undefined,
    counts: (name) => merge((part) => stateOf(name)(part).counts, addNulls),
    sums: (name) => {
      const sumsOf = (part: RowGroupStates) => stateOf(name)(part).sums!;
      const kind = column(name).kind;
      if (kind === 'i32' || kind === 'i64')
        return merge(sumsOf as (part: RowGroupStates) => BigInt64Array, addBigNulls);
      return merge(sumsOf as (part: RowGroupStates) => Float64Array, addNulls);
    },
    extremes,
    minMax: (name) => ({ mins: extremes(name, false), maxs: extremes(name, true) }),
    valueType: (name) => dataFields.find((f) => f.name === name)!.type,
  };
}

/** The min or max of the null-key slot over row groups (those with values in it), with the per-row rules: a float
 *  min skips NaN unless every value is NaN, a float max is NaN once a NaN is seen. */
function nullExtreme(states: readonly ValueSlotStates[], max: boolean, float: boolean): number {
  let out = float ? (max ? Number.NEGATIVE_INFINITY : Number.NaN) : max ? -0x80000000 : 0x7fffffff;
  for (const state of states) {
    const last = state.counts.length - 1;
    if (state.counts[last] === 0) continue;
    const x = (max ? state.maxs! : state.mins!)[last] as number;
    if (max ? x > out || Number.isNaN(x) : x < out || Number.isNaN(out)) out = x;
  }
  return out;
}

/** nullExtreme for int64 states. */
function nullExtremeBig(states: readonly ValueSlotStates[], max: boolean): bigint {
  let out = max ? -(2n ** 63n) : 2n ** 63n - 1n;
  for (const state of states) {
    const last = state.counts.length - 1;
    if (state.counts[last] === 0) continue;
    const x = (max ? state.maxs! : state.mins!)[last] as bigint;
    if (max ? x > out : x < out) out = x;
  }
  return out;
}
