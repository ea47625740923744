// Rows of a dataset as canonical JSON text for order-insensitive, column-order-insensitive comparisons between
// DuckDB (`read_parquet(..., hive_partitioning=true, union_by_name=true)`) and Tessera's Dataset.toTable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type * as arrow from 'apache-arrow';
import { NdjsonRows } from '../../src/cli/format/row_text.js';
import { canonicalJson, quoteNumbers } from './duckdb_rows.js';

type Json = Parameters<typeof canonicalJson>[0];

let instance: Promise<DuckDBInstance> | undefined;

/** Runs `sql` in DuckDB and returns the rows, canonical, keys sorted, rows sorted. */
export async function duckdbQuery(sql: string): Promise<string[]> {
  instance ??= DuckDBInstance.create(':memory:');
  const connection = await (await instance).connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader
      .getRowObjectsJson()
      .map((row) => canonicalJson(sortKeys(row as Json)))
      .sort();
  } finally {
    connection.closeSync();
  }
}

/** Runs statements in DuckDB (to write datasets). */
export async function duckdbExec(...statements: string[]): Promise<void> {
  instance ??= DuckDBInstance.create(':memory:');
  const connection = await (await instance).connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
  }
}

/** A table's rows, canonical, keys sorted, rows sorted. */
export function tableRows(table: arrow.Table): string[] {
  const format = new NdjsonRows(table.schema);
  const rows: string[] = [];
  for (const batch of table.batches) {
    const text = format.rows(batch, 0, batch.numRows);
    for (const line of text.split('\n')) {
      if (line) rows.push(canonicalJson(sortKeys(JSON.parse(quoteNumbers(line)) as Json)));
    }
  }
  return rows.sort();
}

function sortKeys(row: Json): Json {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
  return Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A fresh temporary directory and a way to delete it. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-dataset-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
