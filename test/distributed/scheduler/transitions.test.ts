import t from 'tap';
import { groupName, SchedulerStateError } from '../../../src/distributed/scheduler/state/index.js';
import { clientOps, computed, ct, freed, Harness } from './harness.js';

t.test('a chain runs task by task: waiting -> processing -> memory, inputs dropped when consumed', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  let out = h.submit('c1', [ct('a'), ct('b', ['a']), ct('c', ['b'])], ['c']);
  t.same(computed(out, 'tcp://w1'), ['a'], 'only the ready task is committed');
  t.equal(h.s.stateOf('a'), 'processing');
  t.equal(h.s.stateOf('b'), 'waiting');
  t.equal(h.s.stateOf('c'), 'waiting');
  out = h.finish('tcp://w1', 'a');
  t.equal(h.s.stateOf('a'), 'memory');
  t.same(computed(out, 'tcp://w1'), ['b']);
  const msg = out.find((a) => a.type === 'send-worker')!;
  t.match(msg, { msg: { op: 'compute-tasks', tasks: [{ key: 'b', whoHas: { a: ['tcp://w1'] }, nbytes: { a: 8 } }] } });
  out = h.finish('tcp://w1', 'b');
  t.same(freed(out, 'tcp://w1'), ['a'], 'a is released once its only dependent is in memory');
  t.equal(h.s.stateOf('a'), 'released', 'a is kept as lineage while b exists');
  out = h.finish('tcp://w1', 'c');
  t.same(freed(out, 'tcp://w1'), ['b']);
  t.same(clientOps(out, 'c1'), ['key-in-memory:c']);
  t.equal(h.s.stateOf('c'), 'memory');
  out = h.client('c1', { op: 'client-releases-keys', clientId: 'c1', keys: ['c'] });
  t.same(freed(out, 'tcp://w1'), ['c']);
  t.same(h.s.counts(), {
    released: 0,
    waiting: 0,
    queued: 0,
    'no-worker': 0,
    processing: 0,
    memory: 0,
    erred: 0,
    forgotten: 0,
  });
});

t.test('every transition is recorded with the stimulus that caused it', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a'), ct('b', ['a'])], ['b']);
  h.finish('tcp://w1', 'a');
  const story = h.s.story('a').map((r) => `${r.start}>${r.finish}@${r.stimulusId.replace(/-\d+$/, '')}`);
  t.same(story, ['released>waiting@update', 'waiting>processing@update', 'processing>memory@finished-a']);
});

t.test('no workers: ready tasks wait in no-worker and go as soon as one joins', async (t) => {
  const h = new Harness();
  h.submit('c1', [ct('x')], ['x']);
  t.equal(h.s.stateOf('x'), 'no-worker');
  const out = h.addWorker('tcp://w1');
  t.same(computed(out, 'tcp://w1'), ['x']);
});

t.test('an error erres the dependents, carries message and stack to the client, and retries re-run', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a', [], 0, { retries: 1 }), ct('b', ['a'])], ['b']);
  let out = h.fail('tcp://w1', 'a', 'first');
  t.same(computed(out, 'tcp://w1'), ['a'], 'retried on the same worker');
  t.equal(h.s.task('a')!.retries, 0);
  out = h.fail('tcp://w1', 'a', 'second');
  t.equal(h.s.stateOf('a'), 'erred');
  t.equal(h.s.stateOf('b'), 'erred');
  t.equal(h.s.task('b')!.exceptionBlame, 'a');
  const err = out.find((a) => a.type === 'send-client')!;
  t.match(err, {
    client: 'c1',
    msg: { op: 'task-erred', key: 'b', error: { message: 'second', stack: /user\.js/, worker: 'tcp://w1' } },
  });
  out = h.client('c1', { op: 'client-releases-keys', clientId: 'c1', keys: ['b'] });
  t.equal(h.s.stateOf('a'), 'forgotten');
  t.equal(h.s.stateOf('b'), 'forgotten');
});

t.test('a dependency nobody knows makes the task err with a message naming it', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  const out = h.submit('c1', [ct('b', ['ghost'])], ['b']);
  t.match(
    out.find((a) => a.type === 'send-client'),
    { msg: { op: 'task-erred', key: 'b', error: { message: /ghost/ } } },
  );
});

t.test('tasks no wanted key needs are not kept; a resubmitted key reuses its result', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a'), ct('orphan')], ['a']);
  t.equal(h.s.stateOf('orphan'), 'forgotten');
  h.finish('tcp://w1', 'a');
  const out = h.submit('c2', [ct('a')], ['a']);
  t.same(computed(out, 'tcp://w1'), [], 'not computed again');
  t.same(clientOps(out, 'c2'), ['key-in-memory:a']);
});

t.test('bad configuration and unknown events are typed errors', async (t) => {
  t.throws(() => new Harness({ workerTtlMs: -1 }), { code: 'BAD_ARGUMENT', message: /workerTtlMs/ });
  const h = new Harness();
  t.throws(() => h.s.handle({ type: 'nope', now: 0 } as never), SchedulerStateError);
});

t.test("group names: a pair key's name, a string key without its token or index parts", async (t) => {
  t.equal(groupName('["read-parquet",12]'), 'read-parquet');
  t.equal(groupName('inc-0a3f9b2c'), 'inc');
  t.equal(groupName('inc-12'), 'inc');
  t.equal(groupName('sum-partial-3-7'), 'sum-partial');
  t.equal(groupName('x'), 'x');
  t.equal(groupName('load-data'), 'load-data', 'a word is not a token');
  t.equal(groupName('-5'), '-5');
  t.equal(groupName('scatter-1b4e28ba-2fa1-11d2-883f-0016d3cca427'), 'scatter');
  t.equal(groupName('sleep-0123456789abcdef0123'), 'sleep');
});

t.test('the story ring keeps the last transitions only', async (t) => {
  const h = new Harness({ storyLength: 4 });
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a'), ct('b', ['a'])], ['b']);
  h.finish('tcp://w1', 'a');
  const all = h.s.story();
  t.equal(all.length, 4);
  t.same(all.at(-1), {
    key: 'b',
    start: 'waiting',
    finish: 'processing',
    stimulusId: all.at(-1)!.stimulusId,
    time: h.now,
  });
});

t.test('malformed tasks are refused with a message naming them; the others run', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  const out = h.submit(
    'c1',
    [
      ct('good'),
      { key: 'nospec', order: 1 } as never,
      { key: 'badref', spec: { fn: 'inc', args: [{ $ref: { not: 'a key' } }] }, order: 2 },
    ],
    ['good', 'badref'],
  );
  const errs = out.filter((a) => a.type === 'send-client');
  t.match(errs, [
    { msg: { op: 'task-erred', key: 'nospec', error: { name: 'BadTask', message: /nospec has no task spec/ } } },
    { msg: { op: 'task-erred', key: 'badref', error: { name: 'BadTask', message: /badref.*non-key/ } } },
  ]);
  t.same(computed(out, 'tcp://w1'), ['good']);
  h.s.validate();
});

t.test('a message that breaks a handler is logged as an error and the state stays consistent', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('x')], ['x']);
  const out = h.fromWorker('tcp://w1', { op: 'task-finished', key: 'x' } as never);
  t.match(out, [{ type: 'log', level: 'error', message: /task-finished|worker-message/ }]);
  h.s.validate();
  const ok = h.finish('tcp://w1', 'x');
  t.same(clientOps(ok, 'c1'), ['key-in-memory:x']);
});
