// Whether a readTable with the default thread count reads on worker threads or on the calling thread. Below a few
// megabytes the pool costs more than it saves: handing tasks over and rebuilding the batches takes ~25 ms on a warm
// pool, and starting the pool's threads (each loads the reader's modules) 200 ms or more, more than
// decoding a small file takes on one thread. Crossovers measured on the 2-core bench machine with
// `node bench/read-crossover.mjs --runs 3` (the first 20,000 to 1,000,000 rows of the bench table, snappy, 4 row
// groups; fresh processes; medians; load 8.8): with the pool running, 2 threads took 11 ms against 5 for 1 MB of
// column chunks, 22 against 28 for 12.7 MB and 40 against 56 for 25 MB; with the pool still to start (about 200 ms
// here, more on a busier machine), 2 threads took 282 ms against 119 for 43.5 MB, so they pay only when one thread
// needs about half a second, some 150 MB of chunks.
import type { ParquetFile } from '../file.js';

/** Compressed column-chunk bytes from which a default read uses a pool that is already running. */
export const WARM_POOL_MIN_BYTES = 16 << 20;
/** Compressed column-chunk bytes from which a default read starts the pool. */
export const COLD_POOL_MIN_BYTES = 128 << 20;

/** What the thread-count decision looks at. */
export interface ReadThreadsInput {
  /** The caller's `threads` option: when given, it is used as is. */
  readonly requested: number | undefined;
  /** The default thread count (the cores; 1 in a worker thread). */
  readonly defaultThreads: number;
  /** Compressed bytes of the column chunks the read decodes. */
  readonly bytes: number;
  /** Whether a pool of `defaultThreads` threads is already running in this process. */
  readonly poolRunning: boolean;
}

/**
 * The threads a read uses: the caller's count when given; otherwise the default, unless the read is too small to
 * gain from threads (under WARM_POOL_MIN_BYTES with the pool running, under COLD_POOL_MIN_BYTES with the pool to
 * start), in which case 1 (the calling thread).
 */
export function chooseReadThreads(input: ReadThreadsInput): number {
  if (input.requested !== undefined) return input.requested;
  if (input.defaultThreads <= 1) return 1;
  const minBytes = input.poolRunning ? WARM_POOL_MIN_BYTES : COLD_POOL_MIN_BYTES;
  return input.bytes < minBytes ? 1 : input.defaultThreads;
}

/** Compressed bytes of the column chunks of `rowGroups` that a read of `columns` (all when undefined) decodes. */
export function selectedChunkBytes(
  file: ParquetFile,
  rowGroups: readonly number[],
  columns: readonly string[] | undefined,
): number {
  const leaves = file.schema.columns.filter(
    (column) =>
      columns === undefined ||
      columns.some((n) => n === column.name || n === column.path[0] || column.name.startsWith(`${n}.`)),
  );
  let total = 0;
  for (const index of rowGroups) {
    const chunks = file.rowGroups[index]?.columns;
    if (!chunks) continue;
    for (const leaf of leaves) total += Number(chunks[leaf.columnIndex]?.metaData?.totalCompressedSize ?? 0);
  }
  return total;
}
