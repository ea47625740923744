// A parsed filter bound to a file's schema: each condition names a flat column and holds its literals as keys.
import { ParquetError } from '../errors.js';
import type { ColumnDescriptor, ParquetSchema } from '../schema.js';
import type { ComparisonOp, FilterNode } from './expression.js';
import { type Key, type KeyDomain, keyDomain, literalKey } from './keys.js';

/** A condition on one column with its literals in the column's key domain. */
export interface BoundLeaf {
  readonly kind: 'leaf';
  readonly column: ColumnDescriptor;
  readonly domain: KeyDomain;
  readonly op: ComparisonOp;
  readonly keys: Key[];
}

/** A filter tree whose leaves are bound to columns. */
export type BoundFilter =
  | BoundLeaf
  | { readonly kind: 'and' | 'or'; readonly children: BoundFilter[] }
  | { readonly kind: 'not'; readonly child: BoundFilter };

/**
 * Binds `node` to `schema`: every column must be a top-level flat column (not inside a list, map or struct).
 * Throws ParquetError('BAD_ARGUMENT') naming the column or value that does not fit.
 */
export function bindFilter(node: FilterNode, schema: ParquetSchema): BoundFilter {
  switch (node.kind) {
    case 'leaf': {
      const column = schema.columns.find((c) => c.name === node.column);
      const nested = schema.columns.some((c) => c.path[0] === node.column && c.path.length > 1);
      if (!column && !nested) {
        throw new ParquetError('BAD_ARGUMENT', `filter: no column named ${JSON.stringify(node.column)}`);
      }
      if (column?.path.length !== 1) {
        throw new ParquetError(
          'BAD_ARGUMENT',
          `filter: column ${JSON.stringify(node.column)} is nested; only top-level columns can be filtered`,
        );
      }
      const domain = keyDomain(column!);
      const keys = node.values.map((v) => literalKey(v, domain, node.column));
      return { kind: 'leaf', column: column!, domain, op: node.op, keys };
    }
    case 'not':
      return { kind: 'not', child: bindFilter(node.child, schema) };
    default:
      return { kind: node.kind, children: node.children.map((c) => bindFilter(c, schema)) };
  }
}

/** The distinct columns a bound filter reads. */
export function boundColumns(node: BoundFilter, out: ColumnDescriptor[] = []): ColumnDescriptor[] {
  if (node.kind === 'leaf') {
    if (!out.includes(node.column)) out.push(node.column);
  } else if (node.kind === 'not') boundColumns(node.child, out);
  else for (const c of node.children) boundColumns(c, out);
  return out;
}
