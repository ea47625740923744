// Filter and merge on dictionary-encoded string columns (issue 16 item 1), Tessera on a ThreadPool of 2 against
// DuckDB threads=2, on the 5M-row bench file (cat: 50 values) and the demo's trips (10M rows in 96 files, vendor and
// payment: a few values, one dictionary per file). Each query filters or joins, then groups so the result is small.
// `--base DIR` adds a second Tessera build (another checkout's dist/, e.g. main) as its own contender, so a change
// is measured against the code before it in the same run. Every run is a fresh Node process (imports and pool
// start-up excluded); rounds are interleaved; figures are medians; every result is checked against DuckDB's.
// Usage: npm run build && node bench/dictionary-ops.mjs [--runs 3] [--only a,b] [--base /path/to/old/checkout]
//        [--out bench/RESULTS-dictionary-ops.md]
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DATASETS, dataFile } from './datasets.mjs';
import { ensureDataset } from './generate.mjs';
import { runInChild } from './measure.mjs';
import { loadAverages as load, median } from './report.mjs';
import { ensureTrips, TRIPS_DIR } from './scan_data.mjs';
import { sameRows } from './stats/compare.mjs';

const SELF = fileURLToPath(import.meta.url);
const BENCH_FILE = process.env.BENCH_FILE ?? dataFile(DATASETS.full, 'snappy');
const TRIPS_SQL = `read_parquet('${TRIPS_DIR}/**/*.parquet', hive_partitioning = true)`;
const PAYMENTS = [
  { payment: 'card', label: 'electronic' },
  { payment: 'app', label: 'electronic' },
  { payment: 'cash', label: 'cash' },
  { payment: 'refund', label: 'none' },
];

/** Each query: Tessera's frame from (df, col, fromRecords), DuckDB's SQL, and the group key of the result. */
const QUERIES = {
  trips_filter_eq: {
    label: "trips: filter(vendor = 'DDS'), sum(fare) by vendor",
    path: TRIPS_DIR,
    columns: ['vendor', 'fare'],
    key: 'vendor',
    tessera: (df, col) =>
      df
        .filter(col('vendor').eq('DDS'))
        .groupby('vendor')
        .agg({ fare: ['sum'] }),
    sql: `SELECT vendor, sum(fare) AS fare_sum FROM ${TRIPS_SQL} WHERE vendor = 'DDS' GROUP BY vendor`,
  },
  bench_filter_prefix: {
    label: "bench file: filter(starts_with(cat, 'category_1') and cat <> 'category_12'), sum(price) by cat",
    path: BENCH_FILE,
    columns: ['cat', 'price'],
    key: 'cat',
    tessera: (df, col) =>
      df
        .filter(col('cat').startsWith('category_1').and(col('cat').ne('category_12')))
        .groupby('cat')
        .agg({ price: ['sum'] }),
    sql: `SELECT cat, sum(price) AS price_sum FROM read_parquet('${BENCH_FILE}')
            WHERE starts_with(cat, 'category_1') AND cat <> 'category_12' GROUP BY cat`,
  },
  trips_merge: {
    label: 'trips: merge(payments on payment), sum(fare) by label',
    path: TRIPS_DIR,
    columns: ['payment', 'fare'],
    key: 'label',
    tessera: (df, _col, fromRecords) =>
      df
        .merge(fromRecords(PAYMENTS), { on: 'payment' })
        .groupby('label')
        .agg({ fare: ['sum'] }),
    sql: `SELECT label, sum(fare) AS fare_sum FROM ${TRIPS_SQL} t
            JOIN (VALUES ${PAYMENTS.map((p) => `('${p.payment}', '${p.label}')`).join(', ')}) p(payment, label)
            USING (payment) GROUP BY label`,
  },
};

/** Result rows with the key as a string and every aggregate as a plain number, sorted by key. */
function canonical(rows, key) {
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === key ? String(v) : Number(v)])))
    .sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

