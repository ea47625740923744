// Expressions as readable text, for error messages and plans: col("price") * col("qty").
import type { Expr } from './types.js';

const INFIX: Record<string, string> = {
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
  mod: '%',
  eq: '=',
  ne: '<>',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  and: 'AND',
  or: 'OR',
};

/** SQL-like text of `expr`. */
export function exprToString(expr: Expr): string {
  switch (expr.op) {
    case 'col':
      return `col(${JSON.stringify(expr.name)})`;
    case 'lit':
      return expr.type ? `lit(${JSON.stringify(expr.value)}: ${expr.type.kind})` : `lit(${JSON.stringify(expr.value)})`;
    case 'cast':
      return `CAST(${exprToString(expr.args[0])} AS ${expr.to.kind})`;
    case 'alias':
      return `${exprToString(expr.args[0])} AS ${JSON.stringify(expr.name)}`;
    case 'neg':
      return `-(${exprToString(expr.args[0])})`;
    case 'not':
      return `NOT (${exprToString(expr.args[0])})`;
    case 'is_null':
      return `(${exprToString(expr.args[0])}) IS NULL`;
    case 'is_not_null':
      return `(${exprToString(expr.args[0])}) IS NOT NULL`;
    case 'is_in':
      return `(${exprToString(expr.args[0])}) IN (${expr.values.map((v) => JSON.stringify(v)).join(', ')})`;
    default: {
      if (!Array.isArray((expr as { args?: unknown }).args)) return `${String(expr.op)}(?)`;
      const infix = INFIX[expr.op];
      if (infix && expr.args.length === 2) {
        return `(${exprToString(expr.args[0])} ${infix} ${exprToString(expr.args[1]!)})`;
      }
      return `${expr.op}(${expr.args.map(exprToString).join(', ')})`;
    }
  }
}

/** The column names `expr` reads. */
export function exprColumns(expr: Expr): string[] {
  const names = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.op === 'col') names.add(e.name);
    else if ('args' in e) e.args.forEach(visit);
  };
  visit(expr);
  return [...names];
}

/** The name a result column of `expr` gets: the alias, the column read, else the expression text. */
export function exprName(expr: Expr): string {
  if (expr.op === 'alias') return expr.name;
  if (expr.op === 'col') return expr.name;
  return exprToString(expr);
}
