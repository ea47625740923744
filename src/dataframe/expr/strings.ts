// String functions over utf8 columns. lower/upper use JavaScript's locale-independent Unicode case mapping, which
// differs from DuckDB's utf8proc on a few characters: upper('ß') is 'SS' here and 'ẞ' in DuckDB, lower('İ') is
// 'i̇' (i + U+0307) here and 'i' in DuckDB. length counts Unicode code points, as DuckDB's length() does.
import { allocArray, allocBitmap, allocOffsets, allocShared } from '../../columnar/alloc.js';
import { isValid, offsetAt, setBit } from '../../columnar/layout.js';
import type { Column } from '../../columnar/types.js';
import { ExprError } from './errors.js';
import { isString } from './promote.js';
import type { Expr, StringMatchOp } from './types.js';
import { combinedValidity, resultColumn, validAt } from './vectors.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function requireString(column: Column, expr: Expr): void {
  if (!isString(column.type) && column.type.kind !== 'null') {
    throw new ExprError('TYPE_MISMATCH', `expected a string operand, got ${column.type.kind}`, expr);
  }
}

/** lower(a) / upper(a). */
export function changeCase(a: Column, upper: boolean, expr: Expr): Column {
  requireString(a, expr);
  if (a.type.kind === 'null') return a;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    if (!isValid(a, i)) {
      parts.push(new Uint8Array(0));
      continue;
    }
    const text = decoder.decode(a.data!.subarray(offsetAt(a.offsets!, i), offsetAt(a.offsets!, i + 1)));
    const bytes = encoder.encode(upper ? text.toUpperCase() : text.toLowerCase());
    parts.push(bytes);
    total += bytes.length;
  }
  const offsets = allocOffsets(a.type, a.length);
  const data = allocArray(Uint8Array, total);
  let at = 0;
  parts.forEach((p, i) => {
    data.set(p, at);
    at += p.length;
    offsets[i + 1] = offsets instanceof BigInt64Array ? BigInt(at) : at;
  });
  const base = { type: a.type, length: a.length, nullCount: a.nullCount, offsets, data };
  return a.validity ? { ...base, validity: a.validity } : base;
}

/** length(a) in code points (UTF-8 bytes that do not continue a sequence). DuckDB returns BIGINT; a length always
 *  fits int32, which is cheaper downstream, so the result is int32. */
export function codePointLength(a: Column, expr: Expr): Column {
  requireString(a, expr);
  const out = allocShared({ kind: 'int32' }, a.length) as Int32Array;
  if (a.type.kind !== 'null') {
    const data = a.data!;
    for (let i = 0; i < a.length; i++) {
      let n = 0;
      for (let k = offsetAt(a.offsets!, i); k < offsetAt(a.offsets!, i + 1); k++) if ((data[k]! & 0xc0) !== 0x80) n++;
      out[i] = n;
    }
  }
  return resultColumn({ kind: 'int32' }, a.length, out, combinedValidity([a], a.length));
}

function matchAt(data: Uint8Array, start: number, pattern: Uint8Array, pStart: number, pLen: number): boolean {
  for (let k = 0; k < pLen; k++) if (data[start + k] !== pattern[pStart + k]) return false;
  return true;
}

/** contains / starts_with / ends_with by UTF-8 bytes (equivalent to code points for valid UTF-8). */
export function stringMatch(op: StringMatchOp, a: Column, b: Column, expr: Expr): Column {
  requireString(a, expr);
  requireString(b, expr);
  const length = a.length;
  const nulls = combinedValidity([a, b], length);
  const values = allocBitmap(length);
  if (a.type.kind !== 'null' && b.type.kind !== 'null') {
    const [da, db] = [a.data!, b.data!];
    for (let i = 0; i < length; i++) {
      if (!validAt(nulls.validity, i)) continue;
      const s = offsetAt(a.offsets!, i);
      const n = offsetAt(a.offsets!, i + 1) - s;
      const p = offsetAt(b.offsets!, i);
      const m = offsetAt(b.offsets!, i + 1) - p;
      let hit = false;
      if (m <= n) {
        if (op === 'starts_with') hit = matchAt(da, s, db, p, m);
        else if (op === 'ends_with') hit = matchAt(da, s + n - m, db, p, m);
        else for (let k = 0; k <= n - m && !hit; k++) hit = matchAt(da, s + k, db, p, m);
      }
      if (hit) setBit(values, i);
    }
  }
  return nulls.validity
    ? { type: { kind: 'bool' }, length, nullCount: nulls.nullCount, validity: nulls.validity, values }
    : { type: { kind: 'bool' }, length, nullCount: 0, values };
}
