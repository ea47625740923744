// Partition ops of merge and dropDuplicates: the local hash join of two partitions, and distinct rows of one
// partition or of several partials (the chunk and combine steps of dropDuplicates' tree reduction).
import { concatBatches } from '../../columnar/concat.js';
import { emptyBatch } from '../../columnar/empty.js';
import type { Batch, Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { distinctRows, type KeepRow } from '../algorithms/distinct_rows.js';
import { type JoinHow, joinBatches } from '../algorithms/join.js';

/** `left` joined with `right` on `leftOn[k] = rightOn[k]` (algorithms/join.ts). */
export const joinPartitions = defineOp(
  import.meta.url,
  'joinPartitions',
  (
    left: Batch,
    right: Batch,
    leftOn: readonly string[],
    rightOn: readonly string[],
    how: JoinHow,
    suffixes: readonly [string, string],
  ): Batch => joinBatches(left, right, leftOn, rightOn, how, suffixes),
);

/** A partition without repeated rows of `subset` (the first or last of each kept, in row order). */
export const distinctRowsOp = defineOp(
  import.meta.url,
  'distinctRowsOp',
  (batch: Batch, subset: readonly string[], keep: KeepRow): Batch => distinctRows(batch, subset, keep),
);

/** Partials concatenated in order, then without repeated rows of `subset`: combine/aggregate of dropDuplicates. */
export const distinctRowsCombineOp = defineOp(
  import.meta.url,
  'distinctRowsCombineOp',
  (partials: readonly Batch[], subset: readonly string[], keep: KeepRow, fields: readonly Field[]): Batch => {
    const rows = partials.filter((p) => p.numRows > 0);
    if (rows.length === 0) return emptyBatch(fields);
    return distinctRows(rows.length === 1 ? rows[0]! : concatBatches(rows), subset, keep);
  },
);
