import { GraphError } from './errors.js';
import { formatKey, isKey, type Key, keyFromId, keyId } from './keys.js';
import { assertTaskSpec, type TaskSpec } from './task.js';

/** Anything `TaskGraph.from` accepts: a graph, a Map or entries keyed by Key, or a plain object keyed by string. */
export type GraphInput =
  | TaskGraph
  | ReadonlyMap<Key, TaskSpec>
  | Iterable<readonly [Key, TaskSpec]>
  | Readonly<Record<string, TaskSpec>>;

/**
 * A task graph: key -> task spec. Insertion order is kept (it breaks ties in `order`). Entries are stored by key id
 * (see `keyId`), so `[name, i]` keys compare by value.
 */
export class TaskGraph {
  /** Task specs by key id. */
  readonly tasks: Map<string, TaskSpec>;

  constructor(tasks: Map<string, TaskSpec> = new Map()) {
    this.tasks = tasks;
  }

  /** A graph from any {@link GraphInput}, checking every key and spec shape (references are checked by `validate`). */
  static from(input: GraphInput): TaskGraph {
    if (input instanceof TaskGraph) return input;
    const graph = new TaskGraph();
    const entries: Iterable<readonly [unknown, unknown]> =
      input instanceof Map || Symbol.iterator in Object(input)
        ? (input as Iterable<readonly [unknown, unknown]>)
        : Object.entries(input as Record<string, TaskSpec>);
    for (const [key, spec] of entries) {
      if (!isKey(key)) throw new GraphError('BAD_KEY', `not a task key: ${JSON.stringify(key)}`);
      graph.set(key, spec as TaskSpec);
    }
    return graph;
  }

  /** Number of tasks. */
  get size(): number {
    return this.tasks.size;
  }

  /** Adds or replaces the task for `key`. */
  set(key: Key, spec: TaskSpec): this {
    const id = keyId(key);
    assertTaskSpec(spec, formatKey(id));
    this.tasks.set(id, spec);
    return this;
  }

  /** The task for `key`, if any. */
  get(key: Key): TaskSpec | undefined {
    return this.tasks.get(keyId(key));
  }

  /** True when the graph has a task for `key`. */
  has(key: Key): boolean {
    return this.tasks.has(keyId(key));
  }

  /** Every key, in insertion order. */
  keys(): Key[] {
    return [...this.tasks.keys()].map(keyFromId);
  }

  /** Adds every task of `other` (same key: `other` wins; keys are content names, so both should agree). */
  merge(other: TaskGraph): this {
    for (const [id, spec] of other.tasks) this.tasks.set(id, spec);
    return this;
  }
}
