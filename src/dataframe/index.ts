// The lazy partitioned DataFrame: frames, scalars, the graph-emission helpers other pieces build on, and
// expressions.

export { Decimal, type ScalarValue, Timestamp } from '../columnar/js_values.js';
export { type AggItem, type AggName, type AggSpec, normalizeAggSpec } from './algorithms/agg_spec.js';
// Approximate reductions and the partition algorithms (hashing, HyperLogLog, t-digest).
export * from './algorithms/index.js';
export { type NuniqueApproxOptions, nuniqueApprox, type QuantileOptions, quantile } from './approx.js';
export {
  inferFields,
  type MapPartitionsOptions,
} from './columns.js';
export { type Computed, computeAll } from './compute_all.js';
export { type FromMemoryOptions, fromArrow, fromBatches, fromRecords, splitBatch, toSharedBatch } from './create.js';
export { type DropDuplicatesOptions, dropDuplicatesFrame } from './distinct_rows.js';
export {
  type EmitOptions,
  fromPartitions,
  literalTask,
  mapPartitionsOp,
  mapScalar,
  type OpRef,
  partitionwiseOp,
  type ReduceStep,
  type TreeReduceSpec,
  treeReduce,
  treeReduceFrame,
  treeReduceTasks,
} from './emit.js';
export * from './expr/index.js';
export { DataFrame, type DataFrameInit, type Divisions } from './frame.js';
export { type Layer, type Layers, type LayerTask, layersToGraph, makeLayer, mergeLayers, uniqueName } from './graph.js';
export { type AggOptions, GroupBy, type GroupByOptions, type ShortcutAgg } from './groupby.js';
export { type MergeOptions, mergeFrames, mergeKeys } from './merge.js';
export { distinctRowsCombineOp, distinctRowsOp, joinPartitions } from './ops/merge.js';
export { type ParquetPartitionSpec, type PartitionConstant, readParquetPartition } from './ops/read.js';
export { concatShufflePieces, hashPartitionIdsOp, indicesByPartition, splitByPartitionIds } from './ops/shuffle.js';
export {
  rangePartitionIdsOp,
  sortDivisionsOp,
  sortPartitionOp,
  sortSampleOp,
  sortSamplesCombineOp,
} from './ops/sort.js';
export type { ColumnPartial, StatName } from './ops/stats.js';
export { commitDataset, writePartition } from './ops/write_parquet.js';
export { type ReadParquetOptions, readParquet } from './read_parquet.js';
export type { ReduceOptions } from './reductions.js';
export { concatFrames as concat } from './rows.js';
export { Scalar } from './scalar.js';
export { hashShuffle, type Partitioner, type ShuffleOptions, shuffleFrame } from './shuffle.js';
export {
  computeSortDivisions,
  type SetIndexOptions,
  type SortOptionsBase,
  type SortValuesOptions,
  setIndexFrame,
  sortValuesFrame,
} from './sort.js';
export { type ToParquetOptions, toParquet, toParquetTasks } from './to_parquet.js';
