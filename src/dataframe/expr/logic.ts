// Three-valued AND / OR / NOT (SQL: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, NOT NULL is NULL), IS [NOT]
// NULL, and COALESCE.
import { allocBitmap } from '../../columnar/alloc.js';
import { concatColumns } from '../../columnar/concat.js';
import { isValid, setBit } from '../../columnar/layout.js';
import { takeColumn } from '../../columnar/take.js';
import type { Column } from '../../columnar/types.js';
import { ExprError } from './errors.js';
import type { Expr } from './types.js';
import { finishValidity } from './vectors.js';

function requireBool(column: Column, expr: Expr): void {
  if (column.type.kind !== 'bool' && column.type.kind !== 'null') {
    throw new ExprError('TYPE_MISMATCH', `expected a bool operand, got ${column.type.kind}`, expr);
  }
}

function boolColumn(length: number, values: Uint8Array, validity: Uint8Array): Column {
  const nulls = finishValidity(validity, length);
  return nulls.validity
    ? { type: { kind: 'bool' }, length, nullCount: nulls.nullCount, validity: nulls.validity, values }
    : { type: { kind: 'bool' }, length, nullCount: 0, values };
}

/** The value and validity bytes of a bool (or null-typed) column, byte `k` (8 rows at a time). */
function boolBytes(column: Column): { values: Uint8Array; valid: (k: number) => number } {
  if (column.type.kind === 'null') return { values: new Uint8Array((column.length + 7) >> 3), valid: () => 0 };
  const values = column.values as Uint8Array;
  const validity = column.nullCount > 0 ? column.validity : undefined;
  return { values, valid: validity ? (k) => validity[k]! : () => 0xff };
}

/** a AND b / a OR b, three-valued, a byte (8 rows) at a time. */
export function logical(op: 'and' | 'or', a: Column, b: Column, expr: Expr): Column {
  requireBool(a, expr);
  requireBool(b, expr);
  const length = a.length;
  const values = allocBitmap(length);
  const validity = allocBitmap(length);
  const x = boolBytes(a);
  const y = boolBytes(b);
  for (let k = 0; k < values.length; k++) {
    const xv = x.valid(k);
    const yv = y.valid(k);
    const xTrue = xv & x.values[k]!;
    const yTrue = yv & y.values[k]!;
    const xFalse = xv & ~x.values[k]!;
    const yFalse = yv & ~y.values[k]!;
    if (op === 'and') {
      // FALSE wins over NULL; TRUE needs both sides TRUE.
      values[k] = xTrue & yTrue;
      validity[k] = xFalse | yFalse | (xTrue & yTrue);
    } else {
      values[k] = xTrue | yTrue;
      validity[k] = xTrue | yTrue | (xFalse & yFalse);
    }
  }
  return boolColumn(length, values, validity);
}

/** NOT a (NULL stays NULL). */
export function not(a: Column, expr: Expr): Column {
  requireBool(a, expr);
  const length = a.length;
  const values = allocBitmap(length);
  const validity = allocBitmap(length);
  const x = boolBytes(a);
  for (let k = 0; k < values.length; k++) {
    const v = x.valid(k);
    values[k] = v & ~x.values[k]!;
    validity[k] = v;
  }
  return boolColumn(length, values, validity);
}

/** a IS NULL (wantNull) or a IS NOT NULL: never null. */
export function nullTest(a: Column, wantNull: boolean): Column {
  const values = allocBitmap(a.length);
  for (let i = 0; i < a.length; i++) if (isValid(a, i) !== wantNull) setBit(values, i);
  return { type: { kind: 'bool' }, length: a.length, nullCount: 0, values };
}

/** COALESCE(a, b): a's value where valid, else b's. Both must already have the same type. */
export function coalesce(a: Column, b: Column): Column {
  if (a.nullCount === 0) return a;
  // Gather from [a; b]: row i of a, or row i of b (at length + i).
  const both = concatColumns([a, b]);
  const indices = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) indices[i] = isValid(a, i) ? i : a.length + i;
  return takeColumn(both, indices);
}
