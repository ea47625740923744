/** Parquet input of `tessera convert`: one record batch per row group, as ParquetFile.iterBatches reads them. */
import type { RecordBatch } from 'apache-arrow';
import type { ParquetFile } from '../../parquet/file.js';
import type { BatchSource } from './batch_source.js';

/** A batch source over an open Parquet file; closing it closes the file. */
export function parquetBatchSource(file: ParquetFile): BatchSource {
  let rowsRead = 0;
  async function* batches(): AsyncGenerator<RecordBatch, void, undefined> {
    for await (const batch of file.iterBatches()) {
      rowsRead += batch.numRows;
      if (batch.numRows > 0) yield batch;
    }
  }
  return {
    schema: file.arrowSchema(),
    batches,
    progress: () => ({ done: rowsRead, total: file.numRows, unit: 'rows' }),
    close: () => file.close(),
  };
}
