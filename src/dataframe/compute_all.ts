// Several frames and scalars computed in one graph, so the tasks they share (a common read) run once.
import type * as arrow from 'apache-arrow';
import { batchToArrow } from '../columnar/to_arrow.js';
import type { Batch } from '../columnar/types.js';
import type { Key } from '../graph/keys.js';
import { literal, ref } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { checkOptions } from '../options/check.js';
import { COMPUTE_OPTIONS, type ComputeOptions, compute, schedulerOptionsError } from '../scheduler/compute.js';
import { DataFrame } from './frame.js';
import { type Layer, layersToGraph, makeLayer, mergeLayers, uniqueName } from './graph.js';
import { concatPartitions } from './ops/core.js';
import type { Scalar } from './scalar.js';

/** What {@link computeAll} gives for each input: a Table for a frame, the value for a Scalar. */
export type Computed<T> = T extends DataFrame ? arrow.Table : T extends Scalar<infer V> ? V : never;

/** Computes frames (as Tables) and scalars (as values) in one graph; shared tasks run once. */
export async function computeAll<const T extends readonly (DataFrame | Scalar)[]>(
  items: T,
  options: ComputeOptions = {},
): Promise<{ [K in keyof T]: Computed<T[K]> }> {
  checkOptions(options, COMPUTE_OPTIONS, 'computeAll', schedulerOptionsError);
  const extra: Record<string, Layer> = {};
  const keys: Key[] = items.map((item) => {
    if (!(item instanceof DataFrame)) return item.key;
    const name = uniqueName('concat');
    const spec = { fn: opName(concatPartitions), args: [literal(item.fields), item.keys().map((k) => ref(k))] };
    extra[name] = makeLayer([[name, spec]]);
    return name;
  });
  const graph = layersToGraph(
    mergeLayers(
      items.map((i) => i.layers),
      extra,
    ),
  );
  const values = (await compute(graph, keys, options)) as unknown[];
  return values.map((v, i) => {
    const item = items[i]!;
    return item instanceof DataFrame ? batchToArrow(v as Batch) : item.finished(v);
  }) as {
    [K in keyof T]: Computed<T[K]>;
  };
}
