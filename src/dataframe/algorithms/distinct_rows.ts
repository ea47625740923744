// Distinct rows of one Batch (the local step of DataFrame.dropDuplicates): rows are grouped by the subset columns
// with the group-id kernels (exact key comparison; nulls equal nulls, every NaN equal, -0 equal to +0, as SQL
// DISTINCT), and one row per group is kept.
import { takeBatch } from '../../columnar/take.js';
import type { Batch } from '../../columnar/types.js';
import { AlgorithmError } from './errors.js';
import { groupIds } from './group_ids.js';

/** Which row of a group of duplicates survives. */
export type KeepRow = 'first' | 'last';

/**
 * The row index kept for each distinct value of `subset`, in row order: with 'first', the first row of each group
 * (so groups come in order of first appearance); with 'last', the last row of each group, in the order of those
 * rows (pandas' drop_duplicates(keep='last')).
 */
export function distinctRowIndices(batch: Batch, subset: readonly string[], keep: KeepRow = 'first'): Int32Array {
  if (batch.numRows === 0) return new Int32Array(0);
  const keys = subset.map((name) => {
    const i = batch.fields.findIndex((f) => f.name === name);
    if (i < 0) throw new AlgorithmError('INVALID_ARGUMENT', `dropDuplicates: no column ${JSON.stringify(name)}`);
    return batch.columns[i]!;
  });
  if (keys.length === 0) throw new AlgorithmError('INVALID_ARGUMENT', 'dropDuplicates: no columns to compare');
  const groups = groupIds(keys);
  if (keep === 'first') return groups.firstRow;
  const last = new Int32Array(groups.numGroups);
  const ids = groups.ids;
  for (let r = 0; r < ids.length; r++) last[ids[r]!] = r;
  return last.sort();
}

/** `batch` without repeated rows of `subset` (see {@link distinctRowIndices}); unchanged when nothing repeats. */
export function distinctRows(batch: Batch, subset: readonly string[], keep: KeepRow = 'first'): Batch {
  const rows = distinctRowIndices(batch, subset, keep);
  return rows.length === batch.numRows ? batch : takeBatch(batch, rows);
}
