// Shuffles: every row moves to the output partition a partitioner op names (dask's task-based shuffle). Per input
// partition i: [name-split, i] = its rows cut into n pieces; [name-piece-i, j] = piece j (a separate task, so a
// cluster worker moves only that piece); [name, j] = the pieces j of every input, concatenated in input order.

import type { Key } from '../graph/keys.js';
import { literal, ref, type TaskArg, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import type { EmitOptions, OpRef } from './emit.js';
import { DataFrame } from './frame.js';
import { makeLayer, mergeLayers, uniqueName } from './graph.js';
import { concatShufflePieces, hashPartitionIdsOp, splitByPartitionIds } from './ops/shuffle.js';

/** The op giving each row its output partition: `op(batch, ...args) -> Int32Array` of ids in [0, npartitions). */
export interface Partitioner {
  op: OpRef;
  args?: readonly TaskArg[];
}

/**
 * `df`'s rows redistributed into `npartitions` partitions by `partitioner`. Within an output partition, rows keep
 * their input order (input partition, then row). The schema is unchanged; divisions only when given.
 */
export function shuffleFrame(
  df: DataFrame,
  partitioner: Partitioner,
  npartitions: number,
  options: EmitOptions = {},
): DataFrame {
  const n = Math.floor(npartitions);
  if (!(n >= 1)) throw new RangeError(`shuffle: npartitions must be at least 1, got ${npartitions}`);
  const name = uniqueName(options.name ?? 'shuffle');
  const partitionerFn = opName(partitioner.op);
  const split = opName(splitByPartitionIds);
  const tasks: [Key, TaskSpec][] = [];
  for (let i = 0; i < df.npartitions; i++) {
    // The partitioner runs inline in the split task: its ids never travel.
    const ids = { $task: { fn: partitionerFn, args: [ref(df.key(i)), ...(partitioner.args ?? [])] } };
    tasks.push([[`${name}-split`, i], { fn: split, args: [ref(df.key(i)), ids, n] }]);
    for (let j = 0; j < n; j++) {
      tasks.push([[`${name}-piece-${i}`, j], { fn: 'getitem', args: [ref([`${name}-split`, i]), j] }]);
    }
  }
  const concat = opName(concatShufflePieces);
  for (let j = 0; j < n; j++) {
    const pieces: TaskArg[] = [];
    for (let i = 0; i < df.npartitions; i++) pieces.push(ref([`${name}-piece-${i}`, j]));
    tasks.push([[name, j], { fn: concat, args: [pieces, literal(df.fields)] }]);
  }
  return new DataFrame({
    name,
    fields: df.fields,
    npartitions: n,
    divisions: options.divisions,
    index: options.divisions ? options.index : undefined,
    layers: mergeLayers([df.layers], { [name]: makeLayer(tasks) }),
  });
}

/** Options of {@link hashShuffle}. */
export interface ShuffleOptions {
  /** Number of output partitions (default: the input's). */
  npartitions?: number;
}

/**
 * `df`'s rows hash-partitioned on `on` (xxhash64 of the values, so equal keys meet in one partition whatever their
 * integer width, and nulls meet nulls). The usual step before a hash merge or a distinct on many groups.
 */
export function hashShuffle(df: DataFrame, on: string | readonly string[], options: ShuffleOptions = {}): DataFrame {
  checkOptions(options, optionNames<ShuffleOptions>({ npartitions: true }), 'shuffle');
  const columns = typeof on === 'string' ? [on] : [...on];
  if (columns.length === 0) throw new TypeError('shuffle: give at least one column');
  for (const c of columns) df.field(c);
  const n = options.npartitions ?? df.npartitions;
  return shuffleFrame(df, { op: hashPartitionIdsOp, args: [columns, Math.floor(n)] }, n, { name: 'hash-shuffle' });
}
