// One row group's per-slot states for a fused group-by partial (fused_partial.ts): the key's and the value columns'
// chunks are read by position into kernel memory and decoded there (parquet/read/arena_chunk.ts), the key's slots
// found there (fused_key_slots.ts), the per-slot accumulators run as kernels over them (assembly/code_aggregate.ts,
// group_aggregate.ts), and only those accumulators (one entry per dictionary code, or per distinct value of a plain
// integer key, plus the null-key slot) and the slots' key values leave kernel memory.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import type { ArenaChunk } from '../../parquet/read/arena_chunk.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';
import type { SlotExtremes } from '../algorithms/slot_partial.js';
import { chunkInArena, copyOut, filled, filledBig, inColumn } from './fused_arena.js';
import { keySlotsOf } from './fused_key_slots.js';

/** How a value column is accumulated: its values as f64 (FLOAT widened), i64 or i32, and which states it needs. */
export interface FusedValueColumn {
  readonly name: string;
  readonly column: ColumnDescriptor;
  readonly kind: 'f64' | 'f32' | 'i64' | 'i32';
  /** Sums (and counts) needed: sum or mean. */
  readonly sum: boolean;
  /** Min and max needed. */
  readonly minMax: boolean;
}

/** A value column's per-slot states in one row group (slots: the codes, then the null-key slot). */
export interface ValueSlotStates {
  readonly counts: Float64Array;
  readonly sums?: Float64Array | BigInt64Array;
  readonly mins?: SlotExtremes;
  readonly maxs?: SlotExtremes;
}

/** One row group's per-slot states. */
export interface RowGroupStates {
  /** The key chunk's dictionary (PLAIN physical values). */
  readonly dictionary: PhysicalColumn;
  /** Rows per slot. */
  readonly rows: Float64Array;
  /** First row per slot (the row group's first row is `rowBase`), -1 for none. */
  readonly first: Int32Array;
  readonly values: ReadonlyMap<string, ValueSlotStates>;
}

/** The per-value-kind kernels and extremes' identities of valueStates (f32 values are widened to f64 first). */
function kernelsOf(arena: Arena, kind: FusedValueColumn['kind']) {
  const k = arena.wasm;
  if (kind === 'i64') {
    return {
      slotSum: k.slotSumInt64,
      groupSum: k.groupSumInt64,
      dictSum: k.slotDictSumInt64,
      dictMinMax: k.slotDictMinMaxInt64,
      minMax: k.groupMinMaxInt64,
      extremes: (slots: number) => [filledBig(arena, slots, 2n ** 63n - 1n), filledBig(arena, slots, -(2n ** 63n))],
      copyExtremes: (ptr: number, slots: number): SlotExtremes => copyOut(arena, BigInt64Array, ptr, slots),
    };
  }
  if (kind === 'i32') {
    return {
      slotSum: k.slotSumInt32,
      groupSum: k.groupSumInt32,
      dictSum: k.slotDictSumInt32,
      dictMinMax: k.slotDictMinMaxInt32,
      minMax: k.groupMinMaxInt32,
      extremes: (slots: number) => [
        filled(arena, Int32Array, slots, 0x7fffffff),
        filled(arena, Int32Array, slots, -0x80000000),
      ],
      copyExtremes: (ptr: number, slots: number): SlotExtremes => copyOut(arena, Int32Array, ptr, slots),
    };
  }
  return {
    slotSum: k.slotSumFloat64,
    groupSum: k.groupSumFloat64,
    dictSum: k.slotDictSumFloat64,
    dictMinMax: k.slotDictMinMaxFloat64,
    minMax: k.groupMinMaxFloat64,
    extremes: (slots: number) => [
      filled(arena, Float64Array, slots, Number.NaN),
      filled(arena, Float64Array, slots, Number.NEGATIVE_INFINITY),
    ],
    copyExtremes: (ptr: number, slots: number): SlotExtremes => copyOut(arena, Float64Array, ptr, slots),
  };
}

/**
 * The per-slot states of row group `index` grouped by the dictionary-encoded `key`, or undefined when a chunk is not
 * one the arena decode handles (the caller reads the partition the general way). Everything the kernels use is
 * freed before returning.
 */
export function rowGroupStates(
  arena: Arena,
  file: ParquetFile,
  index: number,
  key: ColumnDescriptor,
  values: readonly FusedValueColumn[],
  rowBase: number,
  verifyChecksums: boolean,
): RowGroupStates | undefined {
  const mark = arena.mark();
  try {
    const keys = keySlotsOf(arena, file, index, key, values.length > 0, rowBase, verifyChecksums);
    if (!keys) return undefined;
    const { numRows, dictCount, rowsPtr, firstPtr, slotsPtr } = keys;
    const slots = dictCount + 1;
    const states = new Map<string, ValueSlotStates>();
    for (const value of values) {
      const chunk = chunkInArena(arena, file, index, value.column, 'values', verifyChecksums);
      if (!chunk || chunk.numRows !== numRows) return undefined;
      const slotStates = inColumn(value.column, () => valueStates(arena, value, chunk, slotsPtr, slots, rowsPtr));
      states.set(value.name, slotStates);
    }
    return {
      dictionary: keys.dictionary(),
      rows: copyOut(arena, Float64Array, rowsPtr, slots),
      first: copyOut(arena, Int32Array, firstPtr, slots),
      values: states,
    };
  } finally {
    arena.release(mark);
  }
}

