// The group-by partial of one readParquet partition fused with its read (issue 16 item 3): for a sole key column
// that is dictionary-encoded in the file and count, size, sum, mean, min and max of INT32, FLOAT or DOUBLE columns,
// each row group's chunks are decoded in kernel memory and reduced there per dictionary code (fused_row_group.ts).
// No Batch, Arrow vector or per-row array is built; only per-code accumulators and the key's dictionaries leave
// kernel memory. The states come out exactly as codePartial's for the same rows (the same slots: codes of each row
// group's dictionary in turn, then the null key), and slotPartial turns them into the same GroupPartial.
//
// Anything else (a filter, a column the file lacks or stores as another type, a page that is not
// dictionary-encoded, DATA_PAGE_V2, encryption, a source without positional reads, an empty partition) returns
// undefined, and the caller takes the general path.

import { concatColumns } from '../../columnar/concat.js';
import { fieldToArrow } from '../../columnar/to_arrow.js';
import type { Column, DataType, Field } from '../../columnar/types.js';
import { arena } from '../../kernels/arena.js';
import { sameType } from '../../parquet/dataset/unify_schema.js';
import { toParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import { Type } from '../../parquet/metadata/enums.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';
import type { AggItem } from '../algorithms/agg_spec.js';
import { type SlotStates, slotPartial } from '../algorithms/code_partial.js';
import type { GroupPartial } from '../algorithms/group_partial.js';
import { dictionaryField } from '../read_dictionary.js';
import { openCachedFooter } from './footer_cache.js';
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
function fileColumn(file: ParquetFile, name: string, type: DataType): ColumnDescriptor | undefined {
  const column = file.schema.columns.find((c) => c.path.length === 1 && c.path[0] === name);
  if (!column || column.maxRepetitionLevel > 0) return undefined;
  const arrowType = file.columnArrowType(column);
  if (arrowType.conversion !== 'none') return undefined;
  return sameType(arrowType.type, fieldToArrow({ name, type, nullable: true }).type) ? column : undefined;
}

/** The key's value type (the dictionary's values when the spec reads it as a dictionary), or undefined. */
function keyValueType(field: Field): DataType | undefined {
  const type = field.type.kind === 'dictionary' ? field.type.value : field.type;
  return KEY_KINDS.has(type.kind) ? type : undefined;
}

/** The value columns `items` aggregate, or undefined when one is not a column this path accumulates. */
function valueColumns(
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
  if (spec.filter || spec.rowGroups.length === 0) return undefined;
  if (items.some((item) => !FUSED_FNS.has(item.fn) || item.column === key)) return undefined;
  const keyField = spec.dataFields.find((f) => f.name === key);
  const keyType = keyField && keyValueType(keyField);
  if (!keyField || !keyType) return undefined;
  const file = await openCachedFooter(spec.path, spec.open ?? {});
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
      const part = rowGroupStates(arena(), file, index, keyColumn, values, rowBase, verify);
      if (!part) return undefined;
      parts.push(part);
      rowBase += numRows;
    }
    if (parts.length === 0) return undefined;
    const dictionaries = parts.map((part) => dictionaryColumn(part.dictionary, keyType));
    const dictionary = dictionaries.length === 1 ? dictionaries[0]! : concatColumns(dictionaries);
    const partial = slotPartial(slotStates(keyField, keyType, dictionary, parts, spec, values), items, dropna);
    taken++;
    return partial;
  } catch (err) {
    throw toParquetError(err, { file: spec.path });
  } finally {
    await file.close();
  }
}

/** A key dictionary's values as a column of `type` (stored without conversion: the physical values are its own). */
function dictionaryColumn(physical: PhysicalColumn, type: DataType): Column {
  const { length } = physical;
  if (type.kind === 'utf8' || type.kind === 'binary') {
    return { type, length, nullCount: 0, offsets: physical.offsets!, data: physical.bytes! };
  }
  const bytes = physical.values!;
  const Kind = FIXED_ARRAYS[type.kind as keyof typeof FIXED_ARRAYS];
  return { type, length, nullCount: 0, values: new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, length) };
}

