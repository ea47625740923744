import t from 'tap';
import { TaskGraph } from '../../src/graph/graph.js';
import { type Key, keyFromId } from '../../src/graph/keys.js';
import { BatchCutter } from '../../src/scheduler/batch.js';
import { prepareGraph } from '../../src/scheduler/prepare.js';
import { ComputeState } from '../../src/scheduler/state.js';

const r = (key: Key) => ({ $ref: key });

/** `chains` independent produce -> consume pairs gathered by one task, as read -> partial -> combine. */
function chainsGraph(chains: number) {
  const g = new TaskGraph();
  for (let i = 0; i < chains; i++) {
    g.set(['produce', i], { fn: 'identity', args: [i] });
    g.set(['consume', i], { fn: 'inc', args: [r(['produce', i])] });
  }
  g.set('gather', { fn: 'list', args: Array.from({ length: chains }, (_, i) => r(['consume', i])) });
  return g;
}

function cutterFor(graph: TaskGraph, root: Key) {
  const prepared = prepareGraph(graph, [root]);
  const state = new ComputeState(prepared.graph, prepared.priority, prepared.outputs);
  const name = (task: number) => keyFromId(prepared.graph.ids[task]!);
  return { state, cutter: new BatchCutter(state), name };
}

t.test('a batch is not cut between a producer and the consumer only it feeds', async (t) => {
  const { cutter, name } = cutterFor(chainsGraph(5), 'gather');
  const seen: string[] = [];
  for (let b = 0; b < 5; b++) {
    const { tasks } = cutter.cut(3);
    if (tasks.length === 0) break;
    const names = tasks.map(name).map((k) => (typeof k === 'string' ? k : `${k[0]}${k[1]}`));
    seen.push(...names);
    for (const n of names) {
      if (n.startsWith('produce')) t.ok(names.includes(n.replace('produce', 'consume')), `${n} with its consumer`);
    }
  }
  t.same(seen.slice(0, 4), ['produce0', 'consume0', 'produce1', 'consume1'], 'the first batch of 3 took 4');
  t.equal(seen.filter((n) => n.startsWith('consume')).length, 5, 'every consumer claimed');
});

t.test('the extension past maxSize is bounded by maxSize', async (t) => {
  // One chain of 10 links: a batch of 2 takes at most 4 of them.
  const g = new TaskGraph().set(['link', 0], { fn: 'identity', args: [0] });
  for (let i = 1; i < 10; i++) g.set(['link', i], { fn: 'inc', args: [r(['link', i - 1])] });
  const { cutter } = cutterFor(g, ['link', 9]);
  t.equal(cutter.cut(2).tasks.length, 4);
  t.equal(cutter.cut(2).tasks.length, 0, 'nothing else is ready until that batch finishes');
});
