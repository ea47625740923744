// The scheduler server and the client, in one process, with a worker played by a bare Comm: checks that the
// edges translate messages both ways (no real worker process needed).
import t from 'tap';
import { Client } from '../../../src/distributed/client/client.js';
import { type Comm, connect, newToken } from '../../../src/distributed/comm/index.js';
import type { SchedulerToWorker } from '../../../src/distributed/protocol/messages.js';
import { startScheduler } from '../../../src/distributed/scheduler/server.js';

const token = newToken();

t.test('client -> scheduler -> (fake) worker -> scheduler -> client', async (t) => {
  const logs: string[] = [];
  const scheduler = await startScheduler({ port: 0, security: { token }, log: (_l, m) => logs.push(m) });
  t.teardown(() => scheduler.close());
  // A fake worker: registers, answers compute-tasks with task-finished, serves get-data from its own comm.
  const store = new Map<string, unknown>();
  const worker: Comm = await connect(scheduler.address, { role: 'worker', name: 'fake', security: { token } });
  t.teardown(() => worker.close());
  const received: SchedulerToWorker[] = [];
  worker.onMessage((raw) => {
    const msg = raw as SchedulerToWorker;
    received.push(msg);
    if (msg.op === 'compute-tasks') {
      for (const task of msg.tasks) {
        store.set(task.key, (task.spec.args[0] as number) + 1);
        worker.send({
          op: 'task-finished',
          key: task.key,
          nbytes: 8,
          type: 'number',
          startstops: [],
          stimulusId: `done-${task.key}`,
        });
      }
    }
  });
  worker.send({
    op: 'register-worker',
    address: 'tcp://127.0.0.1:1',
    name: 'fake',
    nthreads: 1,
    memoryLimit: 1e9,
    resources: {},
    localDir: '/tmp',
    keys: [],
    nbytes: {},
  });

  const client = new Client(scheduler.address, { token });
  t.teardown(() => client.close());
  await client.ready;
  const id = (await client.identity()) as { workers: Record<string, { name: string }> };
  t.same(Object.keys(id.workers), ['tcp://127.0.0.1:1']);
  t.equal(id.workers['tcp://127.0.0.1:1'].name, 'fake');

  const f = client.submit('inc', 41, { key: 'answer' });
  await f.wait();
  t.equal(f.status, 'finished');
  const compute = received.find((m) => m.op === 'compute-tasks');
  t.ok(compute, 'the worker received compute-tasks');
  t.equal(compute?.op === 'compute-tasks' && compute.tasks[0].key, 'answer');
  t.equal(store.get('answer'), 42);
  f.release();
  // The release reaches the worker as free-keys.
  for (let i = 0; i < 50 && !received.some((m) => m.op === 'free-keys'); i++)
    await new Promise((r) => setTimeout(r, 20));
  t.ok(
    received.some((m) => m.op === 'free-keys' && m.keys.includes('answer')),
    'released key freed on the worker',
  );

  // A wrong token is refused by the scheduler and logged; the client above is undisturbed.
  const bad = new Client(scheduler.address, { token: newToken() });
  await t.rejects(bad.ready, { code: 'AUTH_FAILED' });
  t.equal(scheduler.refused, 1);
  t.match(logs.join('\n'), /wrong token/);
  t.ok((await client.identity()) !== undefined);
});
