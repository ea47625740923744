// +, -, *, /, % and unary minus with SQL null propagation. Integer results that leave their type's range throw
// OVERFLOW, as DuckDB does ("Overflow in addition of INT8 (127 + 1)!"); integer % 0 is NULL (DuckDB); float
// division follows IEEE 754 (1/0 = Infinity, as DuckDB's `/` now does for every numeric type).
import { allocShared } from '../../columnar/alloc.js';
import type { Column, DataType, IntKind } from '../../columnar/types.js';
import { ExprError } from './errors.js';
import { intRange, isFloat, isInteger, numericSupertype } from './promote.js';
import type { ArithmeticOp, Expr } from './types.js';
import { asBigInts, asFloat64, combinedValidity, finishValidity, resultColumn, validAt } from './vectors.js';

/** The result type of `op` over a and b, or undefined when the operands are not numeric. */
export function arithmeticType(op: ArithmeticOp, a: DataType, b: DataType): DataType | undefined {
  const common = numericSupertype(a, b);
  if (!common) return undefined;
  if (op === 'div' && !isFloat(common)) return { kind: 'float64' };
  return common;
}

const DESCRIBE: Record<ArithmeticOp, string> = {
  add: 'addition',
  sub: 'subtraction',
  mul: 'multiplication',
  div: 'division',
  mod: 'modulo',
};

/** a op b over two columns of equal length. */
export function arithmetic(op: ArithmeticOp, a: Column, b: Column, expr: Expr): Column {
  const type = arithmeticType(op, a.type, b.type);
  if (!type) throw new ExprError('TYPE_MISMATCH', `cannot apply ${op} to ${a.type.kind} and ${b.type.kind}`, expr);
  const length = a.length;
  const nulls = combinedValidity([a, b], length);
  if (isInteger(type) && (type.kind === 'int64' || type.kind === 'uint64')) {
    return bigIntegerArithmetic(op, a, b, type as { kind: IntKind }, nulls, expr);
  }
  const x = asFloat64(a);
  const y = asFloat64(b);
  const out = allocShared(type, length);
  if (!isInteger(type)) {
    const f = out as Float32Array | Float64Array;
    switch (op) {
      case 'add':
        for (let i = 0; i < length; i++) f[i] = x[i]! + y[i]!;
        break;
      case 'sub':
        for (let i = 0; i < length; i++) f[i] = x[i]! - y[i]!;
        break;
      case 'mul':
        for (let i = 0; i < length; i++) f[i] = x[i]! * y[i]!;
        break;
      case 'div':
        for (let i = 0; i < length; i++) f[i] = x[i]! / y[i]!;
        break;
      case 'mod':
        for (let i = 0; i < length; i++) f[i] = x[i]! % y[i]!;
        break;
    }
    return resultColumn(type, length, out, nulls);
  }
  // Integers up to 32 bits: exact in float64 (a product of two 32-bit values may round, but never across the
  // range boundary we check).
  const { min, max } = intRange(type.kind);
  const lo = Number(min);
  const hi = Number(max);
  let validity = nulls.validity;
  for (let i = 0; i < length; i++) {
    if (!validAt(nulls.validity, i)) continue;
    let r: number;
    if (op === 'add') r = x[i]! + y[i]!;
    else if (op === 'sub') r = x[i]! - y[i]!;
    else if (op === 'mul') r = x[i]! * y[i]!;
    else {
      if (y[i] === 0) {
        validity ??= allValid(length);
        validity[i >> 3]! &= ~(1 << (i & 7));
        continue;
      }
      r = x[i]! % y[i]!;
    }
    if (r < lo || r > hi) {
      throw new ExprError(
        'OVERFLOW',
        `overflow in ${DESCRIBE[op]} of ${type.kind.toUpperCase()} (${x[i]} ${symbol(op)} ${y[i]})`,
        expr,
      );
    }
    out[i] = r;
  }
  return resultColumn(type, length, out, validity ? finishValidity(validity, length) : nulls);
}

function allValid(length: number): Uint8Array {
  const bits = new Uint8Array(new SharedArrayBuffer((length + 7) >> 3));
  bits.fill(255);
  return bits;
}

function symbol(op: ArithmeticOp): string {
  return { add: '+', sub: '-', mul: '*', div: '/', mod: '%' }[op];
}

function bigIntegerArithmetic(
  op: ArithmeticOp,
  a: Column,
  b: Column,
  type: { kind: IntKind },
  nulls: { validity?: Uint8Array; nullCount: number },
  expr: Expr,
): Column {
  const length = a.length;
  const x = asBigInts(a);
  const y = asBigInts(b);
  const out = allocShared(type, length) as BigInt64Array | BigUint64Array;
  const { min, max } = intRange(type.kind);
  let validity = nulls.validity;
  for (let i = 0; i < length; i++) {
    if (!validAt(nulls.validity, i)) continue;
    const p = x(i);
    const q = y(i);
    let r: bigint;
    if (op === 'add') r = p + q;
    else if (op === 'sub') r = p - q;
    else if (op === 'mul') r = p * q;
    else {
      if (q === 0n) {
        validity ??= allValid(length);
        validity[i >> 3]! &= ~(1 << (i & 7));
        continue;
      }
      r = p % q;
    }
    if (r < min || r > max) {
      throw new ExprError(
        'OVERFLOW',
        `overflow in ${DESCRIBE[op]} of ${type.kind.toUpperCase()} (${p} ${symbol(op)} ${q})`,
        expr,
      );
    }
    out[i] = r;
  }
  return resultColumn(type, length, out, validity ? finishValidity(validity, length) : nulls);
}

/** -a (integer negation of the minimum value overflows; unsigned values negate into the signed type). */
export function negate(a: Column, expr: Expr): Column {
  const zero: Column = { type: { kind: 'int8' }, length: a.length, nullCount: 0, values: new Int8Array(a.length) };
  if (!numericSupertype(a.type, a.type)) throw new ExprError('TYPE_MISMATCH', `cannot negate ${a.type.kind}`, expr);
  if (isFloat(a.type) || a.type.kind === 'decimal') {
    const x = asFloat64(a);
    const type: DataType =
      a.type.kind === 'float32' || a.type.kind === 'float16' ? { kind: 'float32' } : { kind: 'float64' };
    const out = allocShared(type, a.length) as Float64Array;
    for (let i = 0; i < a.length; i++) out[i] = -x[i]!;
    return resultColumn(type, a.length, out, combinedValidity([a], a.length));
  }
  return arithmetic('sub', zero, a, expr);
}
