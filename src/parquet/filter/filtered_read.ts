// Filtered reading: prune row groups by statistics, read what is left, and keep exactly the rows the filter
// accepts (the same rows a full read followed by the filter would give).
import * as arrow from 'apache-arrow';
import { checkOptions } from '../../options/check.js';
import { toParquetError } from '../errors.js';
import type { ParquetFile } from '../file.js';
import type { OffsetIndex } from '../metadata/types.js';
import { FILTERED_READ_OPTIONS, parquetOptionsError } from '../options.js';
import { chunkRange } from '../read/chunk_range.js';
import type { ColumnDescriptor } from '../schema.js';
import { type LoadedBloomFilter, loadBloomFilter } from './bloom_reader.js';
import { type BoundFilter, type BoundLeaf, bindFilter, boundColumns } from './bound_filter.js';
import { type Bounds, chunkBounds } from './bounds.js';
import { type Filter, parseFilter } from './expression.js';
import {
  candidateRanges,
  type FilterColumnPages,
  readColumnIndex,
  readOffsetIndex,
  validOffsetIndex,
} from './page_index.js';
import { type PageRead, readColumnRows } from './page_read.js';
import { mayMatch } from './prune.js';
import { emptyReadStats, type ReadStats } from './read_stats.js';
import { matchingRuns } from './row_mask.js';
import { composeRuns, type RowRuns, runsLength, takeRuns } from './take_runs.js';

/** The pushdown options of readTable and readBatches. */
export interface PushdownOptions {
  /**
   * Keep only the rows where this filter is TRUE (a DNF list of `[column, op, value]` terms, or an and/or/not
   * expression); row groups and pages it rules out are not read. Spelt as pyarrow's read_table and readParquet.
   */
  filters?: Filter;
  /** With `filters`: receives the counts of row groups, pages, bytes and rows read and skipped, when the read ends. */
  onStats?: (stats: ReadStats) => void;
}

/** Options of a filtered read. */
export interface FilteredReadOptions {
  /** Rows to keep (see Filter). */
  readonly filters: Filter;
  /** Columns to return: top-level names or dotted leaf paths (default: all). Filter columns need not be among them. */
  readonly columns?: readonly string[];
  /** Row groups to consider, in this order (default: all). */
  readonly rowGroups?: readonly number[];
  /** Called once the read ends (or stops early) with what was read and skipped. */
  readonly onStats?: (stats: ReadStats) => void;
}

/** Yields, per row group that may match, a record batch of the rows where `options.filters` is TRUE. */
export async function* filteredBatches(
  file: ParquetFile,
  options: FilteredReadOptions,
): AsyncGenerator<arrow.RecordBatch, void, undefined> {
  checkOptions(options, FILTERED_READ_OPTIONS, 'filteredBatches', parquetOptionsError);
  const filter = bindFilter(parseFilter(options.filters), file.schema);
  const filterColumns = boundColumns(filter);
  const outputSchema = file.arrowSchema(options.columns);
  const wanted = options.columns ? [...options.columns] : outputSchema.fields.map((f) => f.name);
  const extra = filterColumns.map((c) => c.name).filter((name) => !outputSchema.fields.some((f) => f.name === name));
  const readNames = [...wanted, ...extra];
  const leaves = leafColumns(file, readNames);
  const stats = emptyReadStats();
  // Page-level reads assemble flat columns only; row groups with nested columns are read whole.
  const flat = leaves.every((c) => c.path.length === 1);
  const indexes = options.rowGroups ?? file.rowGroups.map((_, i) => i);
  try {
    for (const index of indexes) {
      const rowGroup = file.rowGroups[index];
      if (!rowGroup) {
        // Let the file report the bad index with its usual error.
        await file.readRowGroup(index, { columns: readNames });
        continue;
      }
      const chunkBytes = leaves.reduce((sum, c) => sum + chunkLength(file, index, c), 0);
      stats.rowGroups.total++;
      stats.rows.total += rowGroup.numRows;
      stats.bytes.total += chunkBytes;
      if (!mayMatch(filter, (leaf) => rowGroupBounds(file, index, leaf))) {
        stats.rowGroups.skippedByStatistics++;
        continue;
      }
      const blooms = await bloomFilters(file, index, equalityLeaves(filter));
      for (const b of blooms.values()) stats.bytes.read += b.bytesRead;
      if (blooms.size > 0) {
        const withBlooms = (leaf: BoundLeaf): Bounds | undefined => {
          const bounds = rowGroupBounds(file, index, leaf);
          const absent = blooms.get(leaf.column.columnIndex)?.absent;
          return bounds && absent ? { ...bounds, absent } : bounds;
        };
        if (!mayMatch(filter, withBlooms)) {
          stats.rowGroups.skippedByBloomFilter++;
          continue;
        }
      }
      const pageIndexed = flat ? await readByPageIndex(file, index, filter, leaves, outputSchema, stats) : undefined;
      if (pageIndexed === null) {
        stats.rowGroups.skippedByPageIndex++;
        continue;
      }
      stats.rowGroups.read++;
      if (pageIndexed) {
        stats.rows.read += pageIndexed.candidateRows;
        if (!pageIndexed.batch) continue;
        stats.rows.matched += pageIndexed.batch.numRows;
        yield pageIndexed.batch;
        continue;
      }
      const batch = await file.readRowGroup(index, { columns: readNames });
      stats.rows.read += batch.numRows;
      stats.bytes.read += chunkBytes;
      const runs = matchingRuns(filter, batch);
      const matched = runsLength(runs);
      stats.rows.matched += matched;
      if (matched === 0) continue;
      yield selectRows(batch, outputSchema, runs, matched);
    }
  } finally {
    options.onStats?.(stats);
  }
}

