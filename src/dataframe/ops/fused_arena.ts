// Kernel-memory helpers of the fused group-by read (fused_row_group.ts, fused_key_slots.ts): a column chunk decoded
// into the arena by position, per-slot accumulators filled there, and results copied out (counted as copied).
import type { Arena } from '../../kernels/arena.js';
import { toParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import type { ArenaChunk, ArenaChunkMode } from '../../parquet/read/arena_chunk.js';
import { decodeChunkInArena } from '../../parquet/read/arena_chunk.js';
import { chunkMetaData, chunkRange } from '../../parquet/read/chunk_range.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';

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
export function copyOut<K extends typeof Float64Array | typeof Int32Array | typeof BigInt64Array>(
  arena: Arena,
  kind: K,
  ptr: number,
  count: number,
): InstanceType<K> {
  arena.bytesCopied += count * kind.BYTES_PER_ELEMENT;
  return arena.view(kind, ptr, count).slice() as InstanceType<K>;
}

/** `count` f64s (or i32s) filled with `value`, in the arena. */
export function filled(
  arena: Arena,
  kind: typeof Float64Array | typeof Int32Array,
  count: number,
  value: number,
): number {
  const ptr = arena.alloc(count * kind.BYTES_PER_ELEMENT);
  arena.view(kind, ptr, count).fill(value);
  return ptr;
}

/** `count` i64s filled with `value`, in the arena. */
export function filledBig(arena: Arena, count: number, value: bigint): number {
  const ptr = arena.alloc(count * 8);
  arena.view(BigInt64Array, ptr, count).fill(value);
  return ptr;
}

/** `run()`, its errors naming `column`. */
export function inColumn<T>(column: ColumnDescriptor, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw toParquetError(err, { column: column.name });
  }
}
