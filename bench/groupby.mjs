// Group-by benchmark (issue 6, "Targets"): groupby('cat').agg(count, sum(price), mean(qty), nunique(key)) over the
// 5M-row bench table, from the Parquet file, with tessera (1 and 2 threads), DuckDB (threads=1 and 2),
// nodejs-polars (1 and 2 threads; not a devDependency because its lock entries break `npm ci` — install it with
// `npm install --no-save nodejs-polars nodejs-polars-linux-x64-gnu`, else those rows say FAILED) and arquero 7 (read through parquet-wasm). Every run is a fresh Node process;
// the figure is the median wall time from the path to the 50-row result in memory (imports, DuckDB instance and
// thread-pool start-up excluded). Every run's result is checked against DuckDB's.
// Usage: npm run build && [BENCH_FILE=...] node bench/groupby.mjs [--runs 5] [--arquero-runs 2] [--only tessera1,duckdb1] [--out bench/RESULTS-groupby.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runInChild, warmPool } from './measure.mjs';
import { loadAverages as load, median } from './report.mjs';
import { sameRows } from './stats/compare.mjs';

// BENCH_FILE overrides the table's path (e.g. another checkout's bench/data, made by bench/generate.mjs).
const FILE = process.env.BENCH_FILE ?? fileURLToPath(new URL('./data/bench-5m-snappy.parquet', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const COLUMNS = ['cat', 'price', 'qty', 'key'];
const CONTENDERS = ['tessera1', 'tessera2', 'duckdb1', 'duckdb2', 'polars1', 'polars2', 'arquero'];
const SQL = (path) =>
  `SELECT cat, count(*) AS count, sum(price) AS price_sum, avg(qty) AS qty_mean, count(DISTINCT key) AS key_nunique
   FROM read_parquet('${path}') GROUP BY cat`;

/** Rows as {cat, count, price_sum, qty_mean, key_nunique} with plain numbers, sorted by cat. */
function canonical(rows) {
  return rows
    .map((r) => ({
      cat: String(r.cat),
      count: Number(r.count),
      price_sum: Number(r.price_sum),
      qty_mean: Number(r.qty_mean),
      key_nunique: Number(r.key_nunique),
    }))
    .sort((a, b) => (a.cat < b.cat ? -1 : 1));
}

async function runTessera(threads) {
  const { readParquet } = await import('../dist/src/dataframe/index.js');
  const { ThreadPool } = await import('../dist/src/scheduler/index.js');
  // The workers preload the DataFrame ops (the Parquet reader among them), as the main thread has imported them.
  const preload = [new URL('../dist/src/dataframe/index.js', import.meta.url).href];
  const pool = threads > 1 ? new ThreadPool({ threads, preload }) : undefined;
  if (pool) await warmPool(pool);
  const start = performance.now();
  const df = await readParquet(FILE, { columns: COLUMNS });
  const table = await df
    .groupby('cat', { dropna: false })
    .agg({ '*': 'count', price: 'sum', qty: 'mean', key: 'nunique' })
    .compute({ scheduler: pool ?? 'sync' });
  const rows = table.toArray().map((r) => r.toJSON());
  const ms = performance.now() - start;
  await pool?.close();
  return { ms, rows };
}

async function runDuckdb(threads) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET threads=${threads}`);
  const start = performance.now();
  const reader = await connection.runAndReadAll(SQL(FILE));
  const rows = reader.getRowObjects();
  const ms = performance.now() - start;
  connection.closeSync();
  instance.closeSync();
  return { ms, rows };
}

async function runPolars() {
  const pl = (await import('nodejs-polars')).default;
  const start = performance.now();
  const out = pl
    .scanParquet(FILE)
    .groupBy('cat')
    .agg(
      pl.len().alias('count'),
      pl.col('price').sum().alias('price_sum'),
      pl.col('qty').mean().alias('qty_mean'),
      pl.col('key').nUnique().alias('key_nunique'),
    )
    .collectSync();
  const rows = out.toRecords();
  return { ms: performance.now() - start, rows };
}

async function runArquero() {
  const aq = await import('arquero');
  const { readParquet } = await import('parquet-wasm');
  const { tableFromIPC } = await import('apache-arrow');
  const start = performance.now();
  const bytes = readFileSync(FILE);
  const wasmTable = readParquet(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const arrow = tableFromIPC(wasmTable.intoIPCStream()).select(COLUMNS);
  const dt = aq.fromArrow(arrow);
  const out = dt
    .groupby('cat', { dropna: false })
    .rollup({
      count: aq.op.count(),
      price_sum: aq.op.sum('price'),
      qty_mean: aq.op.mean('qty'),
      key_nunique: aq.op.distinct('key'),
    })
    .objects();
  return { ms: performance.now() - start, rows: out };
}

async function child(name) {
  let result;
  if (name === 'tessera1') result = await runTessera(1);
  else if (name === 'tessera2') result = await runTessera(2);
  else if (name === 'duckdb1') result = await runDuckdb(1);
  else if (name === 'duckdb2') result = await runDuckdb(2);
  else if (name === 'polars1' || name === 'polars2') result = await runPolars();
  else if (name === 'arquero') result = await runArquero();
  else throw new Error(`unknown contender ${name}`);
  process.stdout.write(`${JSON.stringify({ ok: true, ms: result.ms, rows: canonical(result.rows) })}\n`);
}

function spawnChild(name) {
  const env = { ...process.env };
  if (name === 'polars1') env.POLARS_MAX_THREADS = '1';
  if (name === 'polars2') env.POLARS_MAX_THREADS = '2';
  return runInChild(SELF, ['--child', name], { env });
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const runs = Number(opt('--runs', '5'));
  // arquero takes minutes per run: fewer runs of it unless asked.
  const slowRuns = Number(opt('--arquero-runs', String(Math.min(runs, 2))));
  const only = opt('--only', CONTENDERS.join(',')).split(',');
  const outPath = opt('--out', fileURLToPath(new URL('./RESULTS-groupby.md', import.meta.url)));
  const loadStart = load();
  const reference = await spawnChild('duckdb2');
  if (!reference.ok) throw new Error(`DuckDB reference failed: ${reference.error}`);
  const times = Object.fromEntries(only.map((n) => [n, []]));
  const errors = {};
  // Interleaved rounds, so a change of machine load affects every contender alike.
  for (let r = 0; r < runs; r++) {
    for (const name of only) {
      if (name === 'arquero' && r >= slowRuns) continue;
      const res = await spawnChild(name);
      if (!res.ok) {
        // An optional peer that is not installed gets one line in the table, not a stack.
        errors[name] = /Cannot find (module|package) '(nodejs-polars|arquero)/.test(res.error)
          ? 'not installed (`npm install --no-save nodejs-polars nodejs-polars-linux-x64-gnu` adds polars)'
          : res.error;
        continue;
      }
      const diff = sameRows(res.rows, reference.rows);
      if (diff) {
        errors[name] = `wrong result: ${diff}`;
        continue;
      }
      times[name].push(res.ms);
      console.error(`round ${r + 1} ${name}: ${res.ms.toFixed(0)} ms`);
    }
  }
  const loadEnd = load();
  const med = Object.fromEntries(only.map((n) => [n, times[n].length ? median(times[n]) : Number.NaN]));
  const row = (n) => {
    const ts = times[n];
    if (!ts.length) return `| ${n} | failed | | ${errors[n] ?? ''} |`;
    return `| ${n} | ${med[n].toFixed(0)} | ${Math.min(...ts).toFixed(0)}-${Math.max(...ts).toFixed(0)} | ${
      errors[n] ? `some runs failed: ${errors[n]}` : ''
    } |`;
  };
  const verdicts = [];
  const ratio = (a, b) => med[a] / med[b];
  for (const t of [1, 2]) {
    const ts = `tessera${t}`;
    const dk = `duckdb${t}`;
    if (ts in med && dk in med) {
      const r = ratio(ts, dk);
      verdicts.push(`| ${ts} / ${dk} | ${r.toFixed(2)}x | <= 2x | ${r <= 2 ? 'PASS' : 'FAIL'} |`);
    }
    if (ts in med && 'arquero' in med) {
      const r = ratio('arquero', ts);
      verdicts.push(`| arquero / ${ts} | ${r.toFixed(2)}x | >= 5x | ${r >= 5 ? 'PASS' : 'FAIL'} |`);
    }
    const pl = `polars${t}`;
    if (ts in med && pl in med) verdicts.push(`| ${ts} / ${pl} | ${ratio(ts, pl).toFixed(2)}x | (info) | |`);
  }
  const cpu = cpus();
  const text = `# Group-by benchmark (issue 6 "Targets")

Generated by \`bench/groupby.mjs\`; do not edit by hand.

- Date: ${new Date().toISOString()}
- Command: \`node ${process.argv
    .slice(1)
    .map((a) => a.replace(/^.*\/bench\//, 'bench/'))
    .join(' ')}\`
- Machine: ${cpu[0]?.model ?? '?'} x ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}
- Load: ${loadStart} at start, ${loadEnd} at end (1/5/15-min load averages; the machine is shared, so absolute
  times vary; rounds are interleaved so that every contender sees the same load)
- Query: \`groupby('cat').agg(count, sum(price), mean(qty), nunique(key))\` on bench/data/bench-5m-snappy.parquet
  (5,000,000 rows in 5 row groups, 50 distinct cat, 100,000 distinct key), from the file to the 50-row result.
- tessera1: \`readParquet(file, { columns })\` (one partition per row group) \`.groupby('cat').agg({ '*': 'count',
  price: 'sum', qty: 'mean', key: 'nunique' })\`, scheduler 'sync' (one thread); tessera2: the same graph on a
  ThreadPool of 2 (started, its threads preloading the DataFrame ops, and warmed before timing). duckdb1/2: \`SET threads=1|2\`, the SQL GROUP BY
  with count(DISTINCT key). polars1/2: nodejs-polars \`scanParquet().groupBy().agg(...)\` with POLARS_MAX_THREADS.
  arquero: parquet-wasm \`readParquet\` -> Arrow IPC -> \`aq.fromArrow\` -> \`groupby('cat').rollup(...)\`.
- ${runs} runs per contender (arquero: ${Math.min(runs, slowRuns)}), each in a fresh Node process; every result is
  checked against DuckDB's.

| contender | median ms | min-max ms | note |
| --- | --- | --- | --- |
${only.map(row).join('\n')}

| ratio | value | target | verdict |
| --- | --- | --- | --- |
${verdicts.join('\n')}
`;
  writeFileSync(outPath, text);
  console.log(text);
}

await main();
