// One row group's per-code states for a fused group-by partial (fused_partial.ts): the key's and the value columns'
// chunks are read by position into kernel memory and decoded there (parquet/read/arena_chunk.ts), the per-code
// accumulators run as kernels over them (assembly/code_aggregate.ts, group_aggregate.ts), and only those
// accumulators (one entry per dictionary code, plus the null-key slot) and the key's dictionary leave kernel memory.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError, toParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import type { ArenaChunk, ArenaChunkMode } from '../../parquet/read/arena_chunk.js';
import { decodeChunkInArena, dictionaryOut } from '../../parquet/read/arena_chunk.js';
import { chunkMetaData, chunkRange } from '../../parquet/read/chunk_range.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import { checkKernel } from '../../parquet/read/kernel_status.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';

/** How a value column is accumulated: its values as f64 (FLOAT widened) or i32, and which states it needs. */
export interface FusedValueColumn {
  readonly name: string;
  readonly column: ColumnDescriptor;
  readonly kind: 'f64' | 'f32' | 'i32';
  /** Sums (and counts) needed: sum or mean. */
  readonly sum: boolean;
  /** Min and max needed. */
  readonly minMax: boolean;
}

/** A value column's per-slot states in one row group (slots: the codes, then the null-key slot). */
export interface ValueSlotStates {
  readonly counts: Float64Array;
  readonly sums?: Float64Array | BigInt64Array;
  readonly mins?: Float64Array | Int32Array;
  readonly maxs?: Float64Array | Int32Array;
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

/** Decodes the chunk of `column` in row group `index` into the arena, or undefined when that does not apply. */
export function chunkInArena(
  arena: Arena,
  file: ParquetFile,
  index: number,
  column: ColumnDescriptor,
  mode: ArenaChunkMode,
  verifyChecksums: boolean,
): ArenaChunk | undefined {
  // Values still dictionary-encoded are aggregated from their dictionary, never gathered one per row.
  const rowGroup = file.rowGroups[index]!;
  const source = file.source;
  const meta = chunkMetaData(rowGroup, column);
  const { start, length } = chunkRange(rowGroup.columns[column.columnIndex]!, source.byteLength);
  const fill = (target: Uint8Array): void => source.readIntoSync!(start, target);
  return inColumn(column, () =>
    decodeChunkInArena(arena, column, meta, fill, length, rowGroup.numRows, mode, verifyChecksums, false),
  );
}

/** A copy of `count` elements of kernel memory at `ptr` (counted as copied out). */
function copyOut<K extends typeof Float64Array | typeof Int32Array | typeof BigInt64Array>(
  arena: Arena,
  kind: K,
  ptr: number,
  count: number,
): InstanceType<K> {
  arena.bytesCopied += count * kind.BYTES_PER_ELEMENT;
  return arena.view(kind, ptr, count).slice() as InstanceType<K>;
}

/** `count` f64s (or i32s) filled with `value`, in the arena. */
function filled(arena: Arena, kind: typeof Float64Array | typeof Int32Array, count: number, value: number): number {
  const ptr = arena.alloc(count * kind.BYTES_PER_ELEMENT);
  arena.view(kind, ptr, count).fill(value);
  return ptr;
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
    const keyChunk = chunkInArena(arena, file, index, key, 'indices', verifyChecksums);
    if (!keyChunk?.dictionary) return undefined;
    const numRows = keyChunk.numRows;
    const dictCount = keyChunk.dictionary.count;
    const slots = dictCount + 1;
    const rowsPtr = filled(arena, Float64Array, slots, 0);
    const firstPtr = filled(arena, Int32Array, slots, -1);
    const slotsPtr = inColumn(key, () => {
      if (values.length > 0 || keyChunk.nullCount > 0) return keySlots(arena, keyChunk, rowsPtr, firstPtr, rowBase);
      keyHistogram(arena, keyChunk, rowsPtr, firstPtr, rowBase);
      return 0;
    });
    const states = new Map<string, ValueSlotStates>();
    for (const value of values) {
      const chunk = chunkInArena(arena, file, index, value.column, 'values', verifyChecksums);
      if (!chunk || chunk.numRows !== numRows) return undefined;
      const slotStates = inColumn(value.column, () => valueStates(arena, value, chunk, slotsPtr, slots, rowsPtr));
      states.set(value.name, slotStates);
    }
    return {
      dictionary: dictionaryOut(arena, key, keyChunk.dictionary),
      rows: copyOut(arena, Float64Array, rowsPtr, slots),
      first: copyOut(arena, Int32Array, firstPtr, slots),
      values: states,
    };
  } finally {
    arena.release(mark);
  }
}

/** `run()`, its errors naming `column`. */
function inColumn<T>(column: ColumnDescriptor, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw toParquetError(err, { column: column.name });
  }
}

/** Rows and first rows per code straight from the index streams (a key without nulls: stream position = row): a
 *  histogram of every stream, then the first rows from the start until every code counted has been met. */
