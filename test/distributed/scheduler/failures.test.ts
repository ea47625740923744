import t from 'tap';
import { clientOps, computed, ct, freed, Harness } from './harness.js';

t.test('a worker silent past the TTL is removed on a tick and its running task rescheduled', async (t) => {
  const h = new Harness({ workerTtlMs: 1000 });
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.submit('c', [ct('x', [], 0, { workers: ['tcp://w1', 'tcp://w2'] })], ['x']);
  const on = h.s.task('x')!.processingOn!;
  const other = on === 'tcp://w1' ? 'tcp://w2' : 'tcp://w1';
  h.now += 600;
  h.heartbeat(other);
  t.same(
    h.tick(300).filter((a) => a.type === 'close-worker'),
    [],
    'not yet',
  );
  const out = h.tick(200); // `on` silent for 1100 ms, `other` for 500 ms
  t.match(
    out.filter((a) => a.type === 'close-worker'),
    [{ worker: on, reason: /no heartbeat/, abort: true }],
    'reset without a close message: a worker behind a cut link rejoins when it returns',
  );
  t.same(computed(out, other), ['x']);
  t.equal(h.s.task('x')!.suspicious, 1);
  t.equal(h.s.worker(on), undefined);
});

t.test('results lost with a worker are recomputed from lineage, clients hear lost-data', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  const on1 = { workers: ['tcp://w1'] };
  h.submit('c', [ct('a', [], 0, on1), ct('b', ['a'], 1, on1), ct('c', ['b'], 2, { workers: ['tcp://w2'] })], ['c']);
  h.finish('tcp://w1', 'a');
  h.finish('tcp://w1', 'b');
  t.equal(h.s.stateOf('a'), 'released');
  h.finish('tcp://w2', 'c');
  t.equal(h.s.stateOf('b'), 'released');
  const out = h.removeWorker('tcp://w2');
  t.same(clientOps(out, 'c'), ['lost-data:c']);
  t.same(computed(out, 'tcp://w1'), ['a'], 'the chain is recomputed from its start');
  t.equal(h.s.stateOf('b'), 'waiting');
  t.equal(h.s.stateOf('c'), 'waiting');
  h.finish('tcp://w1', 'a');
  h.finish('tcp://w1', 'b');
  t.equal(h.s.stateOf('c'), 'no-worker', 'c may only run on the dead worker');
  const back = h.addWorker('tcp://w2');
  t.same(computed(back, 'tcp://w2'), ['c']);
  const done = h.finish('tcp://w2', 'c');
  t.same(clientOps(done, 'c'), ['key-in-memory:c']);
});

t.test('a dependent processing elsewhere goes back to waiting when its input is lost', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.submit('c', [ct('a', [], 0, { workers: ['tcp://w1'] }), ct('b', ['a'], 1, { workers: ['tcp://w2'] })], ['b']);
  h.finish('tcp://w1', 'a');
  t.equal(h.s.task('b')!.processingOn, 'tcp://w2');
  const out = h.removeWorker('tcp://w1');
  t.same(freed(out, 'tcp://w2'), ['b'], 'w2 must not run b with an input it cannot fetch');
  t.equal(h.s.stateOf('b'), 'waiting');
  t.equal(h.s.stateOf('a'), 'no-worker');
  const back = h.addWorker('tcp://w1');
  t.same(computed(back, 'tcp://w1'), ['a']);
});

t.test('a task processing on 3 workers that died fails with KilledWorker', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w0');
  h.submit('c', [ct('poison'), ct('after', ['poison'])], ['after']);
  for (let i = 0; i < 3; i++) {
    const on = h.s.task('poison')!.processingOn!;
    h.addWorker(`tcp://spare${i}`);
    const out = h.removeWorker(on);
    if (i < 2) {
      t.equal(h.s.stateOf('poison'), 'processing', `rescheduled after death ${i + 1}`);
    } else {
      t.equal(h.s.stateOf('poison'), 'erred');
      t.equal(h.s.stateOf('after'), 'erred');
      t.match(
        out.find((a) => a.type === 'send-client'),
        {
          msg: { op: 'task-erred', key: 'after', error: { name: 'KilledWorker', message: /poison.*3 workers/ } },
        },
      );
    }
  }
});

t.test('a restart past the memory limit counts as one death, whichever the scheduler sees first', async (t) => {
  // The worker restarts in its own process: its old connection closes and it registers again on the same address.
  // As with dask's nanny killing a worker past its memory limit, that is a death for the tasks processing there
  // (the task may be what fills the memory), counted once per restart.
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c', [ct('hog')], ['hog']);
  t.equal(h.s.task('hog')!.processingOn, 'tcp://w1');
  // Restart 1: the close is seen first, then the new registration.
  h.removeWorker('tcp://w1');
  t.equal(h.s.task('hog')!.suspicious, 1);
  t.same(computed(h.addWorker('tcp://w1'), 'tcp://w1'), ['hog'], 'placed again on the restarted worker');
  t.equal(h.s.task('hog')!.suspicious, 1, 'the registration after the close does not count again');
  // Restart 2: the new registration arrives before the old connection's close (the server then never reports it).
  h.addWorker('tcp://w1');
  t.equal(h.s.task('hog')!.suspicious, 2);
  t.equal(h.s.task('hog')!.processingOn, 'tcp://w1');
  // Restart 3: KilledWorker.
  const out = h.removeWorker('tcp://w1');
  t.equal(h.s.stateOf('hog'), 'erred');
  t.match(
    out.find((a) => a.type === 'send-client'),
    { msg: { op: 'task-erred', key: 'hog', error: { name: 'KilledWorker' } } },
  );
});

