// The slots of a key column chunk for the fused group-by read (fused_row_group.ts), in kernel memory: a
// dictionary-encoded chunk's codes (rows and first rows per code read straight from the index streams when no row's
// slot is needed), or an integer chunk stored without a dictionary grouped by the group-id kernels (its groups
// become the slots), null keys in the last slot either way.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import { Type } from '../../parquet/metadata/enums.js';
import type { ArenaChunk } from '../../parquet/read/arena_chunk.js';
import { dictionaryOut } from '../../parquet/read/arena_chunk.js';
import type { PhysicalColumn } from '../../parquet/read/column_output.js';
import { checkKernel } from '../../parquet/read/kernel_status.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';
import { groupIntKeysInArena } from '../algorithms/group_ids.js';
import { chunkInArena, filled, inColumn } from './fused_arena.js';

/** A key chunk's slots in kernel memory: one per dictionary code (or per distinct value), then the null-key slot. */
export interface KeySlots {
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

/**
 * The slots of row group `index`'s `key` chunk: its dictionary codes when it is dictionary-encoded throughout, the
 * distinct values of an integer chunk stored without a dictionary, or undefined (the caller declines). `needSlots`:
 * each row's slot is wanted (value columns are aggregated), not only the rows and first rows per slot.
 */
export function keySlotsOf(
  arena: Arena,
  file: ParquetFile,
  index: number,
  key: ColumnDescriptor,
  needSlots: boolean,
  rowBase: number,
  verifyChecksums: boolean,
): KeySlots | undefined {
  const keyChunk = chunkInArena(arena, file, index, key, 'indices', verifyChecksums);
  if (!keyChunk)
    return PLAIN_KEY_TYPES.has(key.physicalType)
      ? plainKeySlots(arena, file, index, key, rowBase, verifyChecksums)
      : undefined;
  if (!keyChunk.dictionary) return undefined;
  const dictCount = keyChunk.dictionary.count;
  const rowsPtr = filled(arena, Float64Array, dictCount + 1, 0);
  const firstPtr = filled(arena, Int32Array, dictCount + 1, -1);
  const slotsPtr = inColumn(key, () => {
    if (needSlots || keyChunk.nullCount > 0) return keySlots(arena, keyChunk, rowsPtr, firstPtr, rowBase);
    keyHistogram(arena, keyChunk, rowsPtr, firstPtr, rowBase);
    return 0;
  });
  const dictionary = () => dictionaryOut(arena, key, keyChunk.dictionary);
  return { numRows: keyChunk.numRows, dictCount, rowsPtr, firstPtr, slotsPtr, dictionary };
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
