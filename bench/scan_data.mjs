// The trips data of bench/scan.mjs (issue 16): the demo's taxi-like trips (src/demo/trips.ts, the same seeded
// generator) as 96 partitions of 104,167 rows (10,000,032 rows), written as a hive dataset partitioned on month
// (one snappy file per partition, 128Ki-row row groups, as `npm run demo` writes them), plus the same rows in one
// file for the many-files-versus-one comparison. bench/data/ is gitignored; a stamp file makes reruns free.
// Usage: npm run build && node bench/scan_data.mjs
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './datasets.mjs';

/** Files (= generated partitions) of the dataset and rows per partition. */
export const TRIP_FILES = 96;
export const TRIP_ROWS_PER_FILE = 104_167;
const SEED = 2025;
const ROW_GROUP_SIZE = 128 * 1024;

/** Directory of the 96-file hive dataset. */
export const TRIPS_DIR = join(DATA_DIR, `trips-${TRIP_FILES}`);
/** The same rows in one file (month kept as a column). */
export const TRIPS_ONE_FILE = join(DATA_DIR, 'trips-1.parquet');

const STAMP = join(DATA_DIR, 'trips.done');
const SPEC = `${TRIP_FILES}x${TRIP_ROWS_PER_FILE}@${SEED}/${ROW_GROUP_SIZE}`;

/** Writes both forms of the trips data unless the stamp says they are there. */
export async function ensureTrips(log = console.error) {
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === SPEC) return;
  mkdirSync(DATA_DIR, { recursive: true });
  log(`generating ${TRIP_FILES * TRIP_ROWS_PER_FILE} trips into ${TRIPS_DIR} and ${TRIPS_ONE_FILE} ...`);
  const { generateTrips, TRIP_FIELDS } = await import('../dist/src/demo/trips.js');
  const { fromPartitions } = await import('../dist/src/dataframe/index.js');
  const { opName } = await import('../dist/src/ops/index.js');
  const { ParquetWriter } = await import('../dist/src/parquet/index.js');
  const { ThreadPool } = await import('../dist/src/scheduler/index.js');
  const preload = [new URL('../dist/src/demo/trips.js', import.meta.url).href];
  const pool = new ThreadPool({ threads: 2, preload });
  const partition = (i) => [i, TRIP_ROWS_PER_FILE, (i % 12) + 1, SEED];
  try {
    const specs = Array.from({ length: TRIP_FILES }, (_, i) => ({ fn: opName(generateTrips), args: partition(i) }));
    const trips = fromPartitions(specs, TRIP_FIELDS, { name: 'generate-trips' });
    rmSync(TRIPS_DIR, { recursive: true, force: true });
    await trips.toParquet(TRIPS_DIR, {
      partitionOn: ['month'],
      codec: 'snappy',
      rowGroupSize: ROW_GROUP_SIZE,
      overwrite: true,
      scheduler: pool,
    });
  } finally {
    await pool.close();
  }
  const { batchToArrow } = await import('../dist/src/columnar/index.js');
  const first = batchToArrow(generateTrips(...partition(0)));
  const writer = await ParquetWriter.open(TRIPS_ONE_FILE, first.schema, {
    codec: 'snappy',
    rowGroupSize: ROW_GROUP_SIZE,
    overwrite: true,
  });
  await writer.write(first);
  for (let i = 1; i < TRIP_FILES; i++) await writer.write(generateTrips(...partition(i)));
  await writer.close();
  writeFileSync(STAMP, SPEC);
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureTrips();
