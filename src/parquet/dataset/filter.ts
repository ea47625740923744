// Filters in pyarrow/Dask disjunctive normal form (DNF), evaluated over a file's hive partition values so that files
// that cannot hold a matching row are never opened. The shape is the one `readTable({ filter })` takes
// (`[[['year', '=', 2024], ['month', 'in', [1, 2]]]]`: an OR of ANDs; a flat list of terms is one AND).
import { ParquetError } from '../errors.js';
import type { FilterOperator } from '../filter/expression.js';

export type { FilterOperator };

/** A scalar a filter compares against. */
export type FilterValue = string | number | bigint | boolean | Date | null;

/** One term: `[column, operator, value]` (`value` is a list for in / not in, ignored for the null tests). */
export type FilterTerm = readonly [string, FilterOperator, (FilterValue | readonly FilterValue[])?];

/** A DNF filter: OR of ANDs, or a flat AND of terms. */
export type DnfFilter = readonly (readonly FilterTerm[])[] | readonly FilterTerm[];

/** A partition value as typed by hive inference: Int64 values as bigint, dates as days since the epoch. */
export type PartitionValue = string | bigint | null;

/** Normalises a filter to an OR of ANDs; throws ParquetError('BAD_ARGUMENT') on a malformed one. */
export function toDisjunction(filter: DnfFilter): FilterTerm[][] {
  if (!Array.isArray(filter) || filter.length === 0) return [];
  const isTerm = (x: unknown): boolean => Array.isArray(x) && typeof x[0] === 'string';
  const disjunction = (isTerm(filter[0]) ? [filter] : filter) as FilterTerm[][];
  for (const conjunction of disjunction) {
    if (!Array.isArray(conjunction)) throw new ParquetError('BAD_ARGUMENT', 'filter: expected a list of terms');
    for (const term of conjunction) checkTerm(term);
  }
  return disjunction;
}

const OPERATORS = new Set<string>([
  '=',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
  'not-in',
  'is-null',
  'is-not-null',
]);

function checkTerm(term: FilterTerm): void {
  if (!Array.isArray(term) || typeof term[0] !== 'string' || !OPERATORS.has(term[1])) {
    throw new ParquetError('BAD_ARGUMENT', `filter: malformed term ${JSON.stringify(term, jsonBigint)}`);
  }
  const list = term[1] === 'in' || term[1] === 'not in' || term[1] === 'not-in';
  if (list && !Array.isArray(term[2])) {
    throw new ParquetError('BAD_ARGUMENT', `filter: ${term[1]} on ${term[0]} needs a list of values`);
  }
}

function jsonBigint(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** The names of the columns a filter refers to. */
export function filterColumns(filter: DnfFilter): Set<string> {
  const names = new Set<string>();
  for (const conjunction of toDisjunction(filter)) for (const term of conjunction) names.add(term[0]);
  return names;
}

/**
 * Whether a file with these partition values may hold a matching row. Terms on columns that are not partition
 * keys are unknown here and count as "may match", so the answer is exact only for filters on partition keys.
 * Comparisons follow SQL: a null partition value matches only is-null.
 */
export function partitionMayMatch(
  disjunction: readonly (readonly FilterTerm[])[],
  values: ReadonlyMap<string, PartitionValue>,
  kinds: ReadonlyMap<string, PartitionKind>,
): boolean {
  if (disjunction.length === 0) return true;
  return disjunction.some((conjunction) =>
    conjunction.every((term) => {
      const kind = kinds.get(term[0]);
      if (kind === undefined) return true;
      return termMatches(term, values.get(term[0]) ?? null, kind);
    }),
  );
}

/**
 * The part of a filter left for one file's rows once its partition values are known: `undefined` when every row
 * matches, `'none'` when no row can, otherwise an OR of ANDs of data-column terms for the reader's pushdown.
 * Terms on data columns the file lacks (schema unification fills them with nulls) are decided here as on nulls.
 */
export function residualFilter(
  disjunction: readonly (readonly FilterTerm[])[],
  values: ReadonlyMap<string, PartitionValue>,
  kinds: ReadonlyMap<string, PartitionKind>,
  fileColumns: ReadonlySet<string>,
): FilterTerm[][] | undefined | 'none' {
  if (disjunction.length === 0) return undefined;
  const residual: FilterTerm[][] = [];
  for (const conjunction of disjunction) {
    const dataTerms: FilterTerm[] = [];
    let possible = true;
    for (const term of conjunction) {
      const kind = kinds.get(term[0]);
      if (kind !== undefined) possible = termMatches(term, values.get(term[0]) ?? null, kind);
      else if (!fileColumns.has(term[0])) possible = term[1] === 'is-null';
      else dataTerms.push(term);
      if (!possible) break;
    }
    if (!possible) continue;
    if (dataTerms.length === 0) return undefined; // this conjunction holds for every row of the file
    residual.push(dataTerms);
  }
  return residual.length === 0 ? 'none' : residual;
}

/** How a partition column's values compare: as 64-bit integers, dates (days since epoch) or strings. */
export type PartitionKind = 'int64' | 'date' | 'string';

function termMatches(term: FilterTerm, value: PartitionValue, kind: PartitionKind): boolean {
  const [column, op, operand] = term;
  if (op === 'is-null') return value === null;
  if (op === 'is-not-null') return value !== null;
  if (value === null) return false;
  const compare = (x: FilterValue): number | undefined => {
    if (kind === 'int64' && typeof x === 'number' && !Number.isInteger(x)) {
      const v = Number(value);
      return v < x ? -1 : v > x ? 1 : Number.isNaN(x) ? undefined : 0;
    }
    const other = coerce(x, kind, column);
    if (other === undefined) return undefined;
    return value < other ? -1 : value > other ? 1 : 0;
  };
  if (op === 'in' || op === 'not in' || op === 'not-in') {
    const found = (operand as readonly FilterValue[]).some((x) => compare(x) === 0);
    return op === 'in' ? found : !found;
  }
  const c = compare(operand as FilterValue);
  if (c === undefined) return op === '!=';
  switch (op) {
    case '=':
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

const DAY_MS = 86_400_000;

/** A filter operand in the partition column's domain; undefined for a null operand. */
function coerce(x: FilterValue, kind: PartitionKind, column: string): string | bigint | undefined {
  if (x === null) return undefined;
  if (kind === 'string') {
    if (typeof x === 'string') return x;
    throw new ParquetError('BAD_ARGUMENT', `filter: partition column ${column} is a string, got ${typeof x}`, {
      column,
    });
  }
  if (kind === 'date') {
    if (x instanceof Date) return BigInt(Math.floor(x.getTime() / DAY_MS));
    if (typeof x === 'string' && /^\d{4}-\d\d-\d\d$/.test(x))
      return BigInt(Math.floor(Date.parse(`${x}T00:00:00Z`) / DAY_MS));
    if (typeof x === 'number' || typeof x === 'bigint') return BigInt(x);
    throw new ParquetError('BAD_ARGUMENT', `filter: partition column ${column} is a date, got ${String(x)}`, {
      column,
    });
  }
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return BigInt(x);
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x);
  throw new ParquetError('BAD_ARGUMENT', `filter: partition column ${column} is an integer, got ${String(x)}`, {
    column,
  });
}