t.test('a graceful removal does not count toward KilledWorker', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.submit('c', [ct('x')], ['x']);
  h.removeWorker(h.s.task('x')!.processingOn!, true);
  t.equal(h.s.task('x')!.suspicious, 0);
  t.equal(h.s.stateOf('x'), 'processing');
});

t.test(
  'missing-data: a stale holder is dropped, the asker is told the other holders, or it is recomputed',
  async (t) => {
    const h = new Harness();
    h.addWorker('tcp://w1');
    h.addWorker('tcp://w2');
    h.addWorker('tcp://w3');
    h.submit('c', [ct('a', [], 0, { workers: ['tcp://w1'] }), ct('b', ['a'], 1, { workers: ['tcp://w3'] })], ['b']);
    h.finish('tcp://w1', 'a');
    h.fromWorker('tcp://w2', { op: 'add-keys', keys: ['a'], stimulusId: 'r' });
    t.same(h.s.task('a')!.whoHas, ['tcp://w1', 'tcp://w2']);
    let out = h.fromWorker('tcp://w3', { op: 'missing-data', key: 'a', errantWorker: 'tcp://w1', stimulusId: 'm1' });
    t.same(h.s.task('a')!.whoHas, ['tcp://w2']);
    t.match(out, [
      { type: 'send-worker', worker: 'tcp://w3', msg: { op: 'acquire-replicas', whoHas: { a: ['tcp://w2'] } } },
    ]);
    out = h.fromWorker('tcp://w3', { op: 'missing-data', key: 'a', errantWorker: 'tcp://w2', stimulusId: 'm2' });
    t.same(computed(out, 'tcp://w1'), ['a'], 'no copy left: recomputed');
    t.equal(h.s.stateOf('b'), 'waiting');
  },
);

t.test('a worker that re-registers with the keys it kept gives them back instead of a recompute', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c', [ct('a'), ct('b', ['a'], 1, { workers: ['tcp://w1'] })], ['a', 'b']);
  h.finish('tcp://w1', 'a', 64);
  h.removeWorker('tcp://w1'); // a cut link
  t.equal(h.s.stateOf('a'), 'no-worker');
  const out = h.addWorker('tcp://w1', 1, { keys: ['a', 'unknown'] });
  t.equal(h.s.stateOf('a'), 'memory');
  t.same(freed(out, 'tcp://w1'), ['unknown']);
  t.same(computed(out, 'tcp://w1'), ['b']);
});

t.test('reschedule: the worker hands a task back and it is placed again', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c', [ct('x')], ['x']);
  const out = h.fromWorker('tcp://w1', { op: 'reschedule', key: 'x', stimulusId: 'r' });
  t.same(computed(out, 'tcp://w1'), ['x']);
  t.equal(h.s.task('x')!.suspicious, 0);
});

t.test('retiring: unique results are replicated, then the worker is closed without recomputation', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.submit('c', [ct('a', [], 0, { workers: ['tcp://w1'] })], ['a']);
  h.finish('tcp://w1', 'a', 100);
  let out = h.s.handle({ type: 'retire-worker', now: h.now, worker: 'tcp://w1' });
  t.match(out, [
    { type: 'send-worker', worker: 'tcp://w1', msg: { op: 'retire' } },
    { type: 'log' },
    { type: 'send-worker', worker: 'tcp://w2', msg: { op: 'acquire-replicas', whoHas: { a: ['tcp://w1'] } } },
  ]);
  out = h.fromWorker('tcp://w2', { op: 'add-keys', keys: ['a'], stimulusId: 'copied' });
  t.match(
    out.filter((a) => a.type === 'close-worker'),
    [{ worker: 'tcp://w1', reason: 'retired' }],
  );
  t.equal(
    out.find((a) => a.type === 'close-worker' && 'abort' in a),
    undefined,
    'a retired worker is told why (a close message)',
  );
  t.same(h.s.task('a')!.whoHas, ['tcp://w2']);
  t.equal(h.s.stateOf('a'), 'memory');
});

t.test('a worker announcing closing-gracefully gets no new tasks', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.addWorker('tcp://w2');
  h.heartbeat('tcp://w1', { status: 'closing-gracefully' });
  const out = h.submit('c', [ct('x'), ct('y', [], 1)], ['x', 'y']);
  t.same(computed(out, 'tcp://w1'), []);
  t.same(computed(out, 'tcp://w2'), ['x', 'y']);
});

t.test(
  'a worker that registers again before its old connection closed counts as a death (restart past 95%)',
  async (t) => {
    const h = new Harness();
    h.addWorker('tcp://w1');
    h.submit('c', [ct('hog')], ['hog']);
    for (let i = 1; i <= 3; i++) {
      const out = h.addWorker('tcp://w1');
      if (i < 3) {
        t.same(computed(out, 'tcp://w1'), ['hog'], `sent again after restart ${i}`);
      } else {
        t.equal(h.s.stateOf('hog'), 'erred');
        t.match(h.s.task('hog')!.exception, { name: 'KilledWorker' });
      }
    }
  },
);

t.test('time the scheduler spent blocked is not counted as worker silence', async (t) => {
  const h = new Harness({ workerTtlMs: 1000, stallGraceMs: 500 });
  h.addWorker('tcp://w1');
  h.tick(400);
  // A 5 s stall (a huge update-graph): the next tick must not expire the worker, whose heartbeats wait in the socket.
  t.same(
    h.tick(5000).filter((a) => a.type === 'close-worker'),
    [],
  );
  t.ok(h.s.worker('tcp://w1'));
  // Genuine silence, with ticks coming, still expires it.
  for (let i = 0; i < 6; i++) h.tick(200);
  t.equal(h.s.worker('tcp://w1'), undefined);
});
