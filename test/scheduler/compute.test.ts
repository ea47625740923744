import t from 'tap';
import { TaskGraph } from '../../src/graph/graph.js';
import type { Key } from '../../src/graph/keys.js';
import type { TaskSpec } from '../../src/graph/task.js';
import { compute, computeWithStats } from '../../src/scheduler/compute.js';
import { delayed } from '../../src/scheduler/delayed.js';
import { TaskError } from '../../src/scheduler/errors.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import type { ProgressEvent } from '../../src/scheduler/progress.js';
import * as ops from './fixtures/ops.js';

// Every test runs on both schedulers; the threads one gets its own 2-thread pool, closed at the end.
const pool = new ThreadPool({ threads: 2 });
t.teardown(() => pool.close());
const SCHEDULERS = [
  ['sync', 'sync'],
  ['threads', pool],
] as const;

const OPS = new URL('./fixtures/ops.ts', import.meta.url).href;
const op = (name: string) => `${OPS}#${name}`;
const r = (key: Key) => ({ $ref: key });

/** A tree reduction over `leaves` leaf tasks with fan-in `fanIn`; returns the graph and the root key. */
function treeReduction(leaves: number, fanIn: number, leaf: (i: number) => TaskSpec, combine: string) {
  const g = new TaskGraph();
  let level: Key[] = [];
  for (let i = 0; i < leaves; i++) {
    g.set(['leaf', i], leaf(i));
    level.push(['leaf', i]);
  }
  for (let depth = 0; level.length > 1; depth++) {
    const next: Key[] = [];
    for (let i = 0; i < level.length; i += fanIn) {
      const key: Key = [`combine-${depth}`, next.length];
      g.set(key, { fn: combine, args: level.slice(i, i + fanIn).map(r) });
      next.push(key);
    }
    level = next;
  }
  return { graph: g, root: level[0]! };
}

