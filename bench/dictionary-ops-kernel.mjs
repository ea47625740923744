// The partition step alone (no read, no scheduler), on one thread: filterRows and joinBatches over the trips'
// partitions (dictionary columns as readParquet keeps them), this build against another checkout's build (`--base`)
// alternately in one process, so load on the machine hits both alike (without --base: this build only). Medians
// of --runs rounds after a warm-up, written to --out.
// Usage: npm run build && node bench/dictionary-ops-kernel.mjs [--base /path/to/old/checkout] [--runs 5]
//        [--out bench/RESULTS-dictionary-ops-kernel.md]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TRIPS_DIR } from './scan_data.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(opt('--runs', '5'));
const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const base = opt('--base', undefined);
const out = opt('--out', 'bench/RESULTS-dictionary-ops-kernel.md');
const loadText = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadBefore = loadText();
const load = async (root, p) => import(pathToFileURL(resolve(root, 'dist/src', p)).href);

const builds = {};
const names = base ? ['this', 'base'] : ['this'];
for (const [name, root] of [
  ['this', here],
  ['base', base],
].slice(0, names.length)) {
  const { filterRows } = await load(root, 'dataframe/ops/columns.js');
  const { joinBatches } = await load(root, 'dataframe/algorithms/join.js');
  const { col } = await load(root, 'dataframe/expr/index.js');
  builds[name] = { filterRows, joinBatches, col };
}
const { readParquet, fromRecords } = await load(here, 'dataframe/index.js');
const parts = await (await readParquet(TRIPS_DIR, { columns: ['vendor', 'payment', 'fare'] })).computePartitions({
  scheduler: 'sync',
});
const payments = (
  await fromRecords([
    { payment: 'card', label: 'electronic' },
    { payment: 'app', label: 'electronic' },
    { payment: 'cash', label: 'cash' },
  ]).computePartitions({ scheduler: 'sync' })
)[0];
const rows = parts.reduce((s, p) => s + p.numRows, 0);

const CASES = {
  "filter vendor = 'DDS'": (b) => parts.map((p) => b.filterRows(p, b.col('vendor').eq('DDS').expr).numRows),
  "filter starts_with(payment, 'ca') or payment = 'app'": (b) =>
    parts.map((p) => b.filterRows(p, b.col('payment').startsWith('ca').or(b.col('payment').eq('app')).expr).numRows),
  'join on payment (inner)': (b) =>
    parts.map((p) => b.joinBatches(p, payments, ['payment'], ['payment'], 'inner').numRows),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const lines = [];
for (const [label, run] of Object.entries(CASES)) {
  const times = { this: [], base: [] };
  let check;
  for (let round = 0; round <= runs; round++) {
    for (const name of names) {
      const start = performance.now();
      const counts = run(builds[name]);
      const ms = performance.now() - start;
      const total = counts.reduce((s, x) => s + x, 0);
      if (check === undefined) check = total;
      else if (check !== total) throw new Error(`${label}: ${name} gives ${total} rows, not ${check}`);
      if (round > 0) times[name].push(ms);
    }
  }
  const a = median(times.this);
  const b = base ? median(times.base) : undefined;
  const before = b === undefined ? '' : ` ${b.toFixed(0)} ms | ${(b / a).toFixed(2)}x |`;
  lines.push(`| ${label} | ${check} | ${a.toFixed(0)} ms |${before}`);
  console.log(lines.at(-1));
}
const header = base
  ? '| step | rows out | this build | base build | speed-up |\n| --- | --- | --- | --- | --- |'
  : '| step | rows out | this build |\n| --- | --- | --- |';
writeFileSync(
  out,
  `# Dictionary filter and join steps on one thread (bench/dictionary-ops-kernel.mjs)\n\n${new Date().toISOString()}, ` +
    `trips (${rows} rows, ${parts.length} partitions), base ${base ?? 'none'}, load ${loadBefore} before / ` +
    `${loadText()} after, medians of ${runs} after a warm-up.\n\n${header}\n${lines.join('\n')}\n`,
);
