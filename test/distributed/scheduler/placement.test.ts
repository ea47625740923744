import t from 'tap';
import type { ComputeTaskMsg } from '../../../src/distributed/protocol/messages.js';
import { computed, ct, Harness, toWorker } from './harness.js';

t.test('a task goes where its big input is: occupancy + bytes to fetch / bandwidth', async (t) => {
  const h = new Harness({ defaultBandwidth: 1e6 });
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.submit('c', [ct('a', [], 0, { workers: ['tcp://w2'] }), ct('b', [], 1, { workers: ['tcp://w1'] })], ['a', 'b']);
  h.finish('tcp://w2', 'a', 50e6); // 50 s to move at 1 MB/s
  h.finish('tcp://w1', 'b', 1e3);
  const out = h.submit('c', [ct('ab', ['a', 'b'])], ['ab']);
  t.same(computed(out, 'tcp://w2'), ['ab'], 'moves 1 kB rather than 50 MB');
});

t.test('with no data to move, the less occupied worker wins', async (t) => {
  const h = new Harness({ workerSaturation: Infinity });
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  const out = h.submit('c', [ct('x1'), ct('x2'), ct('x3'), ct('x4')], ['x1', 'x2', 'x3', 'x4']);
  t.same(computed(out, 'tcp://w1').length, 2);
  t.same(computed(out, 'tcp://w2').length, 2);
  t.equal(h.s.worker('tcp://w1')!.occupancy, 200, 'two unknown-duration tasks of 100 ms');
});

t.test('occupancy beats locality when the queue on the holder is long enough', async (t) => {
  const h = new Harness({ workerSaturation: Infinity, defaultBandwidth: 1e9, unknownTaskDurationMs: 1000 });
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.submit('c', [ct('a', [], 0, { workers: ['tcp://w1'] })], ['a']);
  h.finish('tcp://w1', 'a', 1e6); // 1 ms to move
  // Ten dependents of a: the first ones go to w1 (no transfer); once w1 is busier than 1 ms, w2 takes some.
  const tasks = Array.from({ length: 10 }, (_, i) => ct(`dep-${i}`, ['a'], i));
  const out = h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  const n1 = computed(out, 'tcp://w1').length;
  const n2 = computed(out, 'tcp://w2').length;
  t.equal(n1 + n2, 10);
  t.ok(n1 >= 5 && n2 >= 4, `spread ${n1}/${n2}`);
});

t.test('all tasks committed to one worker in one event leave as one compute-tasks message', async (t) => {
  const h = new Harness({ workerSaturation: Infinity });
  h.addWorker('tcp://w1', 4);
  const tasks = Array.from({ length: 50 }, (_, i) => ct(`t-${i}`, [], i));
  const out = h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  const msgs = toWorker(out, 'tcp://w1');
  t.equal(msgs.length, 1);
  t.equal((msgs[0] as { tasks?: ComputeTaskMsg[] }).tasks?.length, 50);
});

t.test('handleMany batches the tasks freed by several finished messages', async (t) => {
  const h = new Harness({ workerSaturation: Infinity });
  h.addWorker('tcp://w1');
  h.submit('c', [ct('a'), ct('b'), ct('a2', ['a']), ct('b2', ['b'])], ['a2', 'b2']);
  const ev = (key: string) => ({
    type: 'worker-message' as const,
    now: h.now,
    worker: 'tcp://w1',
    msg: { op: 'task-finished' as const, key, nbytes: 1, type: 'n', startstops: [], stimulusId: `f-${key}` },
  });
  const out = h.s.handleMany([ev('a'), ev('b')]);
  const msgs = toWorker(out, 'tcp://w1');
  t.equal(msgs.length, 1);
  t.same(computed(out, 'tcp://w1'), ['a2', 'b2']);
});

t.test('priorities: user priority first, then submission generation, then graph order', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c', [ct('late', [], 5)], ['late']);
  h.submit('c', [ct('urgent', [], 9, { priority: 10 })], ['urgent']);
  t.same(h.s.task('late')!.priority, [-0, 1, 5]);
  t.same(h.s.task('urgent')!.priority, [-10, 2, 9]);
});

