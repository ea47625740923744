// Reductions of a DataFrame as tree reductions (chunk per partition, combine per `splitEvery` partials, aggregate):
// per-column statistics, exact distinct counts, value counts, describe.
import { type ScalarValue, typedValue } from '../columnar/js_values.js';
import type { DataType, Field } from '../columnar/types.js';
import type { Value } from '../columnar/values.js';
import { checkOptions, optionNames } from '../options/check.js';
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
  isDecimalType,
  isNumericType,
  isOrderedType,
  mergeColumnStats,
  type StatName,
} from './ops/stats.js';
import { readStatReduce } from './read_reduce.js';
import { Scalar } from './scalar.js';

/** The option names of ReduceOptions. */
export const REDUCE_OPTIONS = optionNames<ReduceOptions>({ splitEvery: true });

/** Options of the tree reductions (statistics, nunique, valueCounts, describe, length). */
export interface ReduceOptions {
  /** Partials merged per combine task (default 8). */
  splitEvery?: number;
}

function accepts(stat: StatName): (field: Field) => boolean {
  if (stat === 'min' || stat === 'max') return (f) => isOrderedType(f.type);
  if (stat === 'count') return () => true;
  if (stat === 'any' || stat === 'all') return (f) => isNumericType(f.type) || f.type.kind === 'bool';
  if (stat === 'sum' || stat === 'mean') return (f) => isNumericType(f.type) || isDecimalType(f.type);
  return (f) => isNumericType(f.type);
}

/** The type of `stat`'s result on a column of `type`, for the typed JS value: sum of DECIMAL(p, s) is
 *  DECIMAL(38, s) as in DuckDB, min/max keep the column's type, the others are plain numbers. */
function resultType(stat: StatName, type: DataType): DataType | undefined {
  const value = type.kind === 'dictionary' ? type.value : type;
  if (stat === 'min' || stat === 'max') return value;
  if (stat === 'sum' && value.kind === 'decimal')
    return { kind: 'decimal', precision: 38, scale: value.scale, bitWidth: 128 };
  return undefined;
}

/** Raw reduction result -> the caller's value (Date, Timestamp, Decimal for those column types). */
function typed(stat: StatName, type: DataType, raw: unknown): ScalarValue {
  const to = resultType(stat, type);
  if (!to || raw === null) return raw as ScalarValue;
  // an all-empty decimal sum is the number 0 (no partition set bigSum)
  return typedValue(to, typeof raw === 'number' && to.kind === 'decimal' ? 0n : raw) as ScalarValue;
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
): Scalar<ScalarValue> | Scalar<Record<string, ScalarValue>> {
  checkOptions(options, REDUCE_OPTIONS, stat);
  if (typeof columns === 'string') {
    const [name] = statColumns(df, stat, [columns]);
    const type = df.field(name!).type;
    const combine = { op: mergeColumnStats, args: [[name!]] };
    const aggregate = { op: finishColumnStat, args: [name!, stat] };
    // A readParquet frame's partitions reduced as they are read, when the columns allow (same result).
    const scalar =
      readStatReduce<Value>(df, stat, [name!], combine, aggregate, options.splitEvery) ??
      treeReduce<Value>(df, {
        name: stat,
        chunk: { op: columnStatsChunk, args: [[name]] },
        combine,
        aggregate,
        splitEvery: options.splitEvery,
      });
    return scalar.withFinish((raw) => typed(stat, type, raw));
  }
  const names = statColumns(df, stat, columns);
  const types = names.map((n) => df.field(n).type);
  const combine = { op: mergeColumnStats, args: [names] };
  const aggregate = { op: finishColumnStats, args: [names, stat] };
  const scalar =
    readStatReduce<Record<string, Value>>(df, stat, names, combine, aggregate, options.splitEvery) ??
    treeReduce<Record<string, Value>>(df, {
      name: stat,
      chunk: { op: columnStatsChunk, args: [names] },
      combine,
      aggregate,
      splitEvery: options.splitEvery,
    });
  return scalar.withFinish((raw) => {
    const record = raw as Record<string, Value>;
    const out: Record<string, ScalarValue> = {};
    names.forEach((n, i) => {
      out[n] = typed(stat, types[i]!, record[n]);
    });
    return out;
  });
}

/** Number of rows: from the known partition lengths (Parquet footers) when there are, else counted. */
export function lengthOf(df: DataFrame, options: ReduceOptions = {}): Scalar<number> {
  checkOptions(options, REDUCE_OPTIONS, 'length');
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
  checkOptions(options, REDUCE_OPTIONS, 'nunique');
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
  checkOptions(options, REDUCE_OPTIONS, 'valueCounts');
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
  checkOptions(options, REDUCE_OPTIONS, 'describe');
  const names = statColumns(df, 'std', columns);
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
