// The independent side of the conformance tests: DuckDB reads a Parquet file and renders every cell as the JSON
// text `tessera cat --format ndjson` promises for it (issue 2, "CLI"). DuckDB does the reading and, where it can, the
// rendering (CAST, strftime, base64); floats are rendered here from DuckDB's numbers, because "shortest text that
// round-trips" is a property of the value's width that SQL cannot express.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** A DuckDB connection on an in-memory database, UTC session time zone (TIMESTAMPTZ renders in UTC). */
export async function openDuckDB(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return connection;
}

/** What parquet_schema() says about one leaf column (DuckDB's own footer reader, not tessera's). */
interface ParquetLeafInfo {
  physicalType: string;
  convertedType: string | null;
  logicalType: string | null;
}

/** How a DuckDB column's values become JSON text. */
type CellRenderer = 'text' | 'string' | 'float16' | 'float32' | 'float64';

/** One column as DuckDB renders it. */
interface RenderedColumn {
  name: string;
  sql: string;
  renderer: CellRenderer;
}

/** Options of duckdbCells. */
export interface DuckDBCellOptions {
  /** Columns to render, in this order (default: all of the file's). */
  columns?: readonly string[];
  /** Reads the values of column `name` from another column of the file (same values, other encoding). */
  sourceOf?: (name: string) => string;
}

