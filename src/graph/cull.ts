import { GraphError } from './errors.js';
import { TaskGraph } from './graph.js';
import { type IndexedGraph, indexGraph, subgraph } from './indexed.js';
import { formatKey, type Key, keyId } from './keys.js';

/** Task numbers of `keys` in `g`; throws MISSING_KEY for a key the graph does not have. */
export function outputIndexes(g: IndexedGraph, keys: readonly Key[]): number[] {
  return keys.map((key) => {
    const id = keyId(key);
    const t = g.index.get(id);
    if (t === undefined) {
      throw new GraphError('MISSING_KEY', `requested key ${formatKey(id)} is not in the graph`, {
        reference: formatKey(id),
      });
    }
    return t;
  });
}

/** The part of `g` that the tasks `outputs` need (themselves and everything upstream), as an indexed graph. */
export function cullIndexed(g: IndexedGraph, outputs: readonly number[]): IndexedGraph {
  const keep = new Uint8Array(g.ids.length);
  const stack: number[] = [];
  for (const t of outputs) {
    if (!keep[t]) {
      keep[t] = 1;
      stack.push(t);
    }
  }
  while (stack.length) {
    const t = stack.pop()!;
    for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) {
      const d = g.deps[k]!;
      if (!keep[d]) {
        keep[d] = 1;
        stack.push(d);
      }
    }
  }
  return stack.length === 0 && keep.every((x) => x === 1) ? g : subgraph(g, keep);
}

/** A graph with only the tasks that `keys` need (dask's `cull`). */
export function cull(graph: TaskGraph, keys: readonly Key[]): TaskGraph {
  const g = indexGraph(graph);
  const culled = cullIndexed(g, outputIndexes(g, keys));
  const out = new TaskGraph();
  for (let t = 0; t < culled.ids.length; t++) out.tasks.set(culled.ids[t]!, culled.specs[t]!);
  return out;
}
