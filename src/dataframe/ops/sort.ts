// Partition ops of sortValues / setIndex: per-partition samples of the first sort key and the divisions they give
// (a tree reduction), the range partitioner the shuffle runs, and the local sort of each output partition.
import type { Batch } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { type NaPosition, sortBatch, sortColumn } from '../algorithms/sort.js';
import {
  divisionsFromSamples,
  rangePartitionIds,
  type SortDivisionValue,
  type SortSample,
  sampleSortKey,
} from '../algorithms/sort_divisions.js';

/** `batch` sorted by `by` (stable; see sortIndices in src/dataframe/algorithms/sort.ts). */
export const sortPartitionOp = defineOp(
  import.meta.url,
  'sortPartitionOp',
  (batch: Batch, by: readonly string[], ascending: readonly boolean[], naPosition: NaPosition): Batch =>
    sortBatch(batch, by, ascending, naPosition),
);

/** The order statistics of `column` in one partition (`size` + 1 points), as a one-element list. */
export const sortSampleOp = defineOp(
  import.meta.url,
  'sortSampleOp',
  (batch: Batch, column: string, size: number): SortSample[] => [sampleSortKey(sortColumn(batch, column), size)],
);

/** Lists of samples concatenated, in order (the combine step of the sample reduction). */
export const sortSamplesCombineOp = defineOp(
  import.meta.url,
  'sortSamplesCombineOp',
  (lists: readonly SortSample[][]): SortSample[] => lists.flat(),
);

/** The divisions (at most `npartitions` + 1 strictly increasing boundaries, or none) of the samples. */
export const sortDivisionsOp = defineOp(
  import.meta.url,
  'sortDivisionsOp',
  (lists: readonly SortSample[][], npartitions: number): SortDivisionValue[] =>
    divisionsFromSamples(lists.flat(), npartitions),
);

/** The range partitioner of a sort: each row's output partition from its `column` value and the divisions. */
export const rangePartitionIdsOp = defineOp(
  import.meta.url,
  'rangePartitionIdsOp',
  (
    batch: Batch,
    column: string,
    divisions: readonly SortDivisionValue[],
    ascending: boolean,
    naPosition: NaPosition,
  ): Int32Array => rangePartitionIds(sortColumn(batch, column), divisions, ascending, naPosition),
);
