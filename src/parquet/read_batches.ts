// readBatches: a file streamed as Arrow record batches, one row group at a time.
import type * as arrow from 'apache-arrow';
import { type IterBatchesOptions, type OpenOptions, ParquetFile } from './file.js';
import { filteredBatches, type PushdownOptions } from './filter/filtered_read.js';
import { checkOpenOptions, openOptionsOf } from './options.js';
import { READ_BATCHES_OPTIONS } from './read_table.js';
import type { SourceInput } from './source.js';

/** Options of readBatches. */
export interface ReadBatchesOptions extends OpenOptions, IterBatchesOptions, PushdownOptions {}

/**
 * Opens `source` and yields one record batch per row group (with `filters`: per row group with matching rows, holding
 * only those rows), holding at most one row group of decoded data. The file
 * is opened on the first `next()` and closed when the iteration ends, fails, or is left early (`break`, `return`).
 */
export async function* readBatches(
  source: SourceInput,
  options: ReadBatchesOptions = {},
): AsyncGenerator<arrow.RecordBatch, void, undefined> {
  checkOpenOptions(options, 'readBatches', READ_BATCHES_OPTIONS);
  const file = await ParquetFile.open(source, openOptionsOf(options));
  try {
    const { columns, rowGroups, filters, onStats } = options;
    yield* filters
      ? filteredBatches(file, { filters, columns, rowGroups, onStats })
      : file.iterBatches({ columns, rowGroups });
  } finally {
    await file.close();
  }
}
