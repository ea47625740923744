// Reads only the pages of a flat column chunk that hold given rows (located by its OffsetIndex), decodes them as
// one shorter chunk, and keeps exactly those rows.
import type * as arrow from 'apache-arrow';
import { arena } from '../../kernels/arena.js';
import { arrowColumnType } from '../arrow_types.js';
import type { ParquetFile } from '../file.js';
import type { OffsetIndex } from '../metadata/types.js';
import { chunkMetaData, hasDictionaryPage } from '../read/chunk_range.js';
import { decodeColumnChunk } from '../read/column_chunk.js';
import { toArrowData } from '../read/to_arrow.js';
import type { ColumnDescriptor } from '../schema.js';
import { pageRows, type RowRange } from './page_index.js';
import { takeData } from './take.js';

/** A column's rows in `ranges`, and what reading them cost. */
export interface PageRead {
  readonly data: arrow.Data;
  readonly pagesRead: number;
  readonly bytesRead: number;
}

/** Whether two row ranges overlap. */
const overlaps = (a: RowRange, b: RowRange) => a.start < b.end && b.start < a.end;

/**
 * The rows `ranges` (ascending, disjoint) of a flat column in row group `rowGroup`: reads its dictionary page (the
 * bytes before the first data page) and the data pages overlapping the ranges, decodes them, and takes the rows.
 */
export async function readColumnRows(
  file: ParquetFile,
  rowGroup: number,
  column: ColumnDescriptor,
  offsetIndex: OffsetIndex,
  ranges: readonly RowRange[],
): Promise<PageRead> {
  const numRows = file.rowGroups[rowGroup]!.numRows;
  const meta = chunkMetaData(file.rowGroups[rowGroup]!, column);
  const locations = offsetIndex.pageLocations;
  const pages: number[] = [];
  for (let i = 0; i < locations.length; i++) {
    const span = pageRows(offsetIndex, i, numRows);
    if (ranges.some((r) => overlaps(r, span))) pages.push(i);
  }
  const chunkStart = hasDictionaryPage(meta) ? meta.dictionaryPageOffset! : meta.dataPageOffset;
  const byteRanges: { offset: number; length: number }[] = [];
  if (locations[0]!.offset > chunkStart)
    byteRanges.push({ offset: chunkStart, length: locations[0]!.offset - chunkStart });
  for (const i of pages) {
    const { offset, compressedPageSize } = locations[i]!;
    const last = byteRanges[byteRanges.length - 1];
    if (last && last.offset + last.length === offset) last.length += compressedPageSize;
    else byteRanges.push({ offset, length: compressedPageSize });
  }
  const parts = file.source.readRanges
    ? await file.source.readRanges(byteRanges)
    : await Promise.all(byteRanges.map((r) => file.source.read(r.offset, r.length)));
  const bytesRead = byteRanges.reduce((sum, r) => sum + r.length, 0);
  const bytes = new Uint8Array(bytesRead);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  // Rows the decoded pages hold, and where each kept row lies among them.
  let covered = 0;
  const rows: number[] = [];
  for (const i of pages) {
    const span = pageRows(offsetIndex, i, numRows);
    for (const r of ranges) {
      const start = Math.max(r.start, span.start);
      const end = Math.min(r.end, span.end);
      for (let row = start; row < end; row++) rows.push(covered + row - span.start);
    }
    covered += span.end - span.start;
  }
  const physical = decodeColumnChunk(arena(), column, { ...meta, numValues: covered }, bytes, covered, {});
  const data = toArrowData(physical, arrowColumnType(column), column.typeLength);
  return {
    data: rows.length === covered ? data : takeData(data, Int32Array.from(rows)),
    pagesRead: pages.length,
    bytesRead,
  };
}
