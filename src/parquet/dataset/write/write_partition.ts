// Writing one partition of a dataset into the staging directory: one Parquet file `part.<index>.parquet` at the
// root, or one per hive directory of the partition columns' values. Runs as a graph task (in any thread), so its
// spec and result are plain data: the result carries each file's footer for the commit's `_metadata`.
import { join } from 'node:path';
import { batchToArrow } from '../../../columnar/to_arrow.js';
import type { Batch, Field } from '../../../columnar/types.js';
import { ParquetError, toParquetError } from '../../errors.js';
import type { FileMetaData } from '../../metadata/types.js';
import type { ParquetWriterOptions } from '../../write/parquet_writer.js';
import { writeTable } from '../../write/write_table.js';
import { makeDirsUnder } from './publish.js';
import { splitByPartition } from './split_by_partition.js';

/** Writer options of a dataset's files (the destination is chosen by the dataset writer, so no `overwrite`). */
export type DatasetFileOptions = Omit<ParquetWriterOptions, 'overwrite'>;

/** What one partition-writing task needs: plain data. */
export interface PartitionWriteSpec {
  /** Absolute staging directory (see publish.ts); it must exist. */
  readonly staging: string;
  /** Partition number: files are named `part.<index>.parquet`. */
  readonly index: number;
  /** Columns whose values become hive directories, outermost first. */
  readonly partitionOn?: readonly string[];
  /** The schema every partition must have (names and types); files are written with these fields' nullability. */
  readonly fields?: readonly Field[];
  readonly writer?: DatasetFileOptions;
}

/** One written data file. */
export interface WrittenFile {
  /** Path relative to the dataset root, '/'-separated, URL-escaped hive segments (`year=2024/part.0.parquet`). */
  readonly path: string;
  /** The partition it came from. */
  readonly partition: number;
  /** Its footer, as written. */
  readonly metadata: FileMetaData;
}

/** The files one partition wrote. */
export interface PartitionWriteResult {
  readonly files: WrittenFile[];
}

/**
 * Writes `batch` into `spec.staging` and returns the files written with their footers. Without `partitionOn` the
 * partition always becomes one file (empty partitions too, so every partition of a frame is accounted for); with
 * it, one file per distinct combination of values, none for an empty batch. Rewriting the same partition replaces
 * its files, so a retried task is harmless.
 */
export async function writePartitionFiles(batch: Batch, spec: PartitionWriteSpec): Promise<PartitionWriteResult> {
  if (!Number.isSafeInteger(spec.index) || spec.index < 0) {
    throw new ParquetError('BAD_ARGUMENT', `partition index must be a non-negative integer, got ${spec.index}`);
  }
  const conformed = spec.fields ? withFields(batch, spec.fields, spec.index) : batch;
  const groups = splitByPartition(conformed, spec.partitionOn ?? []);
  const files: WrittenFile[] = [];
  for (const group of groups) {
    if (group.batch.numRows === 0 && group.dirs.length > 0) continue;
    const dir = await makeDirsUnder(spec.staging, group.dirs);
    const name = `part.${spec.index}.parquet`;
    const path = join(dir, name);
    try {
      // One thread per file unless asked: partitions are already written in parallel by the frame's tasks (which
      // run on pool threads themselves), and a pool per file would oversubscribe the cores.
      const options = { threads: 1, ...spec.writer, overwrite: true };
      const metadata = await writeTable(path, batchToArrow(group.batch), options);
      files.push({ path: [...group.dirs, name].join('/'), partition: spec.index, metadata });
    } catch (err) {
      throw toParquetError(err, { file: [...group.dirs, name].join('/') }, 'IO');
    }
  }
  return { files };
}

/** `batch` with `fields` as its schema, after checking that names and types agree. */
function withFields(batch: Batch, fields: readonly Field[], index: number): Batch {
  const describe = (f: readonly Field[]): string => JSON.stringify(f.map(({ name, type }) => ({ name, type })));
  if (describe(batch.fields) !== describe(fields)) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      `partition ${index} does not have the dataset's schema: ${describe(batch.fields)} vs ${describe(fields)}`,
    );
  }
  return { ...batch, fields };
}
