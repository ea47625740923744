// Graph ops of DataFrame.toParquet: one `writePartition` task per partition writes its files into the staging
// directory and returns their footers; one `commitDataset` task, depending on all of them, writes `_metadata` /
// `_common_metadata` and publishes the dataset atomically. The work is in src/parquet/dataset/write/ (usable
// without a DataFrame through writeDataset); these are its stable names for the schedulers.
import type { Batch } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import {
  commitStagedDataset,
  type DatasetCommitSpec,
  type DatasetWriteResult,
  type PartitionWriteResult,
  type PartitionWriteSpec,
  writePartitionFiles,
} from '../../parquet/dataset/write/index.js';

/** Writes one partition into the staging directory (see writePartitionFiles); returns the files and footers. */
export const writePartition = defineOp(
  import.meta.url,
  'writePartition',
  (batch: Batch, spec: PartitionWriteSpec): Promise<PartitionWriteResult> => writePartitionFiles(batch, spec),
);

/** Writes the summary files and publishes the staged dataset (see commitStagedDataset). */
export const commitDataset = defineOp(
  import.meta.url,
  'commitDataset',
  (results: readonly PartitionWriteResult[], spec: DatasetCommitSpec): Promise<DatasetWriteResult> =>
    commitStagedDataset(results, spec),
);
