// Comparisons with SQL null propagation (NULL compared to anything is NULL) and DuckDB's total order on floats:
// NaN equals NaN and sorts above every other value, -0 equals 0. Strings compare by their UTF-8 bytes (DuckDB's
// default binary collation), temporal values by instant (a date is its midnight).
import { allocBitmap } from '../../columnar/alloc.js';
import { offsetAt, setBit } from '../../columnar/layout.js';
import type { Column, DataType } from '../../columnar/types.js';
import { ExprError } from './errors.js';
import { isInteger, isNumeric, isTemporal } from './promote.js';
import type { ComparisonOp, Expr } from './types.js';
import { asBigInts, asFloat64, combinedValidity, validAt } from './vectors.js';

const NS_PER: Record<string, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };

/** A temporal column's values as nanoseconds since the epoch. */
export function temporalNanos(column: Column): (i: number) => bigint {
  const { type } = column;
  const raw = asBigInts(column);
  if (type.kind === 'date32') return (i) => raw(i) * 86_400_000_000_000n;
  if (type.kind === 'date64') return (i) => raw(i) * 1_000_000n;
  const per = NS_PER[(type as { unit: string }).unit]!;
  return (i) => raw(i) * per;
}

/** -1, 0 or 1 ordering two doubles as DuckDB does (NaN last and equal to itself). */
function compareDoubles(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const nx = Number.isNaN(x);
  const ny = Number.isNaN(y);
  return nx === ny ? 0 : nx ? 1 : -1;
}

function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let k = 0; k < n; k++) {
    const d = a[aStart + k]! - b[bStart + k]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** A per-row three-way comparator of two columns, or undefined when their types do not compare. */
function comparator(a: Column, b: Column): ((i: number) => number) | undefined {
  const ta = a.type;
  const tb = b.type;
  const bytes = (t: DataType) =>
    t.kind === 'utf8' || t.kind === 'large_utf8' || t.kind === 'binary' || t.kind === 'large_binary';
  if (bytes(ta) && bytes(tb)) {
    const [oa, da, ob, db] = [a.offsets!, a.data!, b.offsets!, b.data!];
    return (i) => compareBytes(da, offsetAt(oa, i), offsetAt(oa, i + 1), db, offsetAt(ob, i), offsetAt(ob, i + 1));
  }
  if (ta.kind === 'bool' && tb.kind === 'bool') {
    const x = asFloat64(a);
    const y = asFloat64(b);
    return (i) => x[i]! - y[i]!;
  }
  if (isTemporal(ta) && isTemporal(tb)) {
    const x = temporalNanos(a);
    const y = temporalNanos(b);
    return (i) => {
      const p = x(i);
      const q = y(i);
      return p < q ? -1 : p > q ? 1 : 0;
    };
  }
  if (isNumeric(ta) && isNumeric(tb)) {
    // 64-bit integers compare exactly (DuckDB compares int64 with uint64 as HUGEINT), everything else as doubles.
    const wide = (t: DataType) => t.kind === 'int64' || t.kind === 'uint64';
    if (isInteger(ta) && isInteger(tb) && (wide(ta) || wide(tb))) {
      const x = asBigInts(a);
      const y = asBigInts(b);
      return (i) => {
        const p = x(i);
        const q = y(i);
        return p < q ? -1 : p > q ? 1 : 0;
      };
    }
    const x = asFloat64(a);
    const y = asFloat64(b);
    return (i) => compareDoubles(x[i]!, y[i]!);
  }
  return undefined;
}

const TEST: Record<ComparisonOp, (c: number) => boolean> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
};

/** a op b as a bool column. */
export function compare(op: ComparisonOp, a: Column, b: Column, expr: Expr): Column {
  const length = a.length;
  const nulls = combinedValidity([a, b], length);
  const values = allocBitmap(length);
  if (a.type.kind !== 'null' && b.type.kind !== 'null') {
    if (compareFloatsFast(op, a, b, nulls.validity, values)) return boolResult(length, values, nulls);
    const cmp = comparator(a, b);
    if (!cmp) throw new ExprError('TYPE_MISMATCH', `cannot compare ${a.type.kind} with ${b.type.kind}`, expr);
    const test = TEST[op];
    for (let i = 0; i < length; i++) if (validAt(nulls.validity, i) && test(cmp(i))) setBit(values, i);
  }
  return boolResult(length, values, nulls);
}

function boolResult(length: number, values: Uint8Array, nulls: { validity?: Uint8Array; nullCount: number }): Column {
  return nulls.validity
    ? { type: { kind: 'bool' }, length, nullCount: nulls.nullCount, validity: nulls.validity, values }
    : { type: { kind: 'bool' }, length, nullCount: 0, values };
}

const NARROW_NUMERIC = new Set(['int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'float32', 'float64']);

/** The common case, numbers of at most 32-bit integers or floats, in one loop per operator (NaN handled as in
 *  compareDoubles). Returns false when the operands need the general path. Null slots hold arbitrary values;
 *  their bits are never read. */
function compareFloatsFast(op: ComparisonOp, a: Column, b: Column, validity: Uint8Array | undefined, out: Uint8Array) {
  if (!NARROW_NUMERIC.has(a.type.kind) || !NARROW_NUMERIC.has(b.type.kind)) return false;
  const x = a.values as Float64Array;
  const y = b.values as Float64Array;
  const n = a.length;
  const test = TEST[op];
  for (let i = 0; i < n; i++) {
    const p = x[i]!;
    const q = y[i]!;
    // Without NaN, (p > q) - (p < q) is the three-way comparison.
    const c = !Number.isNaN(p) && !Number.isNaN(q) ? +(p > q) - +(p < q) : compareDoubles(p, q);
    if (test(c)) out[i >> 3]! |= 1 << (i & 7);
  }
  if (validity) for (let k = 0; k < out.length; k++) out[k]! &= validity[k]!;
  return true;
}
