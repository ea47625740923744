// Expressions as plain JSON, so they can sit in a task's arguments and cross threads and processes unchanged.
import type { DataType } from '../../columnar/types.js';

/** Two-argument arithmetic (SQL +, -, *, /, %). `div` is true division (int / int -> float64, as in DuckDB). */
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
/** Comparisons (SQL =, <>, <, <=, >, >=). */
export type ComparisonOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
/** String functions of one string argument. */
export type StringUnaryOp = 'lower' | 'upper' | 'length';
/** String predicates of a string and a pattern (SQL contains, starts_with, ends_with). */
export type StringMatchOp = 'contains' | 'starts_with' | 'ends_with';
/** Date parts of a date or timestamp (DuckDB's year(), ..., dayofweek() with Sunday = 0, dayofyear() from 1). */
export type DatePartOp = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'day_of_week' | 'day_of_year';

/** A literal's JSON value. 64-bit integers beyond 2^53 are written as decimal strings with an explicit `type`. */
export type LiteralValue = null | boolean | number | string;

/** An expression tree. */
export type Expr =
  | { readonly op: 'col'; readonly name: string }
  /** A constant; `type` fixes its type (else: boolean -> bool, integer number -> int, other number -> float64,
   *  string -> utf8, null -> null). */
  | { readonly op: 'lit'; readonly value: LiteralValue; readonly type?: DataType }
  | { readonly op: ArithmeticOp | ComparisonOp | 'and' | 'or'; readonly args: readonly [Expr, Expr] }
  | { readonly op: 'neg' | 'not' | 'is_null' | 'is_not_null'; readonly args: readonly [Expr] }
  /** COALESCE(args[0], args[1]). */
  | { readonly op: 'fill_null'; readonly args: readonly [Expr, Expr] }
  | { readonly op: StringUnaryOp | DatePartOp; readonly args: readonly [Expr] }
  | { readonly op: StringMatchOp; readonly args: readonly [Expr, Expr] }
  | { readonly op: 'cast'; readonly args: readonly [Expr]; readonly to: DataType }
  /** args[0] IN (values...), with SQL's nulls: NULL when no value equals and the list or the operand is null. */
  | { readonly op: 'is_in'; readonly args: readonly [Expr]; readonly values: readonly LiteralValue[] }
  /** Names the result (the column name an assign/select gives it). */
  | { readonly op: 'alias'; readonly args: readonly [Expr]; readonly name: string };

/** The `op` strings of Expr. */
export type ExprOp = Expr['op'];
