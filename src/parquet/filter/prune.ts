// Three-valued pruning: whether any row of a set (row group or page) described by bounds can satisfy a filter.
// A set is skipped only when the filter is provably not TRUE for every row; unknown bounds always mean "may match".
import type { BoundFilter, BoundLeaf } from './bound_filter.js';
import type { Bounds } from './bounds.js';
import { compareKeys, type Key } from './keys.js';

/** Bounds of a filter column in the set being considered, or undefined when nothing is known. */
export type BoundsOf = (leaf: BoundLeaf) => Bounds | undefined;

/** Whether some row may satisfy `filter` (false means every row is provably excluded). */
export function mayMatch(filter: BoundFilter, boundsOf: BoundsOf): boolean {
  return may(filter, boundsOf, true);
}

/** Whether some row may make `node` TRUE (`want`) or FALSE (`!want`); NULL (unknown) satisfies neither. */
function may(node: BoundFilter, boundsOf: BoundsOf, want: boolean): boolean {
  switch (node.kind) {
    case 'not':
      return may(node.child, boundsOf, !want);
    case 'and':
      // TRUE needs every child TRUE on a row; FALSE needs one child FALSE.
      return want
        ? node.children.every((c) => may(c, boundsOf, true))
        : node.children.some((c) => may(c, boundsOf, false));
    case 'or':
      return want
        ? node.children.some((c) => may(c, boundsOf, true))
        : node.children.every((c) => may(c, boundsOf, false));
    case 'leaf': {
      const bounds = boundsOf(node);
      return bounds === undefined || leafMay(node, bounds, want);
    }
  }
}

/** a < b may hold: a bound is unknown, or a < b, or they are unordered (a NaN literal). */
const lt = (a: Key | undefined, b: Key | undefined): boolean =>
  a === undefined || b === undefined || !(compareKeys(a, b) >= 0);
const le = (a: Key | undefined, b: Key | undefined): boolean =>
  a === undefined || b === undefined || !(compareKeys(a, b) > 0);

function leafMay(leaf: BoundLeaf, b: Bounds, want: boolean): boolean {
  const { op, keys } = leaf;
  const someNull = b.nullCount === undefined || b.nullCount > 0;
  const allNull = b.nullCount !== undefined && b.nullCount >= b.valueCount;
  if (op === 'is-null') return want ? someNull : !allNull;
  if (op === 'is-not-null') return want ? !allNull : someNull;
  if (allNull) return false; // every comparison with NULL is NULL
  // A value v that may occur among the non-null, non-NaN values (within the bounds, not ruled out by a bloom filter).
  const inRange = (v: Key) => le(b.min, v) && le(v, b.max) && !b.absent?.(v);
  // Every non-null value is provably v: needs exact, equal bounds and no NaN (NaN != v is TRUE).
  const allEqual = (v: Key) =>
    b.exact &&
    !b.mayHaveNaN &&
    b.min !== undefined &&
    b.max !== undefined &&
    compareKeys(b.min, v) === 0 &&
    compareKeys(b.max, v) === 0;
  const nan = b.mayHaveNaN;
  const v = keys[0]!;
  switch (op) {
    case '=':
      return want ? inRange(v) : !allEqual(v);
    case '!=':
      return want ? !allEqual(v) : inRange(v);
    case 'in':
      return want ? keys.some(inRange) : !keys.some(allEqual);
    case 'not-in':
      return want ? !keys.some(allEqual) : keys.some(inRange);
    // NaN compares FALSE with everything (IEEE 754), so NaN rows can make an ordering FALSE but never TRUE.
    case '<':
      return want ? lt(b.min, v) : nan || le(v, b.max);
    case '<=':
      return want ? le(b.min, v) : nan || lt(v, b.max);
    case '>':
      return want ? lt(v, b.max) : nan || le(b.min, v);
    case '>=':
      return want ? le(v, b.max) : nan || lt(b.min, v);
  }
}
