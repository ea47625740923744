// parquet-wasm (arrow-rs compiled to wasm) -> Arrow IPC stream -> apache-arrow Table.
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tableFromIPC } from 'apache-arrow';
import { ParquetFile, readParquet } from 'parquet-wasm';
import { arrowTableBytes, arrowTableChecksums } from '../stats/arrow-stats.mjs';

/**
 * parquet-wasm, one thread. The whole file goes through readParquet(bytes); the projection through
 * ParquetFile.read({ columns }), because readParquet 0.8.0 ignores its `columns` option (it returns all 7 columns).
 * batchSize is the row-group size: the default of 1024 rows would cut the table into thousands of record batches and
 * measure apache-arrow's IPC parsing rather than parquet-wasm's decoding.
 */
export async function createReader({ rowGroupSize }) {
  return {
    async read(path, columns) {
      if (!columns) {
        const bytes = await readFile(path);
        return tableFromIPC(readParquet(bytes, { batchSize: rowGroupSize }).intoIPCStream());
      }
      const file = await ParquetFile.fromFile(await openAsBlob(path));
      const wasmTable = await file.read({ columns, batchSize: rowGroupSize });
      return tableFromIPC(wasmTable.intoIPCStream());
    },
    checksums: arrowTableChecksums,
    arrowBytes: arrowTableBytes,
  };
}
