// sortValues and setIndex (dask's sort_values / set_index): sample the first sort key of every partition, turn the
// samples into divisions (npartitions + 1 boundaries), range-partition the rows with shuffleFrame, then sort every
// output partition locally. Like dask, the divisions are computed eagerly, when the method is called (they are part
// of the result frame, `DataFrame.divisions`, which exists before any compute): so both methods are async and run
// the sampling graph right away (with the compute options given), and the input's tasks run again when the result
// is computed; persist() an expensive input first. Given `divisions`, nothing is computed up front.

import { emptyBatch } from '../columnar/empty.js';
import { literal } from '../graph/task.js';
import { checkOptions, optionNames } from '../options/check.js';
import { COMPUTE_OPTIONS, type ComputeOptions, computeOptionsOf } from '../scheduler/compute.js';
import { AlgorithmError } from './algorithms/errors.js';
import { ascendingFlags, type NaPosition, sortBatch } from './algorithms/sort.js';
import {
  assertPartitionable,
  checkDivisions,
  compareDivisionValues,
  type SortDivisionValue,
  type SortSample,
} from './algorithms/sort_divisions.js';
import { mapPartitionsOp, treeReduce } from './emit.js';
import { DataFrame, type Divisions } from './frame.js';
import {
  rangePartitionIdsOp,
  sortDivisionsOp,
  sortPartitionOp,
  sortSampleOp,
  sortSamplesCombineOp,
} from './ops/sort.js';
import { shuffleFrame } from './shuffle.js';

/** What sortValues and setIndex share. */
export interface SortOptionsBase extends ComputeOptions {
  /** Output partitions (default: the input's). Fewer may come out: a boundary value never spans two partitions. */
  npartitions?: number;
  /** Boundaries of the (first) sort key to partition by, instead of sampling: strictly increasing numbers, bigints
   *  or strings, npartitions + 1 of them. Rows below the first go to the first partition, above the last to the
   *  last. */
  divisions?: Divisions;
  /** Order statistics sampled per input partition (default max(100, 20 * npartitions)). */
  samplesPerPartition?: number;
  /** Partials per combine task of the sampling reduction (default 8). */
  splitEvery?: number;
}

/** Options of {@link sortValuesFrame}. */
export interface SortValuesOptions extends SortOptionsBase {
  /** Direction per key, or one for all (default true). */
  ascending?: boolean | readonly boolean[];
  /** Where nulls go, in either direction (default 'last', as pandas and DuckDB). */
  naPosition?: NaPosition;
}

/** Options of {@link setIndexFrame}. */
export interface SetIndexOptions extends SortOptionsBase {
  /** The column is already sorted across the partitions in order: no shuffle, only its divisions are found (from
   *  each partition's min and max, which must not overlap) unless given. */
  sorted?: boolean;
}

const SORT_BASE_OPTIONS: readonly string[] = [
  ...COMPUTE_OPTIONS,
  ...optionNames<Omit<SortOptionsBase, keyof ComputeOptions>>({
    npartitions: true,
    divisions: true,
    samplesPerPartition: true,
    splitEvery: true,
  }),
];
const SORT_VALUES_OPTIONS = [...SORT_BASE_OPTIONS, 'ascending', 'naPosition'];
const SET_INDEX_OPTIONS = [...SORT_BASE_OPTIONS, 'sorted'];

/** Per-partition samples of `column` (a list in partition order, computed now). */
function sampleScalar(df: DataFrame, column: string, size: number, splitEvery?: number) {
  return treeReduce<SortSample[]>(df, {
    name: 'sort-sample',
    chunk: { op: sortSampleOp, args: [column, size] },
    combine: { op: sortSamplesCombineOp },
    aggregate: { op: sortSamplesCombineOp },
    splitEvery,
  });
}

/** The divisions of `column` for `npartitions` output partitions, from sampled quantiles (computed now). */
export async function computeSortDivisions(
  df: DataFrame,
  column: string,
  npartitions: number,
  options: SortOptionsBase = {},
): Promise<SortDivisionValue[]> {
  const size = Math.max(1, Math.floor(options.samplesPerPartition ?? Math.max(100, 20 * npartitions)));
  const divisions = treeReduce<SortDivisionValue[]>(df, {
    name: 'sort-divisions',
    chunk: { op: sortSampleOp, args: [column, size] },
    combine: { op: sortSamplesCombineOp },
    aggregate: { op: sortDivisionsOp, args: [npartitions] },
    splitEvery: options.splitEvery,
  });
  return divisions.compute(computeOptionsOf(options));
}

function validateKeys(df: DataFrame, by: readonly string[], flags: readonly boolean[], naPosition: NaPosition): void {
  if (by.length === 0) throw new AlgorithmError('INVALID_ARGUMENT', 'sortValues: give at least one column');
  if (naPosition !== 'first' && naPosition !== 'last') {
    throw new AlgorithmError('INVALID_ARGUMENT', `naPosition ${String(naPosition)}: expected 'first' or 'last'`);
  }
  for (const name of by) df.field(name);
  const empty = emptyBatch(df.fields);
  sortBatch(empty, by, flags, naPosition); // rejects unsortable types now, not in a task
  assertPartitionable(empty.columns[df.columns.indexOf(by[0]!)]!);
}

