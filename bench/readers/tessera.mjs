// Tessera's reader on the main thread: readTable(path, { threads: 1 }) -> apache-arrow Table (readTable's default
// uses every core; bench/read-threads.mjs measures that).
import { readTable } from '../../dist/src/parquet/index.js';
import { arrowTableBytes, arrowTableChecksums } from '../stats/arrow-stats.mjs';

/** Tessera, one thread. */
export async function createReader() {
  return {
    read: (path, columns) => readTable(path, columns ? { columns, threads: 1 } : { threads: 1 }),
    checksums: arrowTableChecksums,
    arrowBytes: arrowTableBytes,
  };
}
