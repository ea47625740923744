// Dict graphs as Dask writes them: plain values are literals, bare references alias, task() takes a defineOp
// function, defineOp comes from the graph entry point, and new TaskGraph(object) is checked at once.
import t from 'tap';
import { defineOp, ref, TaskGraph, task, toDot } from '../../src/graph/index.js';
import { compute } from '../../src/scheduler/compute.js';

export const double = defineOp(import.meta.url, 'double', (x: number) => x * 2);

t.test('a plain value in a dict graph is a literal', async (t) => {
  const graph = { a: 1, xs: [1, 2, 3], obj: { k: 'v' }, b: task('inc', ref('a')), c: task('sum', ref('xs')) };
  t.same(await compute(graph, ['b', 'c', 'obj', 'a'], { scheduler: 'sync' }), [2, 6, { k: 'v' }, 1]);
  t.equal(await compute({ a: 20, b: ref('a') }, 'b', { scheduler: 'sync' }), 20, 'a bare reference is an alias');
  t.equal(await compute({ s: 'text', n: null }, 's', { scheduler: 'sync' }), 'text');
  t.throws(() => TaskGraph.from({ a: { fn: 1, args: [] } }), { code: 'BAD_TASK' }, 'a broken spec is not a literal');
  t.throws(() => TaskGraph.from({ a: { fn: 'inc' } }), { code: 'BAD_TASK' });
});

t.test('task() accepts a defineOp function and built-ins', async (t) => {
  const spec = task(double, ref('a'));
  t.match(spec.fn, /literals\.test\.ts#double$/);
  t.equal(await compute({ a: 21, b: spec }, 'b', { scheduler: 'sync' }), 42);
  t.throws(() => task((x: number) => x), /has no stable name/);
});

t.test('new TaskGraph(plainObject) works, or throws at once', async (t) => {
  const g = new TaskGraph({ a: 1, b: task('inc', ref('a')) });
  t.equal(g.size, 2);
  t.ok(toDot(g).includes('n1 [label="b\\ninc"]'), 'toDot draws the tasks');
  t.equal(await compute(g, 'b', { scheduler: 'sync' }), 2);
  t.equal(new TaskGraph(g).size, 2, 'a copy of a graph');
  t.throws(() => new TaskGraph(42 as never), { code: 'BAD_TASK' });
  t.throws(() => new TaskGraph([['a']] as never), { code: 'BAD_TASK' });
});
