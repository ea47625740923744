// Writing a whole dataset in this thread, without a DataFrame: stage every partition, then commit (the same steps
// the DataFrame's toParquet runs as graph tasks, see src/dataframe/ops/write_parquet.ts).
import * as arrow from 'apache-arrow';
import { emptyBatch } from '../../../columnar/empty.js';
import { batchesFromArrow, fieldFromArrow } from '../../../columnar/from_arrow.js';
import type { Batch } from '../../../columnar/types.js';
import { closestName } from '../../../options/suggest.js';
import { ParquetError } from '../../errors.js';
import { checkWriterOptions, WRITER_OPTIONS } from '../../write/check_options.js';
import { commitStagedDataset, type DatasetWriteResult } from './commit.js';
import { createStaging, removeStaging } from './publish.js';
import { checkPartitionColumns } from './split_by_partition.js';
import { type DatasetFileOptions, type PartitionWriteResult, writePartitionFiles } from './write_partition.js';

/** Options of {@link writeDataset}: how files are written, plus the dataset's layout and publishing. */
export interface WriteDatasetOptions extends DatasetFileOptions {
  /** Columns whose values become hive directories (`year=2024/month=1/`), outermost first; they are not stored in
   *  the data files. */
  partitionOn?: readonly string[];
  /** Replace an existing dataset (default false: an existing target other than an empty directory is an error). */
  overwrite?: boolean;
  /** Write `_metadata` and `_common_metadata` (default true). */
  writeMetadataFile?: boolean;
}

/** Every option writeDataset takes (the writer's, with `overwrite` meaning the dataset, and the layout's). */
export const WRITE_DATASET_OPTIONS: readonly string[] = [...WRITER_OPTIONS, 'partitionOn', 'writeMetadataFile'];

/**
 * Checks dataset write options before anything is written: unknown keys (also nested), and per-column options
 * whose first path segment is no column of `fields` (the data files check the full paths when they are written).
 */
export function checkDatasetWriteOptions(
  options: WriteDatasetOptions,
  fields: readonly { readonly name: string }[],
  where: string,
  valid: readonly string[] = WRITE_DATASET_OPTIONS,
): void {
  checkWriterOptions(options, where, valid);
  const names = fields.map((f) => f.name);
  for (const key of Object.keys(options.columns ?? {})) {
    const top = key.split('.')[0]!;
    if (names.includes(top)) continue;
    const suggestion = closestName(key, names);
    throw new ParquetError(
      'BAD_ARGUMENT',
      `${where}: columns[${JSON.stringify(key)}] names no column` +
        `${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}; columns: ${names.join(', ')}`,
    );
  }
}

/** Splits {@link WriteDatasetOptions} into the dataset's settings and the file writer's options. */
export function datasetWriteSettings(options: WriteDatasetOptions): {
  partitionOn: readonly string[];
  overwrite: boolean;
  writeMetadataFile: boolean;
  writer: DatasetFileOptions;
} {
  const { partitionOn, overwrite, writeMetadataFile, ...writer } = options;
  return {
    partitionOn: partitionOn ?? [],
    overwrite: overwrite ?? false,
    writeMetadataFile: writeMetadataFile ?? true,
    writer,
  };
}

/**
 * Writes `input` as a Parquet dataset at `dir`: one file `part.<i>.parquet` per batch (per record batch of a
 * Table), in hive directories with `partitionOn`, plus `_metadata` / `_common_metadata`. The directory appears
 * complete or not at all (see publish.ts for the guarantee and its limits); on any error the target is left as it
 * was and nothing else remains. `signal`: aborting it stops the write and removes everything it had started.
 *
 *     await writeDataset('trips', table, { partitionOn: ['year', 'month'], codec: 'zstd' });
 */
export async function writeDataset(
  dir: string,
  input: arrow.Table | readonly Batch[],
  options: WriteDatasetOptions = {},
): Promise<DatasetWriteResult> {
  checkWriterOptions(options, 'writeDataset', WRITE_DATASET_OPTIONS);
  const settings = datasetWriteSettings(options);
  const isTable = input instanceof arrow.Table;
  const fields = isTable ? input.schema.fields.map(fieldFromArrow) : input[0]?.fields;
  if (!fields) {
    throw new ParquetError('BAD_ARGUMENT', 'writeDataset: no batches to write (an arrow.Table gives the schema)');
  }
  checkDatasetWriteOptions(options, fields, 'writeDataset');
  let batches = isTable ? batchesFromArrow(input) : input;
  if (batches.length === 0) batches = [emptyBatch(fields)];
  checkPartitionColumns(fields, settings.partitionOn);
  const location = await createStaging(dir, settings.overwrite);
  try {
    const results: PartitionWriteResult[] = [];
    for (let index = 0; index < batches.length; index++) {
      // Aborted (options.signal): stop before the next file; the file being written discards itself.
      if (options.signal?.aborted) {
        throw new ParquetError(
          'ABORTED',
          'the dataset write was aborted; nothing was published',
          { file: dir },
          {
            cause: options.signal.reason,
          },
        );
      }
      results.push(
        await writePartitionFiles(batches[index] as Batch, {
          staging: location.staging,
          index,
          partitionOn: settings.partitionOn,
          fields,
          writer: settings.writer,
        }),
      );
    }
    return await commitStagedDataset(results, { ...location, ...settings, fields });
  } catch (err) {
    await removeStaging(location.staging);
    throw err;
  }
}
