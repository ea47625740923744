// readTable: a whole file (or a selection of columns and row groups) as one Arrow table.
import type * as arrow from 'apache-arrow';
import { Table } from 'apache-arrow';
import { type OpenOptions, ParquetFile, type ReadOptions } from './file.js';
import type { SourceInput } from './source.js';

/** Options of readTable. */
export interface ReadTableOptions extends OpenOptions, ReadOptions {
  /** Row groups to read, in this order (default: all). */
  rowGroups?: readonly number[];
}

/** Reads a Parquet file into an Arrow table with one record batch per row group. */
export async function readTable(source: SourceInput, options: ReadTableOptions = {}): Promise<arrow.Table> {
  const file = await ParquetFile.open(source, options);
  try {
    const indexes = options.rowGroups ?? file.rowGroups.map((_, i) => i);
    const batches: arrow.RecordBatch[] = [];
    for (const i of indexes) batches.push(await file.readRowGroup(i, options));
    if (batches.length === 0) return new Table(file.arrowSchema(options.columns));
    return new Table(batches);
  } finally {
    await file.close();
  }
}
