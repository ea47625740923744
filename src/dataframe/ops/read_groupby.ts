// Group-by partials fused with the Parquet read (issue 16 items 3 and 4): one task reads several readParquet
// partitions and reduces each to its partial right after decoding, in the thread that decoded it, combining them as
// it goes. No partition's table leaves that thread, and a dataset of many small files costs a task (scheduling,
// messages, a partial sent back) per group of files rather than per file.
import { defineOp } from '../../ops/registry.js';
import type { AggItem } from '../algorithms/agg_spec.js';
import { groupbyCombine } from '../algorithms/group_combine.js';
import { type GroupPartial, groupbyChunk } from '../algorithms/group_partial.js';
import { type ParquetPartitionSpec, readParquetPartition } from './read.js';

/** The partial of the partitions `specs` (in order: groups keep their order of first appearance). */
export const readGroupbyPartialOp = defineOp(
  import.meta.url,
  'readGroupbyPartialOp',
  async (
    specs: readonly ParquetPartitionSpec[],
    keys: readonly string[],
    items: readonly AggItem[],
    dropna = false,
  ): Promise<GroupPartial> => {
    // One combine of all the partitions' partials: combining as they come would re-merge the growing partial once
    // per partition (quadratic in its nunique pairs).
    const partials: GroupPartial[] = [];
    for (const spec of specs) partials.push(groupbyChunk(await readParquetPartition(spec), keys, items, dropna));
    if (partials.length === 0) throw new RangeError('readGroupbyPartialOp: no partitions');
    return partials.length === 1 ? partials[0]! : groupbyCombine(partials, keys, items);
  },
);
