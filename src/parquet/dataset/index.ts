// Public API of datasets: many Parquet files (directories, globs, lists) read as one table.
export {
  Dataset,
  type DatasetOptions,
  type DatasetReadOptions,
  type DatasetStats,
  type DatasetTableOptions,
  type Fragment,
  openDataset,
} from './dataset.js';
// The operator and value types are the same as the pushdown filter's (exported from ../filter); only the DNF shapes
// of partition pruning are named here.
export type { DnfFilter, FilterTerm, PartitionKind, PartitionValue } from './filter.js';
export type { PartitionColumn } from './hive.js';
// Writing: the one-call writer and its types (the staged steps, for schedulers, are in ./write/index.ts).
export type {
  DatasetFileOptions,
  DatasetWriteResult,
  WriteDatasetOptions,
} from './write/index.js';
export { writeDataset } from './write/index.js';
