// Summary files written next to a dataset by Spark, parquet-mr and pyarrow (`write_metadata`):
// - `_metadata`: a Parquet footer (no data) holding the row groups of every file, each ColumnChunk naming its file
//   in `file_path` (relative to the dataset root, '/'-separated; parquet.thrift ColumnChunk field 1). Reading it
//   gives the files, their row groups, row counts and the schema without opening any data file's footer.
// - `_common_metadata`: the same footer without row groups: the schema only.
import { join } from 'node:path';
import type * as arrow from 'apache-arrow';
import { ParquetError } from '../errors.js';
import type { OpenOptions, ParquetFile } from '../file.js';
import type { FileMetaData, RowGroup } from '../metadata/types.js';
import { footerCache } from './footer_cache.js';

/** One data file as `_metadata` describes it: its path and a footer holding only its row groups. */
export interface SummarisedFile {
  readonly path: string;
  /** Directories between the root and the file, from `file_path`. */
  readonly dirs: readonly string[];
  readonly metadata: FileMetaData;
}

/** The decoded summary footer and the per-file footers split out of it. */
export interface SummaryMetadata {
  readonly summary: ParquetFile;
  readonly files: SummarisedFile[];
  /** The summary's Arrow schema (the dataset's), with the open options' INT96 unit. */
  readonly arrowSchema: arrow.Schema;
  /** Whether the summary's footer came from this thread's footer cache (unchanged since decoded). */
  readonly fromCache: boolean;
}

/** Reads `_metadata` at `path` (opened with `open`: its schema is the dataset's, INT96 unit included) and splits
 *  its row groups by `file_path` into one footer per data file. */
export async function readSummaryMetadata(
  path: string,
  root: string,
  open: OpenOptions = {},
): Promise<SummaryMetadata> {
  const { file: summary, fromCache } = await footerCache.open(path, open);
  await summary.close();
  // A summary footer from the cache was split before (same decoded footer, same root): its files are reused, and
  // with them the per-file footers that planning keys its own derived data on.
  let derived = splits.get(summary.metadata);
  if (!derived) splits.set(summary.metadata, (derived = { byRoot: new Map(), schemas: new Map() }));
  let files = derived.byRoot.get(root);
  if (!files) derived.byRoot.set(root, (files = splitByFile(summary, path, root)));
  const unit = String(open.int96TimestampUnit);
  let arrowSchema = derived.schemas.get(unit);
  if (!arrowSchema) derived.schemas.set(unit, (arrowSchema = summary.arrowSchema()));
  return { summary, files, arrowSchema, fromCache };
}

/** Per decoded summary footer (entries go with their footer): its row groups split by file per dataset root, and
 *  its Arrow schema per INT96 unit. */
const splits = new WeakMap<
  FileMetaData,
  { byRoot: Map<string, SummarisedFile[]>; schemas: Map<string, arrow.Schema> }
>();

/** The row groups of summary `summary` (read from `path`) split by `file_path` into one footer per data file. */
function splitByFile(summary: ParquetFile, path: string, root: string): SummarisedFile[] {
  const byFile = new Map<string, RowGroup[]>();
  summary.rowGroups.forEach((rowGroup, index) => {
    const filePath = rowGroup.columns[0]?.filePath;
    if (!filePath || rowGroup.columns.some((c) => c.filePath !== filePath)) {
      throw new ParquetError('BAD_METADATA', 'row group of _metadata without one file_path for all its columns', {
        file: path,
        rowGroup: index,
      });
    }
    if (filePath.split('/').some((s) => s === '..') || filePath.startsWith('/')) {
      throw new ParquetError('BAD_METADATA', `file_path ${JSON.stringify(filePath)} leaves the dataset root`, {
        file: path,
        rowGroup: index,
      });
    }
    // The data file's own reader treats file_path as "column data in another file": drop it in the split footer.
    const local: RowGroup = { ...rowGroup, columns: rowGroup.columns.map(({ filePath: _, ...chunk }) => chunk) };
    const list = byFile.get(filePath) ?? [];
    list.push(local);
    byFile.set(filePath, list);
  });
  return [...byFile].map(([filePath, rowGroups]) => {
    const segments = filePath.split('/');
    const numRows = rowGroups.reduce((sum, rg) => sum + rg.numRows, 0);
    return {
      path: join(root, ...segments),
      dirs: segments.slice(0, -1),
      metadata: { ...summary.metadata, rowGroups, numRows },
    };
  });
}
