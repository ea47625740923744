// One-call write of a whole table.
import type * as arrow from 'apache-arrow';
import { batchFromRecords } from '../../columnar/records.js';
import { batchToArrow } from '../../columnar/to_arrow.js';
import type { Batch } from '../../columnar/types.js';
import { ParquetError } from '../errors.js';
import type { FileMetaData } from '../metadata/types.js';
import { ParquetWriter, type ParquetWriterOptions } from './parquet_writer.js';
import type { WriteDestination } from './sink.js';

/** What writeTable accepts: an Arrow table, a Tessera plain-data Batch, or an array of records. */
export type WritableTable = arrow.Table | Batch | readonly Record<string, unknown>[];

/** `data` as an Arrow table; records go through batchFromRecords (the types fromRecords infers). */
function asTable(data: WritableTable): arrow.Table {
  if (Array.isArray(data)) {
    try {
      return batchToArrow(batchFromRecords(data as readonly Record<string, unknown>[]));
    } catch (err) {
      throw new ParquetError(
        'BAD_ARGUMENT',
        `writeTable: cannot make a table of these records: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
  }
  if (data instanceof Object && 'getChild' in data) return data as arrow.Table;
  if (data instanceof Object && 'fields' in data && 'columns' in data && 'numRows' in data)
    return batchToArrow(data as Batch);
  throw new ParquetError(
    'BAD_ARGUMENT',
    'writeTable: data must be an apache-arrow Table, a Batch or an array of records ({ column: value } objects)',
  );
}

/**
 * Writes `data` (an Arrow table, a Tessera plain-data Batch, or an array of records whose types are inferred as
 * fromRecords does) to `dest` (a path, written atomically; a Node writable stream; or an object with write()) and
 * returns the footer written. On any error nothing appears at a path destination.
 *
 *     await writeTable('trips.parquet', table, { codec: 'zstd', rowGroupSize: 100_000 });
 *     await writeTable('small.parquet', [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
 */
export async function writeTable(
  dest: WriteDestination,
  data: WritableTable,
  options: ParquetWriterOptions = {},
): Promise<FileMetaData> {
  const table = asTable(data);
  const writer = await ParquetWriter.openChecked(dest, table.schema, options, 'writeTable');
  try {
    await writer.write(table);
    return await writer.close();
  } catch (err) {
    await writer.abort().catch(() => undefined);
    throw err;
  }
}
