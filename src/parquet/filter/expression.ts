// Filter expressions: pyarrow/Dask-style DNF lists or and/or/not objects, parsed into one checked tree.
import { ParquetError } from '../errors.js';

/** A comparison operator (`=` and `==` are the same; `not in` / `not-in` are the same). */
export type FilterOperator =
  | '='
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'not-in'
  | 'not in'
  | 'is-null'
  | 'is-not-null';

/** A literal a column is compared with: numbers, bigints (64-bit integers, timestamps in the column's unit),
 *  strings (text, decimals), Dates (dates and timestamps), booleans, bytes. */
export type FilterValue = number | bigint | string | boolean | Date | Uint8Array;

/** One condition: `[column, op, value]`; `in` / `not-in` take an array; `is-null` / `is-not-null` no value. */
export type FilterTuple = readonly [string, FilterOperator, (FilterValue | readonly FilterValue[])?];

/** A condition as an object. */
export interface FilterLeaf {
  readonly column: string;
  readonly op: FilterOperator;
  readonly value?: FilterValue | readonly FilterValue[];
}

/** A filter as an expression object. */
export type FilterExpression =
  | FilterLeaf
  | { readonly and: readonly FilterExpression[] }
  | { readonly or: readonly FilterExpression[] }
  | { readonly not: FilterExpression };

/**
 * A filter: DNF (`[[t1, t2], [t3]]` = (t1 AND t2) OR t3, as pyarrow and Dask take it), a flat list of tuples
 * (`[t1, t2]` = t1 AND t2), or an expression object.
 */
export type Filter = readonly (readonly FilterTuple[])[] | readonly FilterTuple[] | FilterExpression;

/** The canonical operators of a parsed condition. */
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not-in' | 'is-null' | 'is-not-null';

/** A parsed filter tree. */
export type FilterNode =
  | { readonly kind: 'leaf'; readonly column: string; readonly op: ComparisonOp; readonly values: FilterValue[] }
  | { readonly kind: 'and' | 'or'; readonly children: FilterNode[] }
  | { readonly kind: 'not'; readonly child: FilterNode };

const OPERATORS: Record<FilterOperator, ComparisonOp> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  in: 'in',
  'not-in': 'not-in',
  'not in': 'not-in',
  'is-null': 'is-null',
  'is-not-null': 'is-not-null',
};

function bad(detail: string): ParquetError {
  return new ParquetError('BAD_ARGUMENT', `filter: ${detail}`);
}

function isTuple(value: unknown): value is FilterTuple {
  return Array.isArray(value) && typeof value[0] === 'string';
}

function isScalar(value: unknown): value is FilterValue {
  return (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    value instanceof Uint8Array
  );
}

function leaf(column: unknown, op: unknown, value: unknown, hasValue: boolean): FilterNode {
  if (typeof column !== 'string' || column === '')
    throw bad(`column name must be a non-empty string, got ${String(column)}`);
  const canonical = typeof op === 'string' ? OPERATORS[op as FilterOperator] : undefined;
  if (!canonical) throw bad(`unknown operator ${JSON.stringify(op)} on column ${JSON.stringify(column)}`);
  const where = `${JSON.stringify(column)} ${canonical}`;
  if (canonical === 'is-null' || canonical === 'is-not-null') {
    if (hasValue && value !== undefined && value !== null) throw bad(`${where} takes no value`);
    return { kind: 'leaf', column, op: canonical, values: [] };
  }
  if (canonical === 'in' || canonical === 'not-in') {
    if (!Array.isArray(value)) throw bad(`${where} needs an array of values`);
    for (const v of value)
      if (!isScalar(v)) throw bad(`${where}: unsupported value ${String(v)} (use is-null for nulls)`);
    return { kind: 'leaf', column, op: canonical, values: [...(value as FilterValue[])] };
  }
  if (!isScalar(value)) throw bad(`${where} needs a value, got ${String(value)} (use is-null for nulls)`);
  return { kind: 'leaf', column, op: canonical, values: [value] };
}

function tupleNode(tuple: FilterTuple): FilterNode {
  return leaf(tuple[0], tuple[1], tuple[2], tuple.length > 2);
}

function expressionNode(expr: unknown): FilterNode {
  if (isTuple(expr)) return tupleNode(expr);
  if (typeof expr !== 'object' || expr === null) throw bad(`expected an expression object, got ${String(expr)}`);
  const keys = Object.keys(expr);
  const o = expr as Record<string, unknown>;
  if ('and' in o || 'or' in o) {
    const kind = 'and' in o ? 'and' : 'or';
    const list = o[kind];
    if (keys.length !== 1 || !Array.isArray(list) || list.length === 0) {
      throw bad(`"${kind}" needs a non-empty array and nothing else`);
    }
    return { kind, children: list.map(expressionNode) };
  }
  if ('not' in o) {
    if (keys.length !== 1) throw bad('"not" takes one expression and nothing else');
    return { kind: 'not', child: expressionNode(o.not) };
  }
  if ('column' in o || 'op' in o) return leaf(o.column, o.op, o.value, 'value' in o);
  throw bad(`unrecognised expression with keys ${keys.join(', ')}`);
}

/** Parses and checks the shape of a filter (not its columns: see bindFilter). Throws ParquetError('BAD_ARGUMENT'). */
export function parseFilter(filter: Filter): FilterNode {
  if (!Array.isArray(filter)) return expressionNode(filter);
  if (filter.length === 0) throw bad('empty filter list');
  if (filter.every(isTuple)) return { kind: 'and', children: (filter as FilterTuple[]).map(tupleNode) };
  return {
    kind: 'or',
    children: (filter as unknown[]).map((conjunction) => {
      if (!Array.isArray(conjunction) || conjunction.length === 0 || !conjunction.every(isTuple)) {
        throw bad('DNF filters are lists of non-empty lists of [column, op, value] tuples');
      }
      return { kind: 'and', children: conjunction.map(tupleNode) } as FilterNode;
    }),
  };
}

/** The column names a filter tree refers to, in first-use order. */
export function filterColumns(node: FilterNode, out: string[] = []): string[] {
  if (node.kind === 'leaf') {
    if (!out.includes(node.column)) out.push(node.column);
  } else if (node.kind === 'not') filterColumns(node.child, out);
  else for (const c of node.children) filterColumns(c, out);
  return out;
}
