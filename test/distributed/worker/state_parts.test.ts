// The pure parts of the worker state machine, on their own: fetch planning, resource accounting, the run queue.
import t from 'tap';
import { WorkerError } from '../../../src/distributed/worker/errors.js';
import { GroupDurations } from '../../../src/distributed/worker/state/durations.js';
import { FetchPlan } from '../../../src/distributed/worker/state/fetch_plan.js';
import { ResourcePool } from '../../../src/distributed/worker/state/resources.js';
import { RunQueue } from '../../../src/distributed/worker/state/run_queue.js';
import { newTaskState, type TaskState } from '../../../src/distributed/worker/state/task_state.js';
import { ThreadSlots } from '../../../src/distributed/worker/state/threads.js';

function fetchTask(key: string, priority: number, nbytes: number, holders: string[]): TaskState {
  const ts = newTaskState(key);
  ts.state = 'fetch';
  ts.priority = [priority];
  ts.nbytes = nbytes;
  ts.whoHas = new Set(holders);
  return ts;
}

t.test('fetch plan: one gather per peer, best peer first, up to the byte limit, a key asked once', async (t) => {
  const plan = new FetchPlan(() => true, { messageBytesLimit: 100, maxGathers: 10 });
  const a = fetchTask('a', 1, 60, ['p1', 'p2']);
  const b = fetchTask('b', 2, 60, ['p1']);
  const c = fetchTask('c', 0, 10, ['p2']);
  for (const ts of [a, b, c]) plan.queue(ts);
  const gathers = plan.plan((ts) => {
    ts.state = 'flight';
  });
  t.same(
    gathers.map((g) => [g.worker, g.tasks.map((x) => x.key), g.totalNbytes]),
    [
      ['p2', ['c', 'a'], 70],
      ['p1', ['b'], 60],
    ],
    'p2 holds the best key; a goes with it; b alone to p1',
  );
  t.equal(a.comingFrom, 'p2');
  t.equal(plan.keysInFlight, 3);
  t.ok(plan.isAsked('p2', a));
  t.same(
    plan.plan(() => t.fail('nothing left to ask')),
    [],
  );
  t.same(
    [...plan.settle('p2')!].map((x) => x.key),
    ['c', 'a'],
  );
  t.equal(plan.settle('p2'), undefined, 'settled once');
  t.ok(plan.gathering, 'p1 still outstanding');
});

t.test('fetch plan: busy peers wait, the gather count is bounded, the first key goes whatever its size', async (t) => {
  const plan = new FetchPlan(() => true, { messageBytesLimit: 10, maxGathers: 1 });
  const big = fetchTask('big', 0, 1000, ['p1']);
  const small = fetchTask('small', 1, 1, ['p2']);
  plan.queue(big);
  plan.queue(small);
  plan.markBusy('p1');
  const first = plan.plan((ts) => {
    ts.state = 'flight';
  });
  t.same(
    first.map((g) => g.worker),
    ['p2'],
    'p1 is busy',
  );
  t.same(
    plan.plan(() => t.fail('one gather at most')),
    [],
  );
  plan.settle('p2');
  plan.unbusy('p1');
  const second = plan.plan((ts) => {
    ts.state = 'flight';
  });
  t.same(
    second.map((g) => [g.worker, g.totalNbytes]),
    [['p1', 1000]],
  );
});

t.test('resources: fits, acquire, release, impossible and the accounting check', async (t) => {
  t.throws(() => new ResourcePool({ GPU: -1 }), WorkerError);
  const pool = new ResourcePool({ GPU: 2 });
  t.ok(pool.fits({ GPU: 2 }));
  t.notOk(pool.fits({ TPU: 1 }), 'undeclared');
  pool.acquire({ GPU: 1.5 });
  t.notOk(pool.fits({ GPU: 1 }));
  t.same(pool.available(), { GPU: 0.5 });
  t.equal(pool.check([{ GPU: 1.5 }]), undefined);
  t.match(pool.check([]), /GPU: 0.5 free \+ 0 used != 2/);
  pool.release({ GPU: 1.5 });
  t.same(pool.available(), { GPU: 2 });
  t.equal(pool.impossible('k', { GPU: 3 }, 'tcp://w'), 'task k needs GPU=3 but worker tcp://w declares GPU=2');
  t.equal(pool.impossible('k', { GPU: 2 }, 'tcp://w'), undefined);
});

t.test(
  'run queue: batches of quick known tasks, a fair share per free thread; constrained tasks wait to fit',
  async (t) => {
    const durations = new GroupDurations();
    const queue = new RunQueue(() => true, durations, { batchTargetMs: 10, maxBatchSize: 256 });
    const ready = Array.from({ length: 8 }, (_, i) => {
      const ts = newTaskState(`r-${i}`);
      ts.state = 'ready';
      ts.priority = [i + 1];
      ts.duration = 2;
      return ts;
    });
    const gpu = newTaskState('gpu');
    gpu.state = 'constrained';
    gpu.priority = [0];
    gpu.resources = { GPU: 1 };
    for (const ts of [...ready, gpu]) queue.push(ts);
    const none = () => false;
    const first = queue.take(none, 2, 8)!;
    t.same(
      first.map((x) => x.key),
      ['r-0', 'r-1', 'r-2', 'r-3', 'r-4'],
      '10 ms of 2 ms tasks (the fair share, 9/2, rounds to 5)',
    );
    const gpuFirst = queue.take(() => true, 1, 3)!;
    t.same(
      gpuFirst.map((x) => x.key),
      ['gpu'],
      'best priority, fits now, runs alone',
    );
    const rest = queue.take(none, 1, 3)!;
    t.same(
      rest.map((x) => x.key),
      ['r-5', 'r-6', 'r-7'],
    );
    t.equal(
      queue.take(() => true, 1, 0),
      undefined,
    );
  },
);

t.test('thread slots: a thread is busy until the last task of its batch reports', async (t) => {
  const slots = new ThreadSlots();
  const a = newTaskState('a');
  const b = newTaskState('b');
  b.resources = { GPU: 1 };
  slots.start([a, b]);
  t.equal(slots.busy, 1);
  t.same(slots.finish('a')!.resources, {});
  t.equal(slots.busy, 1);
  t.same(slots.finish('b')!.resources, { GPU: 1 });
  t.equal(slots.busy, 0);
  t.equal(slots.finish('b'), undefined);
});
