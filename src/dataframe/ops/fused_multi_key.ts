// The group-by partial of one readParquet partition fused with its read, for 2 or 3 keys that the file stores
// dictionary-encoded (issue 16 item 3): per row group, each key chunk's codes are decoded in kernel memory and
// folded into one combined slot per row (slot1 * card2 + slot2 ..., assembly/multi_key.ts) while the product of
// the dictionaries' sizes (plus a null slot each) stays small; the distinct tuples present are mapped to the
// partition's groups (in the order of their first row) and the value columns are accumulated by the group kernels
// with those group ids, into states that carry over from row group to row group: each group's values are added in
// row order, as groupbyChunk adds them over the partition read the general way, so that the partial is the same.
// Key values never leave their dictionaries except for one row per group.
//
// Anything else (a key of another kind, a product of dictionary sizes over MAX_SLOTS, a filter, a column the file
// lacks or stores as another type, a key page not dictionary-encoded, int64 values) returns undefined: the caller
// takes the general path.
import { Buffer } from 'node:buffer';
import { concatColumns } from '../../columnar/concat.js';
import { takeColumn } from '../../columnar/take.js';
import type { Column, DataType, Field } from '../../columnar/types.js';
import type { Arena } from '../../kernels/arena.js';
import { arena } from '../../kernels/arena.js';
import { footerCache } from '../../parquet/dataset/footer_cache.js';
import { toParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import { dictionaryOut } from '../../parquet/read/arena_chunk.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';
import type { AggItem } from '../algorithms/agg_spec.js';
import {
  columnWhereCounted,
  float64Column,
  type GroupPartial,
  minMaxType,
  type NamedColumn,
  stateName,
} from '../algorithms/group_partial.js';
import { chunkInArena } from './fused_arena.js';
import { keySlots } from './fused_key_slots.js';
import { dictionaryColumn, fileColumn, keyValueType, valueColumns } from './fused_partial.js';
import { accumulateValuePages, type FusedValueColumn } from './fused_row_group.js';
import type { ParquetPartitionSpec } from './read.js';

/** Largest product of the keys' slot counts (dictionary size + 1) in one row group: per-slot arrays stay small. */
const MAX_SLOTS = 1 << 18;
/** Slots always allowed, whatever the rows of the row group. */
const MIN_SLOTS = 1 << 12;
const FUSED_FNS: ReadonlySet<string> = new Set(['size', 'count', 'sum', 'mean', 'min', 'max']);
/** Key kinds whose values identify a group by their bytes (no float key: -0 and NaN have rules of their own). */
const KEY_KINDS: ReadonlySet<string> = new Set(['int32', 'int64', 'utf8', 'binary']);

let taken = 0;

/** How many partials the multi-key fused path has produced in this thread (tests check that it was taken). */
export function fusedMultiKeyTaken(): number {
  return taken;
}

/** A value column's states per group, in this thread's memory between row groups. */
interface ValueStates {
  counts: Float64Array;
  sums?: Float64Array | BigInt64Array;
  mins?: Float64Array | Int32Array;
  maxs?: Float64Array | Int32Array;
}

interface Key {
  readonly field: Field;
  readonly type: DataType;
  readonly column: ColumnDescriptor;
  /** The key chunk's dictionary of each row group read, in order. */
  readonly dictionaries: PhysicalColumn[];
  /** Per group: its row of the concatenated dictionaries, or -1 for a null key. */
  readonly reps: number[];
}

/**
 * The partial of partition `spec` grouped by `keys` (2 or 3), fused with the read, or undefined when the fused path
 * does not apply (see the file comment). Equal to groupbyChunk over the partition read the general way.
 */
export async function fusedMultiKeyPartial(
  spec: ParquetPartitionSpec,
  keys: readonly string[],
  items: readonly AggItem[],
  dropna: boolean,
): Promise<GroupPartial | undefined> {
  if (spec.filter || spec.rowGroups.length === 0 || keys.length < 2 || keys.length > 3) return undefined;
  if (items.some((item) => !FUSED_FNS.has(item.fn) || keys.includes(item.column))) return undefined;
  const keyFields = keys.map((k) => spec.dataFields.find((f) => f.name === k));
  const keyTypes = keyFields.map((f) => f && keyValueType(f));
  if (keyTypes.some((type) => !type || !KEY_KINDS.has(type.kind))) return undefined;
  const { file } = await footerCache.open(spec.path, spec.open ?? {});
  try {
    if (file.encrypted || !file.source.readIntoSync) return undefined;
    const keyList: Key[] = [];
    for (let k = 0; k < keys.length; k++) {
      const column = fileColumn(file, keys[k]!, keyTypes[k]!);
      if (!column) return undefined;
      keyList.push({ field: keyFields[k]!, type: keyTypes[k]!, column, dictionaries: [], reps: [] });
    }
    const values = valueColumns(file, spec, items);
    // int64 values (fused for a sole key) have no accumulators here yet: the general path sums them.
    if (!values || values.some((v) => v.kind === 'i64')) return undefined;
    const run = new Partition(file, keyList, values, dropna, spec.open?.verifyChecksums ?? true);
    for (const index of spec.rowGroups) {
      const numRows = file.rowGroups[index]?.numRows ?? -1;
      if (numRows < 0) return undefined; // a row group the file lacks: the general path reports it
      if (numRows === 0) continue;
      try {
        if (!run.rowGroup(index)) return undefined;
      } catch (err) {
        throw toParquetError(err, { rowGroup: index });
      }
    }
    taken++;
    return run.partial(items, spec.dataFields);
  } catch (err) {
    throw toParquetError(err, { file: spec.path });
  } finally {
    await file.close();
  }
}

/** The states of one partition, row group after row group. */
class Partition {
  private readonly groupOf = new Map<string, number>();
  private numGroups = 0;
  private rows = new Float64Array(0);
  private readonly states = new Map<string, ValueStates>();

  constructor(
    private readonly file: ParquetFile,
    private readonly keys: readonly Key[],
    private readonly values: readonly FusedValueColumn[],
    private readonly dropna: boolean,
    private readonly verify: boolean,
  ) {
    for (const value of values) {
      const float = value.kind !== 'i32';
      this.states.set(value.name, {
        counts: new Float64Array(0),
        sums: value.sum ? (float ? new Float64Array(0) : new BigInt64Array(0)) : undefined,
        mins: value.minMax ? (float ? new Float64Array(0) : new Int32Array(0)) : undefined,
        maxs: value.minMax ? (float ? new Float64Array(0) : new Int32Array(0)) : undefined,
      });
    }
  }

  /** Adds row group `index`; false when a chunk is not one the arena decode handles or the slots are too many. */
  rowGroup(index: number): boolean {
    const a = arena();
    const mark = a.mark();
    try {
      const numRows = this.file.rowGroups[index]!.numRows;
      const combined = a.alloc(numRows * 4 + 16);
      const cards: number[] = [];
      const dicts: PhysicalColumn[] = [];
      let product = 1;
      for (const [k, key] of this.keys.entries()) {
        const chunk = chunkInArena(a, this.file, index, key.column, 'indices', this.verify);
        if (!chunk?.dictionary || chunk.numRows !== numRows) return false;
        const card = chunk.dictionary.count + 1;
        product *= card;
        // Per-slot arrays are filled per row group: far more slots than rows would cost more than the rows.
        if (product > MAX_SLOTS || product > Math.max(MIN_SLOTS, numRows * 4)) return false;
        const scratchRows = a.alloc(card * 8);
        a.view(Float64Array, scratchRows, card).fill(0);
        const scratchFirst = a.alloc(card * 4);
        a.view(Int32Array, scratchFirst, card).fill(-1);
        const slots = keySlots(a, chunk, scratchRows, scratchFirst, 0);
        a.wasm.combineSlots(combined, slots, numRows, card, k === 0);
        cards.push(card);
        dicts.push(dictionaryOut(a, key.column, chunk.dictionary));
      }
      const rowsPtr = a.alloc(product * 8);
      a.view(Float64Array, rowsPtr, product).fill(0);
      const firstPtr = a.alloc(product * 4);
      a.view(Int32Array, firstPtr, product).fill(-1);
      const lastPtr = a.alloc(product * 4);
      a.view(Int32Array, lastPtr, product).fill(-1);
      a.wasm.groupCount(0, combined, numRows, rowsPtr);
      a.wasm.groupFirstLast(0, combined, numRows, firstPtr, lastPtr);
      const slotRows = a.view(Float64Array, rowsPtr, product).slice();
      const slotFirst = a.view(Int32Array, firstPtr, product).slice();
      const present: number[] = [];
      for (let s = 0; s < product; s++) if (slotRows[s]! > 0) present.push(s);
      present.sort((x, y) => slotFirst[x]! - slotFirst[y]!);
      // Slots to groups (new groups numbered in the order of their first row); dropped rows go to a trash group.
      const groupOfSlot = new Int32Array(present.length);
      const bases = this.keys.map((key) => key.dictionaries.reduce((n, d) => n + d.length, 0));
      for (const [p, s] of present.entries()) {
        const codes = this.codesOf(s, cards);
        const isNull = codes.map((c, k) => c === cards[k]! - 1);
        if (this.dropna && isNull.some(Boolean)) {
          groupOfSlot[p] = -1;
          continue;
        }
        const id = JSON.stringify(
          codes.map((c, k) => (isNull[k] ? null : valueText(dicts[k]!, this.keys[k]!.type, c))),
        );
        let g = this.groupOf.get(id);
        if (g === undefined) {
          g = this.numGroups++;
          this.groupOf.set(id, g);
          for (const [k, key] of this.keys.entries()) key.reps.push(isNull[k] ? -1 : bases[k]! + codes[k]!);
        }
        groupOfSlot[p] = g;
      }
      for (const [k, key] of this.keys.entries()) key.dictionaries.push(dicts[k]!);
      const groups = this.numGroups;
      const trash = groups;
      const remapPtr = a.alloc(product * 4);
      const remap = a.view(Int32Array, remapPtr, product);
      const rows = grow(this.rows, groups, 0);
      for (const [p, s] of present.entries()) {
        const g = groupOfSlot[p]!;
        remap[s] = g < 0 ? trash : g;
        if (g >= 0) rows[g]! += slotRows[s]!;
      }
      this.rows = rows;
      const ids = a.alloc(numRows * 4 + 16);
      a.wasm.gatherInt32(remapPtr, 0, combined, numRows, ids);
      for (const value of this.values) {
        const chunk = chunkInArena(a, this.file, index, value.column, 'values', this.verify);
        if (!chunk || chunk.numRows !== numRows) return false;
        this.states.set(value.name, accumulate(a, value, chunk, ids, this.states.get(value.name)!, groups));
      }
      return true;
    } finally {
      a.release(mark);
    }
  }

  /** The codes of combined slot `s` (the first key's first). */
  private codesOf(s: number, cards: readonly number[]): number[] {
    const codes = new Array<number>(cards.length);
    for (let k = cards.length - 1; k >= 0; k--) {
      codes[k] = s % cards[k]!;
      s = Math.floor(s / cards[k]!);
    }
    return codes;
  }

  /** The partial: key columns (one row per group) then the states of `items`, as groupbyChunk names them. */
  partial(items: readonly AggItem[], dataFields: readonly Field[]): GroupPartial {
    const fields: Field[] = this.keys.map((key) => ({ ...key.field, type: key.type }));
    const columns: Column[] = this.keys.map((key) => {
      const parts = key.dictionaries.map((d) => dictionaryColumn(d, key.type));
      const dictionary = parts.length === 1 ? parts[0]! : concatColumns(parts);
      return takeColumn(dictionary, Int32Array.from(key.reps));
    });
    const push = ({ field, column }: NamedColumn): void => {
      fields.push(field);
      columns.push(column);
    };
    const named = (item: AggItem, state: string, column: Column): NamedColumn => ({
      field: { name: stateName(item, state), type: column.type, nullable: column.nullCount > 0 },
      column,
    });
    for (const item of items) {
      if (item.fn === 'size') {
        push(named(item, 'count', float64Column(this.rows)));
        continue;
      }
      const states = this.states.get(item.column)!;
      if (item.fn === 'count') push(named(item, 'count', float64Column(states.counts)));
      else if (item.fn === 'sum' || item.fn === 'mean') {
        const sums = states.sums!;
        const type: DataType = sums instanceof Float64Array ? { kind: 'float64' } : { kind: 'int64' };
        push(named(item, 'sum', { type, length: this.numGroups, nullCount: 0, values: sums }));
        push(named(item, 'count', float64Column(states.counts)));
      } else {
        const extremes = item.fn === 'min' ? states.mins! : states.maxs!;
        const valueType = dataFields.find((f) => f.name === item.column)!.type;
        push(named(item, item.fn, columnWhereCounted(minMaxType(valueType, extremes), extremes, states.counts)));
      }
    }
    return { groups: { fields, numRows: this.numGroups, columns }, distinct: {} };
  }
}

/** Code `c`'s value of a key dictionary as text that identifies it (bytes as latin1, integers in decimal). */
function valueText(dictionary: PhysicalColumn, type: DataType, c: number): string {
  if (type.kind === 'utf8' || type.kind === 'binary') {
    const offsets = dictionary.offsets!;
    return Buffer.from(dictionary.bytes!.subarray(offsets[c]!, offsets[c + 1]!)).toString('latin1');
  }
  const bytes = dictionary.values!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return type.kind === 'int64' ? String(view.getBigInt64(c * 8, true)) : String(view.getInt32(c * 4, true));
}

/** `from` widened to `length` entries, the new ones `fill`. */
function grow<T extends Float64Array | Int32Array | BigInt64Array>(from: T, length: number, fill: number | bigint): T {
  if (from.length === length) return from;
  const out = new (from.constructor as new (n: number) => T)(length);
  out.set(from as never);
  if (fill !== 0 && fill !== 0n) out.fill(fill as never, from.length);
  return out;
}

/** `states` (of the groups before this row group) in `groups` + 1 arena slots (the last: rows dropped), the new
 *  groups at their identities; the row group's values added by the group kernels; the first `groups` copied out. */
function accumulate(
  a: Arena,
  value: FusedValueColumn,
  chunk: NonNullable<ReturnType<typeof chunkInArena>>,
  ids: number,
  states: ValueStates,
  groups: number,
): ValueStates {
  const float = value.kind !== 'i32';
  const n = groups + 1;
  const place = <T extends Float64Array | Int32Array | BigInt64Array>(state: T, fill: number | bigint): number => {
    const Kind = state.constructor as typeof Float64Array;
    const ptr = a.alloc(n * Kind.BYTES_PER_ELEMENT);
    const view = a.view(Kind, ptr, n) as unknown as T;
    view.fill(fill as never);
    view.set(state as never);
    return ptr;
  };
  const countsPtr = place(states.counts, 0);
  const sumsPtr = states.sums ? place(states.sums, float ? 0 : 0n) : 0;
  const minsPtr = states.mins ? place(states.mins, float ? Number.NaN : 0x7fffffff) : 0;
  const maxsPtr = states.maxs ? place(states.maxs, float ? Number.NEGATIVE_INFINITY : -0x80000000) : 0;
  // Every row is counted (states carry across row groups, so counts are not the row group's rows).
  accumulateValuePages(a, value, chunk, ids, { countsPtr, sumsPtr, minsPtr, maxsPtr }, false);
  const out = <T extends Float64Array | Int32Array | BigInt64Array>(state: T, ptr: number): T => {
    const Kind = state.constructor as typeof Float64Array;
    a.bytesCopied += groups * Kind.BYTES_PER_ELEMENT;
    return a.view(Kind, ptr, groups).slice() as unknown as T;
  };
  return {
    counts: out(states.counts, countsPtr),
    sums: states.sums && out(states.sums, sumsPtr),
    mins: states.mins && out(states.mins, minsPtr),
    maxs: states.maxs && out(states.maxs, maxsPtr),
  };
}
