/**
 * Arrow IPC input of `tessera convert`, file format (.arrow, .feather v2) or stream format, through apache-arrow's
 * RecordBatchReader on a file handle: the file format is read batch by batch with random access (reading it from a
 * Node stream would load the whole file), the stream format message by message. Batches longer than `batchRows`
 * are handed on in slices.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { type RecordBatch, RecordBatchReader } from 'apache-arrow';
import { type BatchSource, DEFAULT_BATCH_ROWS } from './batch_source.js';
import { InputError } from './input_error.js';

/** Opens the Arrow IPC file or stream at `path` and reads its schema. */
export async function openArrowIpc(path: string, batchRows = DEFAULT_BATCH_ROWS): Promise<BatchSource> {
  const handle: FileHandle = await open(path, 'r');
  const size = (await handle.stat()).size;
  let reader: RecordBatchReader;
  try {
    reader = await RecordBatchReader.from(handle);
    await reader.open();
  } catch (err) {
    await handle.close();
    throw new InputError(`not an Arrow IPC file or stream (${(err as Error).message})`);
  }
  if (reader.schema === undefined || reader.schema === null) {
    await handle.close();
    throw new InputError(size === 0 ? 'empty input: no Arrow schema' : 'not an Arrow IPC file or stream');
  }
  const totalBatches = reader.isFile() ? reader.numRecordBatches : 0;
  let batchesRead = 0;
  let rowsRead = 0;

  async function* batches(): AsyncGenerator<RecordBatch, void, undefined> {
    for await (const batch of reader as AsyncIterable<RecordBatch>) {
      for (let start = 0; start < batch.numRows; start += batchRows) {
        const end = Math.min(batch.numRows, start + batchRows);
        rowsRead += end - start;
        yield start === 0 && end === batch.numRows ? batch : batch.slice(start, end);
      }
      batchesRead++;
    }
  }

  return {
    schema: reader.schema,
    batches,
    progress: () =>
      totalBatches > 0
        ? { done: batchesRead, total: totalBatches, unit: 'batches' }
        : { done: rowsRead, total: 0, unit: 'rows' },
    close: async () => {
      await reader.cancel();
      await handle.close();
    },
  };
}