/** The per-slot states of one value column, accumulated by the group-by kernels with the slots as group ids. */
function valueStates(
  arena: Arena,
  value: FusedValueColumn,
  chunk: ArenaChunk,
  slotsPtr: number,
  slots: number,
  rowsPtr: number,
): ValueSlotStates {
  const kernels = kernelsOf(arena, value.kind);
  // Without nulls the non-null values per slot are its rows: only the sums are accumulated.
  const noNulls = chunk.nullCount === 0;
  const countsPtr = noNulls ? rowsPtr : filled(arena, Float64Array, slots, 0);
  const sumsPtr = value.sum ? filled(arena, Float64Array, slots, 0) : 0; // f64 0 and i64 0 are the same bytes
  let minsPtr = 0;
  let maxsPtr = 0;
  if (value.minMax) [minsPtr, maxsPtr] = kernels.extremes(slots);
  accumulateValuePages(arena, value, chunk, slotsPtr, { countsPtr, sumsPtr, minsPtr, maxsPtr }, noNulls);
  const float = value.kind === 'f64' || value.kind === 'f32';
  const extremes = (ptr: number) => kernels.copyExtremes(ptr, slots);
  const sums = () =>
    float ? copyOut(arena, Float64Array, sumsPtr, slots) : copyOut(arena, BigInt64Array, sumsPtr, slots);
  return {
    counts: copyOut(arena, Float64Array, countsPtr, slots),
    sums: value.sum ? sums() : undefined,
    mins: value.minMax ? extremes(minsPtr) : undefined,
    maxs: value.minMax ? extremes(maxsPtr) : undefined,
  };
}

/** Per-slot accumulators in kernel memory (0: not accumulated). Counts are f64; sums f64 (float values) or i64
 *  (integers); extremes of the value kind (f64 for FLOAT, widened). */
export interface SlotAccumulators {
  readonly countsPtr: number;
  readonly sumsPtr: number;
  readonly minsPtr: number;
  readonly maxsPtr: number;
}

/**
 * Adds the pages of a value chunk decoded in the arena to per-slot accumulators, row i going to the slot at
 * `slotsPtr` + 4i (by the group-by kernels, with the slots as group ids). `countsAreRows`: the chunk has no nulls and
 * the counts already hold each slot's rows, so only sums and extremes are added. A page still dictionary-encoded
 * (without nulls) is aggregated through its dictionary, never gathered one value per row.
 */
export function accumulateValuePages(
  arena: Arena,
  value: FusedValueColumn,
  chunk: ArenaChunk,
  slotsPtr: number,
  acc: SlotAccumulators,
  countsAreRows: boolean,
): void {
  const k = arena.wasm;
  const kernels = kernelsOf(arena, value.kind);
  const { countsPtr, sumsPtr, minsPtr, maxsPtr } = acc;
  const widened = value.kind === 'f32' ? arena.alloc(Math.max(0, ...chunk.valuePages.map((p) => p.count)) * 8 + 16) : 0;
  const dictionary = chunk.dictionary;
  let dictPtr = dictionary?.valuesPtr ?? 0;
  if (dictionary && value.kind === 'f32') {
    // A float dictionary widened once, instead of its values on every row.
    dictPtr = arena.alloc(dictionary.count * 8 + 16);
    k.widenFloat32(dictionary.valuesPtr, dictionary.count, dictPtr);
  }
  const dictCount = dictionary?.count ?? 0;
  const check = (status: number): void => {
    if (status < 0) throw new ParquetError('BAD_ENCODING', `dictionary index out of a dictionary of ${dictCount}`);
  };
  // Page by page, each page's values where they were decoded, with the slots of its rows.
  for (const page of chunk.valuePages) {
    const { count, validityPtr: valid } = page;
    const ids = slotsPtr + page.row * 4;
    if (page.indicesPtr !== 0) {
      const indices = page.indicesPtr;
      if (value.sum) check(kernels.dictSum(indices, dictPtr, dictCount, ids, count, sumsPtr));
      if (!countsAreRows) k.groupCount(0, ids, count, countsPtr);
      if (value.minMax) check(kernels.dictMinMax(indices, dictPtr, dictCount, ids, count, minsPtr, maxsPtr));
      continue;
    }
    let values = page.valuesPtr;
    if (widened) {
      k.widenFloat32(values, count, widened);
      values = widened;
    }
    if (value.sum && countsAreRows) kernels.slotSum(values, ids, count, sumsPtr);
    else if (value.sum) kernels.groupSum(values, valid, ids, count, sumsPtr, countsPtr);
    else if (!countsAreRows) k.groupCount(valid, ids, count, countsPtr);
    if (value.minMax) kernels.minMax(values, valid, ids, count, minsPtr, maxsPtr);
  }
}
