// Summaries, target checks and the bench/RESULTS.md text for the results of bench/run.mjs.
import { readFileSync } from 'node:fs';
import os from 'node:os';

const MB = 1024 * 1024;

/** The 1-, 5- and 15-minute load averages as printed in every RESULTS file ("1.81 4.15 4.66"). */
export function loadAverages() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** Median of a list of numbers (mean of the two middle values for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One summary per (file, task, reader) cell: medians over its successful runs, or the error of a failed run. */
export function summarize(cell) {
  const good = cell.runs.filter((r) => r.ok);
  const failure = cell.runs.find((r) => !r.ok);
  if (failure || good.length === 0) return { ...cell, failed: failure?.error ?? 'no runs' };
  const arrow = good.map((r) => r.arrowBytes).filter((b) => b !== undefined);
  return {
    ...cell,
    ms: median(good.map((r) => r.ms)),
    msMin: Math.min(...good.map((r) => r.ms)),
    msMax: Math.max(...good.map((r) => r.ms)),
    peakRss: median(good.map((r) => r.peakRss)),
    rssGrowth: median(good.map((r) => r.peakRss - r.rssBeforeRead)),
    arrowBytes: arrow.length ? median(arrow) : undefined,
    notes: [...new Set(good.flatMap((r) => r.notes ?? []))],
  };
}

function find(summaries, file, task, reader) {
  return summaries.find((s) => s.file === file && s.task === task && s.reader === reader && !s.failed);
}

const fmt = (x, digits = 1) => x.toFixed(digits);

/** The issue's targets, each {label, status: PASS|FAIL|n/a, detail}. */
export function checkTargets(summaries, tasks) {
  const checks = [];
  for (const task of tasks) {
    const tessera = find(summaries, 'snappy', task, 'tessera');
    for (const [peer, target] of [
      ['parquet-wasm', 1.5],
      ['hyparquet', 10],
    ]) {
      const other = find(summaries, 'snappy', task, peer);
      const label = `snappy ${task}: tessera >= ${target}x faster than ${peer} (one thread)`;
      if (!tessera || !other) checks.push({ label, status: 'n/a', detail: 'missing tessera or peer result' });
      else {
        const ratio = other.ms / tessera.ms;
        const detail = `${peer} ${fmt(other.ms, 0)} ms / tessera ${fmt(tessera.ms, 0)} ms = ${fmt(ratio, 2)}x`;
        checks.push({ label, status: ratio >= target ? 'PASS' : 'FAIL', detail });
      }
    }
    const pool = find(summaries, 'snappy', task, 'tessera-pool2');
    const duck = find(summaries, 'snappy', task, 'duckdb2');
    const label = `snappy ${task}: tessera-pool2 time <= duckdb2 time`;
    if (!pool || !duck) checks.push({ label, status: 'n/a', detail: 'missing tessera-pool2 or duckdb2 result' });
    else {
      const detail = `tessera-pool2 ${fmt(pool.ms, 0)} ms vs duckdb2 ${fmt(duck.ms, 0)} ms`;
      checks.push({ label, status: pool.ms <= duck.ms ? 'PASS' : 'FAIL', detail });
    }
  }
  // Issue 15's ratios to DuckDB with the same thread count, for every file and task run.
  const ISSUE15 = [
    ['snappy', 'tessera', 'duckdb1', 0.5],
    ['snappy', 'tessera2', 'duckdb2', 0.6],
    ['zstd', 'tessera', 'duckdb1', 0.6],
    ['zstd', 'tessera2', 'duckdb2', 0.7],
  ];
  for (const task of tasks) {
    for (const [file, ours, peer, target] of ISSUE15) {
      const a = find(summaries, file, task, ours);
      const b = find(summaries, file, task, peer);
      if (!a || !b) continue;
      const ratio = a.ms / b.ms;
      checks.push({
        label: `${file} ${task}: ${ours} / ${peer} <= ${target}x (issue 15)`,
        status: ratio <= target ? 'PASS' : 'FAIL',
        detail: `${fmt(a.ms, 0)} ms / ${fmt(b.ms, 0)} ms = ${fmt(ratio, 2)}x`,
      });
    }
  }
  for (const s of summaries.filter((x) => x.reader === 'tessera' && !x.failed && x.arrowBytes)) {
    const ratio = s.peakRss / s.arrowBytes;
    checks.push({
      label: `${s.file} ${s.task}: tessera peak RSS <= 2x decoded Arrow table`,
      status: ratio <= 2 ? 'PASS' : 'FAIL',
      detail: `${fmt(s.peakRss / MB)} MB / ${fmt(s.arrowBytes / MB)} MB = ${fmt(ratio, 2)}x (growth during read ${fmt(s.rssGrowth / MB)} MB)`,
    });
  }
  return checks;
}

function versionOf(name) {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return '?';
  }
}

