import { GraphError } from './errors.js';
import type { TaskGraph } from './graph.js';
import { formatKey } from './keys.js';
import { forEachReferenceIn, stringRefId, type TaskSpec } from './task.js';

/**
 * A graph in array form for the algorithms (cull, fuse, order, schedulers): tasks numbered 0..n-1 in insertion
 * order, dependencies and dependents in compressed sparse rows (CSR), so a million-task graph costs a few typed
 * arrays rather than a million small objects.
 */
export interface IndexedGraph {
  /** Key id of each task. */
  readonly ids: string[];
  /** Spec of each task. */
  readonly specs: TaskSpec[];
  /** Task number of each key id. */
  readonly index: Map<string, number>;
  /** Distinct dependencies of task i: `deps[depStart[i] .. depStart[i+1])`. */
  readonly depStart: Int32Array;
  readonly deps: Int32Array;
  /** Distinct dependents of task i: `dependents[dependentStart[i] .. dependentStart[i+1])`. */
  readonly dependentStart: Int32Array;
  readonly dependents: Int32Array;
}

// Indexed forms already known for graphs built by this module's callers (fuse), reused while the graph still holds
// exactly the same key -> spec entries in the same order (specs are immutable data: readonly fields).
const known = new WeakMap<TaskGraph, IndexedGraph>();

/** Records that `indexed` is the indexed form of `graph` (as `indexGraph` would build it), so it is not rebuilt. */
export function rememberIndex(graph: TaskGraph, indexed: IndexedGraph): void {
  known.set(graph, indexed);
}

function sameTasks(graph: TaskGraph, g: IndexedGraph): boolean {
  if (graph.tasks.size !== g.ids.length) return false;
  let i = 0;
  let same = true;
  graph.tasks.forEach((spec, id) => {
    if (same && (g.ids[i] !== id || g.specs[i] !== spec)) same = false;
    i++;
  });
  return same;
}

/** Numbers the tasks of `graph` and links references; throws MISSING_KEY naming the task and the missing key. */
export function indexGraph(graph: TaskGraph): IndexedGraph {
  const remembered = known.get(graph);
  if (remembered !== undefined && sameTasks(graph, remembered)) return remembered;
  const n = graph.tasks.size;
  const ids = new Array<string>(n);
  const specs = new Array<TaskSpec>(n);
  const index = new Map<string, number>();
  let i = 0;
  // forEach rather than for-of over entries: no [id, spec] pair allocated per task.
  graph.tasks.forEach((spec, id) => {
    ids[i] = id;
    specs[i] = spec;
    index.set(id, i++);
  });
  const depStart = new Int32Array(n + 1);
  let deps = new Int32Array(Math.max(16, n * 2));
  let count = 0;
  // seenBy[d] = t + 1 once task t has listed d: dedupes references in O(1), even for a 50,000-way fan-in.
  const seenBy = new Int32Array(n);
  let t = 0;
  const add = (id: string): void => {
    const d = index.get(id);
    if (d === undefined) {
      throw new GraphError('MISSING_KEY', `task ${formatKey(ids[t]!)} references missing key ${formatKey(id)}`, {
        key: formatKey(ids[t]!),
        reference: formatKey(id),
      });
    }
    if (seenBy[d] === t + 1) return;
    seenBy[d] = t + 1;
    if (count === deps.length) {
      const grown = new Int32Array(deps.length * 2);
      grown.set(deps);
      deps = grown;
    }
    deps[count++] = d;
  };
  for (t = 0; t < n; t++) {
    depStart[t] = count;
    const args = specs[t]!.args;
    for (let a = 0; a < args.length; a++) {
      const arg = args[a];
      if (arg === null || typeof arg !== 'object') continue;
      // The common argument, `{ $ref: 'key' }`, is handled here without the general walk (same checks, fewer calls).
      const id = stringRefId(arg);
      if (id !== undefined) add(id);
      else forEachReferenceIn(arg, add);
    }
  }
  depStart[n] = count;
  return withDependents(ids, specs, index, depStart, deps.slice(0, count));
}

