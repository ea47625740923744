import { cullIndexed, outputIndexes } from '../graph/cull.js';
import { GraphError } from '../graph/errors.js';
import { fuseToIndexed } from '../graph/fuse.js';
import { type GraphInput, TaskGraph } from '../graph/graph.js';
import { type IndexedGraph, topologicalOrder } from '../graph/indexed.js';
import { formatKey, type Key } from '../graph/keys.js';
import { orderIndexed } from '../graph/order.js';
import { forEachFunction } from '../graph/task.js';
import { validateGraph } from '../graph/validate.js';
import { OpError } from '../ops/errors.js';
import { checkOpName, loadOp } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import { SchedulerError } from './errors.js';

/** Options of {@link prepareGraph}. */
export interface PrepareOptions {
  /** Fuse linear chains (see `fuse`). Default false: the threads scheduler already runs a chain in one message. */
  fuse?: boolean;
}

/** A graph ready to run: validated, culled to the requested keys, optionally fused, ordered. */
export interface PreparedGraph {
  readonly graph: IndexedGraph;
  /** Static priority of each task (0 runs first). */
  readonly priority: Int32Array;
  /** Task number of each requested key, in request order. */
  readonly outputs: number[];
}

/** Validates `input`, culls it to `keys`, fuses if asked, and orders it. Throws GraphError. */
export function prepareGraph(input: GraphInput, keys: readonly Key[], options: PrepareOptions = {}): PreparedGraph {
  checkOptions(
    options,
    optionNames<PrepareOptions>({ fuse: true }),
    'prepareGraph',
    (message) => new SchedulerError('BAD_ARGUMENT', message),
  );
  const graph = TaskGraph.from(input);
  const { indexed, topo } = validateGraph(graph, { isKnownFunction: isOpName });
  let g = cullIndexed(indexed, outputIndexes(indexed, keys));
  if (options.fuse) g = fuseToIndexed(g, { keep: keys });
  const priority = orderIndexed(g, g === indexed ? topo : topologicalOrder(g));
  return { graph: g, priority, outputs: outputIndexes(g, keys) };
}

function isOpName(name: string): boolean {
  try {
    checkOpName(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads, in this thread, every op `g` calls (importing user modules once), so that an unknown module or export is
 * reported before any task runs, as an UNKNOWN_FUNCTION GraphError naming a task that calls it.
 */
export async function loadGraphOps(g: IndexedGraph): Promise<void> {
  const firstUser = new Map<string, number>();
  for (let t = 0; t < g.ids.length; t++) {
    forEachFunction(g.specs[t]!, (fn) => {
      if (!firstUser.has(fn)) firstUser.set(fn, t);
    });
  }
  await Promise.all(
    [...firstUser].map(async ([fn, t]) => {
      try {
        await loadOp(fn);
      } catch (err) {
        const key = formatKey(g.ids[t]!);
        const why = err instanceof OpError ? err.message : String(err);
        throw new GraphError(
          'UNKNOWN_FUNCTION',
          `task ${key} calls ${JSON.stringify(fn)}: ${why}`,
          { key, fn },
          {
            cause: err,
          },
        );
      }
    }),
  );
}
