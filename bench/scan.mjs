// Scan-and-aggregate benchmark (issue 16): simple group-bys where the scan dominates, Tessera on a ThreadPool of 2
// against DuckDB threads=2, on the 5M-row bench file and on the demo's trips (10M rows in 96 files, bench/scan_data.mjs),
// plus the same trips in one file (issue 16 item 4) and the decode throughput of one PLAIN double column (item 2).
// Every run is a fresh Node process timed from the path to the result in memory (imports, DuckDB instance and pool
// start-up excluded); rounds are interleaved; figures are medians; every result is checked against DuckDB's.
// Usage: npm run build && node bench/scan.mjs [--runs 3] [--only bench_cat_sum,trips_count] [--out bench/RESULTS-scan.md]
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DATASETS, dataFile } from './datasets.mjs';
import { ensureDataset } from './generate.mjs';
import { runInChild, warmPool } from './measure.mjs';
import { loadAverages as load, median } from './report.mjs';
import { ensureTrips, TRIPS_DIR, TRIPS_ONE_FILE } from './scan_data.mjs';
import { sameRows } from './stats/compare.mjs';

const SELF = fileURLToPath(import.meta.url);
const BENCH_FILE = process.env.BENCH_FILE ?? dataFile(DATASETS.full, 'snappy');
const TRIPS_GLOB = `${TRIPS_DIR}/**/*.parquet`;

/** The queries: a DataFrame group-by for Tessera and the same GROUP BY in SQL for DuckDB. */
const QUERIES = {
  bench_cat_sum: {
    label: "bench file (5M rows, 5 row groups): groupby('cat') sum(price)",
    path: BENCH_FILE,
    sqlFrom: `read_parquet('${BENCH_FILE}')`,
    key: 'cat',
    agg: { price: ['sum'] },
    sql: 'sum(price) AS price_sum',
  },
  trips_count: {
    label: "trips (10M rows, 96 files): groupby('pickup_zone') count",
    path: TRIPS_DIR,
    sqlFrom: `read_parquet('${TRIPS_GLOB}', hive_partitioning = true)`,
    key: 'pickup_zone',
    agg: { '*': 'count' },
    sql: 'count(*) AS count',
  },
  trips_fare: {
    label: "trips: groupby('pickup_zone') sum + mean of fare",
    path: TRIPS_DIR,
    sqlFrom: `read_parquet('${TRIPS_GLOB}', hive_partitioning = true)`,
    key: 'pickup_zone',
    agg: { fare: ['sum', 'mean'] },
    sql: 'sum(fare) AS fare_sum, avg(fare) AS fare_mean',
  },
  trips_minmax: {
    label: "trips: groupby('pickup_zone') min + max of fare",
    path: TRIPS_DIR,
    sqlFrom: `read_parquet('${TRIPS_GLOB}', hive_partitioning = true)`,
    key: 'pickup_zone',
    agg: { fare: ['min', 'max'] },
    sql: 'min(fare) AS fare_min, max(fare) AS fare_max',
  },
  trips_nunique: {
    label: "trips: groupby('pickup_zone') exact nunique(rider_id) (~2M distinct overall)",
    path: TRIPS_DIR,
    sqlFrom: `read_parquet('${TRIPS_GLOB}', hive_partitioning = true)`,
    key: 'pickup_zone',
    agg: { rider_id: ['nunique'] },
    sql: 'count(DISTINCT rider_id) AS rider_id_nunique',
  },
  trips1_count: {
    label: "trips in ONE file (same rows): groupby('pickup_zone') count",
    path: TRIPS_ONE_FILE,
    sqlFrom: `read_parquet('${TRIPS_ONE_FILE}')`,
    key: 'pickup_zone',
    agg: { '*': 'count' },
    sql: 'count(*) AS count',
  },
};

/** Result rows with the key as a string and every aggregate as a plain number, sorted by key. */
function canonical(rows, key) {
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === key ? String(v) : Number(v)])))
    .sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

