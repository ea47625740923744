// Graph emission helpers: how every DataFrame operation (here and in groupby / hashing / io) adds its tasks.

import type { Field } from '../columnar/types.js';
import type { Key } from '../graph/keys.js';
import { literal, ref, type TaskArg, type TaskSpec } from '../graph/task.js';
import { type OpFunction, opName } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import { DataFrame, type Divisions } from './frame.js';
import { type Layers, makeLayer, mergeLayers, uniqueName } from './graph.js';
import { Scalar } from './scalar.js';

/** An op given as a `defineOp` function or its stable name (`"moduleURL#export"` or a built-in). */
export type OpRef = string | OpFunction;

/** Options of the frame-building helpers. */
export interface EmitOptions {
  /** Prefix of the new layer's name (a unique suffix is added). Default: the op's export name. */
  name?: string;
  /** Divisions of the result (default: unknown). */
  divisions?: Divisions;
  /** The column the divisions describe. */
  index?: string;
  /** Rows of each partition of the result, when known without running it. */
  partitionLengths?: readonly number[];
}

const EMIT_OPTIONS = optionNames<EmitOptions>({ name: true, divisions: true, index: true, partitionLengths: true });

function prefixOf(op: string): string {
  return op.slice(op.lastIndexOf('#') + 1);
}

/**
 * A frame whose partition i is the task `op(partition_i of df, ...args)`, with schema `fields`. `args` are task
 * arguments: plain data (JSON, typed arrays; `ref(key)` reads another task). Divisions are kept only when given.
 *
 *     const doubled = mapPartitionsOp(df, scaleOp, [2], df.fields, { divisions: df.divisions });
 */
export function mapPartitionsOp(
  df: DataFrame,
  op: OpRef,
  args: readonly TaskArg[],
  fields: readonly Field[],
  options: EmitOptions = {},
): DataFrame {
  return partitionwiseOp([df], op, args, fields, options);
}

/**
 * Like {@link mapPartitionsOp} over several frames with the same number of partitions: partition i is
 * `op(partition_i of dfs[0], partition_i of dfs[1], ..., ...args)`.
 */
export function partitionwiseOp(
  dfs: readonly DataFrame[],
  op: OpRef,
  args: readonly TaskArg[],
  fields: readonly Field[],
  options: EmitOptions = {},
): DataFrame {
  const n = dfs[0]!.npartitions;
  if (dfs.some((d) => d.npartitions !== n)) throw new RangeError('partitionwiseOp: frames differ in npartitions');
  const fn = opName(op);
  checkOptions(options, EMIT_OPTIONS, 'partitionwiseOp');
  const name = uniqueName(options.name ?? prefixOf(fn));
  const tasks: [Key, TaskSpec][] = [];
  for (let i = 0; i < n; i++) {
    tasks.push([[name, i], { fn, args: [...dfs.map((d) => ref(d.key(i))), ...args] }]);
  }
  return new DataFrame({
    name,
    fields,
    npartitions: n,
    divisions: options.divisions,
    index: options.index,
    partitionLengths: options.partitionLengths,
    layers: mergeLayers(
      dfs.map((d) => d.layers),
      { [name]: makeLayer(tasks) },
    ),
  });
}

/**
 * A frame from one task spec per partition (e.g. `{ fn: readOpName, args: [path, rowGroups, ...] }`), on top of
 * the layers of `parents` (frames or Scalars whose keys the specs reference; none for a source such as a reader).
 */
export function fromPartitions(
  specs: readonly TaskSpec[],
  fields: readonly Field[],
  options: EmitOptions & { parents?: readonly { layers: Layers }[] } = {},
): DataFrame {
  checkOptions(options, [...EMIT_OPTIONS, 'parents'], 'fromPartitions');
  const name = uniqueName(options.name ?? 'from-partitions');
  return new DataFrame({
    name,
    fields,
    npartitions: specs.length,
    divisions: options.divisions,
    index: options.index,
    partitionLengths: options.partitionLengths,
    layers: mergeLayers(
      (options.parents ?? []).map((p) => p.layers),
      { [name]: makeLayer(specs.map((spec, i) => [[name, i], spec])) },
    ),
  });
}