/** Every cell of `path` (rows in file order) as the JSON text tessera's ndjson output must hold. */
export async function duckdbCells(
  connection: DuckDBConnection,
  path: string,
  options: DuckDBCellOptions = {},
): Promise<{ names: string[]; rows: string[][] }> {
  const file = sqlString(path);
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${file})`);
  const duckTypes = new Map<string, string>();
  for (const row of described.getRows()) duckTypes.set(String(row[0]), String(row[1]));
  const schema = await connection.runAndReadAll(
    `SELECT name, type, converted_type, logical_type FROM parquet_schema(${file}) WHERE type IS NOT NULL`,
  );
  const leaves = new Map<string, ParquetLeafInfo>();
  for (const [name, physicalType, convertedType, logicalType] of schema.getRows()) {
    leaves.set(String(name), {
      physicalType: String(physicalType),
      convertedType: convertedType === null ? null : String(convertedType),
      logicalType: logicalType === null ? null : String(logicalType),
    });
  }
  const names = options.columns ? [...options.columns] : [...duckTypes.keys()];
  const columns = names.map((name): RenderedColumn => {
    const source = options.sourceOf?.(name) ?? name;
    const duckType = duckTypes.get(source);
    const leaf = leaves.get(source);
    if (!duckType || !leaf) throw new Error(`DuckDB sees no flat column ${source} in ${path}`);
    return { name, ...renderColumn(quoteIdentifier(source), duckType, leaf) };
  });
  if (columns.length === 0) return { names, rows: [] };
  // file_row_number pins the file's row order, whatever DuckDB's scan parallelism.
  const query =
    `SELECT ${columns.map((c) => c.sql).join(', ')} FROM read_parquet(${file}, file_row_number = true) ` +
    'ORDER BY file_row_number';
  const result = await connection.runAndReadAll(query);
  const rows = result.getRows().map((row) => row.map((value, k) => renderCell(value, columns[k]!.renderer)));
  return { names, rows };
}

/** The JSON line `{"a":1,"b":"x"}` of one row of cells. */
export function ndjsonLine(names: readonly string[], cells: readonly string[]): string {
  return `{${names.map((name, k) => `${JSON.stringify(name)}:${cells[k]}`).join(',')}}`;
}

function renderColumn(column: string, duckType: string, leaf: ParquetLeafInfo): Omit<RenderedColumn, 'name'> {
  const quoted = (sql: string) => ({ sql: `'"' || ${sql} || '"'`, renderer: 'text' as const });
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|BOOLEAN)$/.test(duckType)) {
    return { sql: `CAST(${column} AS VARCHAR)`, renderer: 'text' };
  }
  if (duckType.startsWith('DECIMAL')) return quoted(`CAST(${column} AS VARCHAR)`);
  if (duckType === 'DOUBLE') return { sql: column, renderer: 'float64' };
  if (duckType === 'FLOAT') {
    // Adaptation: DuckDB reads FLOAT16 as FLOAT (an exact widening); its text is the shortest that round-trips in
    // binary16, the column's own width.
    const isHalf = leaf.logicalType?.startsWith('Float16') ?? false;
    return { sql: column, renderer: isHalf ? 'float16' : 'float32' };
  }
  if (duckType === 'VARCHAR') return { sql: column, renderer: 'string' };
  if (duckType === 'BLOB') return quoted(`base64(${column})`);
  // Adaptation: DuckDB reads the GEOMETRY / GEOGRAPHY logical types as its GEOMETRY type; tessera reads them as
  // their physical BYTE_ARRAY (WKB). ST_AsWKB gives DuckDB's bytes back.
  if (duckType.startsWith('GEOMETRY')) return quoted(`base64(ST_AsWKB(${column}))`);
  if (duckType === 'UUID') return quoted(`CAST(${column} AS VARCHAR)`);
  if (duckType === 'DATE') return quoted(`strftime(${column}, '%Y-%m-%d')`);
  // TIME_NS (DuckDB 1.5 reads TIME(NANOS) at full precision) and TIME WITH TIME ZONE (what it makes of a TIME with
  // isAdjustedToUTC, always at offset +00): their text without the offset, fraction digits as DuckDB prints them.
  if (duckType === 'TIME_NS' || duckType === 'TIME WITH TIME ZONE') {
    return quoted(`regexp_replace(CAST(${column} AS VARCHAR), '[+-]00(:00)?$', '')`);
  }
  if (duckType === 'TIME') {
    const fraction = unitOf(leaf) === 'MILLIS' ? '%g' : '%f';
    return quoted(`strftime(DATE '1970-01-01' + ${column}, '%H:%M:%S.${fraction}')`);
  }
  if (duckType.startsWith('TIMESTAMP')) {
    const utc = duckType === 'TIMESTAMP WITH TIME ZONE';
    // INT96: tessera, like DuckDB, reads microsecond timestamps without a time zone.
    if (leaf.physicalType === 'INT96') return quoted(`strftime(${column}, '%Y-%m-%dT%H:%M:%S.%f')`);
    const fraction = { MILLIS: '%g', MICROS: '%f', NANOS: '%n' }[unitOf(leaf)];
    return quoted(`strftime(${column}, '%Y-%m-%dT%H:%M:%S.${fraction}')${utc ? " || 'Z'" : ''}`);
  }
  throw new Error(`no rendering for DuckDB type ${duckType} (Parquet ${JSON.stringify(leaf)})`);
}

function unitOf(leaf: ParquetLeafInfo): 'MILLIS' | 'MICROS' | 'NANOS' {
  const text = `${leaf.convertedType ?? ''} ${leaf.logicalType ?? ''}`;
  if (/MILLIS(?!=<null>)|MilliSeconds/.test(text)) return 'MILLIS';
  if (/NANOS(?!=<null>)|NanoSeconds/.test(text)) return 'NANOS';
  return 'MICROS';
}

function renderCell(value: unknown, renderer: CellRenderer): string {
  if (value === null || value === undefined) return 'null';
  switch (renderer) {
    case 'text':
      return String(value);
    case 'string':
      return JSON.stringify(String(value));
    case 'float64':
      return floatJson(value as number, (x) => x, 17);
    case 'float32':
      return floatJson(value as number, Math.fround, 9);
    case 'float16':
      return floatJson(value as number, roundToBinary16, 5);
  }
}

/** JSON text of a float: the shortest decimal that rounds back to it at its width; non-finite values as strings. */
function floatJson(value: number, round: (x: number) => number, maxDigits: number): string {
  if (Number.isNaN(value)) return '"NaN"';
  if (value === Number.POSITIVE_INFINITY) return '"Infinity"';
  if (value === Number.NEGATIVE_INFINITY) return '"-Infinity"';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  for (let digits = 1; digits <= maxDigits; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (round(candidate) === value) return String(candidate);
  }
  throw new Error(`${value} does not round-trip in ${maxDigits} digits`);
}

/** Every finite non-negative binary16 value, ascending (index = bit pattern), decoded from its bits. */
const BINARY16_VALUES: Float64Array = (() => {
  const values = new Float64Array(0x7c00);
  for (let bits = 0; bits < 0x7c00; bits++) {
    const exponent = bits >> 10;
    const mantissa = bits & 0x3ff;
    values[bits] = exponent === 0 ? mantissa * 2 ** -24 : (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return values;
})();

/** `x` rounded to the nearest binary16 (ties to the even bit pattern), by search in the table of all values. */
function roundToBinary16(x: number): number {
  const magnitude = Math.abs(x);
  const max = BINARY16_VALUES[0x7bff]!;
  if (magnitude >= max + 2 ** 4) return x > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  let lo = 0;
  let hi = 0x7bff;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (BINARY16_VALUES[mid]! <= magnitude) lo = mid;
    else hi = mid - 1;
  }
  let bits = lo;
  if (lo < 0x7bff) {
    const below = magnitude - BINARY16_VALUES[lo]!;
    const above = BINARY16_VALUES[lo + 1]! - magnitude;
    if (above < below || (above === below && lo % 2 === 1)) bits = lo + 1;
  }
  return Math.sign(x) * BINARY16_VALUES[bits]!;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
