// Public API of datasets: many Parquet files (directories, globs, lists) read as one table.
export {
  Dataset,
  type DatasetOptions,
  type DatasetReadOptions,
  type DatasetStats,
  type Fragment,
  openDataset,
} from './dataset.js';
export type { DnfFilter, FilterOperator, FilterTerm, FilterValue, PartitionKind, PartitionValue } from './filter.js';
export type { PartitionColumn } from './hive.js';
