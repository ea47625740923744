// The fluent builder: col('price').mul(col('qty')).gt(100). It only builds the JSON of types.ts; evaluation lives
// in evaluate.ts and works on the JSON alone.
import { toDataType } from '../../columnar/type_names.js';
import type { DataType } from '../../columnar/types.js';
import type { ArithmeticOp, ComparisonOp, DatePartOp, Expr, LiteralValue, StringMatchOp } from './types.js';

/** Anything an expression argument accepts: a builder, raw JSON, or a JavaScript constant (made a literal). */
export type ExprLike = ExprBuilder | Expr | LiteralValue | bigint;

/** The JSON expression of `value`. */
export function toExpr(value: ExprLike): Expr {
  if (value instanceof ExprBuilder) return value.expr;
  if (typeof value === 'bigint') return { op: 'lit', value: value.toString(), type: { kind: 'int64' } };
  if (value !== null && typeof value === 'object') return value;
  return { op: 'lit', value };
}

/** A wrapper over an expression's JSON with a method per operation; `expr` (or JSON.stringify) is the JSON. */
export class ExprBuilder {
  constructor(readonly expr: Expr) {}

  /** The JSON expression (so JSON.stringify(builder) gives the expression). */
  toJSON(): Expr {
    return this.expr;
  }

  private binary(op: ArithmeticOp | ComparisonOp | StringMatchOp | 'and' | 'or' | 'fill_null', other: ExprLike) {
    return new ExprBuilder({ op, args: [this.expr, toExpr(other)] } as Expr);
  }

  private unary(op: 'neg' | 'not' | 'is_null' | 'is_not_null' | 'lower' | 'upper' | 'length' | DatePartOp) {
    return new ExprBuilder({ op, args: [this.expr] } as Expr);
  }

  /** this + other. */
  add(other: ExprLike): ExprBuilder {
    return this.binary('add', other);
  }
  /** this - other. */
  sub(other: ExprLike): ExprBuilder {
    return this.binary('sub', other);
  }
  /** this * other. */
  mul(other: ExprLike): ExprBuilder {
    return this.binary('mul', other);
  }
  /** this / other (true division: integers give float64). */
  div(other: ExprLike): ExprBuilder {
    return this.binary('div', other);
  }
  /** this % other (the sign of the dividend, as in SQL). */
  mod(other: ExprLike): ExprBuilder {
    return this.binary('mod', other);
  }
  /** -this. */
  neg(): ExprBuilder {
    return this.unary('neg');
  }
  /** this = other. */
  eq(other: ExprLike): ExprBuilder {
    return this.binary('eq', other);
  }
  /** this <> other. */
  ne(other: ExprLike): ExprBuilder {
    return this.binary('ne', other);
  }
  /** this < other. */
  lt(other: ExprLike): ExprBuilder {
    return this.binary('lt', other);
  }
  /** this <= other. */
  le(other: ExprLike): ExprBuilder {
    return this.binary('le', other);
  }
  /** this > other. */
  gt(other: ExprLike): ExprBuilder {
    return this.binary('gt', other);
  }
  /** this >= other. */
  ge(other: ExprLike): ExprBuilder {
    return this.binary('ge', other);
  }
  /** this AND other (three-valued). */
  and(other: ExprLike): ExprBuilder {
    return this.binary('and', other);
  }
  /** this OR other (three-valued). */
  or(other: ExprLike): ExprBuilder {
    return this.binary('or', other);
  }
  /** NOT this. */
  not(): ExprBuilder {
    return this.unary('not');
  }
  /** this IS NULL. */
  isNull(): ExprBuilder {
    return this.unary('is_null');
  }
  /** this IS NOT NULL. */
  isNotNull(): ExprBuilder {
    return this.unary('is_not_null');
  }
  /** COALESCE(this, value). */
  fillNull(value: ExprLike): ExprBuilder {
    return this.binary('fill_null', value);
  }
  /** CAST(this AS type): a DataType or a type name ('float64', 'DOUBLE', 'decimal(10, 2)', 'timestamp[ms]'). */
  cast(to: DataType | string): ExprBuilder {
    return new ExprBuilder({ op: 'cast', args: [this.expr], to: toDataType(to) });
  }
  /** this IN (values) (pandas' isin; bigints become int64 text literals as in lit()). */
  isin(values: readonly (LiteralValue | bigint)[]): ExprBuilder {
    if (!Array.isArray(values)) throw new TypeError('isin: values must be an array');
    const list = values.map((v) => (typeof v === 'bigint' ? v.toString() : v));
    return new ExprBuilder({ op: 'is_in', args: [this.expr], values: list });
  }
  /** Names the result. */
  alias(name: string): ExprBuilder {
    return new ExprBuilder({ op: 'alias', args: [this.expr], name });
  }
  /** lower(this). */
  lower(): ExprBuilder {
    return this.unary('lower');
  }
  /** upper(this). */
  upper(): ExprBuilder {
    return this.unary('upper');
  }
  /** length(this) in Unicode code points. */
  length(): ExprBuilder {
    return this.unary('length');
  }
  /** contains(this, pattern). */
  contains(pattern: ExprLike): ExprBuilder {
    return this.binary('contains', pattern);
  }
  /** starts_with(this, prefix). */
  startsWith(prefix: ExprLike): ExprBuilder {
    return this.binary('starts_with', prefix);
  }
  /** ends_with(this, suffix). */
  endsWith(suffix: ExprLike): ExprBuilder {
    return this.binary('ends_with', suffix);
  }
  /** year(this). */
  year(): ExprBuilder {
    return this.unary('year');
  }
  /** month(this), 1..12. */
  month(): ExprBuilder {
    return this.unary('month');
  }
  /** day(this), 1..31. */
  day(): ExprBuilder {
    return this.unary('day');
  }
  /** hour(this). */
  hour(): ExprBuilder {
    return this.unary('hour');
  }
  /** minute(this). */
  minute(): ExprBuilder {
    return this.unary('minute');
  }
  /** second(this), whole seconds. */
  second(): ExprBuilder {
    return this.unary('second');
  }
  /** dayofweek(this): Sunday = 0 ... Saturday = 6. */
  dayOfWeek(): ExprBuilder {
    return this.unary('day_of_week');
  }
  /** dayofyear(this): 1..366. */
  dayOfYear(): ExprBuilder {
    return this.unary('day_of_year');
  }
}

/** The column `name`. */
export function col(name: string): ExprBuilder {
  return new ExprBuilder({ op: 'col', name });
}

/** A constant, optionally of an explicit type (bigints become int64 literals). */
export function lit(value: LiteralValue | bigint, type?: DataType): ExprBuilder {
  if (typeof value === 'bigint')
    return new ExprBuilder({ op: 'lit', value: value.toString(), type: type ?? { kind: 'int64' } });
  return new ExprBuilder(type ? { op: 'lit', value, type } : { op: 'lit', value });
}
