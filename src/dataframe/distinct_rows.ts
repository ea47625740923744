// DataFrame.dropDuplicates: distinct rows as a tree reduction (each partition deduplicated, then groups of
// `splitEvery` partials concatenated in partition order and deduplicated again, down to one partition), or with
// `splitOut > 1` a hash shuffle on the compared columns into splitOut partitions after the per-partition step, so
// duplicates meet in one partition and are dropped there. Rows compare as SQL DISTINCT does (nulls equal, NaN
// equal, -0 = +0); see algorithms/distinct_rows.ts for which row of a group survives.

import { literal } from '../graph/task.js';
import { checkOptions, optionNames } from '../options/check.js';
import type { KeepRow } from './algorithms/distinct_rows.js';
import { mapPartitionsOp, treeReduceFrame } from './emit.js';
import type { DataFrame } from './frame.js';
import { distinctRowsCombineOp, distinctRowsOp } from './ops/merge.js';
import { hashShuffle } from './shuffle.js';

/** Options of {@link dropDuplicatesFrame}. */
export interface DropDuplicatesOptions {
  /** Which row of each set of duplicates stays (default 'first'). */
  keep?: KeepRow;
  /** Output partitions (default 1: a tree reduction); more hash-partition the distinct rows. */
  splitOut?: number;
  /** Partials per combine task of the tree reduction (default 8). */
  splitEvery?: number;
}

/**
 * `df` without repeated rows of `subset` (default: all columns). With one output partition (the default), rows
 * come in the order of the kept row over the whole frame (for 'first': order of first appearance). With
 * `splitOut > 1`, the same holds within each output partition.
 */
export function dropDuplicatesFrame(
  df: DataFrame,
  subset?: string | readonly string[],
  options: DropDuplicatesOptions = {},
): DataFrame {
  checkOptions(
    options,
    optionNames<DropDuplicatesOptions>({ keep: true, splitOut: true, splitEvery: true }),
    'dropDuplicates',
  );
  const columns = subset === undefined ? df.columns : typeof subset === 'string' ? [subset] : [...subset];
  if (columns.length === 0) throw new TypeError('dropDuplicates: no columns to compare');
  for (const c of columns) df.field(c);
  const keep = options.keep ?? 'first';
  if (keep !== 'first' && keep !== 'last') throw new TypeError(`dropDuplicates: keep must be 'first' or 'last'`);
  const splitOut = Math.floor(options.splitOut ?? 1);
  if (splitOut > 1) {
    const local = mapPartitionsOp(df, distinctRowsOp, [columns, keep], df.fields, { name: 'drop-duplicates-chunk' });
    const shuffled = hashShuffle(local, columns, { npartitions: splitOut });
    return mapPartitionsOp(shuffled, distinctRowsOp, [columns, keep], df.fields, { name: 'drop-duplicates' });
  }
  const combine = { op: distinctRowsCombineOp, args: [columns, keep, literal(df.fields)] };
  return treeReduceFrame(
    df,
    {
      chunk: { op: distinctRowsOp, args: [columns, keep] },
      combine,
      aggregate: combine,
      ...(options.splitEvery !== undefined ? { splitEvery: options.splitEvery } : {}),
    },
    df.fields,
    { name: 'drop-duplicates' },
  );
}
