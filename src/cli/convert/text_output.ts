/**
 * Parquet to CSV or NDJSON: the rows as `tessera cat` prints them, written to a temporary file in the target's
 * directory and moved onto the target only once complete, as the Parquet writer does (a failed or interrupted
 * conversion leaves no partial file behind).
 */
import { createWriteStream } from 'node:fs';
import { link, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { ParquetError } from '../../parquet/errors.js';
import type { ParquetFile } from '../../parquet/file.js';
import { BufferedOutput } from '../buffered_output.js';
import { catRows, type RowGroupSource } from '../cat.js';
import { OutputExistsError } from './output_exists_error.js';

/** Writes the rows of `file` to `path` in `format`; `onRows` is told the rows read so far, row group by row group.
 *  Aborting `signal` stops before the next row group and removes the temporary file. */
export async function writeRowsAsText(
  file: ParquetFile,
  path: string,
  format: 'csv' | 'ndjson',
  overwrite: boolean,
  onRows: (rowsRead: number) => void = () => {},
  signal?: AbortSignal,
): Promise<number> {
  let rowsRead = 0;
  const source: RowGroupSource = {
    rowGroups: file.rowGroups,
    arrowSchema: (columns) => file.arrowSchema(columns),
    readRowGroup: async (index, readOptions): Promise<RecordBatch> => {
      if (signal?.aborted) {
        throw new ParquetError('ABORTED', 'the conversion was aborted', { file: path }, { cause: signal.reason });
      }
      const batch = await file.readRowGroup(index, readOptions);
      rowsRead += batch.numRows;
      onRows(rowsRead);
      return batch;
    },
  };
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const stream = createWriteStream(temporary, { flags: 'wx' });
  let published = false;
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    await catRows(source, { format }, new BufferedOutput(stream));
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
    if (signal?.aborted) {
      throw new ParquetError('ABORTED', 'the conversion was aborted', { file: path }, { cause: signal.reason });
    }
    await publish(temporary, path, overwrite);
    published = true;
  } finally {
    if (!stream.closed) stream.destroy();
    if (!published) await unlink(temporary).catch(() => {});
  }
  return rowsRead;
}

/** Moves the finished file onto `path`; without `overwrite`, link() refuses an existing target atomically. */
async function publish(temporary: string, path: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await rename(temporary, path);
    return;
  }
  try {
    await link(temporary, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputExistsError(path);
    throw err;
  }
  await unlink(temporary);
}
