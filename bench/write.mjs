// Write bench (issue 4, "Targets"): write the 5M-row bench table, already in memory, with snappy: tessera
// (writeTable) vs parquet-wasm (writeParquet), hyparquet-writer and DuckDB COPY with threads=1, each run in a fresh
// process (bench/write-child.mjs), runs interleaved; medians, ratios, peak RSS, file sizes. Then a streaming write of
// 50M generated rows with ParquetWriter, whose peak RSS must stay bounded by about one row group.
// Every written file is checked with DuckDB (row count, per-column counts and sums) before its time counts.
// Run: npm run build && node bench/write.mjs [--runs N] [--quick] [--stream-rows N] [--no-stream | --stream-only]
// Writes bench/RESULTS-write.md; --stream-only runs only the streaming write and updates only its lines there.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATA_DIR, DATASETS, dataFile } from './datasets.mjs';
import { ensureDataset } from './generate.mjs';
import { measureInChild } from './measure.mjs';
import { loadReader } from './readers/index.mjs';
import { environment, markdownTable, median, textTable } from './report.mjs';
import { compareChecksums } from './stats/compare.mjs';

// tessera and duckdb1 write on one thread, tessera2 and duckdb2 on two (issue 15: tessera2 <= duckdb2).
const ALL_WRITERS = ['tessera', 'tessera2', 'parquet-wasm', 'hyparquet-writer', 'duckdb1', 'duckdb2'];
const CHILD = fileURLToPath(new URL('./write-child.mjs', import.meta.url));
// A run of some writers only (--writers) goes to its own file, leaving the full comparison in place.
const RESULTS_PATH = new URL(
  process.argv.includes('--writers') ? './RESULTS-write-threads.md' : './RESULTS-write.md',
  import.meta.url,
);
const OUT_DIR = join(DATA_DIR, 'write-out');
const ALL_COLUMNS = ['id', 'key', 'cat', 'price', 'qty', 'ts', 'note'];
const MB = 1024 * 1024;
const STREAM_ROW_GROUP = 1_000_000;

