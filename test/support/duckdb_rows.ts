// Rows of a Parquet file as canonical JSON text, read by DuckDB and by Tessera (through the CLI's ndjson formatter),
// for value-by-value comparisons. Canonical form: maps as arrays of {"key","value"} (DuckDB's JSON conversion
// already writes them so), numbers and numeric strings both as their decimal text (DuckDB writes BIGINT as a
// string), object members in stored order.
import { DuckDBInstance } from '@duckdb/node-api';
import { NdjsonRows } from '../../src/cli/format/row_text.js';
import { type ReadTableOptions, readTable } from '../../src/parquet/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The canonical text of a JSON value. */
export function canonicalJson(value: Json): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: Json): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return canonicalTimestamp(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
}

const TIMESTAMP = /^([+-]?)(\d{4,6})-(\d\d)-(\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]00(?::?00)?)?$/;

/** Timestamp text in one form (DuckDB writes "2019-01-01 14:00:00+00", the CLI "2019-01-01T14:00:00.000000Z"):
 *  year without padding or "+", "T", fraction without trailing zeros, no zone (both only print UTC). Other strings
 *  are returned as they are. */
function canonicalTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, sign, year, month, day, time, fraction] = m;
  const digits = (fraction ?? '').replace(/0+$/, '');
  return `${sign === '-' ? '-' : ''}${Number(year)}-${month}-${day}T${time}${digits ? `.${digits}` : ''}`;
}

let instance: Promise<DuckDBInstance> | undefined;

/** DuckDB's rows of `path`, canonical. */
export async function duckdbRows(path: string, select = '*'): Promise<string[]> {
  instance ??= DuckDBInstance.create(':memory:');
  const connection = await (await instance).connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT ${select} FROM read_parquet('${path.replaceAll("'", "''")}')`,
    );
    return reader.getRowObjectsJson().map((row) => canonicalJson(row as Json));
  } finally {
    connection.closeSync();
  }
}

/** Runs `sql` in DuckDB (to write fixtures). */
export async function duckdbRun(sql: string): Promise<void> {
  instance ??= DuckDBInstance.create(':memory:');
  const connection = await (await instance).connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
  }
}

/** Tessera's rows of `path` through the ndjson formatter, canonical. */
export async function tesseraRows(
  path: string,
  columns?: readonly string[],
  options: ReadTableOptions = {},
): Promise<string[]> {
  const table = await readTable(path, { ...options, columns });
  const format = new NdjsonRows(table.schema);
  const rows: string[] = [];
  for (const batch of table.batches) {
    const text = format.rows(batch, 0, batch.numRows);
    for (const line of text.split('\n')) if (line) rows.push(canonicalJson(JSON.parse(quoteNumbers(line)) as Json));
  }
  return rows;
}

/** JSON text with every number turned into a string of its exact digits (JSON.parse would round 64-bit integers). */
export function quoteNumbers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9eE.+-]/.test(text[j]!)) j++;
      out += `"${text.slice(i, j)}"`;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