/** Completes an indexed graph from its dependency rows by inverting them into dependent rows. */
export function withDependents(
  ids: string[],
  specs: TaskSpec[],
  index: Map<string, number>,
  depStart: Int32Array,
  deps: Int32Array,
): IndexedGraph {
  const n = ids.length;
  const dependentStart = new Int32Array(n + 1);
  for (let k = 0; k < deps.length; k++) dependentStart[deps[k]! + 1]!++;
  for (let t = 0; t < n; t++) dependentStart[t + 1]! += dependentStart[t]!;
  const fill = dependentStart.slice(0, n);
  const dependents = new Int32Array(deps.length);
  for (let t = 0; t < n; t++) {
    for (let k = depStart[t]!; k < depStart[t + 1]!; k++) dependents[fill[deps[k]!]!++] = t;
  }
  return { ids, specs, index, depStart, deps, dependentStart, dependents };
}

/** The sub-graph of the tasks where `keep[i]` is 1, renumbered in the original order (no spec is re-scanned). */
export function subgraph(g: IndexedGraph, keep: Uint8Array): IndexedGraph {
  const n = g.ids.length;
  const renumber = new Int32Array(n).fill(-1);
  const ids: string[] = [];
  const specs: TaskSpec[] = [];
  const index = new Map<string, number>();
  for (let t = 0; t < n; t++) {
    if (!keep[t]) continue;
    renumber[t] = ids.length;
    index.set(g.ids[t]!, ids.length);
    ids.push(g.ids[t]!);
    specs.push(g.specs[t]!);
  }
  const depStart = new Int32Array(ids.length + 1);
  const deps: number[] = [];
  for (let t = 0; t < n; t++) {
    if (!keep[t]) continue;
    depStart[renumber[t]!] = deps.length;
    for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) {
      const d = renumber[g.deps[k]!]!;
      if (d < 0) throw new Error('subgraph: a kept task depends on a dropped one');
      deps.push(d);
    }
  }
  depStart[ids.length] = deps.length;
  return withDependents(ids, specs, index, depStart, Int32Array.from(deps));
}

/**
 * A topological order (dependencies first) by Kahn's algorithm; throws CYCLE naming the keys of one cycle.
 */
export function topologicalOrder(g: IndexedGraph): Int32Array {
  const n = g.ids.length;
  const missing = new Int32Array(n);
  const out = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let t = 0; t < n; t++) {
    missing[t] = g.depStart[t + 1]! - g.depStart[t]!;
    if (missing[t] === 0) out[tail++] = t;
  }
  while (head < tail) {
    const t = out[head++]!;
    for (let k = g.dependentStart[t]!; k < g.dependentStart[t + 1]!; k++) {
      const d = g.dependents[k]!;
      if (--missing[d] === 0) out[tail++] = d;
    }
  }
  if (tail < n) throw cycleError(g, missing);
  return out;
}

// Every task left with missing > 0 has a dependency also left (else Kahn would have freed it), so following such
// dependencies from any of them must revisit a task: the walk from its first visit is a cycle.
function cycleError(g: IndexedGraph, missing: Int32Array): GraphError {
  let t = missing.findIndex((m) => m > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(t)) {
    seenAt.set(t, path.length);
    path.push(t);
    for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) {
      if (missing[g.deps[k]!]! > 0) {
        t = g.deps[k]!;
        break;
      }
    }
  }
  // path follows dependency edges; print it in execution direction (dependency -> dependent).
  const cycle = path
    .slice(seenAt.get(t)!)
    .reverse()
    .map((c) => formatKey(g.ids[c]!));
  cycle.push(cycle[0]!);
  return new GraphError('CYCLE', `the graph has a cycle: ${cycle.join(' -> ')}`, { cycle });
}
