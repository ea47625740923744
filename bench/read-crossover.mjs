// Where reading on worker threads starts to pay (the small-read default of readTable, issue 15): files of the first
// 20,000 to 1,000,000 rows of the bench table (written by writeTable with snappy in 4 row groups, in a temporary
// directory), each read in a fresh process with threads 1 and 2, twice: the first read with a pool still to start
// (cold), the second with it running (warm). Prints medians and what readTable's default would pick for each file
// (src/parquet/parallel/read_decision.ts), with the load average. No result file: the crossover it prints is quoted
// in read_decision.ts.
// Run: npm run build && node bench/read-crossover.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, child: { type: 'string' }, threads: { type: 'string' } },
});
const D = '../dist/src/parquet';

if (args.child) {
  // Child: read the file twice with `threads`; print the wall time of each read.
  const { readTable } = await import(`${D}/index.js`);
  const threads = Number(args.threads);
  const times = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await readTable(args.child, { threads });
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ cold: times[0], warm: times[1] }));
  process.exit(0);
}

const { ParquetFile, readTable, writeTable } = await import(`${D}/index.js`);
const { chooseReadThreads, selectedChunkBytes } = await import(`${D}/parallel/read_decision.js`);
const source = fileURLToPath(new URL('./data/bench-5m-snappy.parquet', import.meta.url));
const dir = mkdtempSync(join(os.tmpdir(), 'tessera-read-crossover-'));
const sizes = [20_000, 100_000, 250_000, 500_000, 1_000_000];
const runs = Number(args.runs);
const loadStart = os.loadavg();
try {
  const table = await readTable(source, { threads: 1, rowGroups: [0] });
  const files = [];
  for (const rows of sizes) {
    const path = join(dir, `${rows}.parquet`);
    await writeTable(path, table.slice(0, rows), { codec: 'snappy', rowGroupSize: Math.ceil(rows / 4) });
    const file = await ParquetFile.open(path);
    const bytes = selectedChunkBytes(
      file,
      file.rowGroups.map((_, i) => i),
      undefined,
    );
    await file.close();
    files.push({ rows, path, bytes, times: { 1: [], 2: [] } });
  }
  const self = fileURLToPath(import.meta.url);
  for (let run = 0; run < runs; run++) {
    for (const f of files) {
      for (const threads of [1, 2]) {
        const out = execFileSync(process.execPath, [self, '--child', f.path, '--threads', String(threads)]);
        f.times[threads].push(JSON.parse(out.toString()));
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(
    `load average ${loadStart.map((x) => x.toFixed(1)).join(' ')} at start, ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at end; ${runs} runs, medians (ms)`,
  );
  console.log(
    'rows | chunk MB | 1 thread cold | 2 threads cold | 1 thread warm | 2 threads warm | default picks (cold / warm)',
  );
  for (const f of files) {
    const m = (t, k) => median(f.times[t].map((r) => r[k])).toFixed(0);
    const pick = (poolRunning) =>
      chooseReadThreads({ requested: undefined, defaultThreads: 2, bytes: f.bytes, poolRunning });
    console.log(
      `${f.rows} | ${(f.bytes / 2 ** 20).toFixed(1)} | ${m(1, 'cold')} | ${m(2, 'cold')} | ${m(1, 'warm')} | ${m(2, 'warm')} | ${pick(false)} / ${pick(true)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
