// Aggregation specs of groupby().agg(): plain JSON (so they travel in task arguments), normalised once into a list
// of items, each naming its input column, its function and its output column.

/** The aggregation functions of groupby().agg(). */
export type AggName =
  | 'count'
  | 'size'
  | 'sum'
  | 'mean'
  | 'min'
  | 'max'
  | 'std'
  | 'var'
  | 'first'
  | 'last'
  | 'nunique'
  | 'nuniqueApprox'
  | 'any'
  | 'all';

/** `{ column: fn | fn[] }`; the column `'*'` with 'count' (or 'size') counts rows, nulls included. */
export type AggSpec = Readonly<Record<string, AggName | readonly AggName[]>>;

/** One output column of an aggregation. */
export interface AggItem {
  /** The input column ('*' for a row count). */
  readonly column: string;
  readonly fn: AggName;
  /** The output column: `column_fn`, or `count` for the row count. */
  readonly name: string;
  /** HyperLogLog precision of nuniqueApprox (registers per group: 2^precision). */
  readonly precision?: number;
}

const NAMES: ReadonlySet<string> = new Set<AggName>([
  'count',
  'size',
  'sum',
  'mean',
  'min',
  'max',
  'std',
  'var',
  'first',
  'last',
  'nunique',
  'nuniqueApprox',
  'any',
  'all',
]);

/** The items of `spec`, in its order; throws a TypeError naming an unknown function or an empty spec. */
export function normalizeAggSpec(spec: AggSpec): AggItem[] {
  const items: AggItem[] = [];
  for (const [column, fns] of Object.entries(spec)) {
    for (const fn of typeof fns === 'string' ? [fns] : fns) {
      if (!NAMES.has(fn)) throw new TypeError(`groupby.agg: unknown aggregation ${JSON.stringify(fn)} for ${column}`);
      if (column === '*') {
        if (fn !== 'count' && fn !== 'size') throw new TypeError(`groupby.agg: '*' only counts rows, not ${fn}`);
        items.push({ column, fn: 'size', name: 'count' });
      } else {
        items.push({ column, fn: fn === 'size' ? 'size' : fn, name: `${column}_${fn}` });
      }
    }
  }
  if (items.length === 0) throw new TypeError('groupby.agg: no aggregations');
  const names = new Set<string>();
  for (const item of items) {
    if (names.has(item.name)) throw new TypeError(`groupby.agg: output column ${item.name} appears twice`);
    names.add(item.name);
  }
  return items;
}
