// Dataset filters: the reader's filter (pyarrow/Dask DNF lists or and/or/not expressions) specialised per file.
// A file's hive partition values are constants for all its rows, and so are the nulls of columns it lacks; those
// terms are decided before the file is opened (by the reader's own row test, see filter/specialise.ts) and the rest
// goes to the reader's pushdown (row groups, pages, bloom filters, rows).
import { ParquetError } from '../errors.js';
import {
  type Filter,
  type FilterNode,
  type FilterOperator,
  type FilterTuple,
  type FilterValue,
  filterColumns as nodeColumns,
  parseFilter,
} from '../filter/expression.js';
import type { KeyDomain } from '../filter/keys.js';
import { type ConstantColumn, filterExpression, specialiseFilter } from '../filter/specialise.js';

export type { FilterOperator, FilterValue };

/** One term: `[column, operator, value]` (`value` is a list for in / not in, none for the null tests). */
export type FilterTerm = FilterTuple;

/** A DNF filter: OR of ANDs, or a flat AND of terms. Datasets also take the reader's expression objects. */
export type DnfFilter = readonly (readonly FilterTerm[])[] | readonly FilterTerm[];

/** A partition value as typed by hive inference: Int64 values as bigint, dates as days since the epoch. */
export type PartitionValue = string | bigint | null;

/** How a partition column's values compare: as 64-bit integers, dates (days since epoch) or strings. */
export type PartitionKind = 'int64' | 'date' | 'string';

/** Parses a dataset filter; undefined for an empty list (no filter). Throws ParquetError('BAD_ARGUMENT'). */
export function parseDatasetFilter(filter: Filter): FilterNode | undefined {
  if (Array.isArray(filter) && filter.length === 0) return undefined;
  return parseFilter(filter);
}

/** The names of the columns a parsed filter refers to. */
export function filterColumns(node: FilterNode): Set<string> {
  return new Set(nodeColumns(node));
}

/**
 * Whether a file with these partition values may hold a matching row. Terms on other columns are unknown here
 * and count as "may match", so the answer is exact only for filters on partition keys. Comparisons follow SQL: a
 * null partition value matches only is-null.
 */
export function partitionMayMatch(
  node: FilterNode | undefined,
  values: ReadonlyMap<string, PartitionValue>,
  kinds: ReadonlyMap<string, PartitionKind>,
): boolean {
  if (!node) return true;
  return specialiseFilter(node, (column) => partitionConstant(column, values, kinds)) !== false;
}

/**
 * The part of a filter left for one file's rows once its partition values are known: `undefined` when every row
 * matches, `'none'` when no row can, otherwise a filter over data columns for the reader's pushdown. Terms on
 * data columns the file lacks (schema unification fills them with nulls) are decided here as on nulls.
 */
export function residualFilter(
  node: FilterNode | undefined,
  values: ReadonlyMap<string, PartitionValue>,
  kinds: ReadonlyMap<string, PartitionKind>,
  fileColumns: ReadonlySet<string>,
): Filter | undefined | 'none' {
  if (!node) return undefined;
  const residual = specialiseFilter(node, (column) =>
    kinds.has(column) ? partitionConstant(column, values, kinds) : fileColumns.has(column) ? undefined : { key: null },
  );
  if (residual === true) return undefined;
  if (residual === false) return 'none';
  return filterExpression(residual);
}

const encoder = new TextEncoder();
const DOMAINS: Record<PartitionKind, KeyDomain> = {
  int64: { kind: 'bigint' },
  date: { kind: 'number', float: false, days: true },
  string: { kind: 'bytes' },
};

/** A partition column as a constant in the reader's key domain of its Arrow type (Int64, Date32, Utf8). */
function partitionConstant(
  column: string,
  values: ReadonlyMap<string, PartitionValue>,
  kinds: ReadonlyMap<string, PartitionKind>,
): ConstantColumn | undefined {
  const kind = kinds.get(column);
  if (kind === undefined) return undefined;
  const value = values.get(column) ?? null;
  const domain = DOMAINS[kind];
  if (value === null) return { domain, key: null };
  if (kind === 'string') return { domain, key: encoder.encode(String(value)) };
  const key = kind === 'date' ? Number(value) : BigInt(value);
  return { domain, key, literal: (x) => hiveLiteral(x, kind, column) };
}

/** Hive values are text, so partition filters also take text literals: '2024' for an integer, an ISO date. */
function hiveLiteral(x: FilterValue, kind: PartitionKind, column: string): FilterValue {
  if (typeof x !== 'string') return x;
  if (kind === 'int64' && /^-?\d+$/.test(x)) return BigInt(x);
  if (kind === 'date' && /^\d{4}-\d\d-\d\d$/.test(x)) return new Date(Date.parse(`${x}T00:00:00Z`));
  throw new ParquetError('BAD_ARGUMENT', `filter: partition column ${column} is ${kind}, got ${JSON.stringify(x)}`, {
    column,
  });
}
