// DataFrame.toParquet: one `writePartition` task per partition stages its files, one `commitDataset` task after
// all of them writes `_metadata` / `_common_metadata` and publishes the directory atomically (the guarantee and its
// limits: src/parquet/dataset/write/publish.ts). The target is checked and the staging directory created here,
// before the graph runs; if any task fails (or the compute is aborted) the staging directory is removed and the
// target is left as it was.
import type { Key } from '../graph/keys.js';
import { literal, ref, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import {
  createStaging,
  type DatasetCommitSpec,
  type DatasetLocation,
  type DatasetWriteResult,
  datasetWriteSettings,
  type PartitionWriteSpec,
  removeStaging,
  type WriteDatasetOptions,
} from '../parquet/dataset/write/index.js';
import { checkPartitionColumns } from '../parquet/dataset/write/split_by_partition.js';
import { type ComputeOptions, compute } from '../scheduler/compute.js';
import type { DataFrame } from './frame.js';
import { type Layers, layersToGraph, makeLayer, mergeLayers, uniqueName } from './graph.js';
import { commitDataset, writePartition } from './ops/write_parquet.js';

/** Options of {@link toParquet}: the dataset's layout and file settings, and how the graph runs. */
export interface ToParquetOptions extends WriteDatasetOptions, ComputeOptions {}

/**
 * Writes `df` as a Parquet dataset at `dir` and resolves when it is published: one file `part.<i>.parquet` per
 * partition, or with `partitionOn` one per partition and hive directory (`year=2024/month=1/part.<i>.parquet`, the
 * partition columns stored in the path only), plus `_metadata` (every row group, `file_path` set) and
 * `_common_metadata` (the schema). Without `overwrite`, an existing target other than an empty directory is an
 * error before anything runs. A failing task rejects with the scheduler's TaskError (its `cause` is the
 * ParquetError).
 *
 *     await df.toParquet('out/trips', { partitionOn: ['year'], codec: 'zstd', overwrite: true });
 */
export async function toParquet(
  df: DataFrame,
  dir: string,
  options: ToParquetOptions = {},
): Promise<DatasetWriteResult> {
  const {
    scheduler,
    signal,
    onProgress,
    progressBar,
    fuse,
    maxBatchSize,
    targetBatchMs,
    dashboard,
    ...datasetOptions
  } = options;
  const computeOptions: ComputeOptions = {
    scheduler,
    dashboard,
    signal,
    onProgress,
    progressBar,
    fuse,
    maxBatchSize,
    targetBatchMs,
  };
  const settings = datasetWriteSettings(datasetOptions);
  checkPartitionColumns(df.fields, settings.partitionOn);
  const location = await createStaging(dir, settings.overwrite);
  try {
    const { key, layers } = toParquetTasks(df, location, datasetOptions);
    return (await compute(layersToGraph(layers), key, computeOptions)) as DatasetWriteResult;
  } catch (err) {
    await removeStaging(location.staging);
    throw err;
  }
}

/**
 * The tasks that write `df` into `location.staging` and commit it to `location.target`: the key of the commit
 * task (its value is the DatasetWriteResult) and the layers holding it and everything it depends on.
 */
export function toParquetTasks(
  df: DataFrame,
  location: DatasetLocation,
  options: WriteDatasetOptions = {},
): { key: Key; layers: Layers } {
  const settings = datasetWriteSettings(options);
  const name = uniqueName('to-parquet');
  const write = opName(writePartition);
  const tasks: [Key, TaskSpec][] = df.keys().map((partition, index) => {
    const spec: PartitionWriteSpec = {
      staging: location.staging,
      index,
      partitionOn: settings.partitionOn,
      fields: df.fields,
      writer: settings.writer,
    };
    // Specs are literals: user metadata inside them is never read as a task reference.
    return [[name, index], { fn: write, args: [ref(partition), literal(spec)] }];
  });
  const commitSpec: DatasetCommitSpec = {
    ...location,
    overwrite: settings.overwrite,
    fields: df.fields,
    partitionOn: settings.partitionOn,
    writer: settings.writer,
    writeMetadataFile: settings.writeMetadataFile,
  };
  const commitKey = `${name}-commit`;
  tasks.push([commitKey, { fn: opName(commitDataset), args: [tasks.map(([key]) => ref(key)), literal(commitSpec)] }]);
  return { key: commitKey, layers: mergeLayers([df.layers], { [name]: makeLayer(tasks) }) };
}
