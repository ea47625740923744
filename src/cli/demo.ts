// `npm run demo`: reads a few parquet-testing fixtures and a generated 1M-row file, printing each file's schema,
// first rows and read timings. Later stages (DataFrame, schedulers) extend this into the main job.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParquetFile } from '../parquet/file.js';
import { readTable } from '../parquet/read_table.js';
import { NdjsonRows } from './format/row_text.js';

const root = findRoot();
const FIXTURES = [
  'alltypes_plain.snappy.parquet',
  'delta_byte_array.parquet',
  'byte_stream_split_extended.gzip.parquet',
  'fixed_length_decimal.parquet',
];
const GENERATED_ROWS = 1_000_000;

async function main(): Promise<void> {
  for (const name of FIXTURES) await show(join(root, 'fixtures/parquet-testing/data', name), 3);
  const generated = await generateFile();
  await show(generated, 5);
}

async function show(path: string, rows: number): Promise<void> {
  const file = await ParquetFile.open(path);
  const schema = file.arrowSchema();
  await file.close();
  const start = performance.now();
  const table = await readTable(path);
  const ms = performance.now() - start;
  console.log(`\n== ${path.slice(root.length + 1)}`);
  console.log(`   ${table.numRows} rows, ${file.rowGroups.length} row group(s), read in ${ms.toFixed(1)} ms`);
  console.log(
    `   schema: ${schema.fields.map((f) => `${f.name}: ${f.type}${f.nullable ? '' : ' not null'}`).join(', ')}`,
  );
  const first = table.batches[0];
  if (first) {
    const text = new NdjsonRows(table.schema).rows(first, 0, Math.min(rows, first.numRows));
    for (const line of text.trimEnd().split('\n')) console.log(`   ${line}`);
  }
}

/** Writes a 1M-row file with DuckDB (a devDependency) the first time, into .demo/. */
async function generateFile(): Promise<string> {
  const dir = join(root, '.demo');
  const path = join(dir, `trips_${GENERATED_ROWS}.parquet`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  console.log(`generating ${path} with DuckDB ...`);
  await connection.run(`
    COPY (
      SELECT i AS trip_id,
             (hash(i) % 265)::INTEGER AS pickup_zone,
             ['cash','card','app','voucher'][(hash(i * 7) % 4)::INTEGER + 1] AS payment,
             round((hash(i * 13) % 10000) / 100.0, 2) AS fare,
             CASE WHEN hash(i * 17) % 10 = 0 THEN NULL ELSE (hash(i * 19) % 6)::INTEGER END AS passengers,
             TIMESTAMP '2024-01-01' + to_seconds((i * 3)::BIGINT) AS pickup_at
      FROM range(${GENERATED_ROWS}) t(i)
    ) TO '${path}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 250000)`);
  connection.closeSync();
  return path;
}

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

await main();
