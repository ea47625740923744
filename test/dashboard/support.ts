// Graphs for the dashboard tests.
import type { GraphInput } from '../../src/graph/graph.js';

export const OPS = new URL('./fixtures/ops.ts', import.meta.url).href;

/**
 * `n` slow increments (`ms` each) in two layers: `slow-i` then `wide-i` holding `bytes`-sized arrays, summed by
 * `total` (and by a `gate` task when given the path of a file: see waitForFile). Several prefixes, results with
 * bytes, and long enough to watch.
 */
export function slowGraph(n: number, ms: number, length = 1000, gate?: string): GraphInput {
  const graph: Record<string, { fn: string; args: unknown[] }> = {};
  for (let i = 0; i < n; i++) {
    graph[`slow-${i}`] = { fn: `${OPS}#slowInc`, args: [i, ms] };
    graph[`wide-${i}`] = { fn: `${OPS}#fill`, args: [{ $ref: `slow-${i}` }, length] };
  }
  graph.total = { fn: `${OPS}#firsts`, args: Array.from({ length: n }, (_, i) => ({ $ref: `wide-${i}` })) };
  if (gate !== undefined) {
    // `total` also waits for a task that blocks until the file `gate` exists: the run cannot end before the test says.
    graph.gate = { fn: `${OPS}#waitForFile`, args: [gate, 60_000] };
    graph.total.args.push({ $ref: 'gate' });
  }
  return graph;
}
