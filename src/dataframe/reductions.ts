// Reductions of a DataFrame as tree reductions (chunk per partition, combine per `splitEvery` partials, aggregate):
// per-column statistics, exact distinct counts, value counts, describe.
import type { Field } from '../columnar/types.js';
import type { Value } from '../columnar/values.js';
import { literalTask, treeReduce, treeReduceFrame } from './emit.js';
import type { DataFrame } from './frame.js';
import { makeLayer, mergeLayers, uniqueName } from './graph.js';
import { partitionLength } from './ops/core.js';
import { describeAggregate, describeChunk, describeCombine, describeFields } from './ops/describe.js';
import {
  distinctKeysChunk,
  distinctKeysCombine,
  distinctKeysCount,
  valueCountsAggregate,
  valueCountsChunk,
  valueCountsCombine,
  valueCountsFields,
} from './ops/distinct.js';
import {
  columnStatsChunk,
  finishColumnStat,
  finishColumnStats,
  isNumericType,
  isOrderedType,
  mergeColumnStats,
  type StatName,
} from './ops/stats.js';
import { Scalar } from './scalar.js';

/** Options of reductions. */
export interface ReduceOptions {
  /** Partials merged per combine task (default 8). */
  splitEvery?: number;
}

function accepts(stat: StatName): (field: Field) => boolean {
  if (stat === 'min' || stat === 'max') return (f) => isOrderedType(f.type);
  if (stat === 'count') return () => true;
  if (stat === 'any' || stat === 'all') return (f) => isNumericType(f.type) || f.type.kind === 'bool';
  return (f) => isNumericType(f.type);
}

/** The columns a statistic applies to by default, or checks the given ones. */
function statColumns(df: DataFrame, stat: StatName, columns: readonly string[] | undefined): string[] {
  const ok = accepts(stat);
  if (!columns) return df.fields.filter(ok).map((f) => f.name);
  for (const name of columns) {
    const field = df.field(name);
    if (!ok(field)) {
      const kind = field.type.kind === 'dictionary' ? `a dictionary of ${field.type.value.kind}` : field.type.kind;
      throw new TypeError(`${stat}: column ${name} is ${kind}, which ${stat} does not accept`);
    }
  }
  return [...columns];
}

/**
 * `stat` per column as a record `{ column: value }` (all columns the statistic applies to by default: numeric
 * ones for sum/mean/std/var, ordered ones for min/max), or of one column as a Scalar of its value.
 */
export function reduceStat(
  df: DataFrame,
  stat: StatName,
  columns?: string | readonly string[],
  options: ReduceOptions = {},
): Scalar<Value> | Scalar<Record<string, Value>> {
  if (typeof columns === 'string') {
    const [name] = statColumns(df, stat, [columns]);
    return treeReduce<Value>(df, {
      name: stat,
      chunk: { op: columnStatsChunk, args: [[name]] },
      combine: { op: mergeColumnStats, args: [[name]] },
      aggregate: { op: finishColumnStat, args: [name, stat] },
      splitEvery: options.splitEvery,
    });
  }
  const names = statColumns(df, stat, columns);
  return treeReduce<Record<string, Value>>(df, {
    name: stat,
    chunk: { op: columnStatsChunk, args: [names] },
    combine: { op: mergeColumnStats, args: [names] },
    aggregate: { op: finishColumnStats, args: [names, stat] },
    splitEvery: options.splitEvery,
  });
}

/** Number of rows: from the known partition lengths (Parquet footers) when there are, else counted. */
export function lengthOf(df: DataFrame, options: ReduceOptions = {}): Scalar<number> {
  if (df.partitionLengths) {
    const name = uniqueName('length');
    const total = df.partitionLengths.reduce((a, b) => a + b, 0);
    return new Scalar<number>(name, mergeLayers([], { [name]: makeLayer([[name, literalTask(total)]]) }));
  }
  return treeReduce<number>(df, {
    name: 'length',
    chunk: { op: partitionLength },
    aggregate: { op: 'sum' },
    splitEvery: options.splitEvery,
  });
}

/** Exact number of distinct non-null values of `column`. */
export function nuniqueOf(df: DataFrame, column: string, options: ReduceOptions = {}): Scalar<number> {
  df.field(column);
  return treeReduce<number>(df, {
    name: 'nunique',
    chunk: { op: distinctKeysChunk, args: [column] },
    combine: { op: distinctKeysCombine },
    aggregate: { op: distinctKeysCount },
    splitEvery: options.splitEvery,
  });
}

/** Rows per distinct non-null value of `column`, most frequent first: a one-partition frame (column, count). */
export function valueCountsOf(df: DataFrame, column: string, options: ReduceOptions = {}): DataFrame {
  const fields = valueCountsFields(df.field(column));
  return treeReduceFrame(
    df,
    {
      name: 'value-counts',
      chunk: { op: valueCountsChunk, args: [column, fields] },
      combine: { op: valueCountsCombine, args: [fields] },
      aggregate: { op: valueCountsAggregate, args: [fields] },
      splitEvery: options.splitEvery,
    },
    fields,
  );
}

/**
 * pandas' describe for the numeric columns (or `columns`): a one-partition frame with a `statistic` column (count,
 * mean, std, min, 25%, 50%, 75%, max) and one float64 column per described column. Percentiles are exact (linear
 * interpolation, pandas' default), from the column's non-null values gathered by the reduction.
 */
export function describeOf(df: DataFrame, columns?: readonly string[], options: ReduceOptions = {}): DataFrame {
  const names = statColumns(df, 'mean', columns);
  const fields = describeFields(names);
  return treeReduceFrame(
    df,
    {
      name: 'describe',
      chunk: { op: describeChunk, args: [names] },
      combine: { op: describeCombine, args: [names] },
      aggregate: { op: describeAggregate, args: [names, fields] },
      splitEvery: options.splitEvery,
    },
    fields,
  );
}
