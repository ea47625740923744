// Expressions: plain-JSON trees (types.ts), a fluent builder that makes them, and an evaluator over a Batch.

export { arithmeticType } from './arithmetic.js';
export { col, ExprBuilder, type ExprLike, lit, toExpr } from './builder.js';
export { ExprError, type ExprErrorCode } from './errors.js';
export { evaluate } from './evaluate.js';
export { exprColumns, exprName, exprToString } from './format.js';
export { integerSupertype, numericSupertype } from './promote.js';
export type {
  ArithmeticOp,
  ComparisonOp,
  DatePartOp,
  Expr,
  ExprOp,
  LiteralValue,
  StringMatchOp,
  StringUnaryOp,
} from './types.js';
