import t from 'tap';
import { clientOps, computed, ct, freed, Harness } from './harness.js';

t.test('a result shared by two clients stays until both release it', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.client('c1', { op: 'register-client', clientId: 'c1' });
  h.client('c2', { op: 'register-client', clientId: 'c2' });
  h.submit('c1', [ct('x')], ['x']);
  h.submit('c2', [ct('x')], ['x']);
  const done = h.finish('tcp://w1', 'x');
  t.same(clientOps(done, 'c1'), ['key-in-memory:x']);
  t.same(clientOps(done, 'c2'), ['key-in-memory:x']);
  let out = h.client('c1', { op: 'client-releases-keys', clientId: 'c1', keys: ['x'] });
  t.same(freed(out, 'tcp://w1'), []);
  t.same(h.s.task('x')!.wantedBy, ['c2']);
  out = h.client('c2', { op: 'close-client', clientId: 'c2' });
  t.same(freed(out, 'tcp://w1'), ['x'], 'closing a client releases what it held');
  t.equal(h.s.stateOf('x'), 'forgotten');
});

t.test('cancel stops pending work the client alone wanted and tells it', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a'), ct('b', ['a'])], ['b']);
  const out = h.client('c1', { op: 'cancel-keys', clientId: 'c1', keys: ['b'] });
  t.same(clientOps(out, 'c1'), ['task-cancelled:b']);
  t.same(freed(out, 'tcp://w1'), ['a'], 'the running input is dropped too');
  t.equal(h.s.stateOf('a'), 'forgotten');
  t.equal(h.s.stateOf('b'), 'forgotten');
});

t.test("cancel by one client leaves another client's work running", async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a'), ct('b', ['a'])], ['b']);
  h.submit('c2', [ct('a')], ['a']);
  const out = h.client('c1', { op: 'cancel-keys', clientId: 'c1', keys: ['b'] });
  t.same(freed(out, 'tcp://w1'), []);
  t.equal(h.s.stateOf('a'), 'processing');
  t.equal(h.s.stateOf('b'), 'forgotten');
});

t.test('desires after release: the released key is computed again from lineage', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a'), ct('b', ['a'])], ['b']);
  h.finish('tcp://w1', 'a');
  h.finish('tcp://w1', 'b');
  t.equal(h.s.stateOf('a'), 'released');
  h.client('c1', { op: 'client-desires-keys', clientId: 'c1', keys: ['a'] });
  t.equal(h.s.stateOf('a'), 'processing');
  const out = h.finish('tcp://w1', 'a');
  t.same(clientOps(out, 'c1'), ['key-in-memory:a']);
});

t.test('scattered data: recorded in memory, lost for good (LostData) if its worker dies', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.client('c1', { op: 'update-data', clientId: 'c1', whoHas: { data: ['tcp://w1'] }, nbytes: { data: 1000 } });
  t.equal(h.s.stateOf('data'), 'memory');
  const out = h.submit('c1', [ct('use', ['data'])], ['use']);
  t.match(
    out.find((a) => a.type === 'send-worker'),
    { msg: { tasks: [{ key: 'use', whoHas: { data: ['tcp://w1'] } }] } },
  );
  h.addWorker('tcp://w2');
  const lost = h.removeWorker('tcp://w1');
  t.equal(h.s.stateOf('data'), 'erred');
  t.match(
    lost.filter((a) => a.type === 'send-client'),
    [
      { msg: { op: 'lost-data', key: 'data' } },
      { msg: { op: 'task-erred', key: 'data', error: { name: 'LostData' } } },
      { msg: { op: 'task-erred', key: 'use', error: { name: 'LostData' } } },
    ],
  );
});

t.test('who-has, identity and upload-module replies; modules go to workers that join later', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  h.submit('c1', [ct('a')], ['a']);
  h.finish('tcp://w1', 'a');
  let out = h.client('c1', { op: 'who-has', requestId: 7, keys: ['a', 'nope'] });
  t.match(out, [
    { type: 'send-client', client: 'c1', msg: { op: 'who-has', requestId: 7, whoHas: { a: ['tcp://w1'], nope: [] } } },
  ]);
  out = h.client('c1', { op: 'identity', requestId: 8 });
  t.match(out, [{ msg: { op: 'reply', requestId: 8, value: { workers: { 'tcp://w1': { nthreads: 1 } }, tasks: 1 } } }]);
  const source = new Uint8Array([1, 2, 3]);
  out = h.client('c1', { op: 'upload-module', requestId: 9, name: 'mine.mjs', source });
  t.match(out, [
    { worker: 'tcp://w1', msg: { op: 'upload-module', name: 'mine.mjs' } },
    { msg: { op: 'reply', requestId: 9 } },
  ]);
  out = h.addWorker('tcp://w2');
  t.match(
    out.filter((a) => a.type === 'send-worker'),
    [{ worker: 'tcp://w2', msg: { op: 'upload-module', name: 'mine.mjs', source } }],
  );
  t.same(computed(out, 'tcp://w2'), []);
});

t.test('add-keys of a key not known yet (scatter racing its update-data) is left for the update-data', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1');
  const out = h.fromWorker('tcp://w1', { op: 'add-keys', keys: ['scattered'], stimulusId: 'a' });
  t.same(freed(out, 'tcp://w1'), []);
  h.client('c1', { op: 'update-data', clientId: 'c1', whoHas: { scattered: ['tcp://w1'] }, nbytes: { scattered: 10 } });
  t.equal(h.s.stateOf('scattered'), 'memory');
});
