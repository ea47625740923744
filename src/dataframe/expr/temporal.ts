// Date parts of dates and timestamps, on the proleptic Gregorian calendar. Timestamps with a timezone are
// instants; their parts are taken in UTC (DuckDB uses the session TimeZone setting: equal when it is UTC).
// DuckDB returns BIGINT for every part; they always fit int32, which is cheaper downstream, so results are int32.
import { allocShared } from '../../columnar/alloc.js';
import type { Column } from '../../columnar/types.js';
import { ExprError } from './errors.js';
import type { DatePartOp, Expr } from './types.js';
import { asBigInts, combinedValidity, resultColumn, validAt } from './vectors.js';

/** [year, month (1-12), day (1-31)] of a day number (days since 1970-01-01). Howard Hinnant's civil-from-days. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The day number of a civil date (inverse of civilFromDays). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const UNITS_PER_SECOND: Record<string, bigint> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };

/** Splits a temporal column into (day number, seconds within the day) per row. */
function dayAndSeconds(column: Column): (i: number) => [number, number] {
  const raw = asBigInts(column);
  const { type } = column;
  if (type.kind === 'date32') return (i) => [Number(raw(i)), 0];
  const perSecond = type.kind === 'date64' ? 1000n : UNITS_PER_SECOND[(type as { unit: string }).unit]!;
  const perDay = perSecond * 86_400n;
  return (i) => {
    const v = raw(i);
    let days = v / perDay;
    if (v % perDay < 0n) days -= 1n;
    const rest = v - days * perDay;
    return [Number(days), Number(rest / perSecond)];
  };
}

/** part(a) for a date or timestamp column. */
export function datePart(op: DatePartOp, a: Column, expr: Expr): Column {
  const kind = a.type.kind;
  if (kind !== 'date32' && kind !== 'date64' && kind !== 'timestamp') {
    throw new ExprError('TYPE_MISMATCH', `${op} needs a date or timestamp, got ${kind}`, expr);
  }
  const split = dayAndSeconds(a);
  const nulls = combinedValidity([a], a.length);
  const out = allocShared({ kind: 'int32' }, a.length) as Int32Array;
  for (let i = 0; i < a.length; i++) {
    if (!validAt(nulls.validity, i)) continue;
    const [days, seconds] = split(i);
    switch (op) {
      case 'hour':
        out[i] = Math.floor(seconds / 3600);
        break;
      case 'minute':
        out[i] = Math.floor(seconds / 60) % 60;
        break;
      case 'second':
        out[i] = seconds % 60;
        break;
      case 'day_of_week':
        out[i] = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
        break;
      default: {
        const [year, month, day] = civilFromDays(days);
        if (op === 'year') out[i] = year;
        else if (op === 'month') out[i] = month;
        else if (op === 'day') out[i] = day;
        else out[i] = days - daysFromCivil(year, 1, 1) + 1;
      }
    }
  }
  return resultColumn({ kind: 'int32' }, a.length, out, nulls);
}
