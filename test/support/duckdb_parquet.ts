// Multi-row-group Parquet files written by DuckDB (an independent writer), into a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** A generated file and a way to delete it. */
export interface GeneratedParquet {
  readonly path: string;
  remove(): void;
}

/**
 * Writes `rows` rows in row groups of `rowGroupSize` rows, snappy-compressed, with columns id BIGINT, a DOUBLE,
 * b VARCHAR, c INTEGER (nullable), d DOUBLE. Values derive from hash(i), so every run writes the same data.
 */
export async function generateParquet(rows: number, rowGroupSize: number): Promise<GeneratedParquet> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  const path = join(dir, 'generated.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`
      COPY (
        SELECT i::BIGINT AS id,
          (hash(i * 8 + 1) % 1000000)::DOUBLE / 7.0 AS a,
          'value_' || (hash(i * 8 + 2) % 5000)::VARCHAR AS b,
          CASE WHEN i % 9 = 0 THEN NULL ELSE (hash(i * 8 + 3) % 100000)::INTEGER END AS c,
          (hash(i * 8 + 4) % 1000000)::DOUBLE / 3.0 AS d
        FROM range(${rows}) r(i)
      ) TO '${path}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
