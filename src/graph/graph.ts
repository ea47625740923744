import { GraphError } from './errors.js';
import { formatKey, isKey, type Key, keyFromId, keyId } from './keys.js';
import { assertTaskSpec, isPlainObject, isTaskSpec, literal, type TaskSpec } from './task.js';

/**
 * Anything `TaskGraph.from` accepts: a graph, a Map or entries keyed by Key, or a plain object keyed by string.
 * A value that is not a task spec is a literal, as in Dask (`{ a: 1, b: task('inc', ref('a')) }`), and a bare
 * reference (`{ b: ref('a') }`) is an alias of the task it names.
 */
export type GraphInput =
  | TaskGraph
  | ReadonlyMap<Key, unknown>
  | Iterable<readonly [Key, unknown]>
  | Readonly<Record<string, unknown>>;

/** The task spec of a graph entry's value: a spec as is, a reference as an alias, anything else a literal. An
 *  object with `fn` or `args` that is no valid spec is a mistake, reported as BAD_TASK rather than taken verbatim. */
function entrySpec(value: unknown, key: Key): TaskSpec {
  if (isTaskSpec(value)) return value;
  if (isPlainObject(value)) {
    if ('fn' in value || 'args' in value) assertTaskSpec(value, formatKey(keyId(key)));
    if ('$ref' in value && Object.keys(value).length === 1) return { fn: 'identity', args: [value] };
  }
  return { fn: 'identity', args: [literal(value)] };
}

/**
 * A task graph: key -> task spec. Insertion order is kept (it breaks ties in `order`). Entries are stored by key id
 * (see `keyId`), so `[name, i]` keys compare by value.
 */
export class TaskGraph {
  /** Task specs by key id. */
  readonly tasks: Map<string, TaskSpec>;

  /** An empty graph, or one holding the tasks of `input` (checked at once, as {@link TaskGraph.from} does). */
  constructor(input?: GraphInput) {
    this.tasks = new Map();
    if (input === undefined) return;
    if (input instanceof TaskGraph) {
      this.merge(input);
      return;
    }
    if (input === null || typeof input !== 'object') {
      throw new GraphError('BAD_TASK', `a graph is a Map, entries or an object of tasks, not ${String(input)}`);
    }
    const entries: Iterable<readonly [unknown, unknown]> =
      input instanceof Map || Symbol.iterator in Object(input)
        ? (input as Iterable<readonly [unknown, unknown]>)
        : Object.entries(input as Record<string, unknown>);
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new GraphError('BAD_TASK', 'graph entries must be [key, task] pairs');
      }
      const [key, value] = entry;
      if (!isKey(key)) throw new GraphError('BAD_KEY', `not a task key: ${JSON.stringify(key)}`);
      this.set(key, entrySpec(value, key));
    }
  }

  /** A graph from any {@link GraphInput}, checking every key and spec shape (references are checked by `validate`). */
  static from(input: GraphInput): TaskGraph {
    return input instanceof TaskGraph ? input : new TaskGraph(input);
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
