import t from 'tap';
import { parseResources } from '../../../src/distributed/scheduler/state/index.js';
import { computed, ct, Harness } from './harness.js';

t.test('a GPU task waits in no-worker until a GPU worker joins, and runs only there', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://cpu');
  h.submit('c', [ct('train', [], 0, { resources: { GPU: 1 } }), ct('prep')], ['train', 'prep']);
  t.equal(h.s.stateOf('train'), 'no-worker');
  t.equal(h.s.stateOf('prep'), 'processing');
  const out = h.addWorker('tcp://gpu', 1, { resources: { GPU: 1 } });
  t.same(computed(out, 'tcp://gpu'), ['train']);
  t.same(h.s.worker('tcp://gpu')!.usedResources, { GPU: 1 });
  const msg = out.find((a) => a.type === 'send-worker' && a.msg.op === 'compute-tasks');
  t.match(msg, { msg: { tasks: [{ key: 'train', resources: { GPU: 1 } }] } }, 'the worker is told what the task takes');
  h.finish('tcp://gpu', 'train');
  t.same(h.s.worker('tcp://gpu')!.usedResources, { GPU: 0 }, 'given back when done');
});

t.test('a task needing more than any worker declared stays in no-worker', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://gpu', 1, { resources: { GPU: 1 } });
  h.submit('c', [ct('big', [], 0, { resources: { GPU: 2 } })], ['big']);
  t.equal(h.s.stateOf('big'), 'no-worker');
});

t.test('worker restrictions accept addresses and names', async (t) => {
  const h = new Harness();
  h.addWorker('tcp://w1', 1, { name: 'alice' });
  h.addWorker('tcp://w2', 1, { name: 'bob' });
  const out = h.submit(
    'c',
    [ct('x', [], 0, { workers: ['bob'] }), ct('y', [], 1, { workers: ['tcp://w1'] })],
    ['x', 'y'],
  );
  t.same(computed(out, 'tcp://w2'), ['x']);
  t.same(computed(out, 'tcp://w1'), ['y']);
});

t.test('parseResources reads the CLI form and names a bad part', async (t) => {
  t.same(parseResources('GPU=1,MEMORY=5e9'), { GPU: 1, MEMORY: 5e9 });
  t.same(parseResources(''), {});
  t.throws(() => parseResources('GPU=1,oops'), { code: 'BAD_ARGUMENT', message: /"oops"/ });
  t.throws(() => parseResources('GPU=-1'), { code: 'BAD_ARGUMENT' });
});
