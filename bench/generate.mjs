// Deterministic generation of the benchmark table (issue 2, "Performance") with DuckDB.
// Every "random" value is derived from DuckDB's hash() of the row number, so reruns write identical data.
// Usage: node bench/generate.mjs [--quick]
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { CODECS, DATA_DIR, DATASETS, dataFile, EXPECTED_PATH } from './datasets.mjs';

// Each column draws from hash(i * 16 + salt): distinct salts keep the columns independent of one another.
const TABLE_SQL = (rows) => `
  CREATE TEMP TABLE bench AS
  SELECT
    i::BIGINT AS id,
    (hash(i * 16 + 1) % 100000)::INTEGER AS key,
    'category_' || (hash(i * 16 + 2) % 50)::VARCHAR AS cat,
    round((hash(i * 16 + 3) % 10000000)::DOUBLE / 100.0 + (hash(i * 16 + 4) % 1000)::DOUBLE / 1e7, 7) AS price,
    CASE WHEN hash(i * 16 + 5) % 10 = 0 THEN NULL ELSE (hash(i * 16 + 6) % 1000)::INTEGER END AS qty,
    make_timestamp(1704067200000000 + i * 1000000 + (hash(i * 16 + 7) % 1000000)::BIGINT) AS ts,
    substr(md5((i * 16 + 8)::VARCHAR) || md5((i * 16 + 9)::VARCHAR), 1 + (hash(i * 16 + 10) % 4)::INTEGER,
           12 + (hash(i * 16 + 11) % 17)::INTEGER) AS note
  FROM range(${rows}) r(i)`;

// The values every reader must reproduce (bench/stats/compare.mjs): per column, non-null count and a checksum.
const EXPECTED_SQL = `
  SELECT count(*)::BIGINT AS rows,
    count(id)::BIGINT AS id_count, sum(id)::HUGEINT AS id_sum,
    count(key)::BIGINT AS key_count, sum(key)::HUGEINT AS key_sum,
    count(cat)::BIGINT AS cat_count, sum(length(cat))::BIGINT AS cat_length,
    count(price)::BIGINT AS price_count, sum(price)::DOUBLE AS price_sum,
    count(qty)::BIGINT AS qty_count, sum(qty)::HUGEINT AS qty_sum,
    count(ts)::BIGINT AS ts_count, epoch_ms(min(ts))::BIGINT AS ts_min, epoch_ms(max(ts))::BIGINT AS ts_max,
    count(note)::BIGINT AS note_count, sum(length(note))::BIGINT AS note_length
  FROM bench`;

function readExpected() {
  return existsSync(EXPECTED_PATH) ? JSON.parse(readFileSync(EXPECTED_PATH, 'utf8')) : {};
}

async function countRows(connection, path) {
  const reader = await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet('${path}')`);
  return Number(reader.getRows()[0][0]);
}

function toExpected(row, dataset) {
  const n = (name) => Number(row[name]);
  return {
    rows: n('rows'),
    rowGroupSize: dataset.rowGroupSize,
    columns: {
      id: { count: n('id_count'), sum: n('id_sum') },
      key: { count: n('key_count'), sum: n('key_sum') },
      cat: { count: n('cat_count'), length: n('cat_length') },
      price: { count: n('price_count'), sum: n('price_sum') },
      qty: { count: n('qty_count'), sum: n('qty_sum') },
      ts: { count: n('ts_count'), min: n('ts_min'), max: n('ts_max') },
      note: { count: n('note_count'), length: n('note_length') },
    },
  };
}

/**
 * Writes the dataset's three Parquet files and its entry in expected.json unless they already exist with the expected
 * row count. Returns the expected values of the dataset.
 */
export async function ensureDataset(dataset, log = console.error) {
  mkdirSync(DATA_DIR, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const expected = readExpected();
    let complete = expected[dataset.name]?.rows === dataset.rows;
    for (const codec of CODECS) {
      const path = dataFile(dataset, codec);
      if (complete && (!existsSync(path) || (await countRows(connection, path)) !== dataset.rows)) complete = false;
    }
    if (complete) return expected[dataset.name];

    log(`generating ${dataset.rows} rows into ${DATA_DIR} ...`);
    await connection.run(TABLE_SQL(dataset.rows));
    const reader = await connection.runAndReadAll(EXPECTED_SQL);
    const values = toExpected(reader.getRowObjects()[0], dataset);
    for (const codec of CODECS) {
      const path = dataFile(dataset, codec);
      // Written under a temporary name and renamed, so an interrupted run never leaves a truncated file behind.
      const partial = `${path}.partial`;
      rmSync(partial, { force: true });
      await connection.run(
        `COPY bench TO '${partial}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${dataset.rowGroupSize})`,
      );
      renameSync(partial, path);
      log(`  wrote ${path}`);
    }
    const all = readExpected();
    all[dataset.name] = values;
    writeFileSync(EXPECTED_PATH, `${JSON.stringify(all, null, 2)}\n`);
    return values;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataset = process.argv.includes('--quick') ? DATASETS.quick : DATASETS.full;
  const expected = await ensureDataset(dataset);
  console.log(JSON.stringify(expected, null, 2));
}
