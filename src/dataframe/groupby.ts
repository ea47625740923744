// df.groupby(keys).agg(spec): a hash group-by as a tree reduction (dask's apply-concat-apply). Every partition is
// reduced to a partial (its groups and their states), partials are combined `splitEvery` at a time, and the last
// combine finalises the result. With `splitOut: n` every partial is cut into n pieces by the hash of the group keys;
// piece j of every partition is tree-reduced on its own into output partition j, so no task ever holds all groups.
// Groups come out in order of first appearance (within each output partition), not sorted.

import { emptyBatch } from '../columnar/empty.js';
import type { DataType, Field } from '../columnar/types.js';
import { type Key, keyId } from '../graph/keys.js';
import { literal, ref, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import { type AggItem, type AggName, type AggSpec, normalizeAggSpec } from './algorithms/agg_spec.js';
import { groupbyFinalize } from './algorithms/group_finalize.js';
import { GROUP_HLL_DEFAULT_PRECISION } from './algorithms/group_hll.js';
import { accumulatorKind } from './algorithms/group_kernels.js';
import { groupbyChunk } from './algorithms/group_partial.js';
import { HLL_MAX_PRECISION, HLL_MIN_PRECISION } from './algorithms/hyperloglog.js';
import { DataFrame } from './frame.js';
import { makeLayer, mergeLayers, uniqueName } from './graph.js';
import { groupbyAggregateOp, groupbyChunkOp, groupbyChunkSplitOp, groupbyCombineOp } from './ops/groupby.js';
import { type ParquetPartitionSpec, readParquetPartition } from './ops/read.js';
import { readGroupbyPartialOp } from './ops/read_groupby.js';
import { isDecimalType, isNumericType } from './ops/stats.js';

/** Options of GroupBy.agg. */
export interface AggOptions {
  /** Partials per combine task (default 8, at least 2). */
  splitEvery?: number;
  /** Number of output partitions, groups hash-partitioned among them (default 1). */
  splitOut?: number;
  /** HyperLogLog precision of nuniqueApprox, 4..18 (default 12: 4 KiB per group, standard error 1.6%). */
  hllPrecision?: number;
}

/** Options of DataFrame.groupby. */
export interface GroupByOptions {
  /** Leave out rows whose key is null (default true, as pandas); false: null keys form a group, as SQL GROUP BY.
   *  NaN keys are values, not nulls: they form a group either way. */
  dropna?: boolean;
}

/** The aggregations with a shortcut method (`groupby(k).sum()`): each applies to the non-key columns it accepts. */
export type ShortcutAgg = 'sum' | 'mean' | 'count' | 'min' | 'max' | 'nunique';

const GROUPBY_OPTIONS = optionNames<GroupByOptions>({ dropna: true });

const AGG_OPTIONS = optionNames<AggOptions>({ splitEvery: true, splitOut: true, hllPrecision: true });

/** The result schema: the key fields, then one field per aggregation (found by running the steps on no rows). */
function resultFields(df: DataFrame, keys: readonly string[], items: readonly AggItem[]): readonly Field[] {
  return groupbyFinalize(groupbyChunk(emptyBatch(df.fields), keys, items), keys, items).fields;
}

/** Whether the shortcut `fn` applies to a column of `type` when no columns are named. */
function shortcutAccepts(fn: ShortcutAgg, type: DataType): boolean {
  if (fn === 'count' || fn === 'nunique') return true;
  if (fn === 'sum' || fn === 'mean') return isNumericType(type) || isDecimalType(type);
  const kind = type.kind === 'dictionary' ? type.value.kind : type.kind;
  return kind === 'decimal' || accumulatorKind(kind) !== undefined;
}

/** A frame grouped by key columns, waiting for its aggregations. */
export class GroupBy {
  readonly frame: DataFrame;
  readonly keys: readonly string[];
  /** Rows with a null key are left out (see GroupByOptions). */
  readonly dropna: boolean;

  constructor(frame: DataFrame, keys: readonly string[], options: GroupByOptions = {}) {
    if (keys.length === 0) throw new TypeError('groupby: give at least one key column');
    for (const k of keys) frame.field(k);
    checkOptions(options, GROUPBY_OPTIONS, 'groupby');
    if (options.dropna !== undefined && typeof options.dropna !== 'boolean') {
      throw new TypeError(`groupby: dropna must be true or false, not ${String(options.dropna)}`);
    }
    this.frame = frame;
    this.keys = keys;
    this.dropna = options.dropna ?? true;
  }

  /** Sum per group of the numeric and decimal columns (or `columns`), named as the columns (pandas). */
  sum(columns?: readonly string[], options: AggOptions = {}): DataFrame {
    return this.shortcut('sum', columns, options);
  }

  /** Mean per group of the numeric and decimal columns (or `columns`). */
  mean(columns?: readonly string[], options: AggOptions = {}): DataFrame {
    return this.shortcut('mean', columns, options);
  }

  /** Non-null values per group of every non-key column (or `columns`). */
  count(columns?: readonly string[], options: AggOptions = {}): DataFrame {
    return this.shortcut('count', columns, options);
  }

  /** Smallest value per group of the numeric, decimal and temporal columns (or `columns`). */
  min(columns?: readonly string[], options: AggOptions = {}): DataFrame {
    return this.shortcut('min', columns, options);
  }

  /** Largest value per group of the numeric, decimal and temporal columns (or `columns`). */
  max(columns?: readonly string[], options: AggOptions = {}): DataFrame {
    return this.shortcut('max', columns, options);
  }

  /** Distinct non-null values per group of every non-key column (or `columns`), exact. */
  nunique(columns?: readonly string[], options: AggOptions = {}): DataFrame {
    return this.shortcut('nunique', columns, options);
  }

  /** Rows per group: the key columns and `size` (pandas' `groupby().size()` with as_index=False). */
  size(options: AggOptions = {}): DataFrame {
    return this.agg({ '*': 'count' }, options).rename({ count: 'size' });
  }

  private shortcut(fn: ShortcutAgg, columns: readonly string[] | undefined, options: AggOptions): DataFrame {
    const names =
      columns ??
      this.frame.fields.filter((f) => !this.keys.includes(f.name) && shortcutAccepts(fn, f.type)).map((f) => f.name);
    if (names.length === 0) throw new TypeError(`groupby.${fn}: no column to aggregate (give the columns)`);
    const spec: Record<string, AggName[]> = {};
    for (const name of names) spec[name] = [fn];
    const mapping: Record<string, string> = {};
    for (const name of names) mapping[`${name}_${fn}`] = name;
    return this.agg(spec, options).rename(mapping);
  }

  /**
   * `{ column: ['sum', 'mean', ...] }` per group: one row per distinct key (nulls form a group), the key columns
   * then `column_fn` columns (`'*': 'count'` gives `count`, the rows per group).
   */
  agg(spec: AggSpec, options: AggOptions = {}): DataFrame {
    checkOptions(options, AGG_OPTIONS, 'groupby.agg');
    const precision = options.hllPrecision ?? GROUP_HLL_DEFAULT_PRECISION;
    if (!Number.isInteger(precision) || precision < HLL_MIN_PRECISION || precision > HLL_MAX_PRECISION) {
      throw new RangeError(
        `groupby.agg: hllPrecision must be an integer in ${HLL_MIN_PRECISION}..${HLL_MAX_PRECISION}`,
      );
    }
    const items = normalizeAggSpec(spec).map((item) => (item.fn === 'nuniqueApprox' ? { ...item, precision } : item));
    for (const item of items) if (item.column !== '*') this.frame.field(item.column);
    const fields = resultFields(this.frame, this.keys, items);
    const splitEvery = Math.max(2, Math.floor(options.splitEvery ?? 8));
    const splitOut = Math.max(1, Math.floor(options.splitOut ?? 1));
    return groupbyGraph(this.frame, this.keys, items, fields, splitEvery, splitOut, this.dropna);
  }
}

function groupbyGraph(
  df: DataFrame,
  keys: readonly string[],
  items: readonly AggItem[],
  fields: readonly Field[],
  splitEvery: number,
  splitOut: number,
  dropna: boolean,
): DataFrame {
  const name = uniqueName('groupby');
  const tasks: [Key, TaskSpec][] = [];
  const chunks: Key[] = [];
  const reads = splitOut === 1 ? parquetReadSpecs(df) : undefined;
  if (reads) {
    // Partials fused with the reads: a task per few partitions, each reduced where it is decoded.
    const per = fusedGroupSize(reads.length, splitEvery);
    for (let g = 0; g < reads.length; g += per) {
      const key: Key = `${name}-chunk-${chunks.length}`;
      tasks.push([
        key,
        { fn: opName(readGroupbyPartialOp), args: [literal(reads.slice(g, g + per)), [...keys], items, dropna] },
      ]);
      chunks.push(key);
    }
  }
  for (let i = 0; i < (reads ? 0 : df.npartitions); i++) {
    const key: Key = `${name}-chunk-${i}`;
    tasks.push(
      splitOut > 1
        ? [key, { fn: opName(groupbyChunkSplitOp), args: [ref(df.key(i)), [...keys], items, splitOut, dropna] }]
        : [key, { fn: opName(groupbyChunkOp), args: [ref(df.key(i)), [...keys], items, dropna] }],
    );
    chunks.push(key);
  }
  for (let j = 0; j < splitOut; j++) {
    // The first level reads piece j of the split partials; later levels read whole partials.
    let piece = splitOut > 1 ? j : -1;
    let level = chunks;
    let depth = 0;
    while (level.length > splitEvery) {
      const next: Key[] = [];
      for (let g = 0; g < level.length; g += splitEvery) {
        const key: Key = `${name}-combine-${j}-${depth}-${next.length}`;
        const group = level.slice(g, g + splitEvery).map((k) => ref(k));
        tasks.push([key, { fn: opName(groupbyCombineOp), args: [group, piece, [...keys], items] }]);
        next.push(key);
      }
      level = next;
      piece = -1;
      depth++;
    }
    if (level.length === 0) {
      tasks.push([[name, j], { fn: 'identity', args: [literal(emptyBatch(fields))] }]);
      continue;
    }
    tasks.push([
      [name, j],
      { fn: opName(groupbyAggregateOp), args: [level.map((k) => ref(k)), piece, [...keys], items] },
    ]);
  }
  return new DataFrame({
    name,
    fields,
    npartitions: splitOut,
    // Fused reads replace the frame's partition tasks: its layers would only be validated and culled per compute.
    layers: mergeLayers(reads ? [] : [df.layers], { [name]: makeLayer(tasks) }),
  });
}

/** Fused tasks are kept at least this many (when there are as many partitions), so that every thread gets work. */
const MIN_FUSED_TASKS = 16;

/** Partitions per fused read-and-aggregate task: up to `splitEvery`, leaving at least MIN_FUSED_TASKS tasks. */
function fusedGroupSize(partitions: number, splitEvery: number): number {
  return Math.max(1, Math.min(splitEvery, Math.floor(partitions / MIN_FUSED_TASKS)));
}

/** The Parquet read specs of `df`'s partitions when each partition is a plain readParquet task, else undefined. */
export function parquetReadSpecs(df: DataFrame): ParquetPartitionSpec[] | undefined {
  const layer = df.layers.get(df.name);
  if (!layer || df.npartitions === 0) return undefined;
  const read = opName(readParquetPartition);
  const specs: ParquetPartitionSpec[] = [];
  for (let i = 0; i < df.npartitions; i++) {
    const spec = layer.get(keyId(df.key(i)))?.spec;
    if (!spec || spec.fn !== read || spec.args?.length !== 1) return undefined;
    specs.push(spec.args[0] as ParquetPartitionSpec);
  }
  return specs;
}

/** `df` grouped by `keys` (one column name or several). */
export function groupbyFrame(df: DataFrame, keys: string | readonly string[], options: GroupByOptions = {}): GroupBy {
  return new GroupBy(df, typeof keys === 'string' ? [keys] : keys, options);
}
