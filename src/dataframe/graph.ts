// The task graph of a lazy collection, kept as layers (one per operation) so that deriving a frame copies the map
// of layers and never the tasks inside them.
import { TaskGraph } from '../graph/graph.js';
import { type Key, keyId } from '../graph/keys.js';
import type { TaskSpec } from '../graph/task.js';

/** One task of a layer: its key and spec. */
export interface LayerTask {
  readonly key: Key;
  readonly spec: TaskSpec;
}

/** The tasks one operation added, by key id. */
export type Layer = ReadonlyMap<string, LayerTask>;

/** All layers of a collection and its ancestors, by layer name (insertion order = construction order). */
export type Layers = ReadonlyMap<string, Layer>;

const sessionToken = Math.random().toString(36).slice(2, 8);
let counter = 0;

/** A fresh unique task-name prefix such as `assign-3f2a1c-1a`, for a new layer. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${sessionToken}-${(counter++).toString(36)}`;
}

/** A layer from `[key, spec]` pairs. */
export function makeLayer(tasks: Iterable<readonly [Key, TaskSpec]>): Layer {
  const layer = new Map<string, LayerTask>();
  for (const [key, spec] of tasks) layer.set(keyId(key), { key, spec });
  return layer;
}

/** The union of several layer maps plus `extra` layers (later entries of the same name replace earlier ones). */
export function mergeLayers(parents: readonly Layers[], extra?: Readonly<Record<string, Layer>>): Layers {
  const out = new Map<string, Layer>();
  for (const p of parents) for (const [name, layer] of p) out.set(name, layer);
  if (extra) for (const name in extra) out.set(name, extra[name]!);
  return out;
}

/** A TaskGraph holding every task of `layers`. */
export function layersToGraph(layers: Layers): TaskGraph {
  const graph = new TaskGraph();
  for (const layer of layers.values()) for (const [id, t] of layer) graph.tasks.set(id, t.spec);
  return graph;
}