async function runTessera(query, threads) {
  const { readParquet } = await import('../dist/src/dataframe/index.js');
  const { ThreadPool } = await import('../dist/src/scheduler/index.js');
  const preload = [new URL('../dist/src/dataframe/index.js', import.meta.url).href];
  const pool = threads > 1 ? new ThreadPool({ threads, preload }) : undefined;
  if (pool) await warmPool(pool);
  const columns = [query.key, ...Object.keys(query.agg).filter((c) => c !== '*')];
  const start = performance.now();
  const df = await readParquet(query.path, { columns });
  const table = await df
    .groupby(query.key)
    .agg(query.agg)
    .compute({ scheduler: pool ?? 'sync' });
  const rows = table.toArray().map((r) => r.toJSON());
  const ms = performance.now() - start;
  await pool?.close();
  return { ms, rows };
}

async function runDuckdb(query, threads) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET threads=${threads}`);
  const start = performance.now();
  const sql = `SELECT ${query.key}, ${query.sql} FROM ${query.sqlFrom} GROUP BY ${query.key}`;
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowObjects();
  const ms = performance.now() - start;
  connection.closeSync();
  instance.closeSync();
  return { ms, rows };
}

/**
 * readTable of the PLAIN double column `price` on the calling thread: the first read of a fresh process (`ms`), and
 * the steady state, the median of the next five reads (`warmMs`).
 */
async function runDecode() {
  const { readTable } = await import('../dist/src/parquet/index.js');
  const times = [];
  let table;
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    table = await readTable(BENCH_FILE, { columns: ['price'], threads: 1 });
    times.push(performance.now() - start);
  }
  const column = table.getChild('price');
  let sum = 0;
  for (const chunk of column.data) for (const v of chunk.values) sum += v;
  return { ms: times[0], warmMs: median(times.slice(1)), rows: [{ key: 'price', rows: table.numRows, sum }] };
}

async function child(contender, queryName) {
  let result;
  if (queryName === 'decode') result = await runDecode();
  else {
    const query = QUERIES[queryName];
    if (!query) throw new Error(`unknown query ${queryName}`);
    result = contender === 'tessera2' ? await runTessera(query, 2) : await runDuckdb(query, 2);
    result.rows = canonical(result.rows, query.key);
  }
  process.stdout.write(`${JSON.stringify({ ok: true, ms: result.ms, warmMs: result.warmMs, rows: result.rows })}\n`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2]);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const runs = Number(opt('--runs', '3'));
  const only = opt('--only', [...Object.keys(QUERIES), 'decode'].join(',')).split(',');
  const outPath = opt('--out', fileURLToPath(new URL('./RESULTS-scan.md', import.meta.url)));
  if (!process.env.BENCH_FILE) await ensureDataset(DATASETS.full);
  await ensureTrips();
  const loadStart = load();
  const plan = only.flatMap((q) =>
    q === 'decode'
      ? [['tessera1', q]]
      : [
          ['duckdb2', q],
          ['tessera2', q],
        ],
  );
  const times = new Map(plan.map(([c, q]) => [`${c} ${q}`, []]));
  const warm = [];
  const errors = new Map();
  const reference = new Map();
  // Interleaved rounds: a change of machine load reaches every contender alike.
  for (let r = 0; r < runs; r++) {
    for (const [contender, query] of plan) {
      const id = `${contender} ${query}`;
      const res = await runInChild(SELF, ['--child', contender, query]);
      if (!res.ok) {
        errors.set(id, res.error);
        console.error(`round ${r + 1} ${id}: FAILED ${res.error}`);
        continue;
      }
      if (contender === 'duckdb2' && !reference.has(query)) reference.set(query, res.rows);
      const diff = query === 'decode' ? undefined : sameRows(res.rows, reference.get(query) ?? []);
      if (diff) {
        errors.set(id, `wrong result: ${diff}`);
        console.error(`round ${r + 1} ${id}: WRONG ${diff}`);
        continue;
      }
      times.get(id).push(res.ms);
      if (res.warmMs !== undefined) warm.push(res.warmMs);
      console.error(`round ${r + 1} ${id}: ${res.ms.toFixed(0)} ms`);
    }
  }
  const loadEnd = load();
  const med = (id) => (times.get(id)?.length ? median(times.get(id)) : Number.NaN);
  const range = (id) => {
    const ts = times.get(id) ?? [];
    return ts.length ? `${Math.min(...ts).toFixed(0)}-${Math.max(...ts).toFixed(0)}` : 'failed';
  };
  const lines = [];
  for (const q of only) {
    if (q === 'decode') continue;
    const t = med(`tessera2 ${q}`);
    const d = med(`duckdb2 ${q}`);
    const note = errors.get(`tessera2 ${q}`) ?? errors.get(`duckdb2 ${q}`) ?? 'equal to DuckDB';
    lines.push(
      `| ${QUERIES[q].label} | ${t.toFixed(0)} (${range(`tessera2 ${q}`)}) | ${d.toFixed(0)} (${range(`duckdb2 ${q}`)}) | ${(t / d).toFixed(2)}x | ${note} |`,
    );
  }
  let decodeLine = '';
  if (only.includes('decode')) {
    const ms = med('tessera1 decode');
    const warmMs = warm.length ? median(warm) : Number.NaN;
    const mbs = (t) => (40e6 / 1e6 / (t / 1000)).toFixed(0);
    decodeLine = `\n## PLAIN double decode (issue 16 item 2, target >= 1000 MB/s per thread)

