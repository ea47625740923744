import t from 'tap';
import { computed, ct, Harness, toWorker } from './harness.js';

/** w1 has 10 non-root tasks of 1 s each queued; w2 joins idle. */
function backlog(config = {}) {
  const h = new Harness({ unknownTaskDurationMs: 1000, stealIntervalMs: 100, ...config });
  h.addWorker('tcp://w1', 1);
  // Inputs pinned to w1, small: the stealing model should find moving them cheap.
  const inputs = Array.from({ length: 10 }, (_, i) => ct(`in-${i}`, [], i, { workers: ['tcp://w1'] }));
  h.submit('c', inputs, []);
  const work = Array.from({ length: 10 }, (_, i) => ct(`work-${i}`, [`in-${i}`], i));
  h.submit(
    'c',
    [...inputs, ...work],
    work.map((x) => x.key),
  );
  for (let i = 0; i < 10; i++) h.finish('tcp://w1', `in-${i}`, 1000, 0.01);
  return h;
}

t.test('an idle worker that joins late gets work by stealing; the victim confirms each move', async (t) => {
  const h = backlog();
  t.equal(h.s.worker('tcp://w1')!.processing.length, 10);
  h.addWorker('tcp://w2', 1);
  t.equal(h.s.worker('tcp://w2')!.processing.length, 0, 'non-root tasks are not moved at join');
  const round = h.tick(200);
  const requests = toWorker(round, 'tcp://w1').filter((m) => m.op === 'steal-request');
  t.ok(requests.length >= 3 && requests.length <= 6, `${requests.length} steal requests, about half the backlog`);
  const keys = requests.map((m) => (m as { key: string }).key);
  t.notOk(keys.includes('work-0'), 'the task the victim runs first is not asked for');
  // The victim gave the first back (it had not started), refuses the second (executing).
  const given = h.fromWorker('tcp://w1', { op: 'steal-response', key: keys[0]!, state: 'ready', stimulusId: 's1' });
  t.same(computed(given, 'tcp://w2'), [keys[0]]);
  t.equal(h.s.task(keys[0]!)!.processingOn, 'tcp://w2');
  const refused = h.fromWorker('tcp://w1', {
    op: 'steal-response',
    key: keys[1]!,
    state: 'executing',
    stimulusId: 's2',
  });
  t.same(computed(refused, 'tcp://w2'), []);
  t.equal(h.s.task(keys[1]!)!.processingOn, 'tcp://w1', 'stays with the victim');
  const moved = h.s.story(keys[0]!).map((r) => `${r.start}>${r.finish}`);
  t.same(moved.slice(-2), ['processing>waiting', 'waiting>processing']);
});

t.test('no stealing when the inputs are too big to move for the compute they save', async (t) => {
  const h = new Harness({ unknownTaskDurationMs: 10, stealIntervalMs: 100, defaultBandwidth: 1e6 });
  h.addWorker('tcp://w1', 1);
  const inputs = Array.from({ length: 10 }, (_, i) => ct(`in-${i}`, [], i, { workers: ['tcp://w1'] }));
  h.submit('c', inputs, []);
  const work = Array.from({ length: 10 }, (_, i) => ct(`work-${i}`, [`in-${i}`], i));
  h.submit(
    'c',
    [...inputs, ...work],
    work.map((x) => x.key),
  );
  for (let i = 0; i < 10; i++) h.finish('tcp://w1', `in-${i}`, 100e6, 0.01); // 100 s each to move
  h.addWorker('tcp://w2', 1);
  const round = h.tick(200);
  t.same(
    toWorker(round, 'tcp://w1').filter((m) => m.op === 'steal-request'),
    [],
  );
});

t.test('stealing respects restrictions and is off with stealIntervalMs 0', async (t) => {
  const h = backlog({ stealIntervalMs: 0 });
  h.addWorker('tcp://w2', 1);
  t.same(toWorker(h.tick(1000), 'tcp://w1'), []);
  const r = new Harness({ unknownTaskDurationMs: 1000, stealIntervalMs: 100 });
  r.addWorker('tcp://gpu', 1, { resources: { GPU: 1 } });
  const tasks = Array.from({ length: 5 }, (_, i) => ct(`g-${i}`, [], i, { resources: { GPU: 1 } }));
  r.submit(
    'c',
    tasks,
    tasks.map((x) => x.key),
  );
  r.addWorker('tcp://cpu', 1);
  t.same(toWorker(r.tick(200), 'tcp://gpu'), [], 'the CPU worker cannot take GPU tasks');
});

t.test('a steal answered after the task finished, or twice, changes nothing', async (t) => {
  const h = backlog();
  h.addWorker('tcp://w2', 1);
  const keys = toWorker(h.tick(200), 'tcp://w1')
    .filter((m) => m.op === 'steal-request')
    .map((m) => (m as { key: string }).key);
  h.finish('tcp://w1', keys[0]!);
  const late = h.fromWorker('tcp://w1', { op: 'steal-response', key: keys[0]!, state: 'memory', stimulusId: 's' });
  t.same(computed(late, 'tcp://w2'), []);
  t.equal(h.s.stateOf(keys[0]!), 'memory');
  h.fromWorker('tcp://w1', { op: 'steal-response', key: keys[1]!, state: 'ready', stimulusId: 's' });
  const again = h.fromWorker('tcp://w1', { op: 'steal-response', key: keys[1]!, state: 'ready', stimulusId: 's' });
  t.same(computed(again, 'tcp://w2'), []);
  t.equal(h.s.task(keys[1]!)!.processingOn, 'tcp://w2');
});

t.test('if the thief dies before the victim answers, the task is placed anew', async (t) => {
  const h = backlog();
  h.addWorker('tcp://w2', 1);
  const keys = toWorker(h.tick(200), 'tcp://w1')
    .filter((m) => m.op === 'steal-request')
    .map((m) => (m as { key: string }).key);
  h.removeWorker('tcp://w2');
  const out = h.fromWorker('tcp://w1', { op: 'steal-response', key: keys[0]!, state: 'ready', stimulusId: 's' });
  t.same(computed(out, 'tcp://w1'), [keys[0]], 'back to the only worker');
});
