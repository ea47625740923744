// The reading side of the writer conformance tests: a written file read back by tessera (readTable), DuckDB and
// parquet-wasm (arrow-rs), every cell rendered as canonical JSON text and compared with the source table's.
// Arrow tables (the source, tessera's and parquet-wasm's) are rendered by the CLI's ndjson column formatters; DuckDB's
// flat columns by test/support/duckdb_text.ts (which renders them the same way), its nested columns through its JSON
// conversion. Canonical form: numbers as their decimal text, time and timestamp fractions without trailing zeros.
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import type { Test } from 'tap';
import { columnFormatter } from '../../src/cli/format/column_formatter.js';
import { readTable } from '../../src/parquet/index.js';
import { quoteNumbers } from './duckdb_rows.js';
import { duckdbCells } from './duckdb_text.js';
import type { ColumnCase } from './write_cases.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Canonical cells by column name, each column a list of rows. */
export type Cells = Map<string, string[]>;

const FRACTION = /^([+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d|\d\d:\d\d:\d\d)\.(\d+)(Z?)$/;

function canonical(value: Json): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const m = FRACTION.exec(value);
    if (!m) return value;
    const digits = m[2]!.replace(/0+$/, '');
    return `${m[1]}${digits ? `.${digits}` : ''}${m[3]}`;
  }
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
}

const NUMBER = /^-?[0-9][0-9.eE+-]*$/;

/** Canonical text of one cell given as JSON text (numbers kept exact). Scalars take a fast path: a matrix file has
 *  tens of thousands of cells per reader. */
export function canonicalText(json: string): string {
  if (json === 'null' || json === 'true' || json === 'false') return json;
  if (NUMBER.test(json)) return `"${json}"`;
  if (json.startsWith('"') && !json.includes('\\')) {
    const m = FRACTION.exec(json.slice(1, -1));
    if (!m) return json;
    const digits = m[2]!.replace(/0+$/, '');
    return `"${m[1]}${digits ? `.${digits}` : ''}${m[3]}"`;
  }
  return JSON.stringify(canonical(JSON.parse(quoteNumbers(json)) as Json));
}

/** Every cell of an apache-arrow table, canonical. */
export function arrowCells(table: arrow.Table): Cells {
  const cells: Cells = new Map();
  table.schema.fields.forEach((field, k) => {
    const format = columnFormatter(field);
    const out: string[] = [];
    for (const batch of table.batches) {
      const data = batch.data.children[k]!;
      for (let row = 0; row < batch.numRows; row++) out.push(canonicalText(format.json(data, row)));
    }
    cells.set(field.name, out);
  });
  return cells;
}

const sourceCache = new WeakMap<arrow.Data, string[]>();

/** The source table's cells, computed once per column case (the matrix writes the same columns many times). */
function sourceCells(source: arrow.Table, cases: readonly ColumnCase[]): Cells {
  const missing = cases.filter((c) => !sourceCache.has(c.data));
  if (missing.length > 0) {
    const all = arrowCells(source);
    for (const c of missing) sourceCache.set(c.data, all.get(c.field.name) ?? []);
  }
  return new Map(cases.map((c) => [c.field.name, sourceCache.get(c.data) ?? []]));
}

/** Tessera's read of `path`. */
export async function tesseraCells(path: string): Promise<Cells> {
  return arrowCells(await readTable(path));
}

/** parquet-wasm's (arrow-rs) read of `path`. */
export function parquetWasmCells(path: string): Cells {
  const wasmTable = readParquet(readFileSync(path));
  return arrowCells(arrow.tableFromIPC(wasmTable.intoIPCStream()));
}

/** DuckDB's read of `path`: columns `flat` through duckdb_text's renderer, `nested` through DuckDB's JSON. */
export async function duckdbCellsOf(
  connection: DuckDBConnection,
  path: string,
  flat: readonly string[],
  nested: readonly string[],
): Promise<Cells> {
  const cells: Cells = new Map();
  if (flat.length > 0) {
    const { names, rows } = await duckdbCells(connection, path, { columns: flat });
    names.forEach((name, k) => {
      cells.set(
        name,
        rows.map((row) => canonicalText(row[k]!)),
      );
    });
  }
  if (nested.length > 0) {
    const list = nested.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ');
    const result = await connection.runAndReadAll(
      `SELECT ${list} FROM read_parquet('${path.replaceAll("'", "''")}', file_row_number = true) ORDER BY file_row_number`,
    );
    const rows = result.getRowObjectsJson() as Record<string, Json>[];
    for (const name of nested)
      cells.set(
        name,
        rows.map((row) => JSON.stringify(canonical(row[name] ?? null))),
      );
  }
  return cells;
}

/** Base64 of 16 bytes -> the 8-4-4-4-12 hex text of a UUID (parquet-wasm reads UUID as plain FixedSizeBinary(16)). */
function base64ToUuid(cell: string): string {
  const m = /^"([A-Za-z0-9+/]{22}==)"$/.exec(cell);
  if (!m) return cell;
  const hex = Buffer.from(m[1]!, 'base64').toString('hex');
  return `"${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}"`;
}

