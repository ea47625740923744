// Three-valued AND / OR / NOT (SQL: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, NOT NULL is NULL), IS [NOT]
// NULL, and COALESCE.
import { allocBitmap } from '../../columnar/alloc.js';
import { concatColumns } from '../../columnar/concat.js';
import { getBit, isValid, setBit } from '../../columnar/layout.js';
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

function truth(column: Column, i: number): boolean | null {
  if (!isValid(column, i)) return null;
  return getBit(column.values as Uint8Array, i);
}

function boolColumn(length: number, values: Uint8Array, validity: Uint8Array): Column {
  const nulls = finishValidity(validity, length);
  return nulls.validity
    ? { type: { kind: 'bool' }, length, nullCount: nulls.nullCount, validity: nulls.validity, values }
    : { type: { kind: 'bool' }, length, nullCount: 0, values };
}

/** a AND b / a OR b, three-valued. */
export function logical(op: 'and' | 'or', a: Column, b: Column, expr: Expr): Column {
  requireBool(a, expr);
  requireBool(b, expr);
  const length = a.length;
  const values = allocBitmap(length);
  const validity = allocBitmap(length);
  const dominant = op === 'or'; // the value that decides the result whatever the other side is
  for (let i = 0; i < length; i++) {
    const x = truth(a, i);
    const y = truth(b, i);
    if (x === dominant || y === dominant) {
      setBit(validity, i);
      if (dominant) setBit(values, i);
    } else if (x !== null && y !== null) {
      setBit(validity, i);
      if (!dominant) setBit(values, i);
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
  for (let i = 0; i < length; i++) {
    const x = truth(a, i);
    if (x === null) continue;
    setBit(validity, i);
    if (!x) setBit(values, i);
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
