import type { TaskGraph } from './graph.js';
import { type IndexedGraph, indexGraph, topologicalOrder } from './indexed.js';

/**
 * Static priorities (0 = run first) that keep the number of live results low, in the manner of dask.order: a
 * depth-first post-order from the graph's outputs (tasks nobody depends on, in insertion order) that visits the
 * heavier dependency first (weight = size of the sub-graph upstream, counting shared parts once per path, as
 * dask's estimate does). Finishing the heavy branch first means only its one result waits while the lighter
 * branches run (the Sethi-Ullman argument), so a tree reduction holds about height x fan-in results instead of
 * all its leaves. Ties go to insertion order, which keeps partitions in order.
 *
 * `topo` may pass a topological order already computed (validation does); otherwise it is computed here.
 */
export function orderIndexed(g: IndexedGraph, topo: Int32Array = topologicalOrder(g)): Int32Array {
  const n = g.ids.length;
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = topo[i]!;
    let w = 1;
    for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) w += weight[g.deps[k]!]!;
    weight[t] = w;
  }
  const sorted = g.deps.slice();
  for (let t = 0; t < n; t++) sortSegment(sorted, g.depStart[t]!, g.depStart[t + 1]!, weight);

  const priority = new Int32Array(n).fill(-1);
  const cursor = g.depStart.slice(0, n);
  const stack = new Int32Array(n);
  const pushed = new Uint8Array(n);
  let next = 0;
  for (let sink = 0; sink < n; sink++) {
    if (g.dependentStart[sink + 1]! !== g.dependentStart[sink]!) continue;
    let sp = 0;
    stack[sp++] = sink;
    pushed[sink] = 1;
    while (sp > 0) {
      const t = stack[sp - 1]!;
      if (cursor[t]! < g.depStart[t + 1]!) {
        const d = sorted[cursor[t]!++]!;
        if (!pushed[d]) {
          pushed[d] = 1;
          stack[sp++] = d;
        }
      } else {
        sp--;
        priority[t] = next++;
      }
    }
  }
  return priority;
}

// Insertion sort of deps[start..end) by weight descending, then task number ascending (segments are short).
function sortSegment(deps: Int32Array, start: number, end: number, weight: Float64Array): void {
  for (let i = start + 1; i < end; i++) {
    const d = deps[i]!;
    let j = i - 1;
    while (j >= start && before(d, deps[j]!, weight)) {
      deps[j + 1] = deps[j]!;
      j--;
    }
    deps[j + 1] = d;
  }
}

function before(a: number, b: number, weight: Float64Array): boolean {
  return weight[a]! > weight[b]! || (weight[a] === weight[b] && a < b);
}

/** Static priority of every task of `graph` by key id (0 = run first); see {@link orderIndexed}. */
export function order(graph: TaskGraph): Map<string, number> {
  const g = indexGraph(graph);
  const priority = orderIndexed(g);
  const out = new Map<string, number>();
  for (let t = 0; t < g.ids.length; t++) out.set(g.ids[t]!, priority[t]!);
  return out;
}
