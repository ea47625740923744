// Partial evaluation of a filter over columns whose value is one constant for a whole set of rows (a dataset
// file's hive partition values, or columns a file lacks, which read as nulls). The constant leaves are decided with
// the reader's own row test (row_mask.ts), and what is left goes to the reader's pushdown, so a dataset and a single
// file evaluate one filter the same way.
import type { ComparisonOp, FilterExpression, FilterNode, FilterValue } from './expression.js';
import type { Key, KeyDomain } from './keys.js';
import { literalKey } from './keys.js';
import { keyTruth, TRUTH } from './row_mask.js';

/** A column holding one value for every row: its key domain and key (null for a null value). */
export interface ConstantColumn {
  /** The domain literals are brought into; not needed for a null constant, on which every comparison is NULL. */
  readonly domain?: KeyDomain;
  readonly key: Key | null;
  /** Brings a literal into the column's domain before literalKey (hive values are text: '2024' may name 2024). */
  readonly literal?: (value: FilterValue) => FilterValue;
}

/**
 * Specialises `node` to rows where the `constantOf` columns are fixed (columns it returns undefined for are left
 * alone): true when the filter is TRUE for every row, false when it is TRUE for none, else the residual filter
 * over the other columns. Throws ParquetError('BAD_ARGUMENT') when a literal does not fit a constant's domain.
 */
export function specialiseFilter(
  node: FilterNode,
  constantOf: (column: string) => ConstantColumn | undefined,
): FilterNode | boolean {
  return simplify(negationNormalForm(node, false), constantOf);
}

/** A leaf, possibly negated: the only place a NOT remains once pushed down. */
type NnfNode =
  | { readonly kind: 'leaf'; readonly leaf: FilterNode & { kind: 'leaf' }; readonly negated: boolean }
  | { readonly kind: 'and' | 'or'; readonly children: NnfNode[] };

/**
 * Pushes NOTs down to the leaves (De Morgan and double negation hold in SQL's three-valued logic). A NOT is kept
 * on the leaf rather than flipped into the opposite operator, because NaN makes `NOT (x < 1)` differ from `x >= 1`.
 * With NOT only on leaves, a NULL constant can be treated as FALSE: AND / OR are monotone, so an expression whose
 * NULL parts turn FALSE is TRUE exactly when it was TRUE.
 */
function negationNormalForm(node: FilterNode, negated: boolean): NnfNode {
  if (node.kind === 'leaf') return { kind: 'leaf', leaf: node, negated };
  if (node.kind === 'not') return negationNormalForm(node.child, !negated);
  const kind = (node.kind === 'and') !== negated ? 'and' : 'or';
  return { kind, children: node.children.map((c) => negationNormalForm(c, negated)) };
}

function simplify(node: NnfNode, constantOf: (column: string) => ConstantColumn | undefined): FilterNode | boolean {
  if (node.kind === 'leaf') {
    const constant = constantOf(node.leaf.column);
    if (!constant) return node.negated ? { kind: 'not', child: node.leaf } : node.leaf;
    const truth = leafTruth(node.leaf.column, node.leaf.op, node.leaf.values, constant);
    return (node.negated ? TRUTH.TRUE - truth : truth) === TRUTH.TRUE;
  }
  const and = node.kind === 'and';
  const children: FilterNode[] = [];
  for (const child of node.children) {
    const s = simplify(child, constantOf);
    if (s === !and) return !and; // FALSE decides an AND, TRUE an OR
    if (s !== and) children.push(s as FilterNode);
  }
  if (children.length === 0) return and;
  return children.length === 1 ? children[0]! : { kind: node.kind, children };
}

/** The truth of `column op values` on the constant, in three-valued logic, by the reader's row test. */
function leafTruth(column: string, op: ComparisonOp, values: readonly FilterValue[], constant: ConstantColumn): number {
  if (constant.key === null || !constant.domain) return keyTruth(op, [], null);
  const domain = constant.domain;
  const keys = values.map((v) => literalKey(constant.literal ? constant.literal(v) : v, domain, column));
  return keyTruth(op, keys, constant.key);
}

/** A parsed filter back in the public expression form (to hand a residual filter to a reader). */
export function filterExpression(node: FilterNode): FilterExpression {
  switch (node.kind) {
    case 'leaf':
      if (node.op === 'is-null' || node.op === 'is-not-null') return { column: node.column, op: node.op };
      if (node.op === 'in' || node.op === 'not-in') return { column: node.column, op: node.op, value: node.values };
      return { column: node.column, op: node.op, value: node.values[0]! };
    case 'not':
      return { not: filterExpression(node.child) };
    case 'and':
      return { and: node.children.map(filterExpression) };
    default:
      return { or: node.children.map(filterExpression) };
  }
}
