import { checkOptions, optionNames } from '../options/check.js';
import { GraphError } from './errors.js';
import type { TaskGraph } from './graph.js';
import { type IndexedGraph, indexGraph, topologicalOrder } from './indexed.js';
import { formatKey } from './keys.js';
import { forEachFunction } from './task.js';

/** Options of {@link validateGraph}. */
export interface ValidateOptions {
  /** Decides whether a function name resolves (the scheduler passes its op registry); unchecked when absent. */
  isKnownFunction?: (fn: string) => boolean;
}

/** A validated graph: its indexed form and a topological order. */
export interface ValidatedGraph {
  readonly indexed: IndexedGraph;
  readonly topo: Int32Array;
}

/**
 * Checks that every reference names a key of the graph (MISSING_KEY), that the graph is acyclic (CYCLE, naming the
 * keys on one cycle) and, given `isKnownFunction`, that every function resolves (UNKNOWN_FUNCTION).
 */
export function validateGraph(graph: TaskGraph, options: ValidateOptions = {}): ValidatedGraph {
  checkOptions(options, optionNames<ValidateOptions>({ isKnownFunction: true }), 'validateGraph');
  const indexed = indexGraph(graph);
  const topo = topologicalOrder(indexed);
  const known = options.isKnownFunction;
  if (known) {
    const checked = new Set<string>();
    let t = 0;
    let last = '';
    const check = (fn: string): void => {
      // Neighbouring tasks mostly call the same function: skip the set lookup then.
      if (fn === last) return;
      if (!checked.has(fn)) {
        if (!known(fn)) {
          const key = formatKey(indexed.ids[t]!);
          throw new GraphError('UNKNOWN_FUNCTION', `task ${key} calls unknown function ${JSON.stringify(fn)}`, {
            key,
            fn,
          });
        }
        checked.add(fn);
      }
      last = fn;
    };
    for (t = 0; t < indexed.ids.length; t++) forEachFunction(indexed.specs[t]!, check);
  }
  return { indexed, topo };
}
