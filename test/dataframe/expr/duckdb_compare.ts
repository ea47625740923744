// Runs an expression with Tessera and the equivalent SQL with DuckDB over the same rows, and compares the results
// value by value (or that both fail).
import { DuckDBInstance } from '@duckdb/node-api';
import { batchFromRecords } from '../../../src/columnar/records.js';
import type { Batch, Column, DataType, Field } from '../../../src/columnar/types.js';
import { columnValues } from '../../../src/columnar/values.js';
import { type ExprBuilder, evaluate } from '../../../src/dataframe/expr/index.js';

/** DuckDB's name of a column type. */
export function duckType(type: DataType): string {
  switch (type.kind) {
    case 'int8':
      return 'TINYINT';
    case 'int16':
      return 'SMALLINT';
    case 'int32':
      return 'INTEGER';
    case 'int64':
      return 'BIGINT';
    case 'uint8':
      return 'UTINYINT';
    case 'uint16':
      return 'USMALLINT';
    case 'uint32':
      return 'UINTEGER';
    case 'uint64':
      return 'UBIGINT';
    case 'float32':
      return 'FLOAT';
    case 'float64':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'utf8':
      return 'VARCHAR';
    case 'date32':
      return 'DATE';
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'timestamp':
      if (type.timezone) return 'TIMESTAMPTZ';
      return { s: 'TIMESTAMP_S', ms: 'TIMESTAMP_MS', us: 'TIMESTAMP', ns: 'TIMESTAMP_NS' }[type.unit];
    default:
      throw new Error(`no DuckDB type for ${type.kind}`);
  }
}

const DAY_MS = 86_400_000;

/** A SQL literal of a JS value of `type` (as batchFromRecords/columnFromValues take it). */
function sqlLiteral(value: unknown, type: DataType): string {
  if (value === null || value === undefined) return `NULL::${duckType(type)}`;
  switch (type.kind) {
    case 'float32':
    case 'float64': {
      const x = value as number;
      const text = Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0.0' : String(x);
      return `'${text}'::${duckType(type)}`;
    }
    case 'utf8':
      return `'${String(value).replaceAll("'", "''")}'::VARCHAR`;
    case 'date32':
      return `DATE '${new Date((value as number) * DAY_MS).toISOString().slice(0, 10)}'`;
    case 'decimal': {
      const unscaled = value as bigint;
      const negative = unscaled < 0n;
      const digits = (negative ? -unscaled : unscaled).toString().padStart(type.scale + 1, '0');
      return `'${negative ? '-' : ''}${digits.slice(0, -type.scale)}.${digits.slice(-type.scale)}'::${duckType(type)}`;
    }
    case 'timestamp': {
      // Values are microseconds since the epoch; make_timestamp takes exactly that. DuckDB truncates toward zero
      // when casting to a coarser unit, so coarse units get their value floored here, as datasetBatch does.
      const per = { s: 1_000_000n, ms: 1000n, us: 1n, ns: 1n }[type.unit];
      const v = value as bigint;
      const floored = (v / per - (v % per < 0n ? 1n : 0n)) * per;
      return `make_timestamp(${floored}::BIGINT)::${duckType(type)}`;
    }
    default:
      return `CAST('${value}' AS ${duckType(type)})`;
  }
}

let instance: Promise<DuckDBInstance> | undefined;

/** Rows with an `id` column (ordering) as a DuckDB table `t` and as a Tessera batch. */
export interface Dataset {
  readonly fields: readonly Field[];
  readonly rows: readonly Record<string, unknown>[];
}

/** The batch of a data set (timestamps given in microseconds are rescaled to their unit). */
export function datasetBatch(data: Dataset): Batch {
  const rows = data.rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const f of data.fields) {
      const v = row[f.name];
      if (f.type.kind === 'timestamp' && typeof v === 'bigint') {
        const scale = { s: -1_000_000n, ms: -1000n, us: 1n, ns: 1000n }[f.type.unit];
        out[f.name] = scale < 0n ? v / -scale - (v % -scale < 0n ? 1n : 0n) : v * scale;
      }
    }
    return out;
  });
  return batchFromRecords(rows, data.fields, { shared: false });
}

/** Runs `sql` (a SELECT list over table t) in DuckDB over `data`: each result row's value, or an Error. */
export async function duckdbValues(data: Dataset, sql: string): Promise<unknown[] | Error> {
  instance ??= DuckDBInstance.create(':memory:');
  const connection = await (await instance).connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const names = data.fields.map((f) => `"${f.name}"`).join(', ');
    const values = data.rows.map((row) => `(${data.fields.map((f) => sqlLiteral(row[f.name], f.type)).join(', ')})`);
    const empty = `SELECT ${data.fields.map((f) => `NULL::${duckType(f.type)} AS "${f.name}"`).join(', ')} LIMIT 0`;
    const source = values.length > 0 ? `(VALUES ${values.join(', ')}) AS t(${names})` : `(${empty}) AS t`;
    const reader = await connection.runAndReadAll(`SELECT ${sql} AS r FROM ${source} ORDER BY id`);
    return reader.getRowObjectsJson().map((row) => row.r);
  } catch (error) {
    return error as Error;
  } finally {
    connection.closeSync();
  }
}

/** Comparable text of a value of `type`: floats compared at their own precision, NaN/Infinity spelled out. */
export function canonical(value: unknown, type: DataType): string | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (type.kind === 'float32' || type.kind === 'float64') {
    const x = Number(value);
    return String(type.kind === 'float32' ? Math.fround(x) : x);
  }
  if (/^u?int/.test(type.kind)) return String(BigInt(value as string));
  if (type.kind === 'decimal' || typeof value === 'number' || typeof value === 'bigint') return String(Number(value));
  return String(value);
}

/** Tessera's values of `expr` over `data`, or the Error it threw. */
export function tesseraValues(data: Dataset, expr: ExprBuilder): { column: Column; values: unknown[] } | Error {
  try {
    const column = evaluate(expr.expr, datasetBatch(data));
    return { column, values: columnValues(column) };
  } catch (error) {
    return error as Error;
  }
}
