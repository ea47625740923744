// The summary files of a written dataset, as pyarrow's `write_metadata` and dask's `to_parquet` lay them out (and
// Spark / parquet-mr before them): `_metadata` is a data-less Parquet file whose footer holds the row groups of every
// data file, each ColumnChunk naming its file in `file_path` (parquet.thrift ColumnChunk field 1, relative to the
// dataset root, '/'-separated); `_common_metadata` is the same footer without row groups (the schema only).
import { ParquetError } from '../../errors.js';
import type { FileMetaData, RowGroup } from '../../metadata/types.js';
import { footerBytes, MAGIC } from '../../write/file_layout.js';
import type { WrittenFile } from './write_partition.js';

/** The footers of `_metadata` and `_common_metadata`. */
export interface SummaryFooters {
  readonly metadata: FileMetaData;
  readonly common: FileMetaData;
}

/**
 * Combines the footers of `files` (in the order given) into the summary footers. Every file must have the same
 * Parquet schema: a reader of `_metadata` applies its one schema to every row group.
 */
export function summaryFooters(files: readonly WrittenFile[]): SummaryFooters {
  const first = files[0];
  if (!first) throw new ParquetError('BAD_ARGUMENT', 'a summary needs at least one data file');
  const schema = JSON.stringify(first.metadata.schema);
  const rowGroups: RowGroup[] = [];
  let numRows = 0;
  for (const file of files) {
    if (JSON.stringify(file.metadata.schema) !== schema) {
      throw new ParquetError('BAD_ARGUMENT', `data files have different schemas: ${first.path} and ${file.path}`, {
        file: file.path,
      });
    }
    for (const rowGroup of file.metadata.rowGroups) {
      rowGroups.push({ ...rowGroup, columns: rowGroup.columns.map((c) => ({ ...c, filePath: file.path })) });
    }
    numRows += file.metadata.numRows;
  }
  return {
    metadata: { ...schemaFooter(first.metadata), rowGroups, numRows },
    common: schemaFooter(first.metadata),
  };
}

/** `metadata` without row groups: the schema, key-value metadata, created_by and column orders. */
export function schemaFooter(metadata: FileMetaData): FileMetaData {
  return {
    version: metadata.version,
    schema: metadata.schema,
    numRows: 0,
    rowGroups: [],
    keyValueMetadata: metadata.keyValueMetadata,
    createdBy: metadata.createdBy,
    columnOrders: metadata.columnOrders,
  };
}

/** A Parquet file without data: magic, footer, footer length, magic (the file layout of the spec's README). */
export function footerOnlyFile(metadata: FileMetaData): Uint8Array[] {
  return [MAGIC, ...footerBytes(metadata)];
}