for (const [name, scheduler] of SCHEDULERS) {
  t.test(`${name}: tree reductions, diamonds, fan-out / fan-in`, async (t) => {
    for (const fanIn of [2, 3, 8]) {
      const { graph, root } = treeReduction(100, fanIn, (i) => ({ fn: 'inc', args: [i] }), 'add');
      t.equal(await compute(graph, root, { scheduler }), 5050, `fan-in ${fanIn}`);
    }
    const diamond = TaskGraph.from({
      top: { fn: 'inc', args: [1] },
      left: { fn: op('double'), args: [r('top')] },
      right: { fn: 'inc', args: [r('top')] },
      bottom: { fn: 'list', args: [r('left'), r('right'), { nested: [r('top')] }] },
    });
    t.same(await compute(diamond, 'bottom', { scheduler }), [4, 3, { nested: [2] }]);
    const wide = new TaskGraph().set('source', { fn: 'identity', args: [7] });
    for (let i = 0; i < 2000; i++) wide.set(['spread', i], { fn: 'add', args: [r('source'), i] });
    wide.set('gather', { fn: 'list', args: Array.from({ length: 2000 }, (_, i) => r(['spread', i])) });
    wide.set('total', { fn: 'sum', args: [r('gather')] });
    t.same(await compute(wide, ['total', ['spread', 3]], { scheduler }), [7 * 2000 + (1999 * 2000) / 2, 10]);
  });

  t.test(`${name}: a 100,000-task graph (independent and chain-of-chains)`, async (t) => {
    const g = new TaskGraph();
    const chains = 100;
    const length = 500;
    for (let c = 0; c < chains; c++) {
      g.set(['chain', c * length], { fn: 'identity', args: [c] });
      for (let i = 1; i < length; i++)
        g.set(['chain', c * length + i], { fn: 'inc', args: [r(['chain', c * length + i - 1])] });
    }
    const ends = Array.from({ length: chains }, (_, c) => r(['chain', c * length + length - 1]));
    g.set('ends', { fn: 'list', args: ends });
    g.set('total', { fn: 'sum', args: [r('ends')] });
    for (let i = 0; i < 50_000; i++) g.set(['free', i], { fn: 'inc', args: [i] });
    g.set('free-total', { fn: 'add', args: Array.from({ length: 50_000 }, (_, i) => r(['free', i])) });
    const { values, stats } = await computeWithStats(g, ['total', 'free-total'], { scheduler });
    t.equal(stats.tasks, 100_003);
    t.same(values, [(chains * (chains - 1)) / 2 + chains * (length - 1), (50_000 * 50_001) / 2]);
  });

  t.test(`${name}: a failing task at every depth rejects with its key, message and stack`, async (t) => {
    const depth = 6;
    for (let failAt = 0; failAt < depth; failAt++) {
      const g = new TaskGraph();
      for (let i = 0; i < depth; i++) {
        const input = i === 0 ? 0 : r(['step', i - 1]);
        g.set(['step', i], { fn: op('incOrFail'), args: [input, i === failAt, `boom at ${i}`] });
      }
      g.set('side', { fn: 'inc', args: [1] });
      g.set('end', { fn: 'list', args: [r(['step', depth - 1]), r('side')] });
      const finished: string[] = [];
      const onProgress = (e: ProgressEvent) => {
        if (e.type === 'task-finish') finished.push(JSON.stringify(e.key));
      };
      const err = await compute(g, 'end', { scheduler, onProgress }).then(
        () => undefined,
        (e: unknown) => e,
      );
      t.ok(err instanceof TaskError, `depth ${failAt}: a TaskError`);
      const taskError = err as TaskError;
      t.same(taskError.key, ['step', failAt]);
      t.equal(taskError.code, 'TASK_FAILED');
      t.equal(taskError.originalMessage, `boom at ${failAt}`);
      t.match(taskError.message, `boom at ${failAt}`);
      t.match(taskError.stack, /fixtures[/\\]ops\.ts/, 'stack points into the user op');
      for (let i = failAt; i < depth; i++)
        t.notOk(finished.includes(JSON.stringify(['step', i])), `step ${i} never ran`);
      t.notOk(finished.includes('"end"'));
    }
    // The pool (and the scheduler) stays usable.
    t.equal(await compute({ a: { fn: 'inc', args: [1] } }, 'a', { scheduler }), 2);
  });

  t.test(`${name}: an AbortSignal cancels: no task starts after the abort`, async (t) => {
    const g = new TaskGraph();
    for (let i = 0; i < 200; i++) g.set(['slow', i], { fn: op('busy'), args: [10, i] });
    g.set('all', { fn: 'list', args: Array.from({ length: 200 }, (_, i) => r(['slow', i])) });
    const controller = new AbortController();
    let finished = 0;
    let startedAfterAbort = 0;
    const onProgress = (e: ProgressEvent) => {
      if (e.type === 'task-start' && controller.signal.aborted) startedAfterAbort++;
      if (e.type === 'task-finish' && ++finished === 5) controller.abort(new Error('user cancelled'));
    };
    await t.rejects(compute(g, 'all', { scheduler, signal: controller.signal, onProgress }), {
      code: 'ABORTED',
      name: 'AbortError',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    t.equal(startedAfterAbort, 0, 'no task started after the abort');
    t.ok(finished < 200, `${finished} of 200 tasks finished`);
    const aborted = new AbortController();
    aborted.abort();
    await t.rejects(compute(g, 'all', { scheduler, signal: aborted.signal }), { code: 'ABORTED' });
    t.equal(await compute({ a: { fn: 'inc', args: [41] } }, 'a', { scheduler }), 42, 'still usable');
  });

  t.test(`${name}: peak live results of a 1,000-task reduction stay near the tree's width`, async (t) => {
    // 512 leaves of 1,000 float64 each, fan-in 2: 1,023 tasks, height 10.
    const { graph, root } = treeReduction(512, 2, (i) => ({ fn: op('block'), args: [i, 1000] }), op('addBlocks'));
    const { values, stats } = await computeWithStats(graph, [root], { scheduler });
    t.equal(stats.tasks, 1023);
    t.equal((values[0] as Float64Array)[0], (511 * 512) / 2);
    // Depth-first order keeps about one result per level alive; a breadth-first run would hold all 512 leaves.
    t.ok(stats.peakLiveResults <= 64, `peak live results in the main thread: ${stats.peakLiveResults}`);
    t.ok(stats.peakWorkerLiveResults <= 64, `peak live results in a worker batch: ${stats.peakWorkerLiveResults}`);
  });

  t.test(`${name}: progress events carry timings and byte sizes`, async (t) => {
    const events: ProgressEvent[] = [];
    const g = TaskGraph.from({
      a: { fn: op('block'), args: [1, 100] },
      b: { fn: op('sumBlocks'), args: [r('a')] },
    });
    t.equal(await compute(g, 'b', { scheduler, onProgress: (e) => events.push(e) }), 100);
    // The threads scheduler sends the chain as one batch and reports both starts at dispatch.
    const expected =
      scheduler === 'sync'
        ? ['start', 'task-start', 'task-finish', 'task-start', 'task-finish', 'end']
        : ['start', 'task-start', 'task-start', 'task-finish', 'task-finish', 'end'];
    t.same(
      events.map((e) => e.type),
      expected,
    );
    t.same(
      events.filter((e) => e.type === 'task-finish').map((e) => e.type === 'task-finish' && e.key),
      ['a', 'b'],
      'a finishes before b',
    );
    const finishA = events.find((e) => e.type === 'task-finish' && e.key === 'a');
    t.ok(finishA && finishA.type === 'task-finish' && finishA.bytes === 800 && finishA.end >= finishA.start);
    const end = events.at(-1)!;
    t.ok(end.type === 'end' && end.stats.finished === 2);
  });

  t.test(`${name}: SharedArrayBuffer results pass between tasks without copying`, async (t) => {
    const g = TaskGraph.from({
      data: { fn: op('sharedBlock'), args: [1000, 2] },
      x: { fn: op('describeBlock'), args: [r('data')] },
      y: { fn: op('describeBlock'), args: [r('data')] },
    });
    const [data, x, y] = (await compute(g, ['data', 'x', 'y'], { scheduler, maxBatchSize: 1 })) as [
      Float64Array,
      { shared: boolean; sum: number },
      { shared: boolean; sum: number },
    ];
    t.ok(data.buffer instanceof SharedArrayBuffer);
    t.same([x.shared, x.sum, y.shared, y.sum], [true, 999 * 1000, true, 999 * 1000]);
  });

  t.test(`${name}: delayed builds graphs from named ops`, async (t) => {
    const one = delayed<number>('inc')(0);
    const doubled = delayed(ops.double)(one);
    const total = delayed<number>('sum')([doubled, one, delayed(ops.double)(doubled), 10]);
    t.equal(await total.compute({ scheduler }), 2 + 1 + 4 + 10);
    t.same(total.graph().size, 4);
    const literal = delayed('identity')({ $ref: 'looks like a reference' });
    t.same(await literal.compute({ scheduler }), { $ref: 'looks like a reference' });
    t.throws(() => delayed((x: number) => x), { code: 'NOT_REGISTERED' });
  });
}

t.test('threads: the last ready tasks go one per thread, even with many tasks still waiting on them', async (t) => {
  // Two slow leaves and a chain of six tasks after them: a batch sized by the tasks not yet claimed (eight) would
  // send both leaves to one thread while the other waits; one thread's share of the ready tasks is one leaf each.
  const g = new TaskGraph();
  g.set(['leaf', 0], { fn: op('busy'), args: [150, 1] });
  g.set(['leaf', 1], { fn: op('busy'), args: [150, 2] });
  g.set(['step', 0], { fn: 'add', args: [r(['leaf', 0]), r(['leaf', 1])] });
  for (let i = 1; i < 6; i++) g.set(['step', i], { fn: 'inc', args: [r(['step', i - 1])] });
  const threads = new Map<string, number>();
  const onProgress = (e: ProgressEvent) => {
    if (e.type === 'task-finish') threads.set(JSON.stringify(e.key), e.thread);
  };
  t.equal(await compute(g, ['step', 5], { scheduler: pool, onProgress }), 8);
  const [a, b] = [threads.get('["leaf",0]'), threads.get('["leaf",1]')];
  t.ok(a !== undefined && b !== undefined && a !== b, `the leaves ran on threads ${a} and ${b}`);
});

t.test('threads: a chain still travels in few messages (the ready-task share does not cut it)', async (t) => {
  const g = new TaskGraph();
  g.set(['c', 0], { fn: 'inc', args: [0] });
  for (let i = 1; i < 1000; i++) g.set(['c', i], { fn: 'inc', args: [r(['c', i - 1])] });
  const { values, stats } = await computeWithStats(g, [['c', 999]], { scheduler: pool });
  t.equal(values[0], 1000);
  t.ok(stats.batches <= 20, `${stats.batches} messages for a chain of 1,000 tasks`);
});
