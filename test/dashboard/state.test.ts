import t from 'tap';
import { idPrefix, keyPrefix, namePrefix } from '../../src/dashboard/key_prefix.js';
import { DashboardState, type Delta } from '../../src/dashboard/state.js';
import type { Key } from '../../src/graph/keys.js';
import type { ProgressEvent } from '../../src/scheduler/progress.js';

const stats = {
  scheduler: 'threads',
  tasks: 0,
  finished: 0,
  peakLiveResults: 0,
  peakWorkerLiveResults: 0,
  batches: 0,
  elapsedMs: 0,
} as const;
const finish = (key: Key, start: number, end: number, thread = 1, bytes = 8): ProgressEvent => ({
  type: 'task-finish',
  key,
  start,
  end,
  bytes,
  thread,
});
const system = (time: number) => ({ time, rssBytes: 1000 + time, heapUsedBytes: 500, cpuPercent: 50 });

t.test('key prefixes: the name before the index, without numbers and hex tokens', async (t) => {
  t.equal(keyPrefix('inc-17'), 'inc');
  t.equal(keyPrefix(['read-parquet-1a2b3c4d5e', 3]), 'read-parquet');
  t.equal(keyPrefix(['sort-sample', 0]), 'sort-sample');
  t.equal(keyPrefix('groupby-agg-deadbeef-2'), 'groupby-agg', 'an 8-letter hex word is a token');
  t.equal(keyPrefix('total'), 'total');
  t.equal(keyPrefix(['assign-kqzabc-b', 0]), 'assign', "a DataFrame layer's token and counter, even all letters");
  t.equal(keyPrefix(['read-parquet-x1y2z3-1a', 7]), 'read-parquet');
  t.equal(keyPrefix('concat-abcdef-12'), 'concat');
  t.equal(namePrefix('c12-0'), 'c12', 'the first word is kept whatever it holds');
  t.equal(idPrefix('["sum-chunk",4]'), 'sum-chunk');
  t.equal(idPrefix('["we\\"ird-x",4]'), 'we"ird-x', 'escaped names are decoded');
  t.equal(idPrefix('inc-3'), 'inc');
});

t.test('counts per prefix: totals from the start ids, waiting / running / done / erred from events', async (t) => {
  const s = new DashboardState();
  s.apply({ type: 'start', tasks: 4, time: 0, ids: ['inc-0', 'inc-1', '["sum",0]', '["sum",1]'] });
  s.apply({ type: 'task-start', key: 'inc-0', time: 1 });
  s.apply({ type: 'task-start', key: 'inc-1', time: 1 });
  s.apply(finish('inc-0', 1, 3));
  s.apply({ type: 'task-start', key: ['sum', 0], time: 4 });
  const byName = () => Object.fromEntries(s.progress().map((p) => [p.name, p]));
  t.match(byName().inc, { total: 2, waiting: 0, running: 1, done: 1, erred: 0, bytes: 8 });
  t.match(byName().sum, { total: 2, waiting: 1, running: 1, done: 0, erred: 0 });
  s.apply({ type: 'task-error', key: ['sum', 0], error: new Error('x') as never });
  s.apply({ type: 'end', stats, error: new Error('x') });
  t.match(byName().sum, { total: 2, waiting: 1, running: 0, erred: 1 }, 'the end settles what was left running');
  t.match(byName().inc, { running: 0, waiting: 1, done: 1 });
  t.match(s.current().runs, { active: 0, started: 1, finished: 1, failed: 1 });
  s.apply({ type: 'start', tasks: 1, time: 10, ids: ['inc-9'] });
  t.match(byName().inc, { total: 1, done: 0 }, 'a new run after an idle spell starts fresh counts');
  t.match(byName().sum, { total: 0 });
});

