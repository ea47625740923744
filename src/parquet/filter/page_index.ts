// The page index of a row group (parquet-format PageIndex.md): per-page bounds from the ColumnIndex, page
// locations from the OffsetIndex, and the row ranges of a row group where a filter may be TRUE.
import type { ParquetFile } from '../file.js';
import { decodeColumnIndex, decodeOffsetIndex } from '../metadata/decode.js';
import type { ColumnIndex, OffsetIndex } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import type { BoundFilter, BoundLeaf } from './bound_filter.js';
import { type Bounds, statisticKey } from './bounds.js';
import { mayMatch } from './prune.js';

/** Rows [start, end) of a row group. */
export interface RowRange {
  start: number;
  end: number;
}

/** Where a column chunk's indexes are, and their bytes read, for readStats. */
export interface IndexRead<T> {
  readonly index: T;
  readonly bytesRead: number;
}

async function readIndexModule<T>(
  file: ParquetFile,
  rowGroup: number,
  column: ColumnDescriptor,
  offset: number | undefined,
  length: number | undefined,
  decode: (bytes: Uint8Array) => T,
): Promise<IndexRead<T> | undefined> {
  if (offset === undefined || length === undefined || !(offset >= 4 && length > 0)) return undefined;
  if (offset + length > file.source.byteLength) return undefined;
  // Encrypted columns' pages carry per-page AADs that this page-subset reader does not rebuild: no page pruning.
  if (file.columnDecryptor(rowGroup, column.columnIndex)) return undefined;
  try {
    return { index: decode(await file.source.read(offset, length)), bytesRead: length };
  } catch {
    return undefined; // an unreadable index only costs the pruning it would have allowed
  }
}

/** The OffsetIndex of a column chunk, or undefined when it has none (or it is encrypted or unreadable). */
export function readOffsetIndex(
  file: ParquetFile,
  rowGroup: number,
  column: ColumnDescriptor,
): Promise<IndexRead<OffsetIndex> | undefined> {
  const chunk = file.rowGroups[rowGroup]!.columns[column.columnIndex]!;
  return readIndexModule(file, rowGroup, column, chunk.offsetIndexOffset, chunk.offsetIndexLength, decodeOffsetIndex);
}

/** The ColumnIndex of a column chunk, or undefined. */
export function readColumnIndex(
  file: ParquetFile,
  rowGroup: number,
  column: ColumnDescriptor,
): Promise<IndexRead<ColumnIndex> | undefined> {
  const chunk = file.rowGroups[rowGroup]!.columns[column.columnIndex]!;
  return readIndexModule(file, rowGroup, column, chunk.columnIndexOffset, chunk.columnIndexLength, decodeColumnIndex);
}

/** Checks that an offset index describes `numRows` rows in ascending pages starting at row 0. */
export function validOffsetIndex(index: OffsetIndex, numRows: number): boolean {
  const pages = index.pageLocations;
  if (pages.length === 0 || pages[0]!.firstRowIndex !== 0) return false;
  for (let i = 1; i < pages.length; i++) {
    if (!(pages[i]!.firstRowIndex > pages[i - 1]!.firstRowIndex) || pages[i]!.firstRowIndex >= numRows) return false;
  }
  return true;
}

/** The rows page `i` of an offset index holds. */
export function pageRows(index: OffsetIndex, i: number, numRows: number): RowRange {
  const pages = index.pageLocations;
  return { start: pages[i]!.firstRowIndex, end: i + 1 < pages.length ? pages[i + 1]!.firstRowIndex : numRows };
}

/** Indexes of a filter column: its pages' bounds and row spans. */
export interface FilterColumnPages {
  readonly columnIndex: ColumnIndex;
  readonly offsetIndex: OffsetIndex;
}

/** Bounds of page `i` of a column from its ColumnIndex (byte-array bounds may be truncated: never exact). */
function pageBounds(file: ParquetFile, leaf: BoundLeaf, pages: FilterColumnPages, i: number, rows: number): Bounds {
  const { columnIndex } = pages;
  const domain = leaf.domain;
  const isFloat = domain.kind === 'number' && domain.float;
  const mayHaveNaN = isFloat && columnIndex.nanCounts?.[i] !== 0;
  const nullPage = columnIndex.nullPages[i] === true;
  const nullCount = nullPage ? rows : columnIndex.nullCounts?.[i];
  const order = file.metadata.columnOrders?.[leaf.column.columnIndex];
  if (nullPage || (order !== undefined && order.type !== 'TYPE_ORDER')) {
    return { valueCount: rows, nullCount, exact: false, mayHaveNaN };
  }
  const min = columnIndex.minValues[i] && statisticKey(columnIndex.minValues[i]!, leaf.column, domain);
  const max = columnIndex.maxValues[i] && statisticKey(columnIndex.maxValues[i]!, leaf.column, domain);
  return { valueCount: rows, nullCount, min, max, exact: domain.kind !== 'bytes', mayHaveNaN };
}

/**
 * The row ranges of a row group of `numRows` rows where `filter` may be TRUE, from the page indexes of its columns
 * (`pages`, by column index). Each elementary interval between page boundaries of any filter column is tested
 * with the bounds of the page of each column that holds it; adjacent kept intervals are merged.
 */
export function candidateRanges(
  file: ParquetFile,
  filter: BoundFilter,
  pages: ReadonlyMap<number, FilterColumnPages>,
  numRows: number,
): RowRange[] {
  const cuts = new Set<number>([0, numRows]);
  for (const p of pages.values()) for (const loc of p.offsetIndex.pageLocations) cuts.add(loc.firstRowIndex);
  const bounds = [...cuts].filter((c) => c >= 0 && c <= numRows).sort((a, b) => a - b);
  const cursor = new Map<number, number>();
  const ranges: RowRange[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const start = bounds[k]!;
    const end = bounds[k + 1]!;
    const keep = mayMatch(filter, (leaf) => {
      const p = pages.get(leaf.column.columnIndex);
      if (!p) return undefined;
      const locations = p.offsetIndex.pageLocations;
      let i = cursor.get(leaf.column.columnIndex) ?? 0;
      while (i + 1 < locations.length && locations[i + 1]!.firstRowIndex <= start) i++;
      cursor.set(leaf.column.columnIndex, i);
      const span = pageRows(p.offsetIndex, i, numRows);
      return pageBounds(file, leaf, p, i, span.end - span.start);
    });
    if (!keep) continue;
    const last = ranges[ranges.length - 1];
    if (last && last.end === start) last.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}
