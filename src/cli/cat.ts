/** `tessera cat`: rows of a Parquet file as ndjson or CSV, streamed row group by row group. */
import type { RecordBatch, Schema } from 'apache-arrow';
import type { BufferedOutput } from './buffered_output.js';
import { type RowFormatName, rowTextFormat } from './format/row_text.js';

/** What `cat` needs of an open file (ParquetFile provides it; tests can provide their own). */
export interface RowGroupSource {
  readonly rowGroups: readonly { readonly numRows: number }[];
  arrowSchema(columns?: readonly string[]): Schema;
  readRowGroup(index: number, options: { columns?: readonly string[] }): Promise<RecordBatch>;
}

/** Options of `tessera cat`. */
export interface CatOptions {
  columns?: readonly string[];
  /** Stop after this many rows (default: all). */
  limit?: number;
  format: RowFormatName;
}

/** Rows formatted per write: small enough to keep memory flat, large enough to amortise the await. */
const ROWS_PER_WRITE = 1024;

/**
 * Writes the rows of `file` to `output`. Reads one row group at a time and reads no further row group once `limit`
 * rows are written or the reader of the output has gone away.
 */
export async function catRows(file: RowGroupSource, options: CatOptions, output: BufferedOutput): Promise<void> {
  const format = rowTextFormat(options.format, file.arrowSchema(options.columns));
  await output.write(format.header());
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  for (let index = 0; index < file.rowGroups.length && remaining > 0 && !output.closed; index++) {
    if (file.rowGroups[index]!.numRows === 0) continue;
    const batch = await file.readRowGroup(index, { columns: options.columns });
    const end = Math.min(batch.numRows, remaining);
    for (let start = 0; start < end && !output.closed; start += ROWS_PER_WRITE) {
      await output.write(format.rows(batch, start, Math.min(end, start + ROWS_PER_WRITE)));
    }
    remaining -= end;
  }
  await output.flush();
}
