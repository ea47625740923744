// The lazy partitioned DataFrame: a schema, a number of partitions and the layered task graph that makes them.
// Partition i is the task [name, i] whose value is a Batch (src/columnar). Operations live in sibling modules and
// return new frames; the class only wires them up.

import type * as arrow from 'apache-arrow';
import { emptyBatch } from '../columnar/empty.js';
import type { ScalarValue } from '../columnar/js_values.js';
import { batchToArrow } from '../columnar/to_arrow.js';
import type { Batch, Field } from '../columnar/types.js';
import type { TaskGraph } from '../graph/graph.js';
import type { Key } from '../graph/keys.js';
import { literal, ref, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { checkOptions } from '../options/check.js';
import type { DatasetWriteResult } from '../parquet/dataset/write/index.js';
import { type ComputeOptions, compute } from '../scheduler/compute.js';
import { type NuniqueApproxOptions, nuniqueApprox, type QuantileOptions, quantile } from './approx.js';
import {
  assignFrame,
  dropnaFrame,
  filterFrame,
  type MapPartitionsOptions,
  mapPartitionsFrame,
  renameFrame,
  selectFrame,
} from './columns.js';
import { type DropDuplicatesOptions, dropDuplicatesFrame } from './distinct_rows.js';
import type { OpRef } from './emit.js';
import type { ExprLike } from './expr/builder.js';
import { type Layers, layersToGraph, makeLayer, mergeLayers, uniqueName } from './graph.js';
import { type GroupBy, type GroupByOptions, groupbyFrame } from './groupby.js';
import { type MergeOptions, mergeFrames } from './merge.js';
import { concatPartitions } from './ops/core.js';
import type { StatName } from './ops/stats.js';
import { describeOf, lengthOf, nuniqueOf, type ReduceOptions, reduceStat, valueCountsOf } from './reductions.js';
import { concatFrames, headOf, repartitionFrame, tailOf } from './rows.js';
import type { Scalar } from './scalar.js';
import { hashShuffle, type ShuffleOptions } from './shuffle.js';
import { type SetIndexOptions, type SortValuesOptions, setIndexFrame, sortValuesFrame } from './sort.js';
import { type ToParquetOptions, toParquet } from './to_parquet.js';

/** Boundary values of a sorted column: `npartitions + 1` values, partition i holding [d[i], d[i+1]) (last closed). */
export type Divisions = readonly (number | bigint | string | null)[];

/** What a DataFrame is made of (see the class fields). */
export interface DataFrameInit {
  name: string;
  npartitions: number;
  fields: readonly Field[];
  divisions?: Divisions;
  /** The column the divisions describe (required with divisions). */
  index?: string;
  /** Rows of each partition when known without running it (from Parquet footers). */
  partitionLengths?: readonly number[];
  layers: Layers;
}

/** A lazy, immutable, partitioned table. Nothing runs until `compute()` or `persist()`. */
export class DataFrame {
  /** Unique task-name prefix of this frame's partitions: partition i is the key `[name, i]`. */
  readonly name: string;
  /** Number of partitions. */
  readonly npartitions: number;
  /** Schema of every partition. */
  readonly fields: readonly Field[];
  /** `npartitions + 1` boundaries of the sorted index column, or undefined when unknown. */
  readonly divisions: Divisions | undefined;
  /** The sorted column `divisions` describe (undefined when divisions are unknown). */
  readonly index: string | undefined;
  /** The task graph of this frame and its ancestors, by layer. */
  readonly layers: Layers;
  /**
   * Rows of each partition when known without running it: from the Parquet footers for an unfiltered readParquet,
   * kept through column-only operations (select, rename, assign). `length()` then reads no data.
   */
  readonly partitionLengths: readonly number[] | undefined;

  constructor(init: DataFrameInit) {
    if (!Number.isInteger(init.npartitions) || init.npartitions < 0) {
      throw new RangeError(`DataFrame: npartitions must be a non-negative integer, got ${init.npartitions}`);
    }
    if (init.divisions && init.divisions.length !== init.npartitions + 1) {
      throw new RangeError(`DataFrame: ${init.divisions.length} divisions for ${init.npartitions} partitions`);
    }
    this.name = init.name;
    this.npartitions = init.npartitions;
    this.fields = init.fields;
    this.divisions = init.divisions;
    this.index = init.divisions ? init.index : undefined;
    this.layers = init.layers;
    if (init.partitionLengths && init.partitionLengths.length !== init.npartitions) {
      throw new RangeError(
        `DataFrame: ${init.partitionLengths.length} partition lengths for ${init.npartitions} partitions`,
      );
    }
    this.partitionLengths = init.partitionLengths;
  }

  /** Key of partition i. */
  key(i: number): Key {
    if (!Number.isInteger(i) || i < 0 || i >= this.npartitions) {
      throw new RangeError(`partition ${i} out of range (0..${this.npartitions - 1})`);
    }
    return [this.name, i];
  }

  /** Keys of all partitions, in order. */
  keys(): Key[] {
    return Array.from({ length: this.npartitions }, (_, i) => [this.name, i] as const);
  }

  /** Column names, in order. */
  get columns(): string[] {
    return this.fields.map((f) => f.name);
  }

  /** True when the index divisions are known. */
  get knownDivisions(): boolean {
    return this.divisions !== undefined;
  }

  /** The field named `name`; throws a RangeError listing the columns when there is none. */
  field(name: string): Field {
    const f = this.fields.find((x) => x.name === name);
    if (!f) throw new RangeError(`no column ${JSON.stringify(name)} (columns: ${this.columns.join(', ')})`);
    return f;
  }

  /** The whole task graph (every layer). */
  graph(): TaskGraph {
    return layersToGraph(this.layers);
  }

  /** Computes the partitions, in order, as Batches. */
  async computePartitions(options: ComputeOptions = {}): Promise<Batch[]> {
    if (this.npartitions === 0) return [];
    return (await compute(this.graph(), this.keys(), options)) as Batch[];
  }

  /** Computes the frame: the partitions concatenated (by one final task) as an apache-arrow Table. */
  async compute(options: ComputeOptions = {}): Promise<arrow.Table> {
    if (this.npartitions === 1) {
      // One partition is its own concatenation: asked for directly, it comes back from the thread that computed it,
      // without a further task (a message to a thread and back after the last real task of a group-by or reduction).
      const batch = (await compute(this.graph(), this.key(0), options)) as Batch;
      return batchToArrow(batch.numRows === 0 ? emptyBatch(this.fields) : batch);
    }
    const name = uniqueName('concat');
    const spec: TaskSpec = {
      fn: opName(concatPartitions),
      args: [literal(this.fields), this.keys().map((k) => ref(k))],
    };
    const graph = layersToGraph(mergeLayers([this.layers], { [name]: makeLayer([[name, spec]]) }));
    return batchToArrow((await compute(graph, name, options)) as Batch);
  }

  /** Computes the partitions and returns a frame whose partitions are literal tasks holding them. */
  async persist(options: ComputeOptions = {}): Promise<DataFrame> {
    const batches = await this.computePartitions(options);
    const name = uniqueName('persist');
    const layer = makeLayer(batches.map((b, i) => [[name, i], { fn: 'identity', args: [literal(b)] }]));
    return new DataFrame({
      name,
      npartitions: this.npartitions,
      fields: this.fields,
      divisions: this.divisions,
      index: this.index,
      layers: new Map([[name, layer]]),
    });
  }

  /** The columns `names`, in that order. */
  select(...names: (string | readonly string[])[]): DataFrame {
    return selectFrame(this, names.flat());
  }

  /** Columns renamed by `mapping` (old name -> new name). */
  rename(mapping: Readonly<Record<string, string>>): DataFrame {
    return renameFrame(this, mapping);
  }

  /** New or replaced columns from expressions: `df.assign({ total: col('price').mul(col('qty')) })`. */
  assign(columns: Readonly<Record<string, ExprLike>>): DataFrame {
    return assignFrame(this, columns);
  }

  /** The rows where `predicate` is true (null counts as false, as SQL WHERE). */
  filter(predicate: ExprLike): DataFrame {
    return filterFrame(this, predicate);
  }

  /** Rows without missing values (null, or NaN in float columns) in `subset` (default all columns). */
  dropna(options: { subset?: readonly string[]; how?: 'any' | 'all' } = {}): DataFrame {
    return dropnaFrame(this, options);
  }

  /**
   * Writes the frame as a Parquet dataset at `dir` (one file per partition, hive directories with `partitionOn`,
   * `_metadata` and `_common_metadata`) and resolves when the dataset is published, atomically: readers see the
   * old dataset or the complete new one (see src/dataframe/to_parquet.ts).
   */
  toParquet(dir: string, options: ToParquetOptions = {}): Promise<DatasetWriteResult> {
    return toParquet(this, dir, options);
  }

  /**
   * `fn(partition, ...args)` on every partition, where `fn` is a `defineOp` function (or its name) taking and
   * returning a Batch. The result schema is inferred on an empty partition unless `options.fields` is given.
   */
  mapPartitions(fn: OpRef, args: readonly unknown[] = [], options: MapPartitionsOptions = {}): DataFrame {
    return mapPartitionsFrame(this, fn, args, options);
  }

  /**
   * The frame grouped by `keys`, for `.agg({ column: ['sum', 'mean', ...] }, { splitOut, splitEvery })` or the
   * shortcuts `.sum()`, `.mean()`, `.count()`, `.min()`, `.max()`, `.nunique()`, `.size()`. Rows with a null key
   * are left out unless `{ dropna: false }` (pandas' default).
   */
  groupby(keys: string | readonly string[], options: GroupByOptions = {}): GroupBy {
    return groupbyFrame(this, keys, options);
  }

  /**
   * The SQL join of this frame (left) with `right` on `on` / `leftOn`+`rightOn` / `leftIndex`+`rightIndex`,
   * `how` 'inner' (default), 'left', 'right' or 'outer': broadcast when a side has one partition (or
   * `broadcast: true`), partition-wise on equal divisions, otherwise a hash shuffle of both sides (merge.ts).
   */
  merge(right: DataFrame, options: MergeOptions = {}): DataFrame {
    return mergeFrames(this, right, options);
  }

  /** Rows without repeats of `subset` (default all columns), keeping the first or last of each (distinct_rows.ts). */
  dropDuplicates(subset?: string | readonly string[], options: DropDuplicatesOptions = {}): DataFrame {
    return dropDuplicatesFrame(this, subset, options);
  }

  /** The first `n` rows (default 5), computed now from only the partitions needed. */
  head(n = 5, options: ComputeOptions = {}): Promise<arrow.Table> {
    return headOf(this, n, options);
  }

  /** The last `n` rows (default 5), computed now from only the partitions needed. */
  tail(n = 5, options: ComputeOptions = {}): Promise<arrow.Table> {
    return tailOf(this, n, options);
  }

  /** Number of rows (lazy). */
  length(options: ReduceOptions = {}): Scalar<number> {
    return lengthOf(this, options);
  }

  /** This frame's rows followed by those of `others` (same schema). */
  concat(...others: DataFrame[]): DataFrame {
    return concatFrames([this, ...others]);
  }

  /** The same rows in `npartitions` partitions (order kept). */
  repartition(options: { npartitions: number }): DataFrame {
    checkOptions(options, ['npartitions'], 'repartition');
    return repartitionFrame(this, options.npartitions);
  }

  /** The rows hash-partitioned on `on`: equal keys in one partition (see shuffle.ts). */
  shuffle(on: string | readonly string[], options: ShuffleOptions = {}): DataFrame {
    return hashShuffle(this, on, options);
  }

  /**
   * The rows sorted by `by` across partitions (sampled divisions, a range shuffle, a stable local sort): resolves
   * once the divisions are computed (see src/dataframe/sort.ts). Nulls last unless `naPosition: 'first'`, NaN above
   * every number, strings by UTF-8 bytes; an ascending first key gives known `divisions` and `index`.
   */
  sortValues(by: string | readonly string[], options: SortValuesOptions = {}): Promise<DataFrame> {
    return sortValuesFrame(this, by, options);
  }

  /** The frame sorted by `column` with known divisions on it (`index` = column); `sorted: true` only finds the
   *  divisions of data already in order. Resolves once the divisions are computed. */
  setIndex(column: string, options: SetIndexOptions = {}): Promise<DataFrame> {
    return setIndexFrame(this, column, options);
  }

  /** Sum per numeric column (a record), or of one column (`sum('x')`). Nulls skipped; empty sums are 0. */
  sum(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  sum(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  sum(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('sum', columns, options);
  }

  /** Mean per numeric column, or of one column. */
  mean(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  mean(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  mean(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('mean', columns, options);
  }

  /** Smallest value per ordered column (numbers, strings, temporal), or of one column. */
  min(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  min(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  min(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('min', columns, options);
  }

  /** Largest value per ordered column, or of one column (NaN is above every number). */
  max(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  max(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  max(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('max', columns, options);
  }

  /** Non-null values per column, or of one column. */
  count(column: string, options?: ReduceOptions): Scalar<number>;
  count(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, number>>;
  count(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('count', columns, options);
  }

  /** Sample standard deviation per numeric column, or of one column. */
  std(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  std(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  std(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('std', columns, options);
  }

  /** Sample variance per numeric column, or of one column. */
  var(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  var(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  var(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('var', columns, options);
  }

  /** Whether any non-null value is true / non-zero, per bool or numeric column, or of one column. */
  any(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  any(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  any(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('any', columns, options);
  }

  /** Whether every non-null value is true / non-zero, per bool or numeric column, or of one column. */
  all(column: string, options?: ReduceOptions): Scalar<ScalarValue>;
  all(columns?: readonly string[], options?: ReduceOptions): Scalar<Record<string, ScalarValue>>;
  all(columns?: string | readonly string[], options?: ReduceOptions) {
    return this.stat('all', columns, options);
  }

  private stat(stat: StatName, columns: string | readonly string[] | undefined, options: ReduceOptions = {}) {
    return reduceStat(this, stat, columns, options);
  }

  /** count, mean, std, min, quartiles, max of the numeric columns (or `columns`): a one-partition frame. */
  describe(columns?: readonly string[], options: ReduceOptions = {}): DataFrame {
    return describeOf(this, columns, options);
  }

  /** Rows per distinct non-null value of `column`, most frequent first: a one-partition frame (column, count). */
  valueCounts(column: string, options: ReduceOptions = {}): DataFrame {
    return valueCountsOf(this, column, options);
  }

  /** Exact number of distinct non-null values of `column`. */
  nunique(column: string, options: ReduceOptions = {}): Scalar<number> {
    return nuniqueOf(this, column, options);
  }

  /** The approximate number of distinct non-null values of `column` (HyperLogLog, standard error
   *  1.04 / sqrt(2^precision), 0.81% at the default precision 14). */
  nuniqueApprox(column: string, options: NuniqueApproxOptions = {}): Scalar<number> {
    return nuniqueApprox(this, column, options);
  }

  /** The approximate q-quantile(s) of numeric `column` (t-digest; a number for one q, an array for several). */
  quantile<Q extends number | readonly number[]>(
    column: string,
    q: Q,
    options: QuantileOptions = {},
  ): Scalar<Q extends number ? number : number[]> {
    return quantile(this, column, q, options);
  }
}
