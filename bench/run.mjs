// Read benchmark of issue 2: every file x task x reader, N fresh processes each, medians, targets, bench/RESULTS.md.
// Usage: node bench/run.mjs [--quick] [--runs N] [--readers a,b] [--files snappy,zstd] [--tasks full,projection]
//                           [--timeout SECONDS] [--out PATH]
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CODECS, DATASETS, dataFile } from './datasets.mjs';
import { ensureDataset } from './generate.mjs';
import { measureInChild } from './measure.mjs';
import { READERS } from './readers/index.mjs';
import { checkTargets, environment, resultRows, resultsMarkdown, summarize, textTable } from './report.mjs';

const TASKS = ['full', 'projection'];

function listOption(value, allowed, name) {
  const list = value.split(',').filter(Boolean);
  const unknown = list.filter((x) => !allowed.includes(x));
  if (unknown.length) throw new Error(`unknown ${name}: ${unknown.join(', ')} (known: ${allowed.join(', ')})`);
  return list;
}

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    readers: { type: 'string', default: Object.keys(READERS).join(',') },
    files: { type: 'string', default: CODECS.join(',') },
    tasks: { type: 'string', default: TASKS.join(',') },
    timeout: { type: 'string', default: '300' },
    out: { type: 'string', default: fileURLToPath(new URL('./RESULTS.md', import.meta.url)) },
  },
});
const dataset = args.quick ? DATASETS.quick : DATASETS.full;
const runs = Number(args.runs ?? (args.quick ? 3 : 5));
const readers = listOption(args.readers, Object.keys(READERS), 'reader');
const files = listOption(args.files, CODECS, 'file');
const tasks = listOption(args.tasks, TASKS, 'task');
const timeoutMs = Number(args.timeout) * 1000;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (!(timeoutMs > 0)) throw new Error('--timeout must be a positive number of seconds');

await ensureDataset(dataset);
const loadAtStart = os.loadavg();
const command = `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
const summaries = [];
for (const codec of files) {
  const file = dataFile(dataset, codec);
  readFileSync(file); // warms the page cache, so the first reader does not pay for the disk alone
  for (const task of tasks) {
    const cells = readers.map((reader) => ({ file: codec, task, reader, runs: [] }));
    // Runs are interleaved across readers so that drift in machine load spreads evenly over them.
    for (let run = 0; run < runs; run++) {
      for (const cell of cells) {
        if (cell.runs.some((r) => !r.ok)) continue; // a reader that failed once is not retried in this cell
        const outcome = await measureInChild({ reader: cell.reader, file, task, dataset: dataset.name, timeoutMs });
        cell.runs.push(outcome);
        const what = outcome.ok
          ? `${outcome.ms.toFixed(0)} ms, peak RSS ${(outcome.peakRss / 2 ** 20).toFixed(0)} MB`
          : `FAILED: ${outcome.error.split('\n')[0]}`;
        console.error(`${codec} ${task} ${cell.reader} run ${run + 1}/${runs}: ${what}`);
      }
    }
    summaries.push(...cells.map(summarize));
  }
}

const checks = checkTargets(summaries, tasks);
const env = environment(command, loadAtStart);
console.log(`\n${textTable(resultRows(summaries))}\n`);
for (const check of checks) console.log(`${check.status.padEnd(4)}  ${check.label}: ${check.detail}`);
writeFileSync(args.out, resultsMarkdown({ env, dataset, runs, summaries, checks, files, tasks }));
console.log(`\nwrote ${args.out}`);
const failed = summaries.filter((s) => s.failed);
if (failed.length) {
  console.error(`\n${failed.length} reader cell(s) FAILED:`);
  for (const s of failed) console.error(`- ${s.file} ${s.task} ${s.reader}: ${s.failed.split('\n')[0]}`);
  process.exitCode = 1;
}
