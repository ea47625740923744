// Predicate pushdown target (issue 3): a filter selecting ~1% of the rows on the sorted `id` column reads at most 5%
// of the file's bytes and is at least 10x faster than reading everything and filtering.
// Usage: node bench/pushdown.mjs   (after `npm run build` and `node bench/generate.mjs`)
// Runs on the bench table as generated (5 row groups of ~1M rows, one page per column chunk), on the same rows
// rewritten by DuckDB in 64Ki-row row groups, and on the same rows rewritten by Tessera's writer with its defaults
// (1Mi-row row groups, pages of at most 20,000 rows, column and offset indexes) — both written to the OS temp
// directory once. Without a page index or more than one page per chunk, a reader can skip only whole row groups.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readTable, writeTable } from '../dist/src/parquet/index.js';
import { DATASETS, dataFile } from './datasets.mjs';

const REPEATS = 3;
const source = dataFile(DATASETS.full, 'snappy');
const rows = DATASETS.full.rows;
const low = Math.floor(rows * 0.5);
const high = low + Math.floor(rows / 100);
const filter = [
  ['id', '>=', low],
  ['id', '<', high],
];

async function smallRowGroups() {
  const dir = join(tmpdir(), 'tessera-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'bench-5m-rg64k-snappy.parquet');
  if (existsSync(path)) return path;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM read_parquet('${source}')) TO '${path}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 65536)`,
  );
  connection.closeSync();
  instance.closeSync();
  return path;
}

/** The bench table as Tessera's writer lays it out by default (page index on). */
async function tesseraLayout() {
  const path = join(tmpdir(), 'tessera-bench', 'bench-5m-tessera-snappy.parquet');
  if (existsSync(path)) return path;
  await writeTable(path, await readTable(source));
  return path;
}

/** The rows of `table` whose id lies in [low, high): the "read everything, then filter" baseline. */
function filterAfterRead(table) {
  let kept = 0;
  for (const batch of table.batches) {
    const ids = batch.getChild('id').data[0].values;
    for (let i = 0; i < ids.length; i++) if (ids[i] >= BigInt(low) && ids[i] < BigInt(high)) kept++;
  }
  return kept;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn) {
  const times = [];
  let result;
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

async function measure(path) {
  const fileBytes = statSync(path).size;
  const full = await time(async () => filterAfterRead(await readTable(path)));
  let stats;
  const pushed = await time(async () => (await readTable(path, { filter, onStats: (s) => (stats = s) })).numRows);
  if (pushed.result !== full.result) throw new Error(`pushdown kept ${pushed.result} rows, full read ${full.result}`);
  return {
    file: path,
    fileBytes,
    matched: pushed.result,
    fullReadMs: Math.round(full.ms),
    pushdownMs: Math.round(pushed.ms),
    speedup: +(full.ms / pushed.ms).toFixed(1),
    bytesRead: stats.bytes.read,
    bytesReadPercent: +((100 * stats.bytes.read) / fileBytes).toFixed(2),
    rowGroups: `${stats.rowGroups.read}/${stats.rowGroups.total}`,
  };
}

console.log(`filter: ${JSON.stringify(filter)} (${((100 * (high - low)) / rows).toFixed(1)}% of rows)`);
for (const path of [source, await smallRowGroups(), await tesseraLayout()])
  console.log(JSON.stringify(await measure(path)));
