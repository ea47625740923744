import t from 'tap';
import type { SchedulerAction } from '../../../src/distributed/scheduler/state/index.js';
import { computed, ct, Harness, toWorker } from './harness.js';

/** The steal-requests sent to `worker` among `actions`: key and the stimulus id the answer must echo. */
function stealRequests(actions: readonly SchedulerAction[], worker: string): { key: string; id: string }[] {
  return toWorker(actions, worker).flatMap((m) => (m.op === 'steal-request' ? [{ key: m.key, id: m.stimulusId }] : []));
}

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
  const requests = stealRequests(round, 'tcp://w1');
  t.ok(requests.length >= 3 && requests.length <= 6, `${requests.length} steal requests, about half the backlog`);
  const keys = requests.map((m) => m.key);
  t.notOk(keys.includes('work-0'), 'the task the victim runs first is not asked for');
  // The victim gave the first back (it had not started), refuses the second (executing).
  const given = h.fromWorker('tcp://w1', {
    op: 'steal-response',
    key: keys[0]!,
    state: 'ready',
    stimulusId: requests[0]!.id,
  });
  t.same(computed(given, 'tcp://w2'), [keys[0]]);
  t.equal(h.s.task(keys[0]!)!.processingOn, 'tcp://w2');
  const refused = h.fromWorker('tcp://w1', {
    op: 'steal-response',
    key: keys[1]!,
    state: 'executing',
    stimulusId: requests[1]!.id,
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
  const requests = stealRequests(h.tick(200), 'tcp://w1');
  const keys = requests.map((m) => m.key);
  h.finish('tcp://w1', keys[0]!);
  const late = h.fromWorker('tcp://w1', {
    op: 'steal-response',
    key: keys[0]!,
    state: 'memory',
    stimulusId: requests[0]!.id,
  });
  t.same(computed(late, 'tcp://w2'), []);
  t.equal(h.s.stateOf(keys[0]!), 'memory');
  const answer = { op: 'steal-response', key: keys[1]!, state: 'ready', stimulusId: requests[1]!.id } as const;
  h.fromWorker('tcp://w1', answer);
  const again = h.fromWorker('tcp://w1', answer);
  t.same(computed(again, 'tcp://w2'), []);
  t.equal(h.s.task(keys[1]!)!.processingOn, 'tcp://w2');
});

t.test('if the thief dies before the victim answers, the task is placed anew', async (t) => {
  const h = backlog();
  h.addWorker('tcp://w2', 1);
  const requests = stealRequests(h.tick(200), 'tcp://w1');
  h.removeWorker('tcp://w2');
  const keys = requests.map((m) => m.key);
  const out = h.fromWorker('tcp://w1', {
    op: 'steal-response',
    key: keys[0]!,
    state: 'ready',
    stimulusId: requests[0]!.id,
  });
  t.same(computed(out, 'tcp://w1'), [keys[0]], 'back to the only worker');
});

t.test('an answer to an older steal-request does not decide a newer one (no double run)', async (t) => {
  // The task leaves the victim and comes back to it while the victim's answer to the first request is on its way;
  // a second request follows. The stale answer ("ready, dropped") must not move the copy the victim now holds.
  const h = backlog();
  h.addWorker('tcp://w2', 1);
  const first = stealRequests(h.tick(200), 'tcp://w1')[0]!;
  const k = first.key;
  // The client cancels k (free-keys to w1) and submits it again while w2 is paused: it goes back to w1.
  h.heartbeat('tcp://w2', { status: 'paused' });
  h.client('c', { op: 'cancel-keys', clientId: 'c', keys: [k] });
  t.same(
    h.s.pendingSteals().filter((s) => s.key === k),
    [],
    'leaving the victim clears the pending steal',
  );
  const i = Number(k.slice('work-'.length));
  h.submit('c', [ct(`in-${i}`, [], i, { workers: ['tcp://w1'] }), ct(k, [`in-${i}`], i)], [k]);
  const again = h.finish('tcp://w1', `in-${i}`, 1000, 0.01);
  t.same(computed(again, 'tcp://w1'), [k]);
  h.heartbeat('tcp://w2');
  const second = stealRequests(h.tick(200), 'tcp://w1').find((r) => r.key === k);
  t.ok(second, `${k} is asked for again`);
  t.not(second!.id, first.id, 'each request has its own id');
  // The answer to the first request arrives now: ignored.
  const stale = h.fromWorker('tcp://w1', { op: 'steal-response', key: k, state: 'ready', stimulusId: first.id });
  t.same(computed(stale, 'tcp://w2'), [], 'not moved on a stale answer');
  t.equal(h.s.task(k)!.processingOn, 'tcp://w1');
  // w1 had started k by the time the second request came: the steal is off, k runs once, on w1.
  h.fromWorker('tcp://w1', { op: 'steal-response', key: k, state: 'executing', stimulusId: second!.id });
  t.equal(h.s.task(k)!.processingOn, 'tcp://w1');
  t.same(
    h.s.pendingSteals().filter((s) => s.key === k),
    [],
  );
  h.finish('tcp://w1', k);
  t.equal(h.s.stateOf(k), 'memory');
  t.same(
    h.log.flatMap((a) => (a.type === 'send-worker' ? computed([a], 'tcp://w2') : [])).filter((x) => x === k),
    [],
    'never sent to w2',
  );
});

t.test('a retiring victim that hands back a task being stolen: placed once, the steal entry cleared', async (t) => {
  const h = backlog();
  h.addWorker('tcp://w2', 1);
  const req = stealRequests(h.tick(200), 'tcp://w1')[0]!;
  // SIGTERM on w1: its state machine hands back every unstarted task (reschedule) before its heartbeat says so.
  const back = h.fromWorker('tcp://w1', { op: 'reschedule', key: req.key, stimulusId: 'retire-w1' });
  t.same(
    h.s.pendingSteals().filter((s) => s.key === req.key),
    [],
    'the steal is over: the task left its victim',
  );
  const placedOn = h.s.task(req.key)!.processingOn;
  t.ok(placedOn !== undefined, `placed again (on ${placedOn})`);
  t.equal(computed(back, placedOn!).filter((x) => x === req.key).length, 1, 'sent once');
  h.heartbeat('tcp://w1', { status: 'closing-gracefully' });
  // The victim's answer to the steal (it had already dropped the task) arrives after all this: nothing moves.
  const late = h.fromWorker('tcp://w1', { op: 'steal-response', key: req.key, state: null, stimulusId: req.id });
  t.same(computed(late, 'tcp://w2'), []);
  t.same(computed(late, 'tcp://w1'), []);
  t.equal(h.s.task(req.key)!.processingOn, placedOn);
  // Retirement asks w1 for its other unstarted tasks with one request id each.
  const retireIds = h.s.pendingSteals().filter((s) => s.victim === 'tcp://w1' && s.thief === undefined);
  t.equal(new Set(retireIds.map((s) => s.stimulusId)).size, retireIds.length);
});
