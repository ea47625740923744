// The nested benchmark's file (issue 3, "Nested bench"): 1,000,000 rows with `l` list<int32> and
// `s` struct<a int32, b varchar, c double>, written by DuckDB with snappy in 250,000-row row groups.
// Every "random" value comes from DuckDB's hash() of the row number (and element index), so reruns write identical
// data; the expected counts and sums are computed by DuckDB from the same table.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const NESTED_ROWS = 1_000_000;
export const NESTED_ROW_GROUP_SIZE = 250_000;
const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const NESTED_FILE = `${DATA_DIR}nested-snappy.parquet`;
const EXPECTED_FILE = `${DATA_DIR}nested-expected.json`;

// ~5% null lists, 0-8 elements, ~10% null elements; ~4% null structs, ~10% null fields.
const TABLE_SQL = `
  CREATE TEMP TABLE nested AS
  SELECT
    CASE WHEN hash(i, 1) % 20 = 0 THEN NULL ELSE
      list_transform(range((hash(i, 2) % 9)::BIGINT), lambda j:
        CASE WHEN hash(i, j, 3) % 10 = 0 THEN NULL ELSE ((hash(i, j, 4) % 2000001)::BIGINT - 1000000)::INTEGER END)
    END AS l,
    CASE WHEN hash(i, 5) % 25 = 0 THEN NULL ELSE
      struct_pack(
        a := CASE WHEN hash(i, 6) % 10 = 0 THEN NULL ELSE (hash(i, 7) % 100000)::INTEGER END,
        b := CASE WHEN hash(i, 8) % 10 = 0 THEN NULL ELSE 'value_' || (hash(i, 9) % 100000)::VARCHAR END,
        c := CASE WHEN hash(i, 10) % 10 = 0 THEN NULL ELSE (hash(i, 11) % 10000000)::DOUBLE / 100.0 END)
    END AS s
  FROM range(${NESTED_ROWS}) r(i)`;

// The figures every reader must reproduce: list elements (all, and non-null with their sum), non-null structs and
// non-null fields of non-null structs (b: total string length, all ASCII so characters = UTF-8 bytes).
const EXPECTED_SQL = `
  WITH e AS (SELECT unnest(l) AS v FROM nested WHERE l IS NOT NULL)
  SELECT
    (SELECT count(*) FROM nested)::BIGINT AS rows,
    (SELECT count(l) FROM nested)::BIGINT AS lists,
    (SELECT count(*) FROM e)::BIGINT AS elements,
    (SELECT count(v) FROM e)::BIGINT AS elements_nonnull,
    (SELECT sum(v) FROM e)::BIGINT AS elements_sum,
    (SELECT count(s) FROM nested)::BIGINT AS structs,
    (SELECT count(s.a) FROM nested)::BIGINT AS a_count,
    (SELECT sum(s.a) FROM nested)::BIGINT AS a_sum,
    (SELECT count(s.b) FROM nested)::BIGINT AS b_count,
    (SELECT sum(length(s.b)) FROM nested)::BIGINT AS b_length,
    (SELECT count(s.c) FROM nested)::BIGINT AS c_count,
    (SELECT sum(s.c) FROM nested)::DOUBLE AS c_sum`;

/** Writes the file and its expected figures unless both exist; returns the expected figures. */
export async function ensureNestedFile() {
  if (existsSync(NESTED_FILE) && existsSync(EXPECTED_FILE)) return JSON.parse(readFileSync(EXPECTED_FILE, 'utf8'));
  mkdirSync(DATA_DIR, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(TABLE_SQL);
    const partial = `${NESTED_FILE}.partial`;
    rmSync(partial, { force: true });
    await connection.run(
      `COPY nested TO '${partial}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${NESTED_ROW_GROUP_SIZE})`,
    );
    const row = (await connection.runAndReadAll(EXPECTED_SQL)).getRowObjects()[0];
    const expected = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    renameSync(partial, NESTED_FILE);
    writeFileSync(EXPECTED_FILE, `${JSON.stringify(expected, null, 2)}\n`);
    return expected;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Differences between a reader's figures and the expected ones (c_sum compared to a relative 1e-9). */
export function compareNested(actual, expected) {
  const problems = [];
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key];
    const same = key === 'c_sum' ? Math.abs(got - want) <= 1e-9 * Math.abs(want) : got === want;
    if (!same) problems.push(`${key}: got ${got}, expected ${want}`);
  }
  return problems;
}
