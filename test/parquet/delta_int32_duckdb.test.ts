// DuckDB 1.5 writes DELTA_BINARY_PACKED INT32 pages (PARQUET_VERSION V2) whose deltas it computed in 64 bits: when a
// column's values span most of the int32 range, miniblocks are 33 bits wide and min deltas fall outside int32.
// The values must read as DuckDB reads them (wrapping 32-bit arithmetic), not fail as "invalid data".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import t from 'tap';
import { readTable } from '../../src/parquet/index.js';

const scratch = await mkdtemp(join(tmpdir(), 'tessera-delta-int32-'));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
t.teardown(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

t.test('full-range random INTEGERs written by DuckDB with PARQUET_VERSION V2 read as DuckDB reads them', async (t) => {
  const path = join(scratch, 'full_range.parquet');
  // Random values over the whole int32 range, the two extremes next to each other, and some nulls; two row groups.
  await connection.run('SELECT setseed(0.25)');
  await connection.run(`
    COPY (
      SELECT i AS id,
        CASE WHEN i % 97 = 5 THEN NULL
             WHEN i % 1000 = 1 THEN -2147483648
             WHEN i % 1000 = 2 THEN 2147483647
             ELSE (floor(random() * 4294967296) - 2147483648)::INTEGER END AS v
      FROM range(30000) r(i)
    ) TO '${path}' (FORMAT parquet, PARQUET_VERSION V2, ROW_GROUP_SIZE 20000)`);
  const meta = await connection.runAndReadAll(
    `SELECT DISTINCT encodings FROM parquet_metadata('${path}') WHERE path_in_schema = 'v'`,
  );
  t.same(
    meta.getRows().map((r) => String(r[0])),
    ['DELTA_BINARY_PACKED'],
    'DuckDB wrote v delta-encoded',
  );
  const reader = await connection.runAndReadAll(`SELECT v FROM read_parquet('${path}') ORDER BY id`);
  const expected = reader.getRows().map((r) => (r[0] === null ? null : Number(r[0])));

  const table = await readTable(path);
  t.equal(table.numRows, 30000);
  const actual = table.getChild('v')!.toArray();
  const values = Array.from({ length: table.numRows }, (_, i) => (table.getChild('v')!.isValid(i) ? actual[i] : null));
  t.equal(values.filter((v) => v === null).length, expected.filter((v) => v === null).length, 'nulls');
  t.same(values, expected, 'every value equals DuckDB');
  t.ok(values.includes(-2147483648) && values.includes(2147483647), 'both extremes present');
});
