// Issue 15 item 1: reading the ZSTD bench file against reading the SNAPPY file (same table, same reader), with
// the zstdDecompress kernel. Each run reads both files in fresh processes, back to back in alternating order, so
// that the machine's load (shared by other jobs) weighs on both alike; the ratio of each run's pair is reported
// with the medians. Target: zstd <= 1.2x snappy.
// Usage: node bench/zstd-read.mjs [--runs N] [--quick] [--out PATH]
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATASETS, dataFile } from './datasets.mjs';
import { ensureDataset } from './generate.mjs';
import { measureInChild } from './measure.mjs';

const CHILD = fileURLToPath(new URL('./zstd-read-child.mjs', import.meta.url));

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: fileURLToPath(new URL('./RESULTS-zstd.md', import.meta.url)) },
  },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
const dataset = args.quick ? DATASETS.quick : DATASETS.full;
const TARGET = 1.2;

await ensureDataset(dataset);
const files = { snappy: dataFile(dataset, 'snappy'), zstd: dataFile(dataset, 'zstd') };
for (const file of Object.values(files)) readFileSync(file); // page cache
const loadAtStart = os.loadavg();
const times = { snappy: [], zstd: [] };
const cpuTimes = { snappy: [], zstd: [] };
const pairRatios = [];
const cpuPairRatios = [];
for (let run = 0; run < runs; run++) {
  const order = run % 2 === 0 ? ['snappy', 'zstd'] : ['zstd', 'snappy'];
  const pair = {};
  for (const codec of order) {
    const outcome = await measureInChild({
      reader: 'tessera',
      file: files[codec],
      task: 'full',
      dataset: dataset.name,
      timeoutMs: 300_000,
      script: CHILD,
    });
    if (!outcome.ok) throw new Error(`${codec} run ${run + 1} failed: ${outcome.error}`);
    pair[codec] = outcome;
    times[codec].push(outcome.ms);
    cpuTimes[codec].push(outcome.cpuMs);
    console.error(
      `run ${run + 1}/${runs} ${codec}: ${outcome.ms.toFixed(0)} ms, CPU ${outcome.cpuMs.toFixed(0)} ms (load ${os.loadavg()[0].toFixed(2)})`,
    );
  }
  pairRatios.push(pair.zstd.ms / pair.snappy.ms);
  cpuPairRatios.push(pair.zstd.cpuMs / pair.snappy.cpuMs);
}
const loadAtEnd = os.loadavg();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const medians = { snappy: median(times.snappy), zstd: median(times.zstd) };
const cpuMedians = { snappy: median(cpuTimes.snappy), zstd: median(cpuTimes.zstd) };
const ratio = medians.zstd / medians.snappy;
const cpuRatio = cpuMedians.zstd / cpuMedians.snappy;
const pairRatio = median(pairRatios);
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
const verdict = ratio <= TARGET ? 'MET' : 'NOT MET';
const lines = [
  '# ZSTD read vs SNAPPY read (issue 15, item 1)',
  '',
  `Command: \`${['node bench/zstd-read.mjs', ...process.argv.slice(2)].join(' ')}\``,
  `Date: ${new Date().toISOString()}; ${os.cpus()[0]?.model ?? 'cpu'} x ${os.cpus().length}; node ${process.version}`,
  `Load averages (1/5/15 min): ${load(loadAtStart)} at start, ${load(loadAtEnd)} at end (the machine is shared).`,
  `Dataset: ${dataset.rows} rows, ${dataset.rows / dataset.rowGroupSize} row groups; readTable (tessera, 1 thread), ` +
    `all columns; ${runs} fresh processes per file, alternating order.`,
  '',
  '| file | median wall ms | runs, wall ms | median CPU ms | runs, CPU ms |',
  '| --- | --- | --- | --- | --- |',
  ...['snappy', 'zstd'].map(
    (c) =>
      `| ${c} | ${medians[c].toFixed(0)} | ${times[c].map((x) => x.toFixed(0)).join(', ')} | ` +
      `${cpuMedians[c].toFixed(0)} | ${cpuTimes[c].map((x) => x.toFixed(0)).join(', ')} |`,
  ),
  '',
  `Ratio of wall-time medians zstd / snappy: **${ratio.toFixed(2)}x** (target <= ${TARGET}x: ${verdict}); median of ` +
    `the per-run pair ratios ${pairRatio.toFixed(2)}x (pairs: ${pairRatios.map((r) => r.toFixed(2)).join(', ')}).`,
  `Ratio of CPU-time medians zstd / snappy: **${cpuRatio.toFixed(2)}x** (${cpuRatio <= TARGET ? 'MET' : 'NOT MET'}); ` +
    `pairs: ${cpuPairRatios.map((r) => r.toFixed(2)).join(', ')}.`,
  '',
];
writeFileSync(args.out, lines.join('\n'));
console.log(lines.join('\n'));
