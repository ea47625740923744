// Comparable keys: column values, literals and statistics bounds of one column brought into one ordered domain,
// so that row filtering and statistics pruning compare the same things the same way.
import { effectiveLogicalType } from '../arrow_types.js';
import { ParquetError } from '../errors.js';
import { Type } from '../metadata/enums.js';
import type { ColumnDescriptor } from '../schema.js';
import type { FilterValue } from './expression.js';

/** A comparable value: numbers (int32 and narrower, floats, dates, booleans as 0/1), bigints (int64, timestamps
 *  and times in the column's unit, decimals as unscaled integers), or bytes (text, binary; unsigned order). */
export type Key = number | bigint | Uint8Array;

/** How a column's values are compared. */
export type KeyDomain =
  | { readonly kind: 'number'; readonly float: boolean; readonly days?: boolean }
  | { readonly kind: 'bigint'; readonly unitsPerMilli?: bigint }
  | { readonly kind: 'decimal'; readonly scale: number }
  | { readonly kind: 'bytes' };

const UNITS_PER_MILLI = { MILLIS: 1n, MICROS: 1000n, NANOS: 1_000_000n } as const;
const MILLIS_PER_DAY = 86_400_000;

/** The key domain of a flat leaf column; throws ParquetError('BAD_ARGUMENT') for columns filters cannot compare. */
export function keyDomain(column: ColumnDescriptor): KeyDomain {
  const logical = effectiveLogicalType(column.element);
  const unsupported = (what: string) =>
    new ParquetError('BAD_ARGUMENT', `filter: column ${JSON.stringify(column.name)} (${what}) cannot be filtered`);
  if (column.maxRepetitionLevel > 0) throw unsupported('repeated');
  if (logical?.type === 'DECIMAL') return { kind: 'decimal', scale: logical.scale };
  switch (column.physicalType) {
    case Type.BOOLEAN:
    case Type.INT32:
      return { kind: 'number', float: false, days: logical?.type === 'DATE' };
    case Type.INT64:
      if (logical?.type === 'TIMESTAMP') return { kind: 'bigint', unitsPerMilli: UNITS_PER_MILLI[logical.unit] };
      return { kind: 'bigint' };
    case Type.FLOAT:
    case Type.DOUBLE:
      return { kind: 'number', float: true };
    case Type.BYTE_ARRAY:
      return { kind: 'bytes' };
    case Type.FIXED_LEN_BYTE_ARRAY:
      if (logical?.type === 'FLOAT16') throw unsupported('FLOAT16');
      return { kind: 'bytes' };
    default:
      throw unsupported('INT96');
  }
}

const encoder = new TextEncoder();

/** Parses decimal text into an unscaled integer at `scale`, or undefined when it has more fraction digits. */
function scaledDecimal(text: string, scale: number): bigint | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && !m[3])) return undefined;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let shift = scale - (m[3]?.length ?? 0) + Number(m[4] ?? 0);
  while (shift < 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    shift++;
  }
  if (shift < 0) return undefined;
  const value = BigInt(digits || '0') * 10n ** BigInt(shift);
  return m[1] === '-' ? -value : value;
}

/** A literal of a filter as a key of `column`'s domain; throws ParquetError('BAD_ARGUMENT') when it does not fit. */
export function literalKey(value: FilterValue, domain: KeyDomain, column: string): Key {
  const bad = () =>
    new ParquetError(
      'BAD_ARGUMENT',
      `filter: value ${typeof value === 'string' ? JSON.stringify(value) : String(value)} cannot be compared with column ${JSON.stringify(column)}`,
    );
  switch (domain.kind) {
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'bigint') return Number(value);
      if (value instanceof Date && domain.days) return Math.floor(value.getTime() / MILLIS_PER_DAY);
      throw bad();
    case 'bigint':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && !Number.isNaN(value)) return Number.isInteger(value) ? BigInt(value) : value;
      if (value instanceof Date && domain.unitsPerMilli !== undefined) {
        return BigInt(value.getTime()) * domain.unitsPerMilli;
      }
      throw bad();
    case 'decimal': {
      const scaled =
        typeof value === 'bigint'
          ? value * 10n ** BigInt(domain.scale)
          : typeof value === 'number' || typeof value === 'string'
            ? scaledDecimal(String(value), domain.scale)
            : undefined;
      if (scaled === undefined) throw bad();
      return scaled;
    }
    case 'bytes':
      if (typeof value === 'string') return encoder.encode(value);
      if (value instanceof Uint8Array) return value;
      throw bad();
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Orders two keys of one domain: negative, zero or positive; NaN when either is a NaN number (unordered). */
export function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
    if (typeof b === 'bigint') return Number.isNaN(a) ? Number.NaN : -compareBigNumber(b, a);
  } else if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    if (typeof b === 'number') return Number.isNaN(b) ? Number.NaN : compareBigNumber(a, b);
  } else if (b instanceof Uint8Array) {
    return compareBytes(a, b);
  }
  throw new ParquetError('BAD_ARGUMENT', 'filter: keys of different kinds compared');
}

/** A bigint against a non-integer number (a literal like 10.5 on an int64 column). */
function compareBigNumber(a: bigint, b: number): number {
  if (Number.isInteger(b)) {
    const bb = BigInt(b);
    return a < bb ? -1 : a > bb ? 1 : 0;
  }
  const floor = BigInt(Math.floor(b));
  return a <= floor ? -1 : 1;
}
