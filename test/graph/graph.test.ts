import t from 'tap';
import {
  cull,
  formatKey,
  fuse,
  GraphError,
  graphFromJSON,
  graphToJSON,
  keyFromId,
  keyId,
  order,
  TaskGraph,
  taskDependencies,
  toDot,
  validateGraph,
} from '../../src/graph/index.js';
import { compute } from '../../src/scheduler/compute.js';

const r = (key: string | [string, number]) => ({ $ref: key });

t.test('keys: strings and [name, index] pairs have stable ids', async (t) => {
  t.equal(keyId('x'), 'x');
  t.equal(keyId(['x', 3]), '["x",3]');
  t.same(keyFromId('["x",3]'), ['x', 3]);
  t.equal(keyFromId('x'), 'x');
  t.equal(formatKey(['part', 2]), '(part, 2)');
  t.throws(() => keyId(['x', -1] as unknown as [string, number]), { code: 'BAD_KEY' });
});

t.test('references are found anywhere inside arrays and objects', async (t) => {
  const deps = taskDependencies({
    fn: 'list',
    args: [
      r('a'),
      [1, { deep: [r(['p', 0]), r('a')] }],
      { $lit: { $ref: 'not-a-ref' } },
      { $task: { fn: 'inc', args: [r('b')] } },
    ],
  });
  t.same(deps, ['a', '["p",0]', 'b']);
});

t.test('validation names the missing key, the cycle, the unknown function', async (t) => {
  const missing = TaskGraph.from({ a: { fn: 'inc', args: [r('nope')] } });
  t.throws(() => validateGraph(missing), { code: 'MISSING_KEY', context: { key: 'a', reference: 'nope' } });

  const cyclic = TaskGraph.from({
    start: { fn: 'inc', args: [1] },
    a: { fn: 'add', args: [r('start'), r('c')] },
    b: { fn: 'inc', args: [r('a')] },
    c: { fn: 'inc', args: [r('b')] },
  });
  try {
    validateGraph(cyclic);
    t.fail('expected a cycle error');
  } catch (err) {
    t.ok(err instanceof GraphError);
    const cycle = (err as GraphError).context.cycle!;
    t.equal(cycle[0], cycle[cycle.length - 1]);
    t.same(new Set(cycle), new Set(['a', 'b', 'c']));
    t.match((err as Error).message, /a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c/);
  }

  const unknown = TaskGraph.from({ a: { fn: 'noSuchOp', args: [] } });
  t.throws(() => validateGraph(unknown, { isKnownFunction: (f) => f === 'inc' }), {
    code: 'UNKNOWN_FUNCTION',
    context: { key: 'a', fn: 'noSuchOp' },
  });
  await t.rejects(compute(unknown, 'a', { scheduler: 'sync' }), { code: 'UNKNOWN_FUNCTION' });
  const badModule = TaskGraph.from({ a: { fn: 'file:///no/such/module.js#f', args: [] } });
  await t.rejects(compute(badModule, 'a', { scheduler: 'sync' }), { code: 'UNKNOWN_FUNCTION', context: { key: 'a' } });
  t.throws(() => TaskGraph.from({ a: { fn: 1, args: [] } as never }), { code: 'BAD_TASK' });
});

t.test('cull keeps what the requested keys need', async (t) => {
  const g = TaskGraph.from({
    a: { fn: 'inc', args: [1] },
    b: { fn: 'inc', args: [r('a')] },
    unused: { fn: 'inc', args: [r('a')] },
    c: { fn: 'add', args: [r('b'), 1] },
  });
  t.same(cull(g, ['c']).keys(), ['a', 'b', 'c']);
  t.throws(() => cull(g, ['zzz']), { code: 'MISSING_KEY' });
});

t.test('fuse merges linear chains, keeps outputs and results', async (t) => {
  const g = new TaskGraph();
  g.set('x0', { fn: 'inc', args: [0] });
  for (let i = 1; i < 10; i++) g.set(`x${i}`, { fn: 'inc', args: [r(`x${i - 1}`)] });
  g.set('y', { fn: 'add', args: [r('x9'), r('x4')] });
  const fused = fuse(g, { keep: ['y'] });
  // x4 has two dependents (x5 and y): the chain x0..x4 fuses into x4, x5..x9 into x9.
  t.same(fused.keys(), ['x4', 'x9', 'y']);
  t.equal(await compute(fused, 'y', { scheduler: 'sync' }), await compute(g, 'y', { scheduler: 'sync' }));
  const capped = fuse(g, { keep: ['y'], maxChainLength: 2 });
  t.ok(capped.size > fused.size);
  t.equal(await compute(capped, 'y', { scheduler: 'sync' }), 15);
});

t.test('order finishes branches before starting new ones', async (t) => {
  // Two sums of two leaves each, then a total: depth-first means a, b, ab before c, d.
  const g = TaskGraph.from({
    a: { fn: 'inc', args: [1] },
    c: { fn: 'inc', args: [3] },
    b: { fn: 'inc', args: [2] },
    d: { fn: 'inc', args: [4] },
    ab: { fn: 'add', args: [r('a'), r('b')] },
    cd: { fn: 'add', args: [r('c'), r('d')] },
    total: { fn: 'add', args: [r('ab'), r('cd')] },
  });
  const p = order(g);
  const sequence = [...p].sort((x, y) => x[1] - y[1]).map(([k]) => k);
  t.same(sequence, ['a', 'b', 'ab', 'c', 'd', 'cd', 'total']);
  t.same(new Set(p.values()).size, g.size);
});

t.test('toDot and JSON export', async (t) => {
  const g = TaskGraph.from([
    [['load', 0], { fn: 'inc', args: [1] }],
    ['total', { fn: 'sum', args: [[r(['load', 0])]] }],
  ] as const);
  const dot = toDot(g, { priorities: order(g) });
  t.match(dot, /digraph "tessera"/);
  t.match(dot, /n0 -> n1;/);
  t.match(dot, /\(load, 0\)\\nincs* #0/);
  const back = graphFromJSON(JSON.parse(JSON.stringify(graphToJSON(g))));
  t.same(back.keys(), [['load', 0], 'total']);
  t.equal(await compute(back, 'total', { scheduler: 'sync' }), 2);
});
