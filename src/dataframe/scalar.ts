import type { Key } from '../graph/keys.js';
import { type ComputeOptions, compute } from '../scheduler/compute.js';
import { type Layers, layersToGraph } from './graph.js';

/**
 * A lazy single value (a reduction's result): a key and the layers of tasks it depends on. `compute()` runs them
 * and resolves to the value.
 */
export class Scalar<T = unknown> {
  /** Key of the task whose result is this value. */
  readonly key: Key;
  /** The graph, as layers shared with the frames it was derived from. */
  readonly layers: Layers;
  declare readonly __type?: T;

  constructor(key: Key, layers: Layers) {
    this.key = key;
    this.layers = layers;
  }

  /** Runs the graph and resolves to the value (options forward to the scheduler's compute). */
  async compute(options: ComputeOptions = {}): Promise<T> {
    return (await compute(layersToGraph(this.layers), this.key, options)) as T;
  }
}
