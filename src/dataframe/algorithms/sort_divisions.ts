// Divisions of a distributed sort (dask's set_index / sort_values): every partition contributes evenly spaced order
// statistics of its first sort key (its exact min and max among them), weighted by the rows each stands for; the
// merged, weighted sample gives npartitions + 1 boundaries at the quantiles j / npartitions; repeated boundaries
// collapse (a value never spans two partitions, so skewed keys give fewer, fuller partitions). A range partitioner
// then sends each row to the partition whose [d_i, d_i+1) holds its key (the last closed) by binary search.
// Division values are JavaScript numbers (up-to-32-bit integers, floats, date32, time s/ms, bool as 0/1), bigints
// (64-bit integers, timestamps, date64, durations, decimals' unscaled values) or strings (utf8): the raw storage
// as in src/dataframe/divisions.ts. Nulls and NaN are not division values: nulls go to the last partition (the
// first with naPosition 'first'), NaN sorts above every number, hence into the last partition too.
import { isValid, offsetAt } from '../../columnar/layout.js';
import type { Column } from '../../columnar/types.js';
import { float16ToNumber, valueAt } from '../../columnar/values.js';
import { AlgorithmError } from './errors.js';
import { sortIndices } from './sort.js';
import type { NaPosition } from './sort_keys.js';

/** A boundary value (see the file comment). */
export type SortDivisionValue = number | bigint | string;

/** Order statistics of one partition's sort key: sorted values, each standing for `weight` rows. */
export interface SortSample {
  readonly values: SortDivisionValue[];
  readonly weight: number;
}

/** The first-key value of row i as a division value (null for null rows; NaN stays a number). */
export function divisionValueAt(column: Column, i: number): SortDivisionValue | null {
  if (!isValid(column, i)) return null;
  const { type } = column;
  switch (type.kind) {
    case 'bool':
      return (((column.values as Uint8Array)[i >> 3]! >> (i & 7)) & 1) as number;
    case 'float16':
      return float16ToNumber(column.values![i] as number);
    case 'dictionary':
      return divisionValueAt(column.dictionary!, Number(column.values![i]!));
    case 'utf8':
    case 'large_utf8':
    case 'decimal':
      return valueAt(column, i) as string | bigint;
    default: {
      const v = column.values?.[i];
      if (typeof v === 'number' || typeof v === 'bigint') return v;
      throw new AlgorithmError('UNSUPPORTED_TYPE', `a distributed sort cannot partition by ${type.kind} values`);
    }
  }
}

const PARTITIONABLE = new Set([
  'null',
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'date32',
  'date64',
  'time',
  'timestamp',
  'duration',
  'decimal',
  'utf8',
  'large_utf8',
]);

/** Rejects first-key types whose values have no division form (binary, nested, intervals). */
export function assertPartitionable(column: Column): void {
  const kind = column.type.kind === 'dictionary' ? column.type.value.kind : column.type.kind;
  if (!PARTITIONABLE.has(kind)) {
    throw new AlgorithmError('UNSUPPORTED_TYPE', `a distributed sort cannot partition by ${kind} values`);
  }
}

/** Code point order of two strings (= UTF-8 byte order; JavaScript's `<` compares UTF-16 units instead). */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    let x = a.charCodeAt(k);
    let y = b.charCodeAt(k);
    if (x === y) continue;
    // Surrogates (supplementary code points) sort above U+E000..U+FFFF in code point order.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** Order of two non-null division values of one column: NaN above every number, -0 equal to +0. */
export function compareDivisionValues(a: SortDivisionValue, b: SortDivisionValue): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function isMissing(v: SortDivisionValue | null): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * `size` + 1 evenly spaced order statistics (min and max included) of the non-null, non-NaN values of `column`,
 * each weighing (values / points); all the values when there are fewer.
 */
export function sampleSortKey(column: Column, size: number): SortSample {
  assertPartitionable(column);
  const order = sortIndices(
    { fields: [{ name: 'k', type: column.type, nullable: true }], numRows: column.length, columns: [column] },
    ['k'],
  );
  const present: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const v = divisionValueAt(column, order[k]!);
    if (isMissing(v)) break; // NaN, then nulls, come last
    present.push(order[k]!);
  }
  const m = present.length;
  if (m === 0) return { values: [], weight: 0 };
  const points = Math.min(m, Math.max(2, Math.floor(size) + 1));
  const values: SortDivisionValue[] = [];
  for (let p = 0; p < points; p++) {
    const at = points === 1 ? 0 : Math.round((p * (m - 1)) / (points - 1));
    values.push(divisionValueAt(column, present[at]!)!);
  }
  return { values, weight: m / points };
}

/**
 * Up to `npartitions` + 1 strictly increasing boundaries from the partitions' samples: the global min, the
 * weighted j / npartitions quantiles, the global max, repeats removed (a single distinct value gives [v, v]).
 * Empty when no partition had a value.
 */