function keyHistogram(arena: Arena, chunk: ArenaChunk, rowsPtr: number, firstPtr: number, rowBase: number): void {
  const scratch = arena.alloc(512 * 4);
  const dictCount = chunk.dictionary!.count;
  const what = `dictionary indices of a ${dictCount}-value dictionary`;
  const pages = chunk.indexPages.filter((page) => page.count > 0);
  for (const { ptr, length, bitWidth, count } of pages) {
    checkKernel(arena.wasm.codeHistogram(ptr, length, bitWidth, count, dictCount, rowsPtr, scratch), what);
  }
  let unseen = 0;
  for (const rows of arena.view(Float64Array, rowsPtr, dictCount)) if (rows > 0) unseen++;
  for (const { ptr, length, bitWidth, count, row } of pages) {
    if (unseen === 0) break;
    const k = arena.wasm;
    unseen = checkKernel(
      k.codeFirstRows(ptr, length, bitWidth, count, dictCount, firstPtr, rowBase + row, unseen, scratch),
      what,
    );
  }
}

/** One slot per row (the code, or the null slot), with the rows and first rows per slot; returns the slots. */
export function keySlots(arena: Arena, chunk: ArenaChunk, rowsPtr: number, firstPtr: number, rowBase: number): number {
  const dictCount = chunk.dictionary!.count;
  const dense = arena.alloc((chunk.numRows - chunk.nullCount) * 4 + 16);
  let at = 0;
  for (const page of chunk.indexPages) {
    if (page.count === 0) continue;
    const status = arena.wasm.rleHybridDecode(page.ptr, page.length, page.bitWidth, page.count, dense + at * 4);
    checkKernel(status, 'dictionary indices');
    at += page.count;
  }
  // Without null keys the codes are the slots.
  const slotsPtr = chunk.nullCount === 0 ? dense : arena.alloc(chunk.numRows * 4 + 16);
  const k = arena.wasm;
  const used = k.codeSlots(dense, chunk.validityPtr, chunk.numRows, dictCount, slotsPtr, rowsPtr, firstPtr, rowBase);
  if (used < 0) throw new ParquetError('BAD_ENCODING', `dictionary index out of a dictionary of ${dictCount}`);
  return slotsPtr;
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
  const k = arena.wasm;
  const float = value.kind !== 'i32';
  // Without nulls the non-null values per slot are its rows: only the sums are accumulated.
  const noNulls = chunk.nullCount === 0;
  const countsPtr = noNulls ? rowsPtr : filled(arena, Float64Array, slots, 0);
  const sumsPtr = value.sum ? filled(arena, Float64Array, slots, 0) : 0; // f64 0 and i64 0 are the same bytes
  let minsPtr = 0;
  let maxsPtr = 0;
  if (value.minMax) {
    minsPtr = float ? filled(arena, Float64Array, slots, Number.NaN) : filled(arena, Int32Array, slots, 0x7fffffff);
    maxsPtr = float
      ? filled(arena, Float64Array, slots, Number.NEGATIVE_INFINITY)
      : filled(arena, Int32Array, slots, -0x80000000);
  }
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
      // A dictionary-encoded page without nulls: the gather is fused into the aggregates.
      const indices = page.indicesPtr;
      if (value.sum)
        check((float ? k.slotDictSumFloat64 : k.slotDictSumInt32)(indices, dictPtr, dictCount, ids, count, sumsPtr));
      if (!noNulls) k.groupCount(0, ids, count, countsPtr);
      if (value.minMax) {
        const minMax = float ? k.slotDictMinMaxFloat64 : k.slotDictMinMaxInt32;
        check(minMax(indices, dictPtr, dictCount, ids, count, minsPtr, maxsPtr));
      }
      continue;
    }
    let values = page.valuesPtr;
    if (widened) {
      k.widenFloat32(values, count, widened);
      values = widened;
    }
    if (value.sum && noNulls) (float ? k.slotSumFloat64 : k.slotSumInt32)(values, ids, count, sumsPtr);
    else if (value.sum) (float ? k.groupSumFloat64 : k.groupSumInt32)(values, valid, ids, count, sumsPtr, countsPtr);
    else if (!noNulls) k.groupCount(valid, ids, count, countsPtr);
    if (value.minMax) (float ? k.groupMinMaxFloat64 : k.groupMinMaxInt32)(values, valid, ids, count, minsPtr, maxsPtr);
  }
  const extremes = (ptr: number) =>
    float ? copyOut(arena, Float64Array, ptr, slots) : copyOut(arena, Int32Array, ptr, slots);
  const sums = () =>
    float ? copyOut(arena, Float64Array, sumsPtr, slots) : copyOut(arena, BigInt64Array, sumsPtr, slots);
  return {
    counts: copyOut(arena, Float64Array, countsPtr, slots),
    sums: value.sum ? sums() : undefined,
    mins: value.minMax ? extremes(minsPtr) : undefined,
    maxs: value.minMax ? extremes(maxsPtr) : undefined,
  };
}