/** A row group read through its page indexes: the output columns' matching rows (undefined when none matches),
 *  and how many rows the pages left as candidates (the rows of the filter columns decoded and tested). */
interface PageIndexedRead {
  readonly batch?: arrow.RecordBatch;
  readonly candidateRows: number;
}

/**
 * Reads row group `index` through its page indexes: the filter columns' rows on the pages that may match, then
 * the filter over them, then only the matching rows of the other output columns (from the pages holding them).
 * Null when no page can match; undefined when the page index cannot help (missing, encrypted, or every row a
 * candidate) and the row group is read whole.
 */
async function readByPageIndex(
  file: ParquetFile,
  index: number,
  filter: BoundFilter,
  leaves: readonly ColumnDescriptor[],
  outputSchema: arrow.Schema,
  stats: ReadStats,
): Promise<PageIndexedRead | null | undefined> {
  const numRows = file.rowGroups[index]!.numRows;
  if (numRows === 0) return undefined;
  const filterColumns = boundColumns(filter);
  const filterPages = new Map<number, FilterColumnPages>();
  let indexBytes = 0;
  // Index reads are small and independent: issued together, they cost one round trip instead of one each.
  const filterIndexes = await Promise.all(
    filterColumns.map((column) =>
      Promise.all([readColumnIndex(file, index, column), readOffsetIndex(file, index, column)]),
    ),
  );
  for (const [k, column] of filterColumns.entries()) {
    const [columnIndex, offsetIndex] = filterIndexes[k]!;
    if (!columnIndex || !offsetIndex || !validOffsetIndex(offsetIndex.index, numRows)) continue;
    indexBytes += columnIndex.bytesRead + offsetIndex.bytesRead;
    filterPages.set(column.columnIndex, { columnIndex: columnIndex.index, offsetIndex: offsetIndex.index });
  }
  stats.bytes.read += indexBytes;
  if (filterPages.size === 0) return undefined;
  const ranges = candidateRanges(file, filter, filterPages, numRows);
  if (ranges.length === 0) return null;
  if (ranges.length === 1 && ranges[0]!.start === 0 && ranges[0]!.end === numRows) return undefined;
  const offsetIndexes = new Map<number, OffsetIndex>();
  const reads = await Promise.all(
    leaves.map((column) => (filterPages.has(column.columnIndex) ? undefined : readOffsetIndex(file, index, column))),
  );
  for (const [k, column] of leaves.entries()) {
    const read = reads[k];
    const offsetIndex = filterPages.get(column.columnIndex)?.offsetIndex ?? read?.index;
    if (!offsetIndex || !validOffsetIndex(offsetIndex, numRows)) return undefined;
    stats.bytes.read += read?.bytesRead ?? 0;
    offsetIndexes.set(column.columnIndex, offsetIndex);
  }
  for (const offsetIndex of offsetIndexes.values()) stats.pages.total += offsetIndex.pageLocations.length;
  const readRows = async (column: ColumnDescriptor, runs: RowRuns): Promise<arrow.Data> => {
    let read: PageRead;
    try {
      read = await readColumnRows(file, index, column, offsetIndexes.get(column.columnIndex)!, runs);
    } catch (err) {
      throw toParquetError(err, { file: file.source.name, rowGroup: index, column: column.name });
    }
    stats.pages.read += read.pagesRead;
    stats.bytes.read += read.bytesRead;
    return read.data;
  };
  // The filter columns' candidate rows, and the filter over them.
  const candidates = Int32Array.from(ranges.flatMap((r) => [r.start, r.end]));
  const candidateRows = runsLength(candidates);
  const filterSchema = file.arrowSchema(filterColumns.map((c) => c.name));
  const filterColumnData = await Promise.all(
    filterSchema.fields.map((field) => readRows(leaves.find((c) => c.name === field.name)!, candidates)),
  );
  const filterData = new Map(filterSchema.fields.map((field, k) => [field.name, filterColumnData[k]!]));
  const filterBatch = new arrow.RecordBatch(
    filterSchema,
    arrow.makeData({
      type: new arrow.Struct(filterSchema.fields),
      length: candidateRows,
      nullCount: 0,
      children: filterSchema.fields.map((f) => filterData.get(f.name)!),
    }),
  );
  // Matching rows as positions among the candidates (to take from the filter columns) and in the row group (to
  // read from the other columns' pages).
  const matched = matchingRuns(filter, filterBatch);
  const length = runsLength(matched);
  if (length === 0) return { candidateRows };
  const rowGroupRows = composeRuns(matched, candidates);
  // The other columns' pages are fetched together (one round of I/O, which matters on remote sources).
  const children = await Promise.all(
    outputSchema.fields.map((field) => {
      const known = filterData.get(field.name);
      return known ? takeRuns(known, matched) : readRows(leaves.find((c) => c.name === field.name)!, rowGroupRows);
    }),
  );
  const struct = arrow.makeData({ type: new arrow.Struct(outputSchema.fields), length, nullCount: 0, children });
  return { batch: new arrow.RecordBatch(outputSchema, struct), candidateRows };
}

