// The evaluator: an expression's JSON over a Batch gives a Column of numRows rows, with SQL null semantics.
import { columnFromValues } from '../../columnar/build.js';
import { decodeDictionary } from '../../columnar/dictionary.js';
import type { Batch, Column, DataType } from '../../columnar/types.js';
import { valueAt } from '../../columnar/values.js';
import { arithmetic, negate } from './arithmetic.js';
import { broadcast } from './broadcast.js';
import { cast } from './cast.js';
import { compare } from './compare.js';
import { dictionaryView, gatherEntries } from './dictionary.js';
import { ExprError } from './errors.js';
import { coalesce, logical, not, nullTest } from './logic.js';
import { isString, isTemporal, numberLiteralType, numericSupertype } from './promote.js';
import { changeCase, codePointLength, stringMatch } from './strings.js';
import { datePart } from './temporal.js';
import type { Expr } from './types.js';

/** The type a literal takes: its explicit type, else from its value (an integer number adopts `hint`'s type). */
function literalType(expr: Extract<Expr, { op: 'lit' }>, hint?: DataType): DataType {
  if (expr.type) return expr.type;
  const v = expr.value;
  if (v === null) return hint ?? { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return numberLiteralType(v, hint);
  // A string next to a date or timestamp is that type's literal (DuckDB: ts > '2024-01-01').
  if (hint && isTemporal(hint)) return hint;
  return { kind: 'utf8' };
}

function literal(expr: Extract<Expr, { op: 'lit' }>, length: number, hint?: DataType): Column {
  const type = literalType(expr, hint);
  let value: unknown = expr.value;
  if (typeof value === 'string' && !isString(type) && type.kind !== 'binary') {
    // Typed literals written as text: 64-bit integers, dates, timestamps.
    // Typed literals written as text (64-bit integers, dates, timestamps): convert once, then repeat.
    const one = cast(columnFromValues({ kind: 'utf8' }, [value]), type, expr);
    value = valueAt(one, 0);
  }
  if (typeof value === 'number' && (type.kind === 'int64' || type.kind === 'uint64')) value = BigInt(value);
  return broadcast(type, value, length);
}

/** Evaluates both operands of a binary expression; an untyped literal takes its type from the other side. */
function operands(args: readonly [Expr, Expr], batch: Batch): [Column, Column] {
  const [x, y] = args;
  if (x.op === 'lit' && y.op !== 'lit') {
    const right = evaluate(y, batch);
    return [literal(x, batch.numRows, right.type), right];
  }
  const left = evaluate(x, batch);
  return [left, y.op === 'lit' ? literal(y, batch.numRows, left.type) : evaluate(y, batch)];
}

/** The column `name` of `batch`. */
function column(batch: Batch, name: string, expr: Expr): Column {
  const at = batch.fields.findIndex((f) => f.name === name);
  if (at < 0) {
    const known = batch.fields.map((f) => f.name).join(', ');
    throw new ExprError('UNKNOWN_COLUMN', `no column ${JSON.stringify(name)} (columns: ${known})`, expr);
  }
  // Dictionary-encoded columns evaluate as their values.
  return decodeDictionary(batch.columns[at]!);
}

/** The common type COALESCE(a, b) produces, casting whichever side needs it. */
function unifyForCoalesce(a: Column, b: Column, expr: Expr): [Column, Column] {
  if (b.type.kind === 'null') return [a, cast(b, a.type, expr)];
  if (a.type.kind === 'null') return [cast(a, b.type, expr), b];
  if (JSON.stringify(a.type) === JSON.stringify(b.type)) return [a, b];
  const common = numericSupertype(a.type, b.type);
  if (!common) throw new ExprError('TYPE_MISMATCH', `cannot coalesce ${a.type.kind} with ${b.type.kind}`, expr);
  return [cast(a, common, expr), cast(b, common, expr)];
}

/**
 * x IN (v1, v2...) as x = v1 OR x = v2 OR ...: SQL's three-valued result exactly, each value typed as a literal next
 * to x. One pass per value, so long lists over plain columns cost that many passes; over a dictionary column
 * ({@link evaluate}) the passes run over the dictionary's entries only.
 */
function isIn(expr: Extract<Expr, { op: 'is_in' }>, batch: Batch): Column {
  if (!Array.isArray(expr.values)) throw new ExprError('INVALID', 'is_in needs an array of values', expr);
  const x = evaluate(expr.args[0], batch);
  let out: Column | undefined;
  // 64-bit integers beyond 2^53 travel as decimal text (isin of bigints): next to a 64-bit column, text is that type.
  const wide = x.type.kind === 'int64' || x.type.kind === 'uint64';
  for (const value of expr.values) {
    const lit: Expr = typeof value === 'string' && wide ? { op: 'lit', value, type: x.type } : { op: 'lit', value };
    const eq = compare('eq', x, literal(lit as Extract<Expr, { op: 'lit' }>, batch.numRows, x.type), expr);
    out = out ? logical('or', out, eq, expr) : eq;
  }
  return out ?? broadcast({ kind: 'bool' }, false, batch.numRows);
}

/** `expr` over `batch`: a column of batch.numRows rows. Throws ExprError naming the expression on failure. */
export function evaluate(expr: Expr, batch: Batch): Column {
  const view = dictionaryView(expr, batch);
  if (view) {
    let perEntry: Column | undefined;
    try {
      perEntry = evaluateRows(expr, view.batch);
    } catch {
      // An entry no row uses may fail (a cast of text that is no number): the rows decide, so evaluate them.
    }
    if (perEntry) return gatherEntries(perEntry, view);
  }
  return evaluateRows(expr, batch);
}

/** `expr` over `batch`, row by row (sub-expressions go through {@link evaluate}). */
function evaluateRows(expr: Expr, batch: Batch): Column {
  switch (expr.op) {
    case 'col':
      return column(batch, expr.name, expr);
    case 'lit':
      return literal(expr, batch.numRows);
    case 'alias':
      return evaluate(expr.args[0], batch);
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod': {
      const [a, b] = operands(expr.args, batch);
      if (a.type.kind === 'null' || b.type.kind === 'null') {
        const other = a.type.kind === 'null' ? b : a;
        return columnFromValues(
          other.type.kind === 'null' ? { kind: 'null' } : other.type,
          new Array(batch.numRows).fill(null),
        );
      }
      return arithmetic(expr.op, a, b, expr);
    }
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const [a, b] = operands(expr.args, batch);
      return compare(expr.op, a, b, expr);
    }
    case 'and':
    case 'or': {
      const [a, b] = operands(expr.args, batch);
      return logical(expr.op, a, b, expr);
    }
    case 'neg':
      return negate(evaluate(expr.args[0], batch), expr);
    case 'not':
      return not(evaluate(expr.args[0], batch), expr);
    case 'is_null':
    case 'is_not_null':
      return nullTest(evaluate(expr.args[0], batch), expr.op === 'is_null');
    case 'fill_null': {
      const [a, b] = operands(expr.args, batch);
      const [x, y] = unifyForCoalesce(a, b, expr);
      return coalesce(x, y);
    }
    case 'lower':
    case 'upper':
      return changeCase(evaluate(expr.args[0], batch), expr.op === 'upper', expr);
    case 'length':
      return codePointLength(evaluate(expr.args[0], batch), expr);
    case 'contains':
    case 'starts_with':
    case 'ends_with': {
      const [a, b] = operands(expr.args, batch);
      return stringMatch(expr.op, a, b, expr);
    }
    case 'cast':
      return cast(evaluate(expr.args[0], batch), expr.to, expr);
    case 'is_in':
      return isIn(expr, batch);
    case 'year':
    case 'month':
    case 'day':
    case 'hour':
    case 'minute':
    case 'second':
    case 'day_of_week':
    case 'day_of_year':
      return datePart(expr.op, evaluate(expr.args[0], batch), expr);
    default:
      throw new ExprError('INVALID', `unknown operation ${JSON.stringify((expr as { op: unknown }).op)}`, expr);
  }
}
