// Partition-level ops every DataFrame graph uses: concatenation, row ranges, lengths.
import { concatBatches } from '../../columnar/concat.js';
import { emptyBatch } from '../../columnar/empty.js';
import { sliceBatch } from '../../columnar/slice.js';
import type { Batch, Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';

/** The rows of `batches` one after another, as one Batch of `fields` (no batches: no rows). */
export const concatPartitions = defineOp(
  import.meta.url,
  'concatPartitions',
  (fields: readonly Field[], batches: readonly Batch[]): Batch => {
    if (batches.length === 0) return emptyBatch(fields);
    const out = concatBatches(batches);
    return out.numRows === 0 ? emptyBatch(fields) : out;
  },
);

/** Rows [start, end) of a partition (negative numbers count from the end, as Array.prototype.slice). */
export const slicePartition = defineOp(
  import.meta.url,
  'slicePartition',
  (batch: Batch, start: number, end?: number): Batch => {
    const n = batch.numRows;
    const s = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const e = end === undefined ? n : end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    return sliceBatch(batch, s, Math.max(s, e));
  },
);

/** Number of rows of a partition. */
export const partitionLength = defineOp(import.meta.url, 'partitionLength', (batch: Batch): number => batch.numRows);

/** Piece `index` of `parts` nearly equal row ranges of a partition (repartition into more partitions). */
export const splitPartition = defineOp(
  import.meta.url,
  'splitPartition',
  (batch: Batch, index: number, parts: number): Batch => {
    const n = batch.numRows;
    return sliceBatch(batch, Math.floor((index * n) / parts), Math.floor(((index + 1) * n) / parts));
  },
);

/** `concatPartitions` with the batches first: the shape of a tree reduction's combine / aggregate step. */
export const concatPartitionList = defineOp(
  import.meta.url,
  'concatPartitionList',
  (batches: readonly Batch[], fields: readonly Field[]): Batch => concatPartitions(fields, batches),
);