/** A spec whose value is `value` itself (a literal task: a computed Batch, a small object). */
export function literalTask(value: unknown): TaskSpec {
  return { fn: 'identity', args: [literal(value)] };
}

/** One step of a tree reduction: an op and the extra task arguments that follow its first argument. */
export interface ReduceStep {
  op: OpRef;
  args?: readonly TaskArg[];
}

/** A tree reduction (dask's apply-concat-apply). */
export interface TreeReduceSpec {
  /** `chunk(partition, ...args)` → a partial (plain data: a small object or a Batch). */
  chunk: ReduceStep;
  /** `combine(partials[], ...args)` → a partial, over groups of `splitEvery` partials. Default: `aggregate`. */
  combine?: ReduceStep;
  /** `aggregate(partials[], ...args)` → the result, over the last group (at most `splitEvery` partials). */
  aggregate: ReduceStep;
  /** Partials per combine task (default 8, at least 2). */
  splitEvery?: number;
  /** Layer name prefix (default `reduce`). */
  name?: string;
}

/**
 * Adds a tree reduction over the partitions of `df` and returns the key of the final task plus the layers: chunk
 * per partition, then `combine` over groups of `splitEvery` partials, repeated while more than `splitEvery` remain,
 * then `aggregate` over the rest. A frame of 0 partitions aggregates an empty list.
 */
export function treeReduceTasks(
  df: DataFrame,
  spec: TreeReduceSpec,
  layerName: string = uniqueName(spec.name ?? 'reduce'),
  finalKey: Key = layerName,
): { key: Key; layers: Layers } {
  const splitEvery = Math.max(2, Math.floor(spec.splitEvery ?? 8));
  const name = layerName;
  const tasks: [Key, TaskSpec][] = [];
  const chunkFn = opName(spec.chunk.op);
  const chunkArgs = spec.chunk.args ?? [];
  let level: Key[] = [];
  for (let i = 0; i < df.npartitions; i++) {
    const key: Key = `${name}-chunk-${i}`;
    tasks.push([key, { fn: chunkFn, args: [ref(df.key(i)), ...chunkArgs] }]);
    level.push(key);
  }
  const combine = spec.combine ?? spec.aggregate;
  const combineFn = opName(combine.op);
  let depth = 0;
  while (level.length > splitEvery) {
    const next: Key[] = [];
    for (let g = 0; g < level.length; g += splitEvery) {
      const key: Key = `${name}-combine-${depth}-${next.length}`;
      const group = level.slice(g, g + splitEvery).map((k) => ref(k));
      tasks.push([key, { fn: combineFn, args: [group, ...(combine.args ?? [])] }]);
      next.push(key);
    }
    level = next;
    depth++;
  }
  const key = finalKey;
  tasks.push([
    key,
    { fn: opName(spec.aggregate.op), args: [level.map((k) => ref(k)), ...(spec.aggregate.args ?? [])] },
  ]);
  return { key, layers: mergeLayers([df.layers], { [name]: makeLayer(tasks) }) };
}

/** A tree reduction whose result is a single value (see {@link treeReduceTasks}). */
export function treeReduce<T = unknown>(df: DataFrame, spec: TreeReduceSpec): Scalar<T> {
  const { key, layers } = treeReduceTasks(df, spec);
  return new Scalar<T>(key, layers);
}

/** A tree reduction whose `aggregate` returns a Batch of `fields`: the result is a one-partition frame. */
export function treeReduceFrame(
  df: DataFrame,
  spec: TreeReduceSpec,
  fields: readonly Field[],
  options: EmitOptions = {},
): DataFrame {
  const name = uniqueName(options.name ?? spec.name ?? 'reduce');
  const { layers } = treeReduceTasks(df, spec, name, [name, 0]);
  return new DataFrame({ name, fields, npartitions: 1, divisions: options.divisions, index: options.index, layers });
}

/** A Scalar computed by `op(value of scalar, ...args)` (post-processing a reduction's result). */
export function mapScalar<T = unknown>(input: Scalar, op: OpRef, args: readonly TaskArg[] = []): Scalar<T> {
  const fn = opName(op);
  const name = uniqueName(prefixOf(fn));
  return new Scalar<T>(
    name,
    mergeLayers([input.layers], { [name]: makeLayer([[name, { fn, args: [ref(input.key), ...args] }]]) }),
  );
}
