// Partition-level ops of a hash group-by (src/dataframe/groupby.ts emits the tasks that name them). Arguments are
// plain data: key names and the normalised aggregation items.
import type { Batch } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import type { AggItem } from '../algorithms/agg_spec.js';
import { groupbyCombine } from '../algorithms/group_combine.js';
import { groupbyFinalize } from '../algorithms/group_finalize.js';
import { type GroupPartial, groupbyChunk } from '../algorithms/group_partial.js';
import { splitPartial } from '../algorithms/group_split.js';

/** One partition -> its partial (groups and states). */
export const groupbyChunkOp = defineOp(
  import.meta.url,
  'groupbyChunkOp',
  (batch: Batch, keys: readonly string[], items: readonly AggItem[], dropna = false): GroupPartial =>
    groupbyChunk(batch, keys, items, dropna),
);

/** One partition -> its partial cut into `n` pieces by key hash (splitOut). */
export const groupbyChunkSplitOp = defineOp(
  import.meta.url,
  'groupbyChunkSplitOp',
  (batch: Batch, keys: readonly string[], items: readonly AggItem[], n: number, dropna = false): GroupPartial[] =>
    splitPartial(groupbyChunk(batch, keys, items, dropna), keys.length, n),
);

/** Partials (or, with `piece` >= 0, piece `piece` of split partials) -> one partial. */
export const groupbyCombineOp = defineOp(
  import.meta.url,
  'groupbyCombineOp',
  (
    inputs: readonly (GroupPartial | readonly GroupPartial[])[],
    piece: number,
    keys: readonly string[],
    items: readonly AggItem[],
  ): GroupPartial => groupbyCombine(pick(inputs, piece), keys, items),
);

/** Like groupbyCombineOp, then the result Batch. */
export const groupbyAggregateOp = defineOp(
  import.meta.url,
  'groupbyAggregateOp',
  (
    inputs: readonly (GroupPartial | readonly GroupPartial[])[],
    piece: number,
    keys: readonly string[],
    items: readonly AggItem[],
  ): Batch => groupbyFinalize(groupbyCombine(pick(inputs, piece), keys, items, true), keys, items),
);

function pick(inputs: readonly (GroupPartial | readonly GroupPartial[])[], piece: number): GroupPartial[] {
  if (piece < 0) return inputs as GroupPartial[];
  return inputs.map((input) => (input as readonly GroupPartial[])[piece]!);
}
