// One row group's per-code states for a fused group-by partial (fused_partial.ts): the key's and the value columns'
// chunks are read by position into kernel memory and decoded there (parquet/read/arena_chunk.ts), the per-code
// accumulators run as kernels over them (assembly/code_aggregate.ts, group_aggregate.ts), and only those
// accumulators (one entry per dictionary code, or per distinct value of a plain integer key, plus the null-key slot)
// and the slots' key values leave kernel memory.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError, toParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import { Type } from '../../parquet/metadata/enums.js';
import type { ArenaChunk, ArenaChunkMode } from '../../parquet/read/arena_chunk.js';
import { decodeChunkInArena, dictionaryOut } from '../../parquet/read/arena_chunk.js';
import { chunkMetaData, chunkRange } from '../../parquet/read/chunk_range.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import { checkKernel } from '../../parquet/read/kernel_status.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';
import type { SlotExtremes } from '../algorithms/code_partial.js';
import { groupIntKeysInArena } from '../algorithms/group_ids.js';

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

/** Decodes the chunk of `column` in row group `index` into the arena, or undefined when that does not apply. */
function chunkInArena(
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

/** `count` i64s filled with `value`, in the arena. */
function filledBig(arena: Arena, count: number, value: bigint): number {
  const ptr = arena.alloc(count * 8);
  arena.view(BigInt64Array, ptr, count).fill(value);
  return ptr;
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
    const keyChunk = chunkInArena(arena, file, index, key, 'indices', verifyChecksums);
    let keys: KeySlots | undefined;
    if (keyChunk?.dictionary) {
      const dictCount = keyChunk.dictionary.count;
      const rowsPtr = filled(arena, Float64Array, dictCount + 1, 0);
      const firstPtr = filled(arena, Int32Array, dictCount + 1, -1);
      const slotsPtr = inColumn(key, () => {
        if (values.length > 0 || keyChunk.nullCount > 0) return keySlots(arena, keyChunk, rowsPtr, firstPtr, rowBase);
        keyHistogram(arena, keyChunk, rowsPtr, firstPtr, rowBase);
        return 0;
      });
      const dictionary = () => dictionaryOut(arena, key, keyChunk.dictionary);
      keys = { numRows: keyChunk.numRows, dictCount, rowsPtr, firstPtr, slotsPtr, dictionary };
    } else if (!keyChunk && PLAIN_KEY_TYPES.has(key.physicalType)) {
      keys = plainKeySlots(arena, file, index, key, rowBase, verifyChecksums);
    }
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

/** A key chunk's slots in kernel memory: one per dictionary code (or per distinct value), then the null-key slot. */
interface KeySlots {
  readonly numRows: number;
  /** Slots before the null-key slot. */
  readonly dictCount: number;
  /** Rows per slot (f64) and first row per slot (i32), dictCount + 1 entries each. */
  readonly rowsPtr: number;
  readonly firstPtr: number;
  /** Each row's slot (i32), or 0 when no value column needs them. */
  readonly slotsPtr: number;
  /** The values of the slots, copied out. */
  dictionary(): PhysicalColumn;
}

/** Key chunks stored without a dictionary that are grouped here: integers (compared as bits, no float rules). */
const PLAIN_KEY_TYPES: ReadonlySet<number> = new Set([Type.INT32, Type.INT64]);

/**
 * The slots of an integer key chunk stored without a dictionary (a writer's choice for a high-cardinality key): its
 * values decoded in kernel memory and grouped there by the group-id kernels, the groups (in order of first
 * occurrence) becoming the slots and their values the dictionary; null keys go to the last slot. Undefined for
 * pages that the arena decode does not handle.
 */
function plainKeySlots(
  arena: Arena,
  file: ParquetFile,
  index: number,
  key: ColumnDescriptor,
  rowBase: number,
  verifyChecksums: boolean,
): KeySlots | undefined {
  const chunk = chunkInArena(arena, file, index, key, 'values', verifyChecksums);
  // Pages left as dictionary indices (a chunk whose dictionary fell back part way): not handled.
  if (!chunk || chunk.valuePages.some((page) => page.indicesPtr !== 0)) return undefined;
  const { numRows, width } = chunk;
  // The pages' values side by side (each page was decoded where it lies; null rows hold zeros).
  const keysPtr = arena.alloc(numRows * width + 16);
  for (const page of chunk.valuePages) {
    arena.u8().copyWithin(keysPtr + page.row * width, page.valuesPtr, page.valuesPtr + page.count * width);
  }
  const idsPtr = arena.alloc(numRows * 4 + 16);
  const groupFirstPtr = arena.alloc(numRows * 4 + 16);
  const validity = chunk.nullCount > 0 ? chunk.validityPtr : 0;
  const groups = groupIntKeysInArena(arena, keysPtr, numRows, width === 8, validity, idsPtr, groupFirstPtr);
  const k = arena.wasm;
  // The null keys' group (the group of the first null row) moves to the last slot, the groups after it down one.
  const nullGroup = validity ? arena.view(Int32Array, idsPtr, numRows)[firstClearBit(arena, validity, numRows)]! : -1;
  if (nullGroup >= 0 && nullGroup !== groups - 1) {
    const remapPtr = arena.alloc(groups * 4);
    const remap = arena.view(Int32Array, remapPtr, groups);
    for (let g = 0; g < groups; g++) remap[g] = g < nullGroup ? g : g === nullGroup ? groups - 1 : g - 1;
    k.gatherInt32(remapPtr, 0, idsPtr, numRows, idsPtr);
  }
  const dictCount = nullGroup >= 0 ? groups - 1 : groups;
  const rowsPtr = filled(arena, Float64Array, groups + 1, 0);
  const firstPtr = filled(arena, Int32Array, groups + 1, -1);
  const used = k.codeSlots(idsPtr, 0, numRows, groups, idsPtr, rowsPtr, firstPtr, rowBase);
  if (used < 0) throw new ParquetError('BAD_ENCODING', `group id out of ${groups} groups`);
  const dictionary = (): PhysicalColumn => {
    // Each group's key from its first row, moved as 32-bit words (the arena's allocations are 8-byte aligned).
    const first = arena.view(Int32Array, groupFirstPtr, groups);
    const words = width >> 2;
    const keys = arena.view(Int32Array, keysPtr, numRows * words);
    const out = new Int32Array(dictCount * words);
    for (let slot = 0; slot < dictCount; slot++) {
      const at = first[nullGroup >= 0 && slot >= nullGroup ? slot + 1 : slot]! * words;
      for (let w = 0; w < words; w++) out[slot * words + w] = keys[at + w]!;
    }
    arena.bytesCopied += out.byteLength;
    return { length: dictCount, nullCount: 0, values: new Uint8Array(out.buffer) };
  };
  return { numRows, dictCount, rowsPtr, firstPtr, slotsPtr: idsPtr, dictionary };
}

/** The first row whose bit is clear in the validity bitmap at `ptr` (the chunk has a null). */
function firstClearBit(arena: Arena, ptr: number, rows: number): number {
  const bytes = arena.view(Uint8Array, ptr, (rows + 7) >> 3);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0xff) continue;
    for (let b = 0; b < 8; b++) if ((bytes[i]! & (1 << b)) === 0 && i * 8 + b < rows) return i * 8 + b;
  }
  throw new ParquetError('BAD_PAGE', 'a key chunk counted nulls but its validity has none');
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
function keySlots(arena: Arena, chunk: ArenaChunk, rowsPtr: number, firstPtr: number, rowBase: number): number {
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
  const kernels = kernelsOf(arena, value.kind);
  // Without nulls the non-null values per slot are its rows: only the sums are accumulated.
  const noNulls = chunk.nullCount === 0;
  const countsPtr = noNulls ? rowsPtr : filled(arena, Float64Array, slots, 0);
  const sumsPtr = value.sum ? filled(arena, Float64Array, slots, 0) : 0; // f64 0 and i64 0 are the same bytes
  let minsPtr = 0;
  let maxsPtr = 0;
  if (value.minMax) [minsPtr, maxsPtr] = kernels.extremes(slots);
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
      if (value.sum) check(kernels.dictSum(indices, dictPtr, dictCount, ids, count, sumsPtr));
      if (!noNulls) k.groupCount(0, ids, count, countsPtr);
      if (value.minMax) check(kernels.dictMinMax(indices, dictPtr, dictCount, ids, count, minsPtr, maxsPtr));
      continue;
    }
    let values = page.valuesPtr;
    if (widened) {
      k.widenFloat32(values, count, widened);
      values = widened;
    }
    if (value.sum && noNulls) kernels.slotSum(values, ids, count, sumsPtr);
    else if (value.sum) kernels.groupSum(values, valid, ids, count, sumsPtr, countsPtr);
    else if (!noNulls) k.groupCount(valid, ids, count, countsPtr);
    if (value.minMax) kernels.minMax(values, valid, ids, count, minsPtr, maxsPtr);
  }
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