/** Time or timestamp text converted to microseconds as DuckDB converts: nanoseconds / 1000 rounded toward zero
 *  (so before 1970 the microsecond is rounded up). */
function toMicros(cell: string): string {
  const stamp = /^"(-?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z"$/.exec(cell);
  if (!stamp) return canonicalText(cell.replace(/^"(\d\d:\d\d:\d\d\.\d{6})\d*"$/, '"$1"'));
  const nanos = BigInt(Date.parse(`${stamp[1]}Z`)) * 1_000_000n + BigInt((stamp[2] ?? '').padEnd(9, '0'));
  const micros = nanos / 1000n;
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const rest = micros - ms * 1000n;
  const iso = new Date(Number(ms)).toISOString();
  return canonicalText(`"${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z"`);
}

/** Whether DuckDB reads the column at microsecond precision: it has no nanosecond type with a time zone, so a
 *  TIMESTAMP(NANOS) or TIME(NANOS) adjusted to UTC becomes TIMESTAMP WITH TIME ZONE / TIME WITH TIME ZONE. */
function duckdbInMicros(type: arrow.DataType): boolean {
  if (arrow.DataType.isTime(type)) return type.unit === arrow.TimeUnit.NANOSECOND;
  return arrow.DataType.isTimestamp(type) && type.unit === arrow.TimeUnit.NANOSECOND && !!type.timezone;
}

/** Readers that take part in a check. */
export type ReaderName = 'tessera' | 'duckdb' | 'parquet-wasm';

/** How a reader's view of a column may legitimately differ from the source; applied to both sides. */
function adjustment(reader: ReaderName, c: ColumnCase): ((cell: string) => string) | undefined {
  const extension = c.field.metadata.get('ARROW:extension:name');
  if (extension === 'arrow.uuid' && reader === 'parquet-wasm') return base64ToUuid;
  if (reader === 'duckdb' && duckdbInMicros(c.field.type)) return toMicros;
  return undefined;
}

/** Mismatches of one reader against the source, per column, the first few of each. */
export function mismatches(reader: ReaderName, cases: readonly ColumnCase[], expected: Cells, actual: Cells): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const name = c.field.name;
    const want = expected.get(name) ?? [];
    const got = actual.get(name);
    if (!got) {
      out.push(`${name}: column missing`);
      continue;
    }
    if (got.length !== want.length) out.push(`${name}: ${got.length} rows, expected ${want.length}`);
    const adjust = adjustment(reader, c) ?? ((cell: string) => cell);
    let shown = 0;
    let count = 0;
    for (let row = 0; row < Math.min(got.length, want.length); row++) {
      const w = adjust(want[row]!);
      const g = adjust(got[row]!);
      if (w === g) continue;
      count++;
      if (shown++ < 3) out.push(`${name} row ${row}: expected ${w}, ${reader} read ${g}`);
    }
    if (count > 3) out.push(`${name}: ${count} mismatching rows in all`);
  }
  return out;
}

/** Options of checkReaders. */
export interface CheckOptions {
  /** A DuckDB connection (one per test file). */
  readonly duckdb: DuckDBConnection;
  /** Columns DuckDB is not asked to read, with the reason (a DuckDB limitation, never a tessera one). */
  readonly duckdbSkips?: ReadonlyMap<string, string>;
}

/**
 * Reads `path` with tessera, DuckDB and parquet-wasm and asserts that each gives back every cell of `source`
 * (whose columns are `cases`). One assertion per reader, listing the mismatching cells.
 */
export async function checkReaders(
  t: Test,
  path: string,
  source: arrow.Table,
  cases: readonly ColumnCase[],
  options: CheckOptions,
): Promise<void> {
  const expected = sourceCells(source, cases);
  const readers: [ReaderName, () => Promise<Cells> | Cells, readonly ColumnCase[]][] = [
    ['tessera', () => tesseraCells(path), cases],
    ['parquet-wasm', () => parquetWasmCells(path), cases],
  ];
  const duckCases = cases.filter((c) => !options.duckdbSkips?.has(c.field.name));
  readers.push([
    'duckdb',
    () =>
      duckdbCellsOf(
        options.duckdb,
        path,
        duckCases.filter((c) => !c.nested).map((c) => c.field.name),
        duckCases.filter((c) => c.nested).map((c) => c.field.name),
      ),
    duckCases,
  ]);
  for (const [reader, read, columns] of readers) {
    let problems: string[];
    try {
      problems = mismatches(reader, columns, expected, await read());
    } catch (err) {
      problems = [`${reader} failed to read the file: ${String((err as Error)?.message ?? err).split('\n')[0]}`];
    }
    t.same(problems, [], `${reader} reads back every value of ${columns.length} columns`);
  }
}
