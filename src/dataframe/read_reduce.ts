// The tree reduction of a column statistic over a readParquet frame, with its chunks fused with the reads
// (ops/read_stats.ts): each partition is reduced in the thread that decodes it, and no partition's table is built.
// The tree is the one treeReduce builds (emit.ts), so that partials are merged in the same order and the result
// is the same to the last bit: with many partitions, a task reads `splitEvery` partitions and merges their partials
// itself, standing for a chunk level plus its first combine (fewer tasks for many small files).
import type { Key } from '../graph/keys.js';
import { literal, ref, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import type { ReduceStep } from './emit.js';
import type { DataFrame } from './frame.js';
import { makeLayer, mergeLayers, uniqueName } from './graph.js';
import { parquetReadSpecs } from './groupby.js';
import { FUSED_STATS, fusedStatType, readStatsChunkOp } from './ops/read_stats.js';
import type { StatName } from './ops/stats.js';
import { Scalar } from './scalar.js';

/** Partitions are read `splitEvery` per task once there are at least this many such tasks (so all threads work). */
const MIN_GROUPED_TASKS = 4;

/**
 * The Scalar of `stat` over `columns` of `df` with chunks fused with the Parquet reads, or undefined when `df` is not
 * a plain readParquet frame, no column is of a kind the fused read reduces, or the statistic is not one it
 * computes. `combine` and `aggregate` are the steps of the general tree reduction (their args follow the partials).
 */
export function readStatReduce<T>(
  df: DataFrame,
  stat: StatName,
  columns: readonly string[],
  combine: ReduceStep,
  aggregate: ReduceStep,
  splitEveryOption: number | undefined,
): Scalar<T> | undefined {
  if (!FUSED_STATS.has(stat) || columns.length === 0) return undefined;
  // Columns of other kinds are read and reduced the general way in the same tasks (partitionPartials).
  if (!columns.some((name) => fusedStatType(df.field(name).type))) return undefined;
  const specs = parquetReadSpecs(df);
  if (!specs || specs.some((spec) => spec.filter)) return undefined;
  const splitEvery = Math.max(2, Math.floor(splitEveryOption ?? 8));
  // Grouped, a task's partial is the first combine's (the same partitions merged in the same order).
  const per = specs.length > splitEvery && specs.length >= splitEvery * MIN_GROUPED_TASKS ? splitEvery : 1;
  const name = uniqueName(stat);
  const tasks: [Key, TaskSpec][] = [];
  let level: Key[] = [];
  for (let g = 0; g < specs.length; g += per) {
    const key: Key = `${name}-read-${level.length}`;
    tasks.push([key, { fn: opName(readStatsChunkOp), args: [literal(specs.slice(g, g + per)), [...columns]] }]);
    level.push(key);
  }
  let depth = per > 1 ? 1 : 0;
  while (level.length > splitEvery) {
    const next: Key[] = [];
    for (let g = 0; g < level.length; g += splitEvery) {
      const key: Key = `${name}-combine-${depth}-${next.length}`;
      const group = level.slice(g, g + splitEvery).map((k) => ref(k));
      tasks.push([key, { fn: opName(combine.op), args: [group, ...(combine.args ?? [])] }]);
      next.push(key);
    }
    level = next;
    depth++;
  }
  tasks.push([name, { fn: opName(aggregate.op), args: [level.map((k) => ref(k)), ...(aggregate.args ?? [])] }]);
  // The reads replace the frame's partition tasks: its layers are not needed.
  return new Scalar<T>(name, mergeLayers([], { [name]: makeLayer(tasks) }));
}