\`readTable(bench file, { columns: ['price'] })\` on the calling thread: 5,000,000 PLAIN doubles (40 MB decoded,
snappy pages), from the path to the Arrow table. First read: the first call of a fresh process (JIT, kernel memory
growth and page faults included); steady state: the median of the next five calls in that process.

| read | median ms | MB/s decoded per thread |
| --- | --- | --- |
| first read of a fresh process | ${ms.toFixed(0)} (${range('tessera1 decode')}) | ${mbs(ms)} |
| steady state | ${warmMs.toFixed(0)} | ${mbs(warmMs)} |
`;
  }
  const many = med('tessera2 trips_count');
  const one = med('tessera2 trips1_count');
  const manyLine =
    Number.isFinite(many) && Number.isFinite(one)
      ? `\nMany files versus one (issue 16 item 4, target <= 1.3x): Tessera trips_count on 96 files / on one file = ${(many / one).toFixed(2)}x; DuckDB ${(med('duckdb2 trips_count') / med('duckdb2 trips1_count')).toFixed(2)}x.\n`
      : '';
  const cpu = cpus();
  const text = `# Scan-and-aggregate benchmark (issue 16)

Generated by \`bench/scan.mjs\`; do not edit by hand.

- Date: ${new Date().toISOString()}
- Command: \`node ${process.argv
    .slice(1)
    .map((a) => a.replace(/^.*\/bench\//, 'bench/'))
    .join(' ')}\`
- Machine: ${cpu[0]?.model ?? '?'} x ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}
- Load: ${loadStart} at start, ${loadEnd} at end (1/5/15-min load averages; the machine is shared, so absolute
  times vary: read the ratios)
- Tessera: \`readParquet(path, { columns }).groupby(key).agg(spec).compute({ scheduler })\` on a ThreadPool of 2
  (started and warmed before timing); DuckDB: \`SET threads=2\`, the same GROUP BY in SQL over read_parquet.
- Data: bench/data/bench-5m-snappy.parquet (bench/generate.mjs); the trips of src/demo/trips.ts as 96 snappy files
  of 104,167 rows, hive-partitioned on month, 128Ki-row row groups, and the same rows in one file
  (bench/scan_data.mjs).
- ${runs} runs per row, each in a fresh Node process, rounds interleaved; medians. Every result is checked equal to
  DuckDB's (keys exact, numbers to 1e-9 relative).

| query | Tessera 2 threads ms | DuckDB threads=2 ms | ratio | check |
| --- | --- | --- | --- | --- |
${lines.join('\n')}
${manyLine}${decodeLine}`;
  writeFileSync(outPath, text);
  console.log(text);
}

await main();