/** The row groups' states as one slot space: each row group's codes in turn, then the one null-key slot. */
function slotStates(
  keyField: Field,
  keyType: DataType,
  dictionary: Column,
  parts: readonly RowGroupStates[],
  spec: ParquetPartitionSpec,
  values: readonly FusedValueColumn[],
): SlotStates {
  const merge = <T extends Float64Array | Int32Array | BigInt64Array>(
    of: (part: RowGroupStates) => T,
    nullOf: (parts: readonly RowGroupStates[]) => T[number],
  ): T => {
    const first = of(parts[0]!);
    const out = new (first.constructor as new (n: number) => T)(dictionary.length + 1);
    let at = 0;
    for (const part of parts) {
      const states = of(part);
      out.set(states.subarray(0, states.length - 1) as never, at);
      at += states.length - 1;
    }
    out[at] = nullOf(parts);
    return out;
  };
  const nullSlot = <T extends Float64Array | Int32Array | BigInt64Array>(states: T): T[number] =>
    states[states.length - 1]!;
  const addNulls = (of: (part: RowGroupStates) => Float64Array) => (all: readonly RowGroupStates[]) =>
    all.reduce((total, part) => total + nullSlot(of(part)), 0);
  const stateOf = (name: string) => (part: RowGroupStates) => part.values.get(name)!;
  const rows = merge(
    (part) => part.rows,
    addNulls((part) => part.rows),
  );
  // Row groups come in row order: the first one with null keys holds their first row.
  const firstNull = parts.map((part) => nullSlot(part.first)).find((row) => row >= 0) ?? -1;
  const firstRow = merge(
    (part) => part.first,
    () => firstNull,
  );
  const fieldOf = (name: string): Field => spec.dataFields.find((f) => f.name === name)!;
  const column = (name: string): FusedValueColumn => values.find((v) => v.name === name)!;
  const extremes = (name: string, max: boolean): Float64Array | Int32Array => {
    const of = (part: RowGroupStates) => (max ? stateOf(name)(part).maxs! : stateOf(name)(part).mins!);
    return merge(of, (all) => nullExtreme(all.map(stateOf(name)), max, column(name).kind !== 'i32'));
  };
  return {
    keyField: { ...(keyField.type.kind === 'dictionary' ? keyField : dictionaryField(keyField)), type: keyType },
    dictionary,
    rows,
    firstRow,
    counts: (name) =>
      merge(
        (part) => stateOf(name)(part).counts,
        addNulls((part) => stateOf(name)(part).counts),
      ),
    sums: (name) => {
      const sumsOf = (part: RowGroupStates) => stateOf(name)(part).sums!;
      if (column(name).kind === 'i32') {
        const nullSums = (all: readonly RowGroupStates[]) =>
          all.reduce((total, part) => total + (nullSlot(sumsOf(part)) as bigint), 0n);
        return merge(sumsOf as (part: RowGroupStates) => BigInt64Array, nullSums);
      }
      return merge(
        sumsOf as (part: RowGroupStates) => Float64Array,
        addNulls(sumsOf as (p: RowGroupStates) => Float64Array),
      );
    },
    extremes,
    minMax: (name) => ({ mins: extremes(name, false), maxs: extremes(name, true) }),
    valueType: (name) => fieldOf(name).type,
  };
}

/** The min or max of the null-key slot over row groups (those with values in it), with the per-row rules: a float
 *  min skips NaN unless every value is NaN, a float max is NaN once a NaN is seen. */
function nullExtreme(states: readonly ValueSlotStates[], max: boolean, float: boolean): number {
  let out = float ? (max ? Number.NEGATIVE_INFINITY : Number.NaN) : max ? -0x80000000 : 0x7fffffff;
  for (const state of states) {
    const last = state.counts.length - 1;
    if (state.counts[last] === 0) continue;
    const x = (max ? state.maxs! : state.mins!)[last]!;
    if (max ? x > out || Number.isNaN(x) : x < out || Number.isNaN(out)) out = x;
  }
  return out;
}