function option(argv, name, fallback) {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} wants a positive integer, got ${argv[at + 1]}`);
  return value;
}

const argv = process.argv.slice(2);
const runs = option(argv, '--runs', 3);
// --writers a,b,c runs only those (the checks that need a missing writer say so).
const WRITERS = argv.includes('--writers') ? argv[argv.indexOf('--writers') + 1].split(',') : ALL_WRITERS;
for (const w of WRITERS) if (!ALL_WRITERS.includes(w)) throw new Error(`unknown writer ${w}; known: ${ALL_WRITERS}`);
const streamRows = option(argv, '--stream-rows', 50_000_000);
const dataset = argv.includes('--quick') ? DATASETS.quick : DATASETS.full;
const loadAtStart = os.loadavg();
const streamOnly = argv.includes('--stream-only');
// The table part's input (skipped, with its dataset, by --stream-only).
const expected = streamOnly ? undefined : await ensureDataset(dataset);
const input = dataFile(dataset, 'snappy');
rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(OUT_DIR, { recursive: true });
const outputOf = (writer) => join(OUT_DIR, `${writer}.parquet`);

/** DuckDB's checksums of a written file against expected.json: the list of differences. */
async function verify(path) {
  const reader = await loadReader('duckdb2', {});
  try {
    return compareChecksums(await reader.checksums(await reader.read(path, null)), expected, ALL_COLUMNS);
  } finally {
    reader.close();
  }
}

/** The table part: every writer on the in-memory bench table; returns the results table and the checks. */
async function tableBench() {
  const outcomes = Object.fromEntries(WRITERS.map((w) => [w, []]));
  // Runs are interleaved across writers so that drift in machine load spreads evenly over them.
  for (let run = 0; run < runs; run++) {
    for (const writer of WRITERS) {
      let outcome = await measureInChild({
        reader: writer,
        file: input,
        task: outputOf(writer),
        dataset: String(dataset.rowGroupSize),
        timeoutMs: 900_000,
        script: CHILD,
      });
      if (outcome.ok && run === 0) {
        const problems = await verify(outputOf(writer));
        if (problems.length > 0) outcome = { ok: false, error: `wrong data written: ${problems.join('; ')}` };
      }
      outcomes[writer].push(outcome);
      const what = outcome.ok
        ? `${outcome.ms.toFixed(0)} ms (CPU ${outcome.cpuMs.toFixed(0)} ms), ${(outcome.bytes / MB).toFixed(1)} MB`
        : `FAILED: ${outcome.error.split('\n')[0]}`;
      console.error(`run ${run + 1}/${runs} ${writer}: ${what}`);
    }
  }

  const summaries = WRITERS.map((writer) => {
    const list = outcomes[writer];
    const failure = list.find((o) => !o.ok);
    if (failure) return { writer, failed: failure.error };
    const ms = list.map((o) => o.ms);
    return {
      writer,
      ms: median(ms),
      cpu: median(list.map((o) => o.cpuMs)),
      min: Math.min(...ms),
      max: Math.max(...ms),
      peakRss: median(list.map((o) => o.peakRss)),
      growth: median(list.map((o) => o.peakRss - o.rssBeforeWrite)),
      bytes: list[list.length - 1].bytes,
    };
  });
  const byName = Object.fromEntries(summaries.map((s) => [s.writer, s]));
  const tessera = byName.tessera;
  const duck = byName.duckdb1;
  const rows = [
    ['writer', 'median ms', 'CPU ms', 'min-max ms', 'peak RSS MB', 'file MB', 'file vs duckdb1', 'vs tessera'],
  ];
  for (const s of summaries) {
    if (s.failed) {
      rows.push([s.writer, 'FAILED', '', s.failed.split('\n')[0].slice(0, 160), '', '', '', '']);
      continue;
    }
    const vs = s !== tessera && !tessera.failed ? `${s.writer} / tessera = ${(s.ms / tessera.ms).toFixed(2)}x` : '';
    const size = duck && !duck.failed ? `${((s.bytes / duck.bytes) * 100).toFixed(1)}%` : 'n/a';
    rows.push([
      s.writer,
      s.ms.toFixed(0),
      s.cpu.toFixed(0),
      `${s.min.toFixed(0)}-${s.max.toFixed(0)}`,
      (s.peakRss / MB).toFixed(1),
      (s.bytes / MB).toFixed(1),
      size,
      vs,
    ]);
  }

  function speedCheck(peer, factor) {
    const other = byName[peer];
    const label = `tessera >= ${factor}x faster than ${peer}`;
    if (!tessera || !other) return `SKIP ${label}: not run`;
    if (tessera.failed || other.failed) return `FAIL ${label}: a writer failed`;
    const ratio = other.ms / tessera.ms;
    const verdict = ratio >= factor ? 'PASS' : 'FAIL';
    return `${verdict} ${label}: ${ratio.toFixed(2)}x (${other.ms.toFixed(0)} ms / ${tessera.ms.toFixed(0)} ms)`;
  }

  const checks = [speedCheck('parquet-wasm', 1.5), speedCheck('hyparquet-writer', 10)];
  const two = byName.tessera2;
  const duck2 = byName.duckdb2;
  if (!two || !duck2) checks.push('SKIP tessera2 time <= duckdb2 (both 2 threads): not run');
  else if (two.failed || duck2.failed) checks.push('FAIL tessera2 time <= duckdb2 (both 2 threads): a writer failed');
  else {
    const ratio = two.ms / duck2.ms;
    checks.push(
      `${ratio <= 1 ? 'PASS' : 'FAIL'} tessera2 time <= duckdb2 (both 2 threads): tessera2 / duckdb2 = ${ratio.toFixed(2)}x (${two.ms.toFixed(0)} ms / ${duck2.ms.toFixed(0)} ms; CPU ${two.cpu.toFixed(0)} ms / ${duck2.cpu.toFixed(0)} ms)`,
    );
  }
  if (tessera && two && !tessera.failed && !two.failed) {
    // Runs are interleaved, so run k of each writer saw about the same load: the per-run ratios are steadier than
    // the ratio of medians on a shared machine. Cores used (CPU / wall) says whether the pool got a second core.
    const pairs = outcomes.tessera.map((one, k) => outcomes.tessera2[k].ms / one.ms);
    const cores = outcomes.tessera2.map((o) => o.cpuMs / o.ms);
    checks.push(
      `tessera2 / tessera (2 threads vs 1): wall ${(two.ms / tessera.ms).toFixed(2)}x, CPU ${(two.cpu / tessera.cpu).toFixed(2)}x; per-run wall ratios ${pairs.map((r) => r.toFixed(2)).join(', ')} (median ${median(pairs).toFixed(2)}x); tessera2 cores used (CPU / wall) ${cores.map((c) => c.toFixed(2)).join(', ')}`,
    );
  }
  if (!tessera || !duck) checks.push('SKIP tessera vs duckdb1: not run');
  else if (tessera.failed || duck.failed) {
    checks.push(
      'FAIL tessera within 1.5x of duckdb1: a writer failed',
      'FAIL file size within 10% of duckdb1: a writer failed',
    );
  } else {
    const ratio = tessera.ms / duck.ms;
    checks.push(
      `${ratio <= 1.5 ? 'PASS' : 'FAIL'} tessera time within 1.5x of duckdb1 (threads=1): tessera / duckdb1 = ${ratio.toFixed(2)}x (${tessera.ms.toFixed(0)} ms / ${duck.ms.toFixed(0)} ms)`,
    );
    const size = tessera.bytes / duck.bytes;
    checks.push(
      `${size <= 1.1 ? 'PASS' : 'FAIL'} tessera file size within 10% of duckdb1's (both snappy): ${(tessera.bytes / MB).toFixed(1)} MB / ${(duck.bytes / MB).toFixed(1)} MB = ${(size * 100).toFixed(1)}%`,
    );
  }

  console.log(textTable(rows));
  for (const line of checks) console.log(line);
  return { rows, checks };
}

