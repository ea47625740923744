// The zstd kernel alone (issue 15, item 1): every page of the bench zstd file decompressed by zstdIntoArena (input
// copy into wasm memory + zstdDecompress), `--passes` times in one process; prints the CPU time per pass (min and
// median). For A/B-testing kernel changes: the whole-read ratio (bench/zstd-read.mjs) moves only by the kernel's
// share, and this isolates it; `--ab A.wasm,B.wasm` alternates passes between kernel builds instead
// (bench/zstd-kernel-ab.mjs). Not a peer benchmark; no result file.
// Run: npm run build && node bench/zstd-kernel.mjs [--file path.parquet] [--passes N] [--ab A.wasm,B.wasm]
import os from 'node:os';
import { DATASETS, dataFile } from './datasets.mjs';
import { abTest } from './zstd-kernel-ab.mjs';
import { zstdPages } from './zstd-pages.mjs';

const D = '../dist/src';
const { Arena } = await import(`${D}/kernels/arena.js`);
const { zstdIntoArena } = await import(`${D}/parquet/codecs/zstd.js`);

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const path = arg('--file', dataFile(DATASETS.full, 'zstd'));
const passes = Number(arg('--passes', 7));
const pages = await zstdPages(path);
const ab = arg('--ab', undefined);
if (ab !== undefined) {
  const builds = ab.split(',');
  if (builds.length < 2) throw new Error('--ab needs two or more kernels.wasm paths, comma-separated');
  abTest(pages, builds, passes, path);
  process.exit(0);
}
const arena = new Arena();
const times = [];
for (let pass = 0; pass < passes; pass++) {
  const start = process.cpuUsage();
  for (const { body, size } of pages) {
    const mark = arena.mark();
    zstdIntoArena(arena, body, size);
    arena.release(mark);
  }
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
const mb = (n) => (n / 1e6).toFixed(1);
const input = pages.reduce((n, p) => n + p.body.length, 0);
const output = pages.reduce((n, p) => n + p.size, 0);
console.log(`${path}: ${pages.length} pages, ${mb(input)} MB -> ${mb(output)} MB`);
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `CPU ms per pass: min ${sorted[0].toFixed(0)}, median ${sorted[passes >> 1].toFixed(0)} (${passes} passes)`,
);
