// CAST between numeric, bool, string and temporal types, following DuckDB: float -> integer rounds half away from
// zero and fails (CONVERSION) on NaN or out of range values; strings parse after trimming and fail when
// malformed. Differences (documented, tested): doubles format the JavaScript way (String(x): '100', '1e+21',
// 'NaN') where DuckDB writes '100.0', '1e+20', 'nan'; decimals convert through float64.
import { allocShared } from '../../columnar/alloc.js';
import { columnFromValues } from '../../columnar/build.js';
import { isValid } from '../../columnar/layout.js';
import type { Column, DataType, IntKind } from '../../columnar/types.js';
import { valueAt } from '../../columnar/values.js';
import { temporalNanos } from './compare.js';
import { ExprError } from './errors.js';
import { fitsInteger, intRange, isFloat, isInteger, isNumeric, isString } from './promote.js';
import { civilFromDays, daysFromCivil } from './temporal.js';
import type { Expr } from './types.js';
import { asFloat64, combinedValidity, resultColumn, validAt } from './vectors.js';

const NS_PER: Record<string, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };

function sameType(a: DataType, b: DataType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rounds half away from zero (DuckDB's float -> integer cast). */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** CAST(a AS to). */
export function cast(a: Column, to: DataType, expr: Expr): Column {
  if (sameType(a.type, to)) return a;
  if (a.type.kind === 'null') return columnFromValues(to, new Array(a.length).fill(null));
  if ((isNumeric(a.type) || a.type.kind === 'bool') && (isNumeric(to) || to.kind === 'bool')) {
    return castNumeric(a, to, expr);
  }
  if (isString(to)) return columnFromValues(to, rowsAsText(a));
  const fail = (detail: string): never => {
    throw new ExprError('CONVERSION', detail, expr);
  };
  const out: unknown[] = new Array(a.length).fill(null);
  if (isString(a.type)) {
    for (let i = 0; i < a.length; i++) {
      if (isValid(a, i)) out[i] = parseText(String(valueAt(a, i)), to, fail);
    }
    return columnFromValues(to, out);
  }
  const temporal = (t: DataType) => t.kind === 'date32' || t.kind === 'date64' || t.kind === 'timestamp';
  if (temporal(a.type) && temporal(to)) {
    const nanos = temporalNanos(a);
    for (let i = 0; i < a.length; i++) if (isValid(a, i)) out[i] = fromNanos(nanos(i), to);
    return columnFromValues(to, out);
  }
  throw new ExprError('UNSUPPORTED', `cannot cast ${a.type.kind} to ${to.kind}`, expr);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/** Nanoseconds since the epoch as the storage value of a temporal type (coarser units floor, as DuckDB's date
 *  cast of a timestamp does). */
function fromNanos(ns: bigint, to: DataType): number | bigint {
  if (to.kind === 'date32') return Number(floorDiv(ns, 86_400_000_000_000n));
  if (to.kind === 'date64') return floorDiv(ns, 86_400_000_000_000n) * 86_400_000n;
  return floorDiv(ns, NS_PER[(to as { unit: string }).unit]!);
}

function castNumeric(a: Column, to: DataType, expr: Expr): Column {
  const length = a.length;
  const nulls = combinedValidity([a], length);
  if (to.kind === 'bool') {
    const x = asFloat64(a);
    return columnFromValues(
      to,
      Array.from(x, (v, i) => (validAt(nulls.validity, i) ? v !== 0 : null)),
    );
  }
  if (to.kind === 'decimal' || to.kind === 'float16') {
    throw new ExprError('UNSUPPORTED', `cannot cast ${a.type.kind} to ${to.kind}`, expr);
  }
  const out = allocShared(to, length);
  if (isFloat(to)) {
    (out as Float64Array).set(asFloat64(a));
    return resultColumn(to, length, out, nulls);
  }
  const kind = (to as { kind: IntKind }).kind;
  const fail = (v: unknown): never => {
    throw new ExprError('CONVERSION', `${a.type.kind} value ${v} is out of range for ${kind}`, expr);
  };
  if (isInteger(a.type) && (a.type.kind.endsWith('64') || kind.endsWith('64'))) {
    const raw = a.values!;
    for (let i = 0; i < length; i++) {
      if (!validAt(nulls.validity, i)) continue;
      const v = BigInt(raw[i]!);
      if (!fitsInteger(v, kind)) fail(v);
      out[i] = (out instanceof BigInt64Array || out instanceof BigUint64Array ? v : Number(v)) as never;
    }
    return resultColumn(to, length, out, nulls);
  }
  const x = asFloat64(a);
  const { min, max } = intRange(kind);
  const [lo, hi] = [Number(min), Number(max)];
  const big = out instanceof BigInt64Array || out instanceof BigUint64Array;
  for (let i = 0; i < length; i++) {
    if (!validAt(nulls.validity, i)) continue;
    const r = isInteger(a.type) ? x[i]! : roundHalfAway(x[i]!);
    if (!(r >= lo && r <= hi)) fail(x[i]);
    out[i] = (big ? BigInt(r) : r) as never;
  }
  return resultColumn(to, length, out, nulls);
}

const DATE = /^([+-]?\d{1,6})-(\d\d)-(\d\d)$/;
const TIMESTAMP = /^([+-]?\d{1,6})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/;

function parseText(raw: string, to: DataType, fail: (detail: string) => never): unknown {
  const text = raw.trim();
  const bad = () => fail(`could not convert string '${raw}' to ${to.kind}`);
  if (to.kind === 'bool') {
    const t = text.toLowerCase();
    if (t === 'true' || t === 't' || t === '1') return true;
    if (t === 'false' || t === 'f' || t === '0') return false;
    return bad();
  }
  if (isInteger(to)) {
    if (/^[+-]?\d+$/.test(text)) {
      const v = BigInt(text);
      if (!fitsInteger(v, to.kind)) return bad();
      return to.kind.endsWith('64') ? v : Number(v);
    }
    const x = Number(text);
    if (text === '' || !Number.isFinite(x)) return bad();
    const r = roundHalfAway(x);
    if (!fitsInteger(r, to.kind)) return bad();
    return to.kind.endsWith('64') ? BigInt(r) : r;
  }
  if (isFloat(to)) {
    const t = text.toLowerCase();
    if (t === 'nan') return Number.NaN;
    if (t === 'inf' || t === 'infinity' || t === '+inf' || t === '+infinity') return Number.POSITIVE_INFINITY;
    if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
    const x = Number(text);
    if (text === '' || Number.isNaN(x)) return bad();
    return x;
  }
  if (to.kind === 'date32' || to.kind === 'date64' || to.kind === 'timestamp') {
    // DuckDB's "YYYY-MM-DD (BC)" years count 1 BC as 1 (astronomical year 0).
    const bc = text.includes(' (BC)');
    const plain = text.replace(' (BC)', '');
    const d = DATE.exec(plain);
    const m = d ?? TIMESTAMP.exec(plain);
    if (!m) return bad();
    const days = daysFromCivil(bc ? 1 - Number(m[1]) : Number(m[1]), Number(m[2]), Number(m[3]));
    let ns = BigInt(days) * 86_400_000_000_000n;
    if (!d) {
      const fraction = (m[7] ?? '').padEnd(9, '0');
      ns += BigInt(Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0)) * 1_000_000_000n + BigInt(fraction);
      const zone = m[8];
      if (zone && zone !== 'Z') {
        const digits = zone.replace(':', '');
        const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
        ns -= BigInt((zone[0] === '-' ? -1 : 1) * minutes) * 60_000_000_000n;
      }
    }
    return fromNanos(ns, to);
  }
  return fail(`cannot cast a string to ${to.kind}`);
}

function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** Dates as YYYY-MM-DD and timestamps as 'YYYY-MM-DD HH:MM:SS[.fraction]' (+00 with a timezone), as DuckDB. */
function rowsAsText(a: Column): (string | null)[] {
  const { type } = a;
  const out: (string | null)[] = new Array(a.length).fill(null);
  const temporal = type.kind === 'date32' || type.kind === 'date64' || type.kind === 'timestamp';
  const nanos = temporal ? temporalNanos(a) : undefined;
  for (let i = 0; i < a.length; i++) {
    if (!isValid(a, i)) continue;
    if (nanos) {
      const ns = nanos(i);
      const days = floorDiv(ns, 86_400_000_000_000n);
      const [y, m, d] = civilFromDays(Number(days));
      // DuckDB writes years before 1 as "YYYY-MM-DD (BC)" counting 1 BC as year 1 (astronomical year 0).
      const bc = y <= 0 ? ' (BC)' : '';
      const date = `${pad(y <= 0 ? 1 - y : y, 4)}-${pad(m)}-${pad(d)}${bc}`;
      if (type.kind !== 'timestamp') {
        out[i] = date;
        continue;
      }
      const rest = ns - days * 86_400_000_000_000n;
      const seconds = Number(rest / 1_000_000_000n);
      const fraction = (rest % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
      const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
      out[i] = `${date} ${time}${fraction ? `.${fraction}` : ''}${type.timezone ? '+00' : ''}`;
      continue;
    }
    const v = valueAt(a, i);
    if (type.kind === 'decimal') {
      out[i] = decimalText(v as bigint, type.scale);
      continue;
    }
    out[i] = v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
  }
  return out;
}

/** An unscaled decimal as text with `scale` fraction digits (DuckDB: CAST(1.50 AS VARCHAR) is '1.50'). */
function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}