/** Machine, versions, date and command of this run. */
export function environment(command, loadAtStart) {
  const cpus = os.cpus();
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  return {
    load: `${load(loadAtStart)} at start, ${load(os.loadavg())} at end (1/5/15-min load averages)`,
    date: new Date().toISOString(),
    command,
    cpu: `${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`,
    memory: `${fmt(os.totalmem() / 1024 ** 3)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    peers: ['hyparquet', 'hyparquet-compressors', 'parquet-wasm', '@duckdb/node-api', 'apache-arrow']
      .map((name) => `${name} ${versionOf(name)}`)
      .join(', '),
  };
}

function decodedSize(summaries, file, task) {
  const s = find(summaries, file, task, 'tessera') ?? find(summaries, file, task, 'parquet-wasm');
  return s?.arrowBytes ? `${fmt(s.arrowBytes / MB)} MB (${s.reader})` : 'n/a';
}

/** Rows of the results table (arrays of cells), header first. */
export function resultRows(summaries) {
  const rows = [['file', 'task', 'reader', 'median ms', 'min-max ms', 'peak RSS MB', 'RSS growth MB', 'vs tessera']];
  for (const s of summaries) {
    if (s.failed) {
      rows.push([s.file, s.task, s.reader, 'FAILED', s.failed.split('\n')[0].slice(0, 160), '', '', '']);
      continue;
    }
    const tessera = find(summaries, s.file, s.task, 'tessera');
    const vs = tessera && s.reader !== 'tessera' ? `${s.reader} / tessera = ${fmt(s.ms / tessera.ms, 2)}x` : '';
    rows.push([
      s.file,
      s.task,
      s.reader,
      fmt(s.ms, 0),
      `${fmt(s.msMin, 0)}-${fmt(s.msMax, 0)}`,
      fmt(s.peakRss / MB),
      fmt(s.rssGrowth / MB),
      vs,
    ]);
  }
  return rows;
}

/** Plain-text table for the terminal. */
export function textTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/** Markdown table (header row first). */
export function markdownTable(rows) {
  const [head, ...body] = rows;
  return [head, head.map(() => '---'), ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The text of bench/RESULTS.md. */
export function resultsMarkdown({ env, dataset, runs, summaries, checks, files, tasks }) {
  const sizes = files.flatMap((f) => tasks.map((t) => `- ${f} ${t}: ${decodedSize(summaries, f, t)}`));
  const notes = summaries.filter((s) => s.notes?.length).map((s) => `- ${s.reader} ${s.file} ${s.task}: ${s.notes}`);
  return `# Read benchmark (issue 2)

Generated by \`bench/run.mjs\`; do not edit by hand.

- Date: ${env.date}
- Command: \`${env.command}\`
- Machine: ${env.cpu}, ${env.memory}, ${env.os}; Node ${env.node}
- Load: ${env.load}; other work on the machine widens the min-max spread
- Peers: ${env.peers}
- Data: ${dataset.rows.toLocaleString('en-US')} rows (id int64, key int32, cat string/50 values, price double,
  qty int32 ~10% null, ts timestamp µs, note string 12-28 chars), written by DuckDB in ~${dataset.rowGroupSize.toLocaleString('en-US')}-row
  row groups, compressed with snappy, zstd or uncompressed (\`bench/generate.mjs\`).
- Method: each figure is the median of ${runs} fresh Node processes per file x task x reader. Time = from the path to
  the whole table in memory as columns (file I/O included; imports, DuckDB instance creation and worker start-up
  excluded). Peak RSS = the child's \`process.resourceUsage().maxRSS\`, taken right after the read; "RSS growth" is
  that peak minus the RSS just before the read. Every run checks row count and per-column checksums against
  DuckDB's (\`bench/data/expected.json\`); a run with wrong data is a failure.
- Readers: tessera = \`readTable(path, { threads: 1 })\`; tessera2 = \`readTable(path, { threads: 2 })\` (its pool
  started before timing, on a tiny file); tessera-pool2 = \`ParquetFile.readRowGroup\` on 2 worker threads, buffers
  transferred to the main thread; hyparquet = \`parquetRead\` with \`onChunk\` (columnar, no row objects) and
  hyparquet-compressors; parquet-wasm = \`readParquet(bytes)\` (projection: \`ParquetFile.read({columns})\`, since
  \`readParquet\` ignores \`columns\`) -> IPC -> apache-arrow \`tableFromIPC\`; duckdb1/duckdb2 = \`SET threads=1|2\`,
  \`CREATE TEMP TABLE t AS SELECT ... FROM read_parquet(...)\`.

## Results

${markdownTable(resultRows(summaries))}

Decoded Arrow table size (sum of buffer byteLengths):
${sizes.join('\n')}

## Targets

${checks.map((c) => `- **${c.status}** ${c.label}: ${c.detail}`).join('\n')}
${notes.length ? `\n## Notes\n\n${notes.join('\n')}\n` : ''}`;
}
