// Errors of expression evaluation: each names the failing (sub)expression and, where one is involved, the column.
import { exprToString } from './format.js';
import type { Expr } from './types.js';

/** Why an expression failed. */
export type ExprErrorCode = 'UNKNOWN_COLUMN' | 'TYPE_MISMATCH' | 'OVERFLOW' | 'CONVERSION' | 'UNSUPPORTED' | 'INVALID';

/** An expression that cannot be evaluated over a batch. */
export class ExprError extends Error {
  readonly code: ExprErrorCode;
  readonly expr: Expr;

  constructor(code: ExprErrorCode, detail: string, expr: Expr) {
    super(`${detail} in ${exprToString(expr)}`);
    this.name = 'ExprError';
    this.code = code;
    this.expr = expr;
  }
}
