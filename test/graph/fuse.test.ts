import t from 'tap';
import { fuseIndexed, fuseToIndexed } from '../../src/graph/fuse.js';
import { TaskGraph } from '../../src/graph/graph.js';
import { type IndexedGraph, indexGraph } from '../../src/graph/indexed.js';
import type { TaskArg } from '../../src/graph/task.js';
import { prepareGraph } from '../../src/scheduler/prepare.js';
import { rng } from '../support/rng.js';

// A random DAG whose arguments mix the shapes the indexer handles: bare refs, repeated refs, refs in arrays and
// plain objects, inline tasks, escaped literals, pair keys.
function randomGraph(seed: number, n: number): TaskGraph {
  const random = rng(seed);
  const g = new TaskGraph();
  const keys: (string | [string, number])[] = [];
  for (let i = 0; i < n; i++) {
    const key: string | [string, number] = random() < 0.2 ? ['part', i] : `k${i}`;
    const args: TaskArg[] = [];
    const refs = i === 0 ? 0 : Math.floor(random() * 3.5);
    for (let j = 0; j < refs; j++) {
      const dep = { $ref: keys[Math.floor(random() * (Math.min(i, 4) || 1)) + Math.max(0, i - 4)]! };
      const shape = random();
      if (shape < 0.4) args.push(dep);
      else if (shape < 0.55) args.push([dep, 1, dep]);
      else if (shape < 0.7) args.push({ a: dep, b: 'x' });
      else if (shape < 0.85) args.push({ $task: { fn: 'add', args: [dep, 2] } });
      else args.push(dep, dep);
    }
    if (random() < 0.3) args.push({ $lit: { $ref: 'nowhere' } });
    args.push(i);
    g.set(key, { fn: random() < 0.5 ? 'inc' : 'add', args });
    keys.push(key);
  }
  return g;
}

function rows(g: IndexedGraph) {
  return {
    ids: g.ids,
    specs: g.specs,
    index: [...g.index],
    depStart: [...g.depStart],
    deps: [...g.deps],
    dependentStart: [...g.dependentStart],
    dependents: [...g.dependents],
  };
}

t.test('fuseToIndexed equals indexing the fused graph from scratch', async (t) => {
  for (let seed = 1; seed <= 40; seed++) {
    const g = indexGraph(randomGraph(seed, 60));
    for (const maxChainLength of [1, 2, 32]) {
      const options = { keep: [g.ids[g.ids.length - 1]!], maxChainLength };
      const direct = fuseToIndexed(g, options);
      // A fresh TaskGraph over the same entries is indexed from scratch (no remembered index).
      const rebuilt = indexGraph(new TaskGraph(new Map(fuseIndexed(g, options).tasks)));
      t.same(rows(direct), rows(rebuilt), `seed ${seed}, maxChainLength ${maxChainLength}`);
    }
  }
});

t.test('the index fuse remembers is reused only while the graph is unchanged', async (t) => {
  const g = new TaskGraph();
  g.set('a', { fn: 'inc', args: [1] });
  g.set('b', { fn: 'inc', args: [{ $ref: 'a' }] });
  g.set('c', { fn: 'add', args: [{ $ref: 'b' }, { $ref: 'b' }] });
  const fused = fuseIndexed(indexGraph(g), { keep: ['c'] });
  t.same(fused.keys(), ['c'], 'a and b are inlined into c');
  const first = indexGraph(fused);
  t.equal(indexGraph(fused), first, 'same entries: reused');
  fused.tasks.set('c', { fn: 'inc', args: [{ $ref: 'gone' }] });
  t.throws(() => indexGraph(fused), { code: 'MISSING_KEY' }, 'replaced spec: indexed again');
  fused.tasks.set('c', { fn: 'inc', args: [2] });
  fused.tasks.set('d', { fn: 'inc', args: [{ $ref: 'c' }] });
  t.same(indexGraph(fused).ids, ['c', 'd'], 'added task: indexed again');
});

t.test('fuse replaces a reference that also carries $lit (it is read as a reference)', async (t) => {
  const g = new TaskGraph();
  g.set('a', { fn: 'inc', args: [1] });
  g.set('b', { fn: 'inc', args: [{ $ref: 'a', $lit: 5 }] });
  const fused = fuseIndexed(indexGraph(g), { keep: ['b'] });
  t.same(fused.get('b'), { fn: 'inc', args: [{ $task: { fn: 'inc', args: [1] } }] });
  t.same(prepareGraph(fused, ['b']).graph.ids, ['b']);
});