async function runTessera(query, root) {
  const dist = (p) => pathToFileURL(resolve(root, 'dist/src', p)).href;
  const { readParquet, fromRecords, col } = await import(dist('dataframe/index.js'));
  const { ThreadPool } = await import(dist('scheduler/index.js'));
  const pool = new ThreadPool({ threads: 2, preload: [dist('dataframe/index.js')] });
  // Start the workers (module loading, wasm) before timing, as DuckDB's start-up is excluded too.
  await fromRecords([{ a: 'x', b: 1 }], { npartitions: 1 })
    .groupby('a')
    .agg({ b: 'sum' })
    .compute({ scheduler: pool });
  const start = performance.now();
  const df = await readParquet(query.path, { columns: query.columns });
  const table = await query.tessera(df, col, fromRecords).compute({ scheduler: pool });
  const rows = table.toArray().map((r) => r.toJSON());
  const ms = performance.now() - start;
  await pool.close();
  return { ms, rows };
}

async function runDuckdb(query) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('SET threads=2');
  const start = performance.now();
  const rows = (await connection.runAndReadAll(query.sql)).getRowObjects();
  const ms = performance.now() - start;
  connection.closeSync();
  instance.closeSync();
  return { ms, rows };
}

async function child(contender, queryName, root) {
  const query = QUERIES[queryName];
  if (!query) throw new Error(`unknown query ${queryName}`);
  const result = contender === 'duckdb2' ? await runDuckdb(query) : await runTessera(query, root);
  process.stdout.write(`${JSON.stringify({ ok: true, ms: result.ms, rows: canonical(result.rows, query.key) })}\n`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2], args[3]);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const runs = Number(opt('--runs', '3'));
  const only = opt('--only', Object.keys(QUERIES).join(',')).split(',');
  const out = opt('--out', 'bench/RESULTS-dictionary-ops.md');
  const base = opt('--base', undefined);
  const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const contenders = [['tessera2', here], ...(base ? [['base2', resolve(base)]] : []), ['duckdb2', here]];
  await ensureDataset(DATASETS.full);
  await ensureTrips();
  const loadBefore = load();
  const lines = [];
  for (const name of only) {
    const times = Object.fromEntries(contenders.map(([c]) => [c, []]));
    const results = {};
    for (let round = 0; round <= runs; round++) {
      for (const [c, root] of contenders) {
        const r = await runInChild(SELF, ['--child', c, name, root]);
        if (!r.ok) throw new Error(`${c} ${name}: ${r.error}`);
        if (round > 0) times[c].push(r.ms);
        results[c] = r.rows;
      }
    }
    for (const [c] of contenders) {
      const diff = sameRows(results[c], results.duckdb2);
      if (diff) throw new Error(`${name}: ${c} differs from DuckDB: ${diff}`);
    }
    const m = Object.fromEntries(contenders.map(([c]) => [c, median(times[c])]));
    const row = `| ${QUERIES[name].label} | ${m.tessera2.toFixed(0)} ms | ${base ? `${m.base2.toFixed(0)} ms | ` : ''}${m.duckdb2.toFixed(0)} ms | ${(m.tessera2 / m.duckdb2).toFixed(2)}x |`;
    console.log(row);
    lines.push(row);
  }
  const header = `| query | Tessera (2 threads) | ${base ? 'before (same run) | ' : ''}DuckDB threads=2 | ratio |\n| --- | --- | ${base ? '--- | ' : ''}--- | --- |`;
  const text = `# Dictionary-encoded filter and merge (bench/dictionary-ops.mjs)\n\n${new Date().toISOString()}, ${cpus().length} CPUs, load ${loadBefore} before / ${load()} after, medians of ${runs} after a warm-up, results checked against DuckDB.\n\n${header}\n${lines.join('\n')}\n`;
  writeFileSync(out, text);
}

await main();
