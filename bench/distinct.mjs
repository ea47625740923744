// Exact distinct counts and group ids on high-cardinality columns (issue 6 follow-up): groupIds on 5M keys of
// several shapes, and df.nunique / df.valueCounts on the 5M-row bench table (sync scheduler, one thread). Median of
// RUNS in one process after one warm-up. TESSERA_DIST points at another build's dist/ (e.g. an older commit's) to
// compare; the default is this checkout's.
// The high-cardinality group-by (issue 15 item 4) runs against DuckDB in the same process: 5M random int64 keys in
// a Parquet file written by DuckDB to the temp directory, read and grouped by both, one thread each.
// Usage: npm run build && node bench/distinct.mjs [--out bench/RESULTS-distinct.md]
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = process.env.TESSERA_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));
const FILE = process.env.BENCH_FILE ?? fileURLToPath(new URL('./data/bench-5m-snappy.parquet', import.meta.url));
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1] : fileURLToPath(new URL('./RESULTS-distinct.md', import.meta.url));
const RUNS = 3;
const N = 5_000_000;

const load = (path) => import(pathToFileURL(`${DIST}/${path}`).href);
const { groupIds } = await load('src/dataframe/algorithms/group_ids.js');
const { columnFromValues } = await load('src/columnar/build.js');
const { readParquet } = await load('src/dataframe/index.js');

// Deterministic pseudo-random integers (an LCG), so every build sees the same keys.
let state = 12345;
const next = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state;
};

async function median(fn) {
  await fn();
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

const int64 = (values) => ({ type: { kind: 'int64' }, length: values.length, nullCount: 0, values });
const keys = [
  ['5M sequential int64 (all distinct)', int64(BigInt64Array.from({ length: N }, (_, i) => BigInt(i)))],
  [
    '5M random int64 (all distinct)',
    int64(BigInt64Array.from({ length: N }, () => BigInt(next()) * 1024n + BigInt(next() & 1023))),
  ],
  [
    '5M int64, 1,000 distinct, wide range',
    int64(BigInt64Array.from({ length: N }, () => BigInt(next() % 1000) * 1_000_000_000n)),
  ],
  [
    '2M distinct strings',
    columnFromValues(
      { kind: 'utf8' },
      Array.from({ length: 2_000_000 }, (_, i) => `user-${(i * 2654435761) % 1e9}`),
    ),
  ],
];

const rows = [];
for (const [label, column] of keys) {
  const ms = await median(() => groupIds([column]));
  rows.push(`| groupIds: ${label} | ${ms.toFixed(0)} |`);
  console.log(label, ms.toFixed(0), 'ms');
}
for (const c of ['key', 'id', 'note']) {
  const df = await readParquet(FILE, { columns: [c] });
  const nunique = await median(() => df.nunique(c).compute({ scheduler: 'sync' }));
  const counts = await median(() => df.valueCounts(c).compute({ scheduler: 'sync' }));
  rows.push(`| nunique('${c}') from the file | ${nunique.toFixed(0)} |`);
  rows.push(`| valueCounts('${c}') from the file | ${counts.toFixed(0)} |`);
  console.log(c, 'nunique', nunique.toFixed(0), 'ms, valueCounts', counts.toFixed(0), 'ms');
}

// High-cardinality group-by against DuckDB (issue 15 item 4): every key about once, so the hash table is as large as
// the input; the result is checked equal (group count, total count and sum).
const HIGH_FILE = join(tmpdir(), 'tessera-bench-high-cardinality-5m.parquet');
const { DuckDBInstance } = await import('@duckdb/node-api');
const duckInstance = await DuckDBInstance.create(':memory:');
const duck = await duckInstance.connect();
await duck.run('SET threads=1');
if (!existsSync(HIGH_FILE)) {
  await duck.run(`COPY (SELECT (hash(i) >> 21)::BIGINT AS k, (i % 1000)::DOUBLE AS v FROM range(${N}) t(i))
    TO '${HIGH_FILE}' (FORMAT parquet, ROW_GROUP_SIZE 1048576)`);
}
// Both engines build the whole grouped result in their own format; only its totals come back to JavaScript.
const tesseraHigh = async () => {
  const df = await readParquet(HIGH_FILE, { columns: ['k', 'v'] });
  const table = await df.groupby('k').agg({ '*': 'count', v: 'sum' }).compute({ scheduler: 'sync' });
  let count = 0;
  let sum = 0;
  for (const x of table.getChild('count').toArray()) count += Number(x);
  for (const x of table.getChild('v_sum').toArray()) sum += x;
  return `${table.numRows} groups, ${count} rows, sum ${sum}`;
};
const duckHigh = async () => {
  const [r] = (
    await duck.runAndReadAll(`SELECT count(*) AS groups, sum(count) AS count, sum(v_sum) AS sum FROM (
      SELECT k, count(*) AS count, sum(v) AS v_sum FROM read_parquet('${HIGH_FILE}') GROUP BY k)`)
  ).getRowObjects();
  return `${Number(r.groups)} groups, ${Number(r.count)} rows, sum ${Number(r.sum)}`;
};
const highT = await median(tesseraHigh);
const highD = await median(duckHigh);
const [checkT, checkD] = [await tesseraHigh(), await duckHigh()];
if (checkT !== checkD) throw new Error(`high-cardinality group-by differs: ${checkT} vs DuckDB ${checkD}`);
const highRows = [
  `| groupby('k') count + sum(v), 5M random int64 keys (${checkT.split(',')[0]}), from the file | ${highT.toFixed(0)} | ${highD.toFixed(0)} | ${(highT / highD).toFixed(2)}x |`,
];
duck.closeSync();
duckInstance.closeSync();
console.log('high-cardinality group-by', highT.toFixed(0), 'ms vs DuckDB', highD.toFixed(0), 'ms');

writeFileSync(
  OUT,
  `# Exact distinct counts and group ids (bench/distinct.mjs)

Generated by \`node bench/distinct.mjs\`; do not edit by hand.

- Date: ${new Date().toISOString()}; Node ${process.version}; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the end
- Build: ${DIST}
- Median of ${RUNS} runs after a warm-up, one thread. nunique/valueCounts read the column from
  ${FILE.split('/').pop()} (5M rows: \`key\` 100,000 distinct int32, \`id\` 5M distinct int64, \`note\` ~5M distinct strings).

| case | median ms |
| --- | --- |
${rows.join('\n')}

High-cardinality group-by against DuckDB (issue 15 item 4), one thread each (Tessera scheduler 'sync', DuckDB
\`SET threads=1\`), the same medians, results checked equal; keys \`(hash(i) >> 21)::BIGINT\` for i < 5M written by DuckDB
to ${HIGH_FILE.split('/').pop()} in the temp directory (5 row groups).

| query | Tessera ms | DuckDB ms | ratio |
| --- | --- | --- | --- |
${highRows.join('\n')}
`,
);
console.log(`wrote ${OUT}`);
