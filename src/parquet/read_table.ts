// readTable: a whole file (or a selection of columns and row groups) as one Arrow table.
import type * as arrow from 'apache-arrow';
import { Table } from 'apache-arrow';
import { type IterBatchesOptions, type OpenOptions, ParquetFile } from './file.js';
import { filteredBatches, type PushdownOptions } from './filter/filtered_read.js';
import { checkOpenOptions, ITER_BATCHES_OPTIONS, OPEN_OPTIONS, openOptionsOf, PUSHDOWN_OPTIONS } from './options.js';
import type { SourceInput } from './source.js';

/** Options of readTable. */
export interface ReadTableOptions extends OpenOptions, IterBatchesOptions, PushdownOptions {}

/** Every option readTable and readBatches take. */
export const READ_TABLE_OPTIONS: readonly string[] = [...OPEN_OPTIONS, ...ITER_BATCHES_OPTIONS, ...PUSHDOWN_OPTIONS];

/** Reads a Parquet file into an Arrow table with one record batch per row group (that has matching rows). */
export async function readTable(source: SourceInput, options: ReadTableOptions = {}): Promise<arrow.Table> {
  checkOpenOptions(options, 'readTable', READ_TABLE_OPTIONS);
  const file = await ParquetFile.open(source, openOptionsOf(options));
  try {
    const batches: arrow.RecordBatch[] = [];
    const { columns, rowGroups, filters, onStats } = options;
    const iterator = filters
      ? filteredBatches(file, { filters, columns, rowGroups, onStats })
      : file.iterBatches({ columns, rowGroups });
    for await (const batch of iterator) batches.push(batch);
    if (batches.length === 0) return new Table(file.arrowSchema(options.columns, options.readDictionary));
    return new Table(batches);
  } finally {
    await file.close();
  }
}
