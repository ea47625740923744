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
  /** Turns the task's plain-data result into the value given to the caller (typed values such as Decimal or
   *  Timestamp are classes, which do not survive the structured clone from a worker thread). */
  readonly finish: ((raw: unknown) => T) | undefined;
  declare readonly __type?: T;

  constructor(key: Key, layers: Layers, finish?: (raw: unknown) => T) {
    this.key = key;
    this.layers = layers;
    this.finish = finish;
  }

  /** The same task with `finish` applied to its result in the calling thread. */
  withFinish<U>(finish: (raw: unknown) => U): Scalar<U> {
    return new Scalar<U>(this.key, this.layers, finish);
  }

  /** The caller's value of a computed raw result. */
  finished(raw: unknown): T {
    return this.finish ? this.finish(raw) : (raw as T);
  }

  /** Runs the graph and resolves to the value (options forward to the scheduler's compute). */
  async compute(options: ComputeOptions = {}): Promise<T> {
    return this.finished(await compute(layersToGraph(this.layers), this.key, options));
  }
}
