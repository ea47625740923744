/**
 * Column types of CSV input, inferred from a sample of values the way DuckDB's read_csv sniffs them: each column
 * gets the most specific type every non-null sampled value parses as, in the order BOOLEAN, BIGINT, DOUBLE, DATE,
 * TIMESTAMP, TIMESTAMPTZ, else VARCHAR. A column with no value in the sample is VARCHAR.
 *
 * As in DuckDB (1.5), numbers written as text stay text: an unsigned number with a leading zero ("007", "00.5":
 * zip codes, ids) or a leading "+" ("+4930...": phone numbers) is not a BIGINT or DOUBLE. A column holding a
 * timestamp with an offset ("2024-01-01 00:00:00+02:00") is TIMESTAMPTZ, stored as the UTC instant (a Parquet
 * TIMESTAMP with isAdjustedToUTC); its values without an offset are read as UTC (DuckDB: in the session's time zone).
 * Known differences from DuckDB: "inf" and "nan" are DOUBLE here (DuckDB sniffs them as VARCHAR), "t"/"f" are not
 * BOOLEAN here.
 */
import { Bool, type DataType, DateDay, Float64, Int64, TimestampMicrosecond, Utf8 } from 'apache-arrow';

/** The types a CSV column can be inferred as (DuckDB's names). */
export type CsvColumnType = 'BOOLEAN' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'VARCHAR';

/** A parsed CSV value: booleans, BIGINT and timestamps (microseconds) as bigint, DOUBLE, DATE (days) as number. */
export type CsvValue = boolean | bigint | number | string;

/** Candidate types from most to least specific (VARCHAR, which takes anything, is the fallback). */
export const CANDIDATE_TYPES: readonly Exclude<CsvColumnType, 'VARCHAR'>[] = [
  'BOOLEAN',
  'BIGINT',
  'DOUBLE',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMPTZ',
];

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_DOUBLE = /^[+-]?(?:inf|infinity|nan)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 / SQL: date, 'T' or space, hh:mm[:ss[.fraction]], then for TIMESTAMPTZ 'Z' or a ±hh[[:]mm] offset.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function parseBoolean(text: string): boolean | undefined {
  const lower = text.length <= 5 ? text.toLowerCase() : '';
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Whether `text` is written like text rather than a number: a leading "+", or a "0" followed by a digit. */
function numberAsText(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x2b) return true; // '+'
  if (c !== 0x30 || text.length < 2) return false;
  const d = text.charCodeAt(1);
  return d >= 0x30 && d <= 0x39;
}

function parseBigint(text: string): bigint | undefined {
  if (!INTEGER.test(text) || numberAsText(text)) return undefined;
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

function parseDouble(text: string): number | undefined {
  if (numberAsText(text)) return undefined;
  if (DECIMAL.test(text)) return Number(text);
  if (!SPECIAL_DOUBLE.test(text)) return undefined;
  const body = text.replace(/^[+-]/, '').toLowerCase();
  if (body === 'nan') return Number.NaN;
  return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/**
 * Days since 1970-01-01 of a valid proleptic Gregorian date, else undefined. Integer arithmetic (the "days from
 * civil" algorithm: years counted from March so the leap day ends the year) rather than Date objects, which cost
 * more than the rest of the CSV parsing together.
 */
function epochDay(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)) return undefined;
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function parseDate(text: string): number | undefined {
  const m = DATE.exec(text);
  return m === null ? undefined : epochDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Microseconds since the epoch; `zoned`: the text must not carry an offset (false) or may (true; none is UTC). */
function parseTimestamp(text: string, zoned: boolean): bigint | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null || (m[8] !== undefined && !zoned)) return undefined;
  const day = epochDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (day === undefined || h > 23 || mi > 59 || s > 59) return undefined;
  const seconds = day * 86_400 + h * 3600 + mi * 60 + s - offsetMinutes(m[8]) * 60;
  // Fractions beyond microseconds are truncated (the column's unit is microseconds).
  const fraction = m[7] === undefined ? 0 : Number(m[7].padEnd(6, '0').slice(0, 6));
  // Exact as a double while |seconds| * 1e6 stays below 2^53 (years 1685..2255); BigInt arithmetic beyond.
  return Math.abs(seconds) < 9e9 ? BigInt(seconds * 1e6 + fraction) : BigInt(seconds) * 1_000_000n + BigInt(fraction);
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return offset.startsWith('-') ? -minutes : minutes;
}

/** Parses `text` as a value of `type`; undefined if it is not one. A DATE also parses as a TIMESTAMP (midnight). */
export function parseCsvValue(type: CsvColumnType, text: string): CsvValue | undefined {
  switch (type) {
    case 'BOOLEAN':
      return parseBoolean(text);
    case 'BIGINT':
      return parseBigint(text);
    case 'DOUBLE':
      return parseDouble(text);
    case 'DATE':
      return parseDate(text);
    case 'TIMESTAMP': {
      const days = parseDate(text);
      return days === undefined ? parseTimestamp(text, false) : BigInt(days) * 86_400_000_000n;
    }
    case 'TIMESTAMPTZ':
      return parseTimestamp(text, true);
    case 'VARCHAR':
      return text;
  }
}

/** Infers one column's type: narrows a set of candidates value by value. */
export class CsvTypeInference {
  private remaining = new Set<CsvColumnType>(CANDIDATE_TYPES);
  private sawValue = false;

  /** Takes a sampled value into account; null and the empty string say nothing about the type. */
  observe(text: string | null): void {
    if (text === null || text === '' || this.remaining.size === 0) return;
    this.sawValue = true;
    for (const type of this.remaining) {
      if (parseCsvValue(type, text) === undefined) this.remaining.delete(type);
    }
  }

  /** The inferred type. */
  result(): CsvColumnType {
    if (!this.sawValue) return 'VARCHAR';
    return CANDIDATE_TYPES.find((type) => this.remaining.has(type)) ?? 'VARCHAR';
  }
}

/** The Arrow type a CSV column of `type` is read into. */
export function arrowTypeOf(type: CsvColumnType): DataType {
  switch (type) {
    case 'BOOLEAN':
      return new Bool();
    case 'BIGINT':
      return new Int64();
    case 'DOUBLE':
      return new Float64();
    case 'DATE':
      return new DateDay();
    case 'TIMESTAMP':
      return new TimestampMicrosecond();
    case 'TIMESTAMPTZ':
      return new TimestampMicrosecond('UTC');
    case 'VARCHAR':
      return new Utf8();
  }
}
