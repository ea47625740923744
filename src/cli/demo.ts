// `npm run demo`, the main job on the local thread pool: generate ~10M taxi-like trips as a hive-partitioned
// Parquet dataset (one directory per month), read it back lazily with pushdown, then groupby + approximate
// distinct counts + a merge with a small zone table, printing results and timings (progress bars on a terminal).
// `--dashboard` (or TESSERA_DASHBOARD=1) serves the live web dashboard on port 8787 (`--dashboard-port N` to choose).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type * as arrow from 'apache-arrow';
import { fromRecords } from '../dataframe/create.js';
import { fromPartitions } from '../dataframe/emit.js';
import { col } from '../dataframe/expr/builder.js';
import { readParquet } from '../dataframe/read_parquet.js';
import { generateTrips, RIDERS, TRIP_FIELDS, zoneRecords } from '../demo/trips.js';
import { opName } from '../ops/registry.js';
import { closeSharedThreadPool, sharedThreadPool, ThreadPool } from '../scheduler/pool.js';

const ROWS_PER_PARTITION = 416_667;
const PARTITIONS = 24; // two per month
const SEED = 2025;

async function main(): Promise<void> {
  const root = findRoot();
  const dir = join(root, '.demo', 'trips');
  const pool = demoPool();
  const options = { scheduler: pool } as const;
  console.log(`Tessera demo: ${PARTITIONS * ROWS_PER_PARTITION} taxi trips on ${pool.threads} threads\n`);

  await timed('generate + write the hive dataset (.demo/trips/month=*/)', async () => {
    const stamp = join(root, '.demo', 'trips.done');
    const spec = `${PARTITIONS}x${ROWS_PER_PARTITION}@${SEED}`;
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === spec) return 'already there (delete .demo/ to redo)';
    const specs = Array.from({ length: PARTITIONS }, (_, i) => ({
      fn: opName(generateTrips),
      args: [i, ROWS_PER_PARTITION, (i % 12) + 1, SEED],
    }));
    const trips = fromPartitions(specs, TRIP_FIELDS, { name: 'generate-trips' });
    const written = await trips.toParquet(dir, {
      partitionOn: ['month'],
      codec: 'snappy',
      rowGroupSize: 128 * 1024,
      overwrite: true,
      ...options,
    });
    writeFileSync(stamp, spec);
    return `${written.numRows} rows, ${written.files.length} files, ${written.numRowGroups} row groups`;
  });

  const trips = await readParquet(dir, {
    columns: ['month', 'pickup_zone', 'rider_id', 'fare', 'tip', 'distance_km', 'payment'],
  });
  console.log(`\nlazy frame: ${trips.npartitions} partitions, columns ${trips.columns.join(', ')}`);

  const perZone = trips
    .assign({ total: col('fare').add(col('tip').fillNull(0)) })
    .groupby('pickup_zone')
    .agg({ '*': 'count', total: ['sum', 'mean'], distance_km: ['mean'], rider_id: ['nuniqueApprox'] });
  const zones = fromRecords(zoneRecords(), {
    fields: [
      { name: 'zone_id', type: { kind: 'int32' }, nullable: false },
      { name: 'zone', type: { kind: 'utf8' }, nullable: false },
      { name: 'borough', type: { kind: 'utf8' }, nullable: false },
    ],
  });
  const joined = perZone.merge(zones, { leftOn: 'pickup_zone', rightOn: 'zone_id', how: 'left' });
  const top = await timed('groupby(pickup_zone) + nuniqueApprox(rider) + merge with zones', async () => {
    const table = await joined.compute(options);
    return { table, text: `${table.numRows} zones` };
  });
  printTop(top.table, 10);

  const byMonth = await timed('groupby(month): trips, revenue, tip rate (card trips only, pushed down)', async () => {
    const cards = await readParquet(dir, { columns: ['month', 'fare', 'tip'], filters: [['payment', '=', 'card']] });
    const table = await cards
      .groupby('month')
      .agg({ '*': 'count', fare: ['sum'], tip: ['mean'] })
      .compute(options);
    return { table, text: `${table.numRows} months` };
  });
  printRows(byMonth.table, ['month', 'count', 'fare_sum', 'tip_mean'], 12);

  const approx = await timed('distinct riders, HyperLogLog (precision 14)', async () => {
    const n = await trips.nuniqueApprox('rider_id', { precision: 14 }).compute(options);
    return { n, text: n.toLocaleString('en-US') };
  });
  const exact = await timed('distinct riders, exact', async () => {
    const n = await trips.nunique('rider_id').compute(options);
    return { n, text: n.toLocaleString('en-US') };
  });
  const error = ((approx.n - exact.n) / exact.n) * 100;
  console.log(
    `   relative error ${error.toFixed(2)}% (standard error 1.04/sqrt(2^14) = 0.81%; ${RIDERS} riders exist)`,
  );
  // The dashboard's pool is the demo's own; the shared one is the process's.
  await (pool.dashboard ? pool.close() : closeSharedThreadPool());
}

// The shared pool, or with --dashboard a pool of as many threads that serves the dashboard (its URL is printed).
function demoPool(): ThreadPool {
  const { values } = parseArgs({
    options: { dashboard: { type: 'boolean', default: false }, 'dashboard-port': { type: 'string' } },
  });
  const env = process.env.TESSERA_DASHBOARD;
  if (!values.dashboard && values['dashboard-port'] === undefined && (env === undefined || env === '0')) {
    return sharedThreadPool();
  }
  const port = values['dashboard-port'] ?? (env !== undefined && env !== '1' ? env : undefined);
  return new ThreadPool({ dashboard: port === undefined ? true : { port: Number(port) } });
}

/** Runs `step`, printing its label, its summary line and how long it took. */
async function timed<T extends { text: string } | string>(label: string, step: () => Promise<T>): Promise<T> {
  console.log(`== ${label}`);
  const start = performance.now();
  const result = await step();
  const ms = performance.now() - start;
  console.log(`   ${typeof result === 'string' ? result : result.text} in ${(ms / 1000).toFixed(2)} s`);
  return result;
}

function printTop(table: arrow.Table, n: number): void {
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  rows.sort((a, b) => Number(b.count) - Number(a.count));
  console.log('   zone      borough        trips    revenue   avg total  avg km  riders (approx)');
  for (const r of rows.slice(0, n)) {
    console.log(
      `   ${String(r.zone).padEnd(9)} ${String(r.borough).padEnd(13)} ${fmt(r.count, 0, 8)} ${fmt(r.total_sum, 0, 10)} ${fmt(r.total_mean, 2, 11)} ${fmt(r.distance_km_mean, 2, 7)} ${fmt(r.rider_id_nuniqueApprox, 0, 16)}`,
    );
  }
}

function printRows(table: arrow.Table, columns: readonly string[], n: number): void {
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  rows.sort((a, b) => Number(a[columns[0]!]) - Number(b[columns[0]!]));
  console.log(`   ${columns.map((c) => c.padStart(12)).join(' ')}`);
  for (const r of rows.slice(0, n)) {
    console.log(`   ${columns.map((c) => fmt(r[c], c === columns[0] || c === 'count' ? 0 : 2, 12)).join(' ')}`);
  }
}

function fmt(value: unknown, digits: number, width: number): string {
  const n = Number(value);
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).padStart(width);
}

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

await main();