/** The leaves a bloom filter can rule out: equality and set membership (and their negations under NOT). */
function equalityLeaves(node: BoundFilter, out: BoundLeaf[] = []): BoundLeaf[] {
  if (node.kind === 'leaf') {
    if (node.op === '=' || node.op === 'in' || node.op === '!=' || node.op === 'not-in') out.push(node);
  } else if (node.kind === 'not') equalityLeaves(node.child, out);
  else for (const c of node.children) equalityLeaves(c, out);
  return out;
}

/** The bloom filters of the columns of `leaves` in a row group, by column index. A filter that cannot be read
 *  is left out: it can only ever skip work, and the column's pages report real damage when read. */
async function bloomFilters(
  file: ParquetFile,
  rowGroup: number,
  leaves: readonly BoundLeaf[],
): Promise<Map<number, LoadedBloomFilter>> {
  const out = new Map<number, LoadedBloomFilter>();
  for (const leaf of leaves) {
    const index = leaf.column.columnIndex;
    if (out.has(index)) continue;
    const loaded = await loadBloomFilter(file, rowGroup, leaf.column, leaf.domain).catch(() => undefined);
    if (loaded) out.set(index, loaded);
  }
  return out;
}

/** The first `schema.fields.length` columns of `batch`, keeping the `length` rows of `runs`. */
function selectRows(batch: arrow.RecordBatch, schema: arrow.Schema, runs: RowRuns, length: number): arrow.RecordBatch {
  const children = schema.fields.map((_, i) => takeRuns(batch.data.children[i]!, runs));
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children });
  return new arrow.RecordBatch(schema, struct);
}

/** The leaf columns `names` select (as ParquetFile selects them). */
function leafColumns(file: ParquetFile, names: readonly string[]): ColumnDescriptor[] {
  return file.schema.columns.filter((c) => names.some((n) => c.name === n || c.path[0] === n));
}

function chunkLength(file: ParquetFile, rowGroup: number, column: ColumnDescriptor): number {
  const chunk = file.rowGroups[rowGroup]!.columns[column.columnIndex]!;
  try {
    return chunk.metaData ? chunkRange(chunk, file.source.byteLength).length : 0;
  } catch {
    return 0; // the read reports the bad range with its context
  }
}

/** Bounds of a filter column in a row group, from its chunk statistics. */
function rowGroupBounds(file: ParquetFile, rowGroup: number, leaf: BoundLeaf): Bounds | undefined {
  const meta = file.rowGroups[rowGroup]!.columns[leaf.column.columnIndex]!.metaData;
  if (!meta) return undefined;
  const order = file.metadata.columnOrders?.[leaf.column.columnIndex];
  return chunkBounds(meta.statistics, meta.numValues, leaf.column, leaf.domain, order);
}
