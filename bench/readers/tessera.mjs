// Tessera's reader on the main thread: readTable(path) -> apache-arrow Table.
import { readTable } from '../../dist/src/parquet/index.js';
import { arrowTableBytes, arrowTableChecksums } from '../stats/arrow-stats.mjs';

/** Tessera, one thread. */
export async function createReader() {
  return {
    read: (path, columns) => readTable(path, columns ? { columns } : {}),
    checksums: arrowTableChecksums,
    arrowBytes: arrowTableBytes,
  };
}
