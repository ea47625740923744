// Typed JavaScript values for scalar results (a reduction's min, max or sum): a raw storage value (days, units
// since the epoch, an unscaled decimal) says nothing of its unit, so results of DATE, TIMESTAMP and DECIMAL columns
// are returned as values that carry their type. These are classes, so they are made in the calling thread after a
// compute (structured clone between threads drops prototypes): task results stay plain data.
import type { DataType, TimeUnit } from './types.js';
import type { Value } from './values.js';

const NANOS_PER: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };

/** An exact decimal number: `unscaled / 10^scale`, with the precision and scale of its SQL type. */
export class Decimal {
  /** The integer whose digits are the number's digits (1.50 with scale 2 is 150n). */
  readonly unscaled: bigint;
  /** Total digits of the type (DECIMAL(precision, scale)). */
  readonly precision: number;
  /** Digits after the decimal point. */
  readonly scale: number;

  constructor(unscaled: bigint, precision: number, scale: number) {
    this.unscaled = unscaled;
    this.precision = precision;
    this.scale = scale;
  }

  /** The exact value as text with `scale` fraction digits ('1.50'), as DuckDB's CAST(d AS VARCHAR). */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const text = this.scale > 0 ? `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}` : digits;
    return negative ? `-${text}` : text;
  }

  /** The nearest double (parsing the exact text rounds once). */
  toNumber(): number {
    return Number(this.toString());
  }

  /** JSON has no exact decimal: the text, so that nothing is rounded. */
  toJSON(): string {
    return this.toString();
  }

  /** Arithmetic and comparisons with numbers use the nearest double. */
  valueOf(): number {
    return this.toNumber();
  }
}

/**
 * An instant or a local date-time at the resolution of its column: `value` units since the epoch (exact, a
 * bigint), the `unit`, and the `timezone` when the column is UTC-adjusted. A JS Date holds milliseconds only, so
 * microsecond and nanosecond timestamps keep their full value here; `toDate()` gives a Date (truncated to ms).
 */
export class Timestamp {
  /** Units since 1970-01-01T00:00:00 (UTC for a timezone-aware column, local wall time otherwise). */
  readonly value: bigint;
  readonly unit: TimeUnit;
  /** The column's timezone ('UTC', '+02:00', ...); undefined for a local (naive) timestamp. */
  readonly timezone: string | undefined;

  constructor(value: bigint, unit: TimeUnit, timezone?: string) {
    this.value = value;
    this.unit = unit;
    this.timezone = timezone;
  }

  /** Nanoseconds since the epoch. */
  get epochNanoseconds(): bigint {
    return this.value * NANOS_PER[this.unit];
  }

  /** A Date at the millisecond (floor) of this timestamp; read as UTC for a naive timestamp. */
  toDate(): Date {
    const ns = this.epochNanoseconds;
    const ms = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
    return new Date(Number(ms));
  }

  /** ISO 8601 with every digit of the unit ('2024-01-01T00:00:00.123456Z'; no 'Z' for a naive timestamp). */
  toISOString(): string {
    const ns = this.epochNanoseconds;
    const iso = this.toDate().toISOString();
    const subMs = ((ns % 1_000_000n) + 1_000_000n) % 1_000_000n;
    const digits = { s: 0, ms: 3, us: 6, ns: 9 }[this.unit];
    const fraction = `${iso.slice(20, 23)}${subMs.toString().padStart(6, '0')}`.slice(0, digits);
    const text = `${iso.slice(0, 19)}${digits > 0 ? `.${fraction}` : ''}`;
    return this.timezone ? `${text}Z` : text;
  }

  toString(): string {
    return this.toISOString();
  }

  toJSON(): string {
    return this.toISOString();
  }

  /** Comparisons with `<` use milliseconds since the epoch, as for Date. */
  valueOf(): number {
    return this.toDate().getTime();
  }
}

/**
 * The JS value of a raw scalar of `type`: Date for date32/date64 (UTC midnight), Timestamp for timestamps,
 * Decimal for decimals; everything else unchanged. null stays null.
 */
export function typedValue(type: DataType, raw: unknown): unknown {
  if (raw === null || raw === undefined) return raw ?? null;
  const kind = type.kind === 'dictionary' ? type.value.kind : type.kind;
  const t = type.kind === 'dictionary' ? type.value : type;
  switch (kind) {
    case 'date32':
      return new Date(Number(raw) * 86_400_000);
    case 'date64':
      return new Date(Number(raw));
    case 'timestamp': {
      const ts = t as Extract<DataType, { kind: 'timestamp' }>;
      return new Timestamp(BigInt(raw as number | bigint), ts.unit, ts.timezone);
    }
    case 'decimal': {
      const d = t as Extract<DataType, { kind: 'decimal' }>;
      return new Decimal(BigInt(raw as number | bigint), d.precision, d.scale);
    }
    default:
      return raw;
  }
}

/** A reduction's result value: a row value, or a typed Date / Timestamp / Decimal (see typedValue). */
export type ScalarValue = Value | Date | Timestamp | Decimal;
