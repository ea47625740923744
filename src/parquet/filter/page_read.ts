// Reads only the pages of a flat column chunk that hold given rows (located by its OffsetIndex), decodes them as
// one shorter chunk, and keeps exactly those rows.
import type * as arrow from 'apache-arrow';
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import type { ParquetFile } from '../file.js';
import type { OffsetIndex } from '../metadata/types.js';
import { chunkMetaData, hasDictionaryPage } from '../read/chunk_range.js';
import { decodeColumnChunk } from '../read/column_chunk.js';
import { toArrowData } from '../read/to_arrow.js';
import type { ColumnDescriptor } from '../schema.js';
import type { ByteRange } from '../sources/byte_source.js';
import { pageRows } from './page_index.js';
import { type RowRuns, takeRuns } from './take_runs.js';

/** A column's selected rows, and what reading them cost. */
export interface PageRead {
  readonly data: arrow.Data;
  readonly pagesRead: number;
  readonly bytesRead: number;
}

/**
 * The rows `runs` (row-group positions) of a flat column in row group `rowGroup`: reads its dictionary page (the
 * bytes before the first data page) and the data pages holding those rows, decodes them, and takes the rows.
 */
export async function readColumnRows(
  file: ParquetFile,
  rowGroup: number,
  column: ColumnDescriptor,
  offsetIndex: OffsetIndex,
  runs: RowRuns,
): Promise<PageRead> {
  const numRows = file.rowGroups[rowGroup]!.numRows;
  const meta = chunkMetaData(file.rowGroups[rowGroup]!, column);
  const locations = offsetIndex.pageLocations;
  // One pass over pages and runs together (both ascending): the pages a run touches, and each run's rows as
  // positions among the decoded pages' rows.
  const pages: number[] = [];
  const spans: { start: number; end: number }[] = [];
  const local: number[] = [];
  let covered = 0;
  let j = 0;
  for (let i = 0; i < locations.length && j < runs.length; i++) {
    const span = pageRows(offsetIndex, i, numRows);
    while (j < runs.length && runs[j + 1]! <= span.start) j += 2;
    let touched = false;
    for (let r = j; r < runs.length && runs[r]! < span.end; r += 2) {
      const start = covered + Math.max(runs[r]!, span.start) - span.start;
      const end = covered + Math.min(runs[r + 1]!, span.end) - span.start;
      if (local.length > 0 && local[local.length - 1] === start) local[local.length - 1] = end;
      else local.push(start, end);
      touched = true;
    }
    if (!touched) continue;
    pages.push(i);
    spans.push(span);
    covered += span.end - span.start;
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
  const bytesRead = byteRanges.reduce((sum, r) => sum + r.length, 0);
  const bytes = await fetchRanges(file, byteRanges, bytesRead);
  // The decoder sizes its byte-array output from the chunk's uncompressed size: scale it to the pages read, or a
  // few pages of strings would allocate (and zero) the whole chunk's worth.
  const share = meta.totalCompressedSize > 0 ? Math.min(1, bytesRead / meta.totalCompressedSize) : 1;
  const subset = {
    ...meta,
    numValues: covered,
    totalUncompressedSize: Math.ceil(meta.totalUncompressedSize * share),
  };
  const physical = decodeColumnChunk(arena(), column, subset, bytes, covered, {});
  let data: ReturnType<typeof toArrowData>;
  try {
    data = toArrowData(physical, file.columnArrowType(column), column.typeLength);
  } catch (err) {
    throw rowInRowGroup(err, spans);
  }
  return { data: takeRuns(data, Int32Array.from(local)), pagesRead: pages.length, bytesRead };
}

/** The bytes of `ranges` one after another: read in place where the source can, else read and concatenated. */
async function fetchRanges(file: ParquetFile, ranges: readonly ByteRange[], total: number): Promise<Uint8Array> {
  const source = file.source;
  if (source.readInto && !source.readRanges) {
    const bytes = new Uint8Array(total);
    let at = 0;
    const reads: Promise<void>[] = [];
    for (const r of ranges) {
      reads.push(source.readInto(r.offset, bytes.subarray(at, at + r.length)));
      at += r.length;
    }
    await Promise.all(reads);
    return bytes;
  }
  const parts = source.readRanges
    ? await source.readRanges(ranges)
    : await Promise.all(ranges.map((r) => source.read(r.offset, r.length)));
  if (parts.length === 1) return parts[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** An error about row `context.row` of the decoded pages, re-addressed to its row in the row group. */
function rowInRowGroup(err: unknown, spans: readonly { start: number; end: number }[]): unknown {
  if (!(err instanceof ParquetError) || err.context.row === undefined) return err;
  let left = err.context.row;
  for (const span of spans) {
    if (left < span.end - span.start) {
      return new ParquetError(err.code, err.detail, { ...err.context, row: span.start + left }, { cause: err.cause });
    }
    left -= span.end - span.start;
  }
  return err;
}
