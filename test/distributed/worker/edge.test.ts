// A real worker against a scripted scheduler and scripted peers (bare Comms): the worker fetches a dependency
// straight from a peer, gives up on a peer that never answers, and takes new holders from acquire-replicas.
import t from 'tap';
import { type Comm, listen, newToken } from '../../../src/distributed/comm/index.js';
import type { SchedulerToWorker, WorkerToScheduler } from '../../../src/distributed/protocol/messages.js';
import { startWorker } from '../../../src/distributed/worker/process.js';

const token = newToken();
const security = { token };
const quiet = () => {};

t.test('dependencies: a silent peer times out, the new holder serves it, the task runs', async (t) => {
  t.setTimeout(60_000);
  const fromWorker: WorkerToScheduler[] = [];
  let toWorker: Comm | undefined;
  const scheduler = await listen({
    role: 'scheduler',
    security,
    log: quiet,
    onConnection: (comm) => {
      toWorker = comm;
      comm.onMessage((m) => fromWorker.push(m as WorkerToScheduler));
    },
  });
  t.teardown(() => scheduler.close());
  const asked: string[] = [];
  // A peer that accepts get-data and never answers (a cut link that keeps the socket open).
  const silent = await listen({
    role: 'worker',
    security,
    log: quiet,
    onConnection: (comm) => comm.onMessage(() => asked.push('silent')),
  });
  t.teardown(() => silent.close());
  // A peer that holds `dep`.
  const good = await listen({
    role: 'worker',
    security,
    log: quiet,
    onConnection: (comm) =>
      comm.onMessage((raw) => {
        const m = raw as { op: string; requestId: number; keys: string[] };
        asked.push('good');
        comm.send({ op: 'data', requestId: m.requestId, data: { dep: 41 }, missing: [] });
      }),
  });
  t.teardown(() => good.close());

  const worker = await startWorker({
    scheduler: scheduler.address,
    security,
    log: quiet,
    heartbeatMs: 100,
    gatherTimeoutMs: 300,
  });
  t.teardown(() => worker.close());
  const until = async (what: string, check: () => boolean) => {
    const end = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until('registration', () => fromWorker.some((m) => m.op === 'register-worker'));
  const reg = fromWorker.find((m) => m.op === 'register-worker');
  t.match(reg, { op: 'register-worker', address: worker.address, nthreads: 1, keys: [] });
  await until('a heartbeat', () => fromWorker.some((m) => m.op === 'heartbeat'));

  const send = (msg: SchedulerToWorker) => toWorker!.send(msg);
  send({
    op: 'compute-tasks',
    tasks: [
      {
        key: 'x',
        spec: { fn: 'inc', args: [{ $ref: 'dep' }] },
        priority: [0],
        whoHas: { dep: [silent.address] },
        nbytes: { dep: 8 },
        duration: 0,
      },
    ],
    stimulusId: 'compute-1',
  });
  await until('the silent peer to be given up', () => worker.state.task('dep')?.state === 'missing');
  t.same(asked, ['silent'], 'asked the holder the scheduler named, straight');
  t.equal(worker.state.task('x')?.state, 'waiting');
  send({ op: 'acquire-replicas', whoHas: { dep: [good.address] }, nbytes: { dep: 8 }, stimulusId: 'refresh-1' });
  await until('x to finish', () => fromWorker.some((m) => m.op === 'task-finished' && m.key === 'x'));
  t.same(asked, ['silent', 'good']);
  t.match(
    fromWorker.find((m) => m.op === 'task-finished'),
    { op: 'task-finished', key: 'x', type: 'number' },
  );
  t.equal(await worker.store.get('x'), 42, 'the result is in the store');
  t.equal(worker.state.task('dep'), undefined, 'the fetched dependency is forgotten once x is done');
  t.ok(
    fromWorker.some((m) => m.op === 'release-worker-data' && m.keys.includes('dep')),
    'and the scheduler is told',
  );
  send({ op: 'free-keys', keys: ['x'], stimulusId: 'free-1' });
  await until('x to be forgotten', () => !worker.store.has('x'));
  t.same(worker.state.states(), {});
  send({ op: 'close', reason: 'test over' });
  t.match(await worker.closed, /closed by the scheduler: test over/);
});

t.test(
  'uploaded modules are stored in the local dir and imported from there; a missing one names itself',
  async (t) => {
    t.setTimeout(60_000);
    const fromWorker: WorkerToScheduler[] = [];
    let toWorker: Comm | undefined;
    const scheduler = await listen({
      role: 'scheduler',
      security,
      log: quiet,
      onConnection: (comm) => {
        toWorker = comm;
        comm.onMessage((m) => fromWorker.push(m as WorkerToScheduler));
      },
    });
    t.teardown(() => scheduler.close());
    const worker = await startWorker({ scheduler: scheduler.address, security, log: quiet, name: 'uploader' });
    t.teardown(() => worker.close());
    const until = async (what: string, check: () => boolean) => {
      const end = Date.now() + 20_000;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until('registration', () => toWorker !== undefined && fromWorker.length > 0);
    const source = new TextEncoder().encode('export function triple(x) { return 3 * x; }\n');
    toWorker!.send({ op: 'upload-module', name: 'user_ops.mjs', source } satisfies SchedulerToWorker);
    toWorker!.send({
      op: 'compute-tasks',
      tasks: [
        {
          key: 'ok',
          spec: { fn: 'upload:user_ops.mjs#triple', args: [14] },
          priority: [0],
          whoHas: {},
          nbytes: {},
          duration: 0,
        },
        { key: 'bad', spec: { fn: 'upload:nope.mjs#f', args: [] }, priority: [1], whoHas: {}, nbytes: {}, duration: 0 },
      ],
      stimulusId: 'compute-up',
    } satisfies SchedulerToWorker);
    await until(
      'both outcomes',
      () => fromWorker.filter((m) => m.op === 'task-finished' || m.op === 'task-erred').length === 2,
    );
    t.equal(await worker.store.get('ok'), 42, 'the uploaded op ran');
    const erred = fromWorker.find((m) => m.op === 'task-erred');
    t.match(erred, {
      op: 'task-erred',
      key: 'bad',
      error: {
        message: /module nope\.mjs was not uploaded on worker tcp:\/\/127\.0\.0\.1:\d+/,
        worker: worker.address,
      },
    });
  },
);

t.test('a lost scheduler connection: the worker reconnects and offers the results it still holds', async (t) => {
  t.setTimeout(60_000);
  const fromWorker: WorkerToScheduler[] = [];
  const conns: Comm[] = [];
  const scheduler = await listen({
    role: 'scheduler',
    security,
    log: quiet,
    onConnection: (comm) => {
      conns.push(comm);
      comm.onMessage((m) => fromWorker.push(m as WorkerToScheduler));
    },
  });
  t.teardown(() => scheduler.close());
  const worker = await startWorker({ scheduler: scheduler.address, security, log: quiet });
  t.teardown(() => worker.close());
  const until = async (what: string, check: () => boolean) => {
    const end = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until('registration', () => conns.length === 1 && fromWorker.length > 0);
  conns[0]!.send({
    op: 'compute-tasks',
    tasks: [
      { key: 'kept', spec: { fn: 'inc', args: [1] }, priority: [0], whoHas: {}, nbytes: {}, duration: 0 },
      { key: 'slow', spec: { fn: 'sleep', args: [60_000, 1] }, priority: [1], whoHas: {}, nbytes: {}, duration: 0 },
    ],
    stimulusId: 'compute-r',
  } satisfies SchedulerToWorker);
  await until('kept to finish', () => fromWorker.some((m) => m.op === 'task-finished' && m.key === 'kept'));
  await until('slow to start', () => worker.state.task('slow')?.state === 'executing');
  conns[0]!.close('scheduler restarting');
  await until(
    'a new registration',
    () => conns.length === 2 && fromWorker.filter((m) => m.op === 'register-worker').length === 2,
  );
  const again = fromWorker.filter((m) => m.op === 'register-worker')[1];
  t.match(again, { op: 'register-worker', address: worker.address, keys: ['kept'], nbytes: { kept: 8 } });
  t.equal(
    worker.state.task('slow')?.state,
    'cancelled',
    'the unfinished task was dropped (the scheduler rescheduled it)',
  );
  t.equal(await worker.store.get('kept'), 2);
});