t.test('root tasks are queued and handed out as threads free up (ceil(1.1 x nthreads) per worker)', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1', 2);
  h.addWorker('tcp://w2', 1);
  const tasks = Array.from({ length: 20 }, (_, i) => ct(`load-${i}`, [], 19 - i));
  const out = h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  t.equal(computed(out, 'tcp://w1').length, 3, 'ceil(1.1 x 2) = 3');
  t.equal(computed(out, 'tcp://w2').length, 2, 'ceil(1.1 x 1) = 2');
  t.equal(h.s.counts().queued, 15);
  // Graph order: the lowest order first (load-19 has order 0).
  t.same(computed(out, 'tcp://w1').concat(computed(out, 'tcp://w2')).sort(), [
    'load-15',
    'load-16',
    'load-17',
    'load-18',
    'load-19',
  ]);
  const next = h.finish('tcp://w2', computed(out, 'tcp://w2')[0]!, 8, 2000); // a slow task: no extra slots
  t.same(computed(next, 'tcp://w2'), ['load-14'], 'one finished, one more handed out, the next by priority');
  t.equal(h.s.counts().queued, 14);
});

t.test('short root tasks get enough slots to cover the round trip (rootHorizonMs), bounded', async (t) => {
  const h = new Harness({ rootHorizonMs: 20, maxRootSlotsPerThread: 50 });
  h.addWorker('tcp://w1', 1);
  const tasks = Array.from({ length: 200 }, (_, i) => ct(`tiny-${i}`, [], i));
  const first = h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  t.equal(computed(first, 'tcp://w1').length, 2, 'duration unknown: dask saturation');
  const next = h.finish('tcp://w1', 'tiny-0', 8, 0.1); // 0.1 ms tasks: 20 ms / 0.1 = 200, capped at 50
  t.equal(computed(next, 'tcp://w1').length, 49, '50 slots, one still processing');
});

t.test('queuing off (saturation Infinity): root tasks are committed at once', async (t) => {
  const h = new Harness({ workerSaturation: Infinity });
  h.addWorker('tcp://w1', 1);
  const tasks = Array.from({ length: 20 }, (_, i) => ct(`load-${i}`, [], i));
  const out = h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  t.equal(computed(out, 'tcp://w1').length, 20);
});

t.test('a worker that joins takes queued root tasks', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1', 1);
  const tasks = Array.from({ length: 10 }, (_, i) => ct(`load-${i}`, [], i));
  h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  const out = h.addWorker('tcp://w2', 1);
  t.equal(computed(out, 'tcp://w2').length, 2);
});

t.test('a paused worker gets nothing new until it runs again', async (t) => {
  const h = new Harness({ workerSaturation: Infinity });
  h.addWorker('tcp://w1');
  h.heartbeat('tcp://w1', { status: 'paused' });
  h.submit('c', [ct('x')], ['x']);
  t.equal(h.s.stateOf('x'), 'no-worker');
  const out = h.heartbeat('tcp://w1', { status: 'running' });
  t.same(computed(out, 'tcp://w1'), ['x']);
});

t.test('a large root capacity is refilled in batches of at least a quarter, not one task per finish', async (t) => {
  const h = new Harness({ rootHorizonMs: 20, maxRootSlotsPerThread: 40 });
  h.addWorker('tcp://w1', 1);
  const tasks = Array.from({ length: 300 }, (_, i) => ct(`tiny-${i}`, [], i));
  h.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  let sent = computed(h.finish('tcp://w1', 'tiny-0', 8, 0.1), 'tcp://w1');
  t.equal(sent.length, 39, 'capacity 40, one still processing');
  const onWorker = () => h.s.worker('tcp://w1')!.processing;
  let batches = 0;
  let finished = 0;
  for (let i = 0; i < 60; i++) {
    const key = onWorker()[0]!;
    sent = computed(h.finish('tcp://w1', key, 8, 0.1), 'tcp://w1');
    finished++;
    if (sent.length > 0) {
      batches++;
      t.ok(sent.length >= 10, `refilled ${sent.length} at once`);
    }
  }
  t.ok(batches >= 4 && batches <= 6, `${batches} refills for ${finished} finished tasks`);
});