const { rows, checks } = streamOnly ? { rows: [], checks: [] } : await tableBench();

// Streaming: generated batches through ParquetWriter, never a table in memory.
let streamSection = 'Not run (`--no-stream`).';
if (!argv.includes('--no-stream')) {
  const output = join(OUT_DIR, 'stream.parquet');
  console.error(`streaming ${streamRows} rows ...`);
  let s = await measureInChild({
    reader: 'tessera-stream',
    file: String(streamRows),
    task: output,
    dataset: String(STREAM_ROW_GROUP),
    timeoutMs: 1_800_000,
    script: CHILD,
  });
  if (s.ok) {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const count = Number(
      (await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${output}')`)).getRows()[0][0],
    );
    connection.closeSync();
    instance.closeSync();
    if (count !== streamRows) s = { ok: false, error: `DuckDB counts ${count} rows, expected ${streamRows}` };
  }
  rmSync(output, { force: true });
  let line;
  if (!s.ok) {
    line = `FAIL streaming write of ${streamRows} rows: ${s.error.split('\n')[0]}`;
  } else {
    const growth = s.peakRss - s.rssBeforeWrite;
    const bound = 2 * s.rowGroupArrowBytes + 64 * MB;
    // Bounded means flat: the peak after a fifth of the rows is (almost) the peak at the end.
    const early = s.peaksByTenth[1] ?? s.peakRss;
    const flat = s.peakRss <= early * 1.05;
    const verdict = growth <= bound && flat ? 'PASS' : 'FAIL';
    line =
      `${verdict} streaming write of ${streamRows.toLocaleString('en-US')} rows (row groups of ${STREAM_ROW_GROUP.toLocaleString('en-US')}) ` +
      `in ${(s.ms / 1000).toFixed(1)} s: peak RSS ${(s.peakRss / MB).toFixed(0)} MB, growth during the write ` +
      `${(growth / MB).toFixed(0)} MB <= 2 x one row group's Arrow bytes (${(s.rowGroupArrowBytes / MB).toFixed(0)} MB) + 64 MB = ` +
      `${(bound / MB).toFixed(0)} MB: ${growth <= bound ? 'yes' : 'no'}; peak after 20% of the rows ${(early / MB).toFixed(0)} MB ` +
      `vs at the end ${(s.peakRss / MB).toFixed(0)} MB (flat within 5%: ${flat ? 'yes' : 'no'}); ${s.rowGroups} row groups, ` +
      `${(s.bytes / MB).toFixed(0)} MB file`;
  }
  console.log(line);
  checks.push(line);
  streamSection = `Peak RSS after each tenth of the rows (MB): ${s.ok ? s.peaksByTenth.map((p) => (p / MB).toFixed(0)).join(', ') : 'n/a'}.`;
}
rmSync(OUT_DIR, { recursive: true, force: true });

const env = environment(`node bench/write.mjs ${argv.join(' ')}`.trim(), loadAtStart);
if (streamOnly) {
  // Keep the table results; replace the streaming check and section, saying where they come from.
  const streamLine = checks.find((c) => / streaming write of /.test(c)) ?? 'FAIL streaming write: not run';
  const previous = readFileSync(RESULTS_PATH, 'utf8');
  const updated = previous
    .replace(/^- (PASS|FAIL) streaming write of .*$/m, `- ${streamLine}`)
    .replace(
      /## Streaming\n[\s\S]*$/,
      `## Streaming\n\n${streamSection}\nFrom \`${env.command}\` on ${env.date} (load ${env.load}).\n`,
    );
  writeFileSync(RESULTS_PATH, updated);
} else {
  const count = (n) => n.toLocaleString('en-US');
  writeFileSync(
    RESULTS_PATH,
    `# Write benchmark (issue 4)

Generated by \`bench/write.mjs\`; do not edit by hand.

- Date: ${env.date}
- Command: \`${env.command}\`
- Machine: ${env.cpu}, ${env.memory}, ${env.os}; Node ${env.node}
- Load: ${env.load}; other work on the machine widens the min-max spread
- Peers: ${env.peers}, hyparquet-writer
- Data: the ${count(dataset.rows)}-row bench table (\`bench/generate.mjs\`: id BIGINT, key INTEGER, cat VARCHAR (50
  values), price DOUBLE, qty INTEGER (10% null), ts TIMESTAMP, note VARCHAR), written with snappy in row groups of
  ${count(dataset.rowGroupSize)} rows by every writer.
- Method: each figure is the median of ${runs} fresh Node processes per writer (bench/write-child.mjs via
  bench/measure.mjs), runs interleaved. The input is first read into the writer's own in-memory form (untimed):
  tessera and hyparquet-writer from tessera's \`readTable\` (apache-arrow Table; for hyparquet-writer then one JS
  array / typed array per column), parquet-wasm with its own \`readParquet\` (a wasm-side table), DuckDB into an
  in-memory table with \`threads = 1\` (duckdb1) or 2 (duckdb2). Timed: tessera \`writeTable(path, table, { codec: 'snappy', threads })\` (threads 1, or 2 for tessera2; defaults:
  dictionary, statistics, page index); parquet-wasm \`writeParquet\` + \`writeFileSync\`; hyparquet-writer
  \`parquetWriteFile\`; DuckDB \`COPY bench TO path (FORMAT parquet, COMPRESSION snappy)\`. The first file of each
  writer is read back by DuckDB and its row count, per-column counts and sums compared with the table's.
- Peak RSS is the child's maxRSS, which includes reading the input. CPU ms is the child's process CPU time during
  the write (all its threads), to read beside wall time on a loaded machine.

## Results

${markdownTable(rows)}

## Targets

${checks.map((c) => `- ${c}`).join('\n')}

## Streaming

${streamSection}
`,
  );
  console.error(`wrote ${fileURLToPath(RESULTS_PATH)}`);
}
