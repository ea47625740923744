import { checkOptions, optionNames } from '../options/check.js';
import { TaskGraph } from './graph.js';
import { type IndexedGraph, indexGraph, rememberIndex, withDependents } from './indexed.js';
import { type Key, keyId } from './keys.js';
import { replaceReference, type TaskSpec } from './task.js';

/** Options of {@link fuseIndexed}. */
export interface FuseOptions {
  /** Keys that must stay addressable (requested outputs): never inlined into their dependent. */
  keep?: readonly Key[];
  /** Most tasks merged into one (bounds nesting depth of the fused spec). Default 32. */
  maxChainLength?: number;
}

const FUSE_OPTIONS = optionNames<FuseOptions>({ keep: true, maxChainLength: true });

/**
 * Fuses linear chains: a task whose only dependent has it as its only dependency is inlined into that dependent
 * (`{ $task: spec }` in place of the `{ $ref }`). The fused task keeps the key of the chain's last task, so every
 * reference from outside the chain stays valid. Returns a new graph; `g` is not modified.
 */
export function fuseIndexed(g: IndexedGraph, options: FuseOptions = {}): TaskGraph {
  checkOptions(options, FUSE_OPTIONS, 'fuseIndexed');
  const fused = fuseToIndexed(g, options);
  const out = new TaskGraph();
  for (let t = 0; t < fused.ids.length; t++) out.tasks.set(fused.ids[t]!, fused.specs[t]!);
  // Indexing `out` again (prepareGraph does) would rebuild exactly `fused`.
  rememberIndex(out, fused);
  return out;
}

/** {@link fuseIndexed} returning the indexed form of the fused graph directly. */
export function fuseToIndexed(g: IndexedGraph, options: FuseOptions = {}): IndexedGraph {
  const n = g.ids.length;
  const maxChain = Math.max(1, options.maxChainLength ?? 32);
  const pinned = new Uint8Array(n);
  for (const key of options.keep ?? []) {
    const t = g.index.get(keyId(key));
    if (t !== undefined) pinned[t] = 1;
  }
  // inlineInto[t] = the dependent that absorbs t, or -1.
  const inlineInto = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    if (g.dependentStart[t + 1]! - g.dependentStart[t]! !== 1 || pinned[t]) continue;
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
  const renumber = new Int32Array(n).fill(-1);
  const ids: string[] = [];
  const specs: TaskSpec[] = [];
  const index = new Map<string, number>();
  for (let t = 0; t < n; t++) {
    if (inlineInto[t]! >= 0) continue;
    renumber[t] = ids.length;
    index.set(g.ids[t]!, ids.length);
    ids.push(g.ids[t]!);
    specs.push(fusedSpec(g, t, inlineInto));
  }
  // Every reference left in a fused spec is one of its chain head's (the others became inline tasks), in the same
  // first-use order, so the head's dependency row, renumbered, is the fused task's row.
  const depStart = new Int32Array(ids.length + 1);
  const deps = new Int32Array(g.deps.length);
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (inlineInto[t]! >= 0) continue;
    depStart[renumber[t]!] = count;
    const head = chainHead(g, t, inlineInto);
    for (let k = g.depStart[head]!; k < g.depStart[head + 1]!; k++) deps[count++] = renumber[g.deps[k]!]!;
  }
  depStart[ids.length] = count;
  return withDependents(ids, specs, index, depStart, deps.slice(0, count));
}

// The first task of the chain that t absorbs (t itself when it absorbs nothing).
function chainHead(g: IndexedGraph, t: number, inlineInto: Int32Array): number {
  let c = t;
  for (;;) {
    const d = g.depStart[c + 1]! - g.depStart[c]! === 1 ? g.deps[g.depStart[c]!]! : -1;
    if (d < 0 || inlineInto[d] !== c) return c;
    c = d;
  }
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
  checkOptions(options, FUSE_OPTIONS, 'fuse');
  return fuseIndexed(indexGraph(graph), options);
}
