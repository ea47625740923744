// Where a column chunk's pages begin and end. Pages hold whole rows (a row's repeated values never straddle two
// pages), as DATA_PAGE_V2 requires and the offset index's first_row_index assumes; their size targets the
// configured page size from an estimate of the encoded bytes per row, and never exceeds the row limit.
import { type LeafData, physicalLength } from './leaf_data.js';

/** One page's share of a chunk: level entries, values (non-null leaf values) and rows, each [start, end). */
export interface PageSpan {
  readonly levelStart: number;
  readonly levelEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly rowStart: number;
  readonly rowEnd: number;
}

/** Splits `data` into pages of about `pageBytes` (given `bytesPerRow` encoded) and at most `rowLimit` rows. */
export function splitPages(
  data: LeafData,
  maxDef: number,
  bytesPerRow: number,
  pageBytes: number,
  rowLimit: number,
): PageSpan[] {
  const rowsPerPage = Math.max(1, Math.min(rowLimit, Math.floor(pageBytes / Math.max(bytesPerRow, 1e-9))));
  const rowStarts = pageRowStarts(data, rowsPerPage);
  // Every slot holds a value when there are as many values as levels: no need to count per page.
  const def = physicalLength(data.values) === data.numLevels ? undefined : data.defLevels;
  const spans: PageSpan[] = [];
  let valueStart = 0;
  for (let p = 0; p < rowStarts.length; p++) {
    const levelStart = rowStarts[p] as number;
    const levelEnd = p + 1 < rowStarts.length ? (rowStarts[p + 1] as number) : data.numLevels;
    const valueEnd = valueStart + countDefined(def, maxDef, levelStart, levelEnd);
    const rowStart = p * rowsPerPage;
    spans.push({
      levelStart,
      levelEnd,
      valueStart,
      valueEnd,
      rowStart,
      rowEnd: Math.min(rowStart + rowsPerPage, data.numRows),
    });
    valueStart = valueEnd;
  }
  return spans;
}

/** The level index at which each page's first row begins. */
function pageRowStarts(data: LeafData, rowsPerPage: number): number[] {
  const starts: number[] = [];
  const rep = data.repLevels;
  if (rep === undefined) {
    for (let row = 0; row < data.numRows; row += rowsPerPage) starts.push(row);
    return starts;
  }
  let row = 0;
  for (let i = 0; i < data.numLevels; i++) {
    if (rep[i] !== 0) continue;
    if (row % rowsPerPage === 0) starts.push(i);
    row++;
  }
  return starts;
}

/** Number of level entries in [start, end) at the maximum definition level: the values they hold. */
function countDefined(def: Uint8Array | undefined, maxDef: number, start: number, end: number): number {
  if (def === undefined) return end - start;
  let n = 0;
  for (let i = start; i < end; i++) if (def[i] === maxDef) n++;
  return n;
}
