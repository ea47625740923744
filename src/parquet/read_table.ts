// readTable: a whole file (or a selection of columns and row groups) as one Arrow table.
import type * as arrow from 'apache-arrow';
import { Table } from 'apache-arrow';
import { optionNames } from '../options/check.js';
import { type IterBatchesOptions, type OpenOptions, ParquetFile } from './file.js';
import { filteredBatches, type PushdownOptions } from './filter/filtered_read.js';
import { checkOpenOptions, ITER_BATCHES_OPTIONS, OPEN_OPTIONS, openOptionsOf, PUSHDOWN_OPTIONS } from './options.js';
import { hasParquetPool } from './parallel/pools.js';
import { chooseReadThreads, selectedChunkBytes } from './parallel/read_decision.js';
import { checkThreads, defaultReadThreads, isLocalPath, readRowGroupsParallel } from './parallel/read_parallel.js';
import type { SourceInput } from './source.js';

/** Options of readTable. */
export interface ReadTableOptions extends OpenOptions, IterBatchesOptions, PushdownOptions {
  /**
   * Threads that decode the file (default: the number of cores, `os.availableParallelism()`; 1 when readTable is
   * called in a worker thread, e.g. in a task of the scheduler's pool, so that pools do not nest; and 1 for a
   * small read, whose column chunks hold under 16 MiB when the pool is already running or under 128 MiB when it
   * would have to start, since the threads then cost more than they save: parallel/read_decision.ts). With more than one,
   * each (row group, top-level column) is a task on a worker thread, decoded into SharedArrayBuffers, and the
   * table is the same, value for value, as with `threads: 1`, which reads on the calling thread. Only local files
   * (a path) are read on threads: buffers, http(s) URLs and custom byte sources are read on the calling thread, as
   * are encrypted files, reads with `decryption` options (their key retriever cannot cross threads) and reads with
   * `filters` (the pushdown's row-group, page and row selection runs on the calling thread).
   */
  threads?: number;
}

/** Every option readBatches takes. */
export const READ_BATCHES_OPTIONS: readonly string[] = [...OPEN_OPTIONS, ...ITER_BATCHES_OPTIONS, ...PUSHDOWN_OPTIONS];

/** Every option readTable takes. */
export const READ_TABLE_OPTIONS: readonly string[] = [
  ...READ_BATCHES_OPTIONS,
  ...optionNames<Pick<ReadTableOptions, 'threads'>>({ threads: true }),
];

/** Reads a Parquet file into an Arrow table with one record batch per row group (that has matching rows). */
export async function readTable(source: SourceInput, options: ReadTableOptions = {}): Promise<arrow.Table> {
  checkOpenOptions(options, 'readTable', READ_TABLE_OPTIONS);
  checkThreads(options.threads, 'readTable');
  const file = await ParquetFile.open(source, openOptionsOf(options));
  try {
    const batches: arrow.RecordBatch[] = [];
    const { columns, rowGroups, filters, onStats, readDictionary } = options;
    const rowGroupList = rowGroups ?? file.rowGroups.map((_, i) => i);
    const defaultThreads = defaultReadThreads();
    const threads = chooseReadThreads({
      requested: options.threads,
      defaultThreads,
      bytes: selectedChunkBytes(file, rowGroupList, columns),
      poolRunning: hasParquetPool(defaultThreads),
    });
    if (threads > 1 && isLocalPath(source) && !filters && !options.decryption && !file.encrypted) {
      const open = openOptionsOf(options);
      batches.push(
        ...(await readRowGroupsParallel({
          path: source,
          file,
          open,
          rowGroups: rowGroupList,
          columns,
          readDictionary,
          threads,
        })),
      );
    } else {
      const iterator = filters
        ? filteredBatches(file, { filters, columns, rowGroups, onStats })
        : file.iterBatches({ columns, rowGroups, readDictionary });
      for await (const batch of iterator) batches.push(batch);
    }
    if (batches.length === 0) return new Table(file.arrowSchema(options.columns, options.readDictionary));
    return new Table(batches);
  } finally {
    await file.close();
  }
}
