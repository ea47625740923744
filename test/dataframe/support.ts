// Test data written by DuckDB (an independent writer) and a helper to run the equivalent SQL, with values brought
// to one comparable form (bigints as numbers, NaN as the string 'NaN', floats rounded to 9 significant digits).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type * as arrow from 'apache-arrow';
import type { Test } from 'tap';
import { fieldFromArrow } from '../../src/columnar/from_arrow.js';
import type { ParquetPartitionSpec } from '../../src/dataframe/ops/read.js';
import { ParquetFile } from '../../src/parquet/file.js';

let instance: Promise<DuckDBInstance> | undefined;

async function connect() {
  instance ??= DuckDBInstance.create(':memory:');
  return (await instance).connect();
}

/** Runs `sql` in DuckDB. */
export async function duckRun(sql: string): Promise<void> {
  const c = await connect();
  try {
    await c.run(sql);
  } finally {
    c.closeSync();
  }
}

/** A comparable form of a value. */
export function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (Number.isInteger(v) || !Number.isFinite(v)) return v;
    return Number(v.toPrecision(9));
  }
  if (typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) return String(v);
  return v;
}

/** A row with every value normalised. */
export function normRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, norm(v)]));
}

/** DuckDB's rows of a query, normalised. */
export async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const c = await connect();
  try {
    const reader = await c.runAndReadAll(sql);
    return (reader.getRowObjectsJS() as Record<string, unknown>[]).map(normRow);
  } finally {
    c.closeSync();
  }
}

/** The rows of an Arrow table, normalised. */
export function tableRows(table: arrow.Table): Record<string, unknown>[] {
  return table.toArray().map((r) => normRow(r.toJSON() as Record<string, unknown>));
}

/** Rows sorted by their JSON text (order-insensitive comparisons). */
export function sorted(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...rows].sort((a, b) => {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Paths of the generated data sets. */
export interface TestData {
  readonly dir: string;
  /** 20,000 rows in row groups of 2,048: id (sorted BIGINT), x (DOUBLE, nulls and NaN), n (INTEGER, nulls), s (VARCHAR,
   *  nulls), cat (skewed VARCHAR), flag (BOOLEAN, nulls). */
  readonly file: string;
  /** The same rows as a hive dataset partitioned by `part` (INTEGER 0..2). */
  readonly hive: string;
  /** SQL source of the rows: read_parquet(file). */
  readonly table: string;
  remove(): void;
}

/** Writes the test data sets. */
export async function makeTestData(): Promise<TestData> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-df-'));
  const file = join(dir, 'data.parquet');
  const hive = join(dir, 'hive');
  const select = `SELECT i::BIGINT AS id,
      CASE WHEN i % 11 = 0 THEN NULL WHEN i % 97 = 5 THEN 'NaN'::DOUBLE
           ELSE ((hash(i * 7 + 1) % 100000)::DOUBLE - 50000) / 8.0 END AS x,
      CASE WHEN i % 7 = 3 THEN NULL ELSE (hash(i * 7 + 2) % 1000)::INTEGER - 500 END AS n,
      CASE WHEN i % 13 = 4 THEN NULL ELSE 'v' || (hash(i * 7 + 3) % 300)::VARCHAR END AS s,
      CASE WHEN i % 10 < 7 THEN 'a' WHEN i % 10 < 9 THEN 'b' ELSE 'c' || (i % 50)::VARCHAR END AS cat,
      CASE WHEN i % 17 = 0 THEN NULL ELSE hash(i) % 3 = 0 END AS flag,
      (i % 3)::INTEGER AS part
    FROM range(20000) r(i)`;
  await duckRun(`COPY (${select}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
  await duckRun(`COPY (${select}) TO '${hive}' (FORMAT parquet, PARTITION_BY (part), ROW_GROUP_SIZE 2048)`);
  return {
    dir,
    file,
    hive,
    table: `read_parquet('${file}')`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Asserts equal row lists by comparing their JSON text (tap's deep comparison is slow on thousands of rows); on a
 * mismatch, reports the first differing row.
 */
export function sameRows(
  t: Test,
  actual: readonly Record<string, unknown>[],
  expected: readonly Record<string, unknown>[],
  message = 'same rows',
): void {
  const a = actual.map((r) => JSON.stringify(r));
  const e = expected.map((r) => JSON.stringify(r));
  if (a.length === e.length && a.every((x, i) => x === e[i])) {
    t.equal(a.length, e.length, message);
    return;
  }
  const i = a.findIndex((x, k) => x !== e[k]);
  t.same(
    { length: a.length, firstDiff: i, row: actual[i] },
    { length: e.length, firstDiff: i, row: expected[i] },
    message,
  );
}

/** The readParquet partition spec of every row group of `path`, reading `columns`. */
export async function partitionSpecOf(path: string, columns: readonly string[]): Promise<ParquetPartitionSpec> {
  const file = await ParquetFile.open(path);
  const dataFields = file.arrowSchema([...columns]).fields.map(fieldFromArrow);
  const rowGroups = file.rowGroups.map((_, i) => i);
  await file.close();
  return { path, rowGroups, dataFields, constants: [] };
}
