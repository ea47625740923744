// The commit of a dataset write: once every partition is in the staging directory, write the summary files next to
// the data files and publish the directory atomically (publish.ts). Runs as the last graph task, after all
// partition tasks; any failure removes the staging directory and leaves the target as it was.
import { join } from 'node:path';
import { emptyBatch } from '../../../columnar/empty.js';
import { batchToArrow } from '../../../columnar/to_arrow.js';
import type { Field } from '../../../columnar/types.js';
import type { FileMetaData } from '../../metadata/types.js';
import { writeTable } from '../../write/write_table.js';
import { type DatasetLocation, publishStaging, removeStaging, writeSyncedFile } from './publish.js';
import { footerOnlyFile, type SummaryFooters, schemaFooter, summaryFooters } from './summary_metadata.js';
import type { DatasetFileOptions, PartitionWriteResult, WrittenFile } from './write_partition.js';

/** What the commit task needs: plain data. */
export interface DatasetCommitSpec extends DatasetLocation {
  /** Replace an existing target (default false: a non-empty target is an error). */
  readonly overwrite?: boolean;
  /** Schema of the partitions (with partition columns): gives the summary's schema when no file was written. */
  readonly fields: readonly Field[];
  readonly partitionOn?: readonly string[];
  readonly writer?: DatasetFileOptions;
  /** Write `_metadata` and `_common_metadata` (default true). */
  readonly writeMetadataFile?: boolean;
}

/** What a committed dataset holds. */
export interface DatasetWriteResult {
  /** The dataset directory (absolute). */
  readonly path: string;
  /** Data files relative to it, in dataset order (directory by directory, then partition number). */
  readonly files: string[];
  readonly numRows: number;
  readonly numRowGroups: number;
}

/** Writes the summary files into the staging directory and publishes it; on failure removes the staging directory. */
export async function commitStagedDataset(
  results: readonly PartitionWriteResult[],
  spec: DatasetCommitSpec,
): Promise<DatasetWriteResult> {
  try {
    const files = orderFiles(results.flatMap((r) => r.files));
    if (spec.writeMetadataFile !== false) {
      const footers = files.length > 0 ? summaryFooters(files) : await schemaOnlyFooters(spec);
      await writeSyncedFile(join(spec.staging, '_common_metadata'), footerOnlyFile(footers.common));
      await writeSyncedFile(join(spec.staging, '_metadata'), footerOnlyFile(footers.metadata));
    }
    await publishStaging(spec, spec.overwrite ?? false);
    return {
      path: spec.target,
      files: files.map((f) => f.path),
      numRows: files.reduce((n, f) => n + f.metadata.numRows, 0),
      numRowGroups: files.reduce((n, f) => n + f.metadata.rowGroups.length, 0),
    };
  } catch (err) {
    await removeStaging(spec.staging);
    throw err;
  }
}

/** Files sorted as a directory walk lists their directories (segment by segment), then by partition number. */
function orderFiles(files: readonly WrittenFile[]): WrittenFile[] {
  const dirsOf = (f: WrittenFile): string[] => f.path.split('/').slice(0, -1);
  return [...files].sort((a, b) => {
    const da = dirsOf(a);
    const db = dirsOf(b);
    for (let i = 0; i < Math.min(da.length, db.length); i++) {
      if (da[i] !== db[i]) return (da[i] as string) < (db[i] as string) ? -1 : 1;
    }
    return da.length - db.length || a.partition - b.partition;
  });
}

/** The summary of a dataset without data files (all partitions empty, with partitionOn): the schema only. */
async function schemaOnlyFooters(spec: DatasetCommitSpec): Promise<SummaryFooters> {
  const partitionOn = new Set(spec.partitionOn ?? []);
  const dataFields = spec.fields.filter((f) => !partitionOn.has(f.name));
  const footer: FileMetaData = await writeTable({ write: () => undefined }, batchToArrow(emptyBatch(dataFields)), {
    ...spec.writer,
  });
  return { metadata: schemaFooter(footer), common: schemaFooter(footer) };
}