export function divisionsFromSamples(samples: readonly SortSample[], npartitions: number): SortDivisionValue[] {
  const points: { value: SortDivisionValue; weight: number }[] = [];
  for (const s of samples) for (const value of s.values) points.push({ value, weight: s.weight });
  if (points.length === 0) return [];
  points.sort((x, y) => compareDivisionValues(x.value, y.value));
  const total = points.reduce((sum, p) => sum + p.weight, 0);
  const bounds: SortDivisionValue[] = [points[0]!.value];
  let cumulative = 0;
  let at = 0;
  for (let j = 1; j < npartitions; j++) {
    const target = (j / npartitions) * total;
    while (at < points.length - 1 && cumulative + points[at]!.weight < target) cumulative += points[at++]!.weight;
    bounds.push(points[at]!.value);
  }
  bounds.push(points[points.length - 1]!.value);
  const unique = bounds.filter((v, k) => k === 0 || compareDivisionValues(bounds[k - 1]!, v) < 0);
  return unique.length === 1 ? [unique[0]!, unique[0]!] : unique;
}

/** Checks that user-given divisions are strictly increasing values of one kind; returns them. */
export function checkDivisions(divisions: readonly unknown[]): SortDivisionValue[] {
  if (divisions.length < 2) throw new AlgorithmError('INVALID_ARGUMENT', 'divisions: give at least two boundaries');
  const kind = typeof divisions[0];
  for (let k = 0; k < divisions.length; k++) {
    const v = divisions[k];
    if ((typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'string') || typeof v !== kind) {
      throw new AlgorithmError('INVALID_ARGUMENT', `divisions: ${String(v)} is not a ${kind} boundary`);
    }
    if (typeof v === 'number' && Number.isNaN(v)) throw new AlgorithmError('INVALID_ARGUMENT', 'divisions: NaN');
    if (k > 0 && compareDivisionValues(divisions[k - 1] as SortDivisionValue, v) > 0) {
      throw new AlgorithmError(
        'INVALID_ARGUMENT',
        `divisions must increase: ${String(divisions[k - 1])} > ${String(v)}`,
      );
    }
  }
  return divisions as SortDivisionValue[];
}

/**
 * Output partition of every row: i such that d_i <= key < d_i+1 (the last partition also holds d_n and keys above
 * it, the first those below d_0; NaN counts as above every number), reversed when descending; null keys go to the
 * last partition (naPosition 'last') or the first. No divisions: everything to partition 0.
 */
export function rangePartitionIds(
  column: Column,
  divisions: readonly SortDivisionValue[],
  ascending: boolean,
  naPosition: NaPosition,
): Int32Array {
  const n = column.length;
  const parts = Math.max(1, divisions.length - 1);
  const ids = new Int32Array(n);
  if (divisions.length < 2) return ids;
  const nullId = naPosition === 'last' ? parts - 1 : 0;
  if (column.type.kind === 'dictionary') {
    // One search per dictionary value, then a gather by index.
    const perValue = rangePartitionIds(column.dictionary!, divisions, ascending, naPosition);
    for (let i = 0; i < n; i++) ids[i] = isValid(column, i) ? perValue[Number(column.values![i]!)]! : nullId;
    return ids;
  }
  const position = positionFinder(column, divisions, parts);
  for (let i = 0; i < n; i++) {
    if (!isValid(column, i)) {
      ids[i] = nullId;
      continue;
    }
    const p = position(i);
    ids[i] = ascending ? p : parts - 1 - p;
  }
  return ids;
}

/** i -> the partition of row i's (non-null) value: the number of boundaries d_1 .. d_n-1 at or below it. */
function positionFinder(column: Column, divisions: readonly SortDivisionValue[], parts: number): (i: number) => number {
  const search = (above: (mid: number) => boolean): number => {
    let lo = 1;
    let hi = parts;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (above(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo - 1;
  };
  const kind = column.type.kind;
  if ((kind === 'utf8' || kind === 'large_utf8') && divisions.every((d) => typeof d === 'string')) {
    // Compare raw UTF-8 bytes with the encoded boundaries instead of decoding every row.
    const encoder = new TextEncoder();
    const bounds = divisions.map((d) => encoder.encode(d as string));
    const data = column.data!;
    const offsets = column.offsets!;
    return (i) => {
      const start = offsetAt(offsets, i);
      const end = offsetAt(offsets, i + 1);
      return search((mid) => compareBytes(bounds[mid]!, data, start, end) > 0);
    };
  }
  return (i) => {
    const v = divisionValueAt(column, i)!;
    return search((mid) => compareDivisionValues(divisions[mid]!, v) > 0);
  };
}

/** Unsigned byte order of `a` against data[start, end). */
function compareBytes(a: Uint8Array, data: Uint8Array, start: number, end: number): number {
  const lb = end - start;
  const common = Math.min(a.length, lb);
  for (let k = 0; k < common; k++) {
    const d = a[k]! - data[start + k]!;
    if (d !== 0) return d;
  }
  return a.length - lb;
}
