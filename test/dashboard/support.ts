// Graphs for the dashboard tests.
import type { GraphInput } from '../../src/graph/graph.js';

export const OPS = new URL('./fixtures/ops.ts', import.meta.url).href;

/**
 * `n` slow increments (`ms` each) in two layers: `slow-i` then `wide-i` holding `bytes`-sized arrays, summed by
 * `total`. Several prefixes, results with bytes, and long enough to watch.
 */
export function slowGraph(n: number, ms: number, length = 1000): GraphInput {
  const graph: Record<string, { fn: string; args: unknown[] }> = {};
  for (let i = 0; i < n; i++) {
    graph[`slow-${i}`] = { fn: `${OPS}#slowInc`, args: [i, ms] };
    graph[`wide-${i}`] = { fn: `${OPS}#fill`, args: [{ $ref: `slow-${i}` }, length] };
  }
  graph.total = { fn: `${OPS}#firsts`, args: Array.from({ length: n }, (_, i) => ({ $ref: `wide-${i}` })) };
  return graph;
}
