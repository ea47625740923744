import { TaskGraph } from './graph.js';
import { type IndexedGraph, indexGraph } from './indexed.js';
import { type Key, keyId } from './keys.js';
import { replaceReference, type TaskSpec } from './task.js';

/** Options of {@link fuseIndexed}. */
export interface FuseOptions {
  /** Keys that must stay addressable (requested outputs): never inlined into their dependent. */
  keep?: readonly Key[];
  /** Most tasks merged into one (bounds nesting depth of the fused spec). Default 32. */
  maxChainLength?: number;
}

/**
 * Fuses linear chains: a task whose only dependent has it as its only dependency is inlined into that dependent
 * (`{ $task: spec }` in place of the `{ $ref }`). The fused task keeps the key of the chain's last task, so every
 * reference from outside the chain stays valid. Returns a new graph; `g` is not modified.
 */
export function fuseIndexed(g: IndexedGraph, options: FuseOptions = {}): TaskGraph {
  const n = g.ids.length;
  const maxChain = Math.max(1, options.maxChainLength ?? 32);
  const pinned = new Set((options.keep ?? []).map(keyId));
  // inlineInto[t] = the dependent that absorbs t, or -1.
  const inlineInto = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    if (g.dependentStart[t + 1]! - g.dependentStart[t]! !== 1 || pinned.has(g.ids[t]!)) continue;
    const d = g.dependents[g.dependentStart[t]!]!;
    if (g.depStart[d + 1]! - g.depStart[d]! === 1) inlineInto[t] = d;
  }
  // Cut chains longer than maxChain: walk each chain from its head (a task that nobody inlines into it).
  const absorbs = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) if (inlineInto[t]! >= 0) absorbs[inlineInto[t]!] = t;
  for (let t = 0; t < n; t++) {
    if (inlineInto[t]! < 0 || absorbs[t]! >= 0) continue;
    let length = 1;
    let c = t;
    while (inlineInto[c]! >= 0) {
      const next = inlineInto[c]!;
      if (++length > maxChain) {
        inlineInto[c] = -1;
        length = 1;
      }
      c = next;
    }
  }
  const out = new TaskGraph();
  for (let t = 0; t < n; t++) {
    if (inlineInto[t]! >= 0) continue;
    out.tasks.set(g.ids[t]!, fusedSpec(g, t, inlineInto));
  }
  return out;
}

// Builds the spec of t with its absorbed chain inlined, iteratively from the head of the chain down to t.
function fusedSpec(g: IndexedGraph, t: number, inlineInto: Int32Array): TaskSpec {
  // Most tasks absorb nothing: their spec is kept as is, with no chain array allocated.
  const single = g.depStart[t + 1]! - g.depStart[t]! === 1 ? g.deps[g.depStart[t]!]! : -1;
  if (single < 0 || inlineInto[single] !== t) return g.specs[t]!;
  const chain: number[] = [t];
  for (let c = t; ; ) {
    const d = g.depStart[c + 1]! - g.depStart[c]! === 1 ? g.deps[g.depStart[c]!]! : -1;
    if (d < 0 || inlineInto[d] !== c) break;
    chain.push(d);
    c = d;
  }
  let spec = g.specs[chain[chain.length - 1]!]!;
  for (let i = chain.length - 2; i >= 0; i--) {
    const c = chain[i]!;
    const inner = chain[i + 1]!;
    spec = { fn: g.specs[c]!.fn, args: replaceReference(g.specs[c]!.args, g.ids[inner]!, { $task: spec }) };
  }
  return spec;
}

/** `graph` with its linear chains fused (see {@link fuseIndexed}); `keep` lists keys that must stay addressable. */
export function fuse(graph: TaskGraph, options: FuseOptions = {}): TaskGraph {
  return fuseIndexed(indexGraph(graph), options);
}
