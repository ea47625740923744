/**
 * Text for Parquet DATE, TIME and TIMESTAMP values (LogicalTypes.md "Temporal Types"), proleptic Gregorian calendar.
 *
 * Years 0000..9999 print with four digits. Years outside that range print in the ISO 8601 expanded form that
 * JavaScript's `Date.prototype.toISOString` also uses: a sign and at least six digits ("+010000-01-01",
 * "-000001-12-31"). Year 0 is 1 BC (astronomical numbering). No value makes these functions throw.
 */

/** Time units of Parquet TIME / TIMESTAMP and of Arrow Time / Timestamp. */
export type TemporalUnit = 'SECOND' | 'MILLISECOND' | 'MICROSECOND' | 'NANOSECOND';

const UNITS_PER_SECOND: Record<TemporalUnit, number> = {
  SECOND: 1,
  MILLISECOND: 1e3,
  MICROSECOND: 1e6,
  NANOSECOND: 1e9,
};
const FRACTION_DIGITS: Record<TemporalUnit, number> = { SECOND: 0, MILLISECOND: 3, MICROSECOND: 6, NANOSECOND: 9 };
const SECONDS_PER_DAY = 86_400;

/** Calendar date of `days` since 1970-01-01 (Howard Hinnant's civil_from_days; exact for |days| < 2^53 / 146097). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return `${year}`.padStart(4, '0');
  return (year < 0 ? '-' : '+') + `${Math.abs(year)}`.padStart(6, '0');
}

/** "YYYY-MM-DD" for `days` since 1970-01-01 (Parquet DATE). */
export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Splits `value` (in units of which `perDay` make a day) into whole days and a non-negative remainder within the day.
 * Both results are exact numbers for any int64 input: |days| < 2^47 and the remainder < 8.64e13.
 */
function splitDays(value: bigint | number, perDay: number): { days: number; withinDay: number } {
  if (typeof value === 'number' || (value >= -9_007_199_254_740_991n && value <= 9_007_199_254_740_991n)) {
    const v = Number(value);
    let days = Math.floor(v / perDay);
    let withinDay = v - days * perDay;
    // The float division can round the quotient up across an integer near 2^53; both products stay exact.
    if (withinDay < 0) {
      days -= 1;
      withinDay += perDay;
    }
    return { days, withinDay };
  }
  const divisor = BigInt(perDay);
  let days = value / divisor;
  let withinDay = value % divisor;
  if (withinDay < 0n) {
    withinDay += divisor;
    days -= 1n;
  }
  return { days: Number(days), withinDay: Number(withinDay) };
}

/** "HH:MM:SS" + fraction for `units` (non-negative, exact) of a unit of which `perSecond` make a second. */
function formatClock(units: number, perSecond: number, fractionDigits: number): string {
  const seconds = Math.floor(units / perSecond);
  const fraction = units - seconds * perSecond;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds % 60)}${formatFraction(fraction, fractionDigits)}`;
}

function formatFraction(fraction: number, digits: number): string {
  return digits === 0 ? '' : `.${`${fraction}`.padStart(digits, '0')}`;
}

/**
 * "HH:MM:SS" plus a fraction with the digits of `unit` for a time of day (Parquet TIME). Values outside one day are
 * not wrapped: hours keep counting past 23, and a negative value prints as "-" followed by its magnitude.
 */
export function formatTimeOfDay(value: bigint | number, unit: TemporalUnit): string {
  if (value < 0) return `-${formatTimeOfDay(-value, unit)}`;
  const perSecond = UNITS_PER_SECOND[unit];
  const { days, withinDay } = splitDays(value, perSecond * SECONDS_PER_DAY);
  const clock = formatClock(withinDay, perSecond, FRACTION_DIGITS[unit]);
  if (days === 0) return clock;
  // Past one day: fold whole days into the hour field.
  const colon = clock.indexOf(':');
  return `${days * 24 + Number(clock.slice(0, colon))}${clock.slice(colon)}`;
}

/**
 * ISO-8601 "YYYY-MM-DDTHH:MM:SS" plus a fraction with the digits of `unit` (none for seconds), and "Z" when `utc`
 * (Parquet TIMESTAMP with isAdjustedToUTC, Arrow Timestamp with a time zone). Formats one value.
 */
export function formatTimestamp(value: bigint | number, unit: TemporalUnit, utc: boolean): string {
  return new TimestampFormatter(unit, utc).format(value);
}

/**
 * Formats many timestamps of one unit; remembers the date text of the last day seen, since consecutive values of a
 * column usually fall on the same day.
 */
export class TimestampFormatter {
  private readonly perSecond: number;
  private readonly fractionDigits: number;
  private readonly suffix: string;
  private cachedDays = Number.NaN;
  private cachedDate = '';

  /** A formatter for values in `unit`; `utc` appends "Z". */
  constructor(unit: TemporalUnit, utc: boolean) {
    this.perSecond = UNITS_PER_SECOND[unit];
    this.fractionDigits = FRACTION_DIGITS[unit];
    this.suffix = utc ? 'Z' : '';
  }

  /** The ISO-8601 text of `value` (units since 1970-01-01T00:00:00). */
  format(value: bigint | number): string {
    const { days, withinDay } = splitDays(value, this.perSecond * SECONDS_PER_DAY);
    if (days !== this.cachedDays) {
      this.cachedDays = days;
      this.cachedDate = formatDate(days);
    }
    return `${this.cachedDate}T${formatClock(withinDay, this.perSecond, this.fractionDigits)}${this.suffix}`;
  }
}
