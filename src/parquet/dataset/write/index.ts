// Public API of dataset writing: partitioned datasets with summary files and an atomic commit.
export { commitStagedDataset, type DatasetCommitSpec, type DatasetWriteResult } from './commit.js';
export { createStaging, type DatasetLocation, publishStaging, removeStaging } from './publish.js';
export { datasetWriteSettings, type WriteDatasetOptions, writeDataset } from './write_dataset.js';
export {
  type DatasetFileOptions,
  type PartitionWriteResult,
  type PartitionWriteSpec,
  type WrittenFile,
  writePartitionFiles,
} from './write_partition.js';
