// One-call write of a whole table.
import type * as arrow from 'apache-arrow';
import { batchToArrow } from '../../columnar/to_arrow.js';
import type { Batch } from '../../columnar/types.js';
import type { FileMetaData } from '../metadata/types.js';
import { ParquetWriter, type ParquetWriterOptions } from './parquet_writer.js';
import type { WriteDestination } from './sink.js';

/**
 * Writes `table` (an Arrow table, or a Tessera plain-data Batch) to `dest` (a path, written atomically; a Node writable stream; or an object with write()) and
 * returns the footer written. On any error nothing appears at a path destination.
 *
 *     await writeTable('trips.parquet', table, { codec: 'zstd', rowGroupSize: 100_000 });
 */
export async function writeTable(
  dest: WriteDestination,
  data: arrow.Table | Batch,
  options: ParquetWriterOptions = {},
): Promise<FileMetaData> {
  const table = data instanceof Object && 'getChild' in data ? data : batchToArrow(data);
  const writer = await ParquetWriter.openChecked(dest, table.schema, options, 'writeTable');
  try {
    await writer.write(table);
    return await writer.close();
  } catch (err) {
    await writer.abort().catch(() => undefined);
    throw err;
  }
}
