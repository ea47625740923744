// Splitting one batch into the hive directories of its partition-column values. Each distinct combination of values
// becomes one group: its directory (`year=2024/month=01`, see partition_path.ts) and its rows without the partition
// columns (a hive dataset stores those in the path only, as DuckDB and pyarrow do).
import { takeBatch } from '../../../columnar/take.js';
import type { Batch, Column } from '../../../columnar/types.js';
import { valueAt } from '../../../columnar/values.js';
import { ParquetError } from '../../errors.js';
import { columnCodes } from './column_codes.js';
import { checkPartitionType, hiveSegment } from './partition_path.js';

/** The rows of one partition directory. */
export interface PartitionGroup {
  /** Directory segments from the dataset root, URL-escaped (`['year=2024', 'month=01']`); empty without keys. */
  readonly dirs: readonly string[];
  /** The rows, without the partition columns. */
  readonly batch: Batch;
}

/** Checks that every name in `partitionOn` is a partitionable column of `fields` and that data columns remain. */
export function checkPartitionColumns(fields: Batch['fields'], partitionOn: readonly string[]): void {
  if (new Set(partitionOn).size !== partitionOn.length) {
    throw new ParquetError('BAD_ARGUMENT', `partitionOn names a column twice: ${partitionOn.join(', ')}`);
  }
  for (const name of partitionOn) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      throw new ParquetError(
        'BAD_ARGUMENT',
        `partitionOn: no column named ${JSON.stringify(name)} (columns: ${fields.map((f) => f.name).join(', ')})`,
      );
    }
    checkPartitionType(name, field.type);
  }
  if (partitionOn.length > 0 && partitionOn.length === fields.length) {
    throw new ParquetError('BAD_ARGUMENT', 'partitionOn names every column: the data files would have no columns');
  }
}

/**
 * The groups of `batch` by the values of the `partitionOn` columns, ordered by directory name (segment by segment,
 * as a directory walk lists them). Without partition columns: one group, the whole batch, at the root.
 */
export function splitByPartition(batch: Batch, partitionOn: readonly string[]): PartitionGroup[] {
  checkPartitionColumns(batch.fields, partitionOn);
  const keyIndexes = partitionOn.map((name) => batch.fields.findIndex((f) => f.name === name));
  const data: Batch = {
    fields: batch.fields.filter((_, i) => !keyIndexes.includes(i)),
    numRows: batch.numRows,
    columns: batch.columns.filter((_, i) => !keyIndexes.includes(i)),
  };
  if (partitionOn.length === 0) return [{ dirs: [], batch: data }];
  const { codes, labels } = groupCodes(
    partitionOn,
    keyIndexes.map((i) => batch.columns[i] as Column),
    batch.numRows,
  );
  const groups = labels.map((dirs, code) => ({ dirs, code }));
  groups.sort((a, b) => compareSegments(a.dirs, b.dirs));
  if (groups.length === 1) return [{ dirs: groups[0]!.dirs, batch: data }];
  const rows = rowsByCode(codes, labels.length);
  return groups.map(({ dirs, code }) => ({ dirs, batch: takeBatch(data, rows[code] as Int32Array) }));
}

/**
 * A dense group code per row and the directory segments of each code. Column by column, the (group so far, value
 * of this column) pairs are renumbered densely, so codes stay below the row count whatever the number of keys.
 */
function groupCodes(
  names: readonly string[],
  columns: readonly Column[],
  numRows: number,
): { codes: Int32Array; labels: string[][] } {
  let codes = new Int32Array(numRows);
  let labels: string[][] = [[]];
  names.forEach((name, k) => {
    const column = columns[k] as Column;
    const values = columnCodes(column);
    // Values that format alike (a dictionary with repeated entries) share a segment, hence a directory.
    const segmentCode = new Map<string, number>();
    const segments: string[] = [];
    const segmentOf = Int32Array.from(values.firstRows, (row) => {
      const segment = hiveSegment(name, column.type, valueAt(column, row));
      let s = segmentCode.get(segment);
      if (s === undefined) {
        s = segments.length;
        segmentCode.set(segment, s);
        segments.push(segment);
      }
      return s;
    });
    const width = segments.length;
    const pairs = labels.length * width;
    // (previous group, segment) -> new group: a dense table when small, else a Map.
    const table = pairs <= 1 << 22 ? new Int32Array(pairs).fill(-1) : undefined;
    const map = table ? undefined : new Map<number, number>();
    const next = new Int32Array(numRows);
    const nextLabels: string[][] = [];
    for (let row = 0; row < numRows; row++) {
      const s = segmentOf[values.codes[row] as number] as number;
      const previous = codes[row] as number;
      const pair = previous * width + s;
      let code = table ? (table[pair] as number) : (map!.get(pair) ?? -1);
      if (code < 0) {
        code = nextLabels.length;
        if (table) table[pair] = code;
        else map!.set(pair, code);
        nextLabels.push([...(labels[previous] as string[]), segments[s] as string]);
      }
      next[row] = code;
    }
    codes = next;
    labels = nextLabels;
  });
  return { codes, labels };
}

/** Row indices of each code, in row order (a counting sort). */
function rowsByCode(codes: Int32Array, count: number): Int32Array[] {
  const sizes = new Int32Array(count);
  for (const code of codes) sizes[code]!++;
  const rows = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(count);
  codes.forEach((code, row) => {
    (rows[code] as Int32Array)[filled[code]!++] = row;
  });
  return rows;
}

function compareSegments(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return a.length - b.length;
}
