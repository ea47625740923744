// Tessera's reader: readTable(path, { threads }) -> apache-arrow Table. `tessera` passes threads: 1 (the calling
// thread); `tessera2` threads: 2 (readTable's worker threads). The pool is started in createReader, untimed, on a
// tiny file, as DuckDB's engine is created before timing starts (bench/read-threads.mjs does the same).
import { fileURLToPath } from 'node:url';
import { closeReadPools, readTable } from '../../dist/src/parquet/index.js';
import { arrowTableBytes, arrowTableChecksums } from '../stats/arrow-stats.mjs';

const FIXTURE = fileURLToPath(
  new URL('../../fixtures/parquet-testing/data/alltypes_plain.snappy.parquet', import.meta.url),
);

/** Tessera with `threads` decoding threads (default 1). */
export async function createReader({ threads = 1 } = {}) {
  if (threads > 1) await readTable(FIXTURE, { threads });
  return {
    read: (path, columns) => readTable(path, columns ? { columns, threads } : { threads }),
    checksums: arrowTableChecksums,
    arrowBytes: arrowTableBytes,
    close: () => closeReadPools(),
  };
}