t.test('task stream: a bar per task, short back-to-back tasks merged, lanes per worker and thread', async (t) => {
  const s = new DashboardState({ mergeBelowMs: 1, mergeGapMs: 0.5 });
  s.apply({ type: 'start', tasks: 6, time: 0 });
  s.apply(finish('a-0', 0, 5, 1));
  s.apply(finish('a-1', 5, 10, 1)); // long tasks: one bar each
  s.apply(finish('b-0', 10, 10.1, 1));
  s.apply(finish('b-1', 10.2, 10.3, 1)); // short and back to back: merged
  s.apply(finish('c-0', 10.3, 10.4, 1)); // other prefix: new bar
  s.apply(finish('a-2', 0, 2, 2));
  s.apply(finish('a-3', 0, 2, 1)); // same thread id, other worker below
  s.apply(finish('a-4', 0, 2, 1), 'w2');
  const snap = s.snapshot(0);
  t.same(snap.lanes, [
    { worker: '', thread: 1 },
    { worker: '', thread: 2 },
    { worker: 'w2', thread: 1 },
  ]);
  t.same(snap.bars.count, [1, 1, 2, 1, 1, 1, 1]);
  t.same(snap.bars.lane, [0, 0, 0, 0, 1, 0, 2]);
  t.same(snap.bars.end.slice(0, 4), [5, 10, 10.3, 10.4]);
  t.equal(s.progress().find((p) => p.name === 'c')?.total, 1, 'without ids the total is what was seen');
});

t.test('deltas: only what changed, bars closed once sent, nothing when idle', async (t) => {
  const s = new DashboardState();
  s.apply({ type: 'start', tasks: 3, time: 0, ids: ['x-0', 'x-1', 'y-0'] });
  s.apply(finish('x-0', 0, 0.1));
  s.sample(system(1));
  const first = s.takeDelta(1) as Delta;
  t.equal(first.seq, 1);
  t.same(first.lanes, [{ worker: '', thread: 1 }]);
  t.same(
    first.prefixes.map((p) => [p.name, p.total, p.done]),
    [
      ['x', 2, 1],
      ['y', 1, 0],
    ],
  );
  t.same(first.bars.count, [1]);
  t.same(first.samples.time, [1]);
  t.same(first.samples.done, [1]);
  t.equal(s.takeDelta(2), undefined, 'nothing changed');
  s.apply(finish('x-1', 0.1, 0.2)); // would merge with x-0, but that bar went out already
  const second = s.takeDelta(3) as Delta;
  t.equal(second.seq, 2);
  t.equal(second.lanesFrom, 1);
  t.same(second.lanes, []);
  t.same(
    second.prefixes.map((p) => p.name),
    ['x'],
  );
  t.same(second.bars.count, [1]);
  t.same(second.bars.start, [0.1]);
  t.same(second.samples.time, []);
  const snap = s.snapshot(4);
  t.equal(snap.seq, 2);
  t.same(snap.bars.count, [1, 1]);
});

t.test('bounded memory: the bar ring and the series keep only the newest', async (t) => {
  const s = new DashboardState({ maxBars: 4, maxSamples: 3, mergeBelowMs: 0 });
  for (let i = 0; i < 10; i++) s.apply(finish(`t-${i}`, i * 10, i * 10 + 5));
  for (let i = 0; i < 5; i++) s.sample(system(i));
  const snap = s.snapshot(0);
  t.same(snap.bars.start, [60, 70, 80, 90]);
  t.same(snap.samples.time, [2, 3, 4]);
  t.same(snap.samples.rssBytes, [1002, 1003, 1004]);
  t.same(snap.samples.cpuPercent, [50, 50, 50]);
});

t.test('live results come from the task-finish events and drop to 0 when no run is active', async (t) => {
  const s = new DashboardState();
  s.apply({ type: 'start', tasks: 2, time: 0 });
  s.apply({ ...(finish('a-0', 0, 1) as object), liveResults: 3, liveBytes: 300 } as ProgressEvent);
  s.sample(system(1));
  t.match(s.current(), { liveResults: 3, liveBytes: 300, done: 1 });
  s.apply({ type: 'end', stats });
  s.sample(system(2));
  const snap = s.snapshot(2);
  t.same(snap.samples.liveResults, [3, 0]);
  t.same(snap.samples.liveBytes, [300, 0]);
});
