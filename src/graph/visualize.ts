import { checkOptions, optionNames } from '../options/check.js';
import { TaskGraph } from './graph.js';
import { indexGraph } from './indexed.js';
import { formatKey, type Key, keyFromId } from './keys.js';
import type { TaskSpec } from './task.js';

/** Options of {@link toDot}. */
export interface DotOptions {
  /** Priorities (from `order`) shown in each node's label. */
  priorities?: ReadonlyMap<string, number>;
  /** Graph name. Default "tessera". */
  name?: string;
}

/** Graphviz DOT text of `graph`: one box per task (key and function), one edge per dependency -> dependent. */
export function toDot(graph: TaskGraph, options: DotOptions = {}): string {
  checkOptions(options, optionNames<DotOptions>({ priorities: true, name: true }), 'toDot');
  const g = indexGraph(graph);
  const lines = [`digraph ${quote(options.name ?? 'tessera')} {`, '  rankdir=BT;', '  node [shape=box];'];
  for (let t = 0; t < g.ids.length; t++) {
    const priority = options.priorities?.get(g.ids[t]!);
    const suffix = priority === undefined ? '' : ` #${priority}`;
    lines.push(`  n${t} [label="${escapeDot(formatKey(g.ids[t]!))}\\n${escapeDot(g.specs[t]!.fn)}${suffix}"];`);
  }
  for (let t = 0; t < g.ids.length; t++) {
    for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) lines.push(`  n${g.deps[k]} -> n${t};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function escapeDot(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`);
}

function quote(text: string): string {
  return `"${escapeDot(text)}"`;
}

/** JSON form of a graph: entries in insertion order, keys as strings or [name, index] arrays. */
export interface GraphJSON {
  readonly tasks: ReadonlyArray<{ readonly key: Key; readonly task: TaskSpec }>;
}

/** The JSON form of `graph` (literals must be JSON values for `JSON.stringify` to round-trip them). */
export function graphToJSON(graph: TaskGraph): GraphJSON {
  return { tasks: [...graph.tasks].map(([id, task]) => ({ key: keyFromId(id), task })) };
}

/** A graph from its JSON form (as parsed from `JSON.stringify(graphToJSON(g))`). */
export function graphFromJSON(json: GraphJSON): TaskGraph {
  const graph = new TaskGraph();
  for (const { key, task } of json.tasks) graph.set(key, task);
  return graph;
}