/**
 * `df` sorted by `by` (first key most significant) across its partitions: partition i's rows all come before
 * partition i+1's. See sortIndices (src/dataframe/algorithms/sort.ts) for the order: stable, nulls `naPosition`,
 * NaN above every number, strings by UTF-8 bytes. When the first key ascends the result has `divisions` on it and
 * `index` = by[0] (rows with a null or NaN first key sit in the last partition, or nulls in the first with
 * naPosition 'first', outside the boundaries); a descending first key gives unknown divisions.
 */
export async function sortValuesFrame(
  df: DataFrame,
  by: string | readonly string[],
  options: SortValuesOptions = {},
): Promise<DataFrame> {
  checkOptions(options, SORT_VALUES_OPTIONS, 'sortValues');
  const keys = typeof by === 'string' ? [by] : [...by];
  const flags = ascendingFlags(keys, options.ascending);
  const naPosition = options.naPosition ?? 'last';
  validateKeys(df, keys, flags, naPosition);
  const first = keys[0]!;
  const localSort = (frame: DataFrame, divisions: Divisions | undefined) =>
    mapPartitionsOp(frame, sortPartitionOp, [keys, flags, naPosition], df.fields, {
      name: 'sort-partition',
      divisions,
      index: divisions ? first : undefined,
    });
  const unchangedPartitions = options.npartitions === undefined && options.divisions === undefined;
  if (unchangedPartitions && flags[0] && naPosition === 'last' && df.divisions && df.index === first) {
    // The partitions already hold disjoint, ordered ranges of the first key (e.g. readParquet's sortedBy).
    return localSort(df, df.divisions);
  }
  const target = Math.floor(options.npartitions ?? Math.max(1, df.npartitions));
  if (!(target >= 1)) throw new AlgorithmError('INVALID_ARGUMENT', `npartitions ${options.npartitions}: expected >= 1`);
  const divisions = options.divisions
    ? checkDivisions(options.divisions)
    : await computeSortDivisions(df, first, target, options);
  const known = flags[0] && divisions.length >= 2 ? divisions : undefined;
  const n = Math.max(1, divisions.length - 1);
  if (df.npartitions === 1 && n === 1) return localSort(df, known);
  const partitioner = { op: rangePartitionIdsOp, args: [first, literal(divisions), flags[0]!, naPosition] };
  return localSort(shuffleFrame(df, partitioner, n, { name: 'sort-shuffle' }), known);
}

/**
 * `df` indexed by `column`: sorted by it (ascending, nulls last) with known divisions, `index` = column. Tessera
 * keeps the index as an ordinary column. With `sorted: true` the data is taken as already sorted and only the
 * divisions are found; a frame whose divisions are already known on `column` is only sorted within partitions.
 */
export async function setIndexFrame(df: DataFrame, column: string, options: SetIndexOptions = {}): Promise<DataFrame> {
  checkOptions(options, SET_INDEX_OPTIONS, 'setIndex');
  const field = df.field(column);
  if (options.sorted) {
    validateKeys(df, [column], [true], 'last');
    let divisions: Divisions | undefined;
    if (options.divisions) {
      divisions = checkDivisions(options.divisions);
      if (divisions.length !== df.npartitions + 1) {
        throw new AlgorithmError(
          'INVALID_ARGUMENT',
          `setIndex: ${divisions.length} divisions for ${df.npartitions} partitions (expected npartitions + 1)`,
        );
      }
    } else {
      const samples = await sampleScalar(df, column, 1, options.splitEvery).compute(computeOptionsOf(options));
      divisions = divisionsOfSortedPartitions(samples, column);
    }
    if (!divisions) return df;
    return new DataFrame({ ...df, fields: df.fields, divisions, index: field.name, layers: df.layers });
  }
  const { sorted: _sorted, ...sortOptions } = options;
  return sortValuesFrame(df, [column], { ...sortOptions, ascending: true, naPosition: 'last' });
}

/** [min_0, min_1, ..., min_last, max_last] from each partition's [min, max] sample; empty partitions borrow the
 *  next partition's min (they hold the empty range [d, d)). Undefined when no partition has a value. */
function divisionsOfSortedPartitions(samples: readonly SortSample[], column: string): Divisions | undefined {
  const ranges = samples.map((s) => (s.values.length ? { min: s.values[0]!, max: s.values.at(-1)! } : undefined));
  const present = ranges.filter((r) => r !== undefined);
  if (present.length === 0) return undefined;
  for (let k = 1; k < present.length; k++) {
    if (compareDivisionValues(present[k - 1]!.max, present[k]!.min) >= 0) {
      throw new AlgorithmError(
        'INVALID_ARGUMENT',
        `setIndex(${JSON.stringify(column)}, { sorted: true }): partitions overlap (${String(present[k - 1]!.max)} ` +
          `>= ${String(present[k]!.min)}); call setIndex without sorted to shuffle`,
      );
    }
  }
  const last = present.at(-1)!.max;
  const mins: SortDivisionValue[] = new Array(ranges.length);
  let next = last;
  for (let i = ranges.length - 1; i >= 0; i--) {
    if (ranges[i]) next = ranges[i]!.min;
    mins[i] = next;
  }
  return [...mins, last];
}
