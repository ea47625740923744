// Public API of datasets: many Parquet files (directories, globs, lists) read as one table.
export {
  Dataset,
  type DatasetOptions,
  type DatasetReadOptions,
  type DatasetStats,
  type Fragment,
  openDataset,
} from './dataset.js';
// The operator and value types are the same as the pushdown filter's (exported from ../filter); only the DNF shapes
// of partition pruning are named here.
export type { DnfFilter, FilterTerm, PartitionKind, PartitionValue } from './filter.js';
export type { PartitionColumn } from './hive.js';
export * from './write/index.js';
