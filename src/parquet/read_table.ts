// readTable: a whole file (or a selection of columns and row groups) as one Arrow table.
import type * as arrow from 'apache-arrow';
import { Table } from 'apache-arrow';
import { type IterBatchesOptions, type OpenOptions, ParquetFile } from './file.js';
import { filteredBatches, type PushdownOptions } from './filter/filtered_read.js';
import type { SourceInput } from './source.js';

/** Options of readTable. */
export interface ReadTableOptions extends OpenOptions, IterBatchesOptions, PushdownOptions {}

/** Reads a Parquet file into an Arrow table with one record batch per row group (that has matching rows). */
export async function readTable(source: SourceInput, options: ReadTableOptions = {}): Promise<arrow.Table> {
  const file = await ParquetFile.open(source, options);
  try {
    const batches: arrow.RecordBatch[] = [];
    const iterator = options.filter
      ? filteredBatches(file, { ...options, filter: options.filter })
      : file.iterBatches(options);
    for await (const batch of iterator) batches.push(batch);
    if (batches.length === 0) return new Table(file.arrowSchema(options.columns, options.readDictionary));
    return new Table(batches);
  } finally {
    await file.close();
  }
}
