import t from 'tap';
import type { ComputeTaskMsg } from '../../../src/distributed/protocol/messages.js';
import { WorkerState } from '../../../src/distributed/worker/state/index.js';
import type { WorkerInstruction } from '../../../src/distributed/worker/state/types.js';

const ME = 'tcp://127.0.0.1:1000';
const A = 'tcp://127.0.0.1:2000';
const B = 'tcp://127.0.0.1:3000';

let stim = 0;
const sid = () => `s${++stim}`;

function task(key: string, deps: string[] = [], extra: Partial<ComputeTaskMsg> = {}): ComputeTaskMsg {
  return {
    key,
    spec: { fn: 'add', args: deps.map((d) => ({ $ref: d })) },
    priority: [0],
    whoHas: {},
    nbytes: {},
    duration: 0,
    ...extra,
  };
}

// Batching off unless a test is about it: one task per thread makes each transition visible.
function make(nthreads = 1, resources?: Record<string, number>, maxBatchSize = 1) {
  return new WorkerState({
    address: ME,
    nthreads,
    resources,
    validate: true,
    transferMessageBytesLimit: 100,
    maxBatchSize,
  });
}

const executes = (ins: WorkerInstruction[]) =>
  ins.flatMap((i) => (i.type === 'execute' ? i.tasks.map((x) => x.key) : []));
const batches = (ins: WorkerInstruction[]) =>
  ins.flatMap((i) => (i.type === 'execute' ? [i.tasks.map((x) => x.key)] : []));
const gathers = (ins: WorkerInstruction[]) =>
  ins.flatMap((i) => (i.type === 'gather-dep' ? [{ worker: i.worker, keys: [...i.keys] }] : []));
const sent = (ins: WorkerInstruction[]) => ins.flatMap((i) => (i.type === 'send' ? [i.msg] : []));
const forgotten = (ins: WorkerInstruction[]) => ins.flatMap((i) => (i.type === 'forget-data' ? i.keys : []));

function success(key: string, nbytes = 8) {
  return { type: 'execute-success' as const, key, nbytes, valueType: 'number', startstops: [], stimulusId: sid() };
}

t.test('pipelining: every assigned task is queued, threads run them by priority, dependents follow', async (t) => {
  const ws = make(2);
  const ins = ws.handle({
    type: 'compute-tasks',
    tasks: [
      task('c', [], { priority: [3] }),
      task('a', [], { priority: [1] }),
      task('b', [], { priority: [2] }),
      task('d', ['a', 'b'], { priority: [0] }),
    ],
    stimulusId: sid(),
  });
  t.same(executes(ins), ['a', 'b'], 'two threads take the two best ready tasks');
  t.equal(ws.task('c')?.state, 'ready');
  t.equal(ws.task('d')?.state, 'waiting');
  const afterA = ws.handle(success('a', 10));
  t.same(executes(afterA), ['c'], 'the freed thread takes c while d still waits for b');
  t.same(sent(afterA)[0], {
    op: 'task-finished',
    key: 'a',
    nbytes: 10,
    type: 'number',
    startstops: [],
    stimulusId: 's2',
  });
  const afterB = ws.handle(success('b'));
  t.same(executes(afterB), ['d'], 'd runs as soon as b is in memory');
  const dExec = afterB.find((i) => i.type === 'execute');
  t.same(dExec?.type === 'execute' && [...dExec.tasks[0]!.dependencies].sort(), ['a', 'b']);
  t.equal(ws.task('a')?.state, 'memory', 'a is kept: the scheduler wants it until it frees it');
  t.same(ws.task('a')?.dependents, ['d'], 'd reads a until it finishes');
  ws.handle(success('d'));
  t.same(ws.task('a')?.dependents, [], 'then the link goes');
});

t.test('batches: ready tasks share a thread up to the expected-work target and a fair share', async (t) => {
  const ws = make(2, { GPU: 1 }, 64);
  const quick = Array.from({ length: 10 }, (_, i) => task(`q${i}`, [], { priority: [i], duration: 0.5 }));
  const ins = ws.handle({
    type: 'compute-tasks',
    tasks: [...quick, task('gpu', [], { priority: [100], resources: { GPU: 1 } })],
    stimulusId: sid(),
  });
  t.same(
    batches(ins),
    [
      ['q0', 'q1', 'q2', 'q3', 'q4', 'q5'],
      ['q6', 'q7', 'q8', 'q9'],
    ],
    'two threads: the first takes a fair share (ceil(11 / 2)), the second the rest',
  );
  t.equal(ws.executingCount, 10);
  t.equal(ws.busyThreads, 2);
  for (let i = 0; i < 5; i++) t.same(executes(ws.handle(success(`q${i}`))), [], 'the thread stays busy');
  t.same(batches(ws.handle(success('q5'))), [['gpu']], 'a task needing resources runs alone once a thread is free');
  const slow = make(1, undefined, 64);
  const long = slow.handle({
    type: 'compute-tasks',
    tasks: Array.from({ length: 5 }, (_, i) => task(`s${i}`, [], { priority: [i], duration: 4 })),
    stimulusId: sid(),
  });
  t.same(batches(long), [['s0', 's1']], 'at most about 10 ms of expected work per batch');
  const unknown = make(1, undefined, 64);
  const u = unknown.handle({
    type: 'compute-tasks',
    tasks: Array.from({ length: 30 }, (_, i) => task(`u-${i}`, [], { priority: [i] })),
    stimulusId: sid(),
  });
  t.same(batches(u), [['u-0']], 'tasks of unknown duration run alone: a slow one would hold back quick results');
  const measured = unknown.handle({
    type: 'execute-success',
    key: 'u-0',
    nbytes: 8,
    valueType: 'number',
    startstops: [{ action: 'compute', start: 1000, stop: 1000.5 }],
    stimulusId: sid(),
  });
  t.equal(batches(measured)[0]?.length, 20, "then the group's measured 0.5 ms fills batches of 10 ms");
});

t.test('fetch: dependencies come from the peers that hold them, one batched gather per peer', async (t) => {
  const ws = make(1);
  const ins = ws.handle({
    type: 'compute-tasks',
    tasks: [
      task('x', ['p1', 'p2', 'q1', 'both'], {
        whoHas: { p1: [A], p2: [A], q1: [B], both: [B, A] },
        nbytes: { p1: 10, p2: 20, q1: 30, both: 5 },
      }),
    ],
    stimulusId: sid(),
  });
  const g = gathers(ins);
  t.equal(g.length, 2, 'one gather per peer');
  const all = g.flatMap((x) => x.keys).sort();
  t.same(all, ['both', 'p1', 'p2', 'q1'], 'each key asked exactly once, a key held twice from one of its holders');
  const fromA = g.find((x) => x.worker === A)!;
  t.ok(fromA.keys.includes('p1') && fromA.keys.includes('p2'), 'A is asked for both of its keys at once');
  t.same(executes(ins), []);
  t.equal(ws.task('p1')?.state, 'flight');
  t.equal(ws.inFlightCount, 4);
  for (const x of g) {
    const nbytes: Record<string, number> = {};
    for (const k of x.keys) nbytes[k] = 1;
    const r = ws.handle({ type: 'gather-dep-success', worker: x.worker, nbytes, missing: [], stimulusId: sid() });
    t.same(
      sent(r).find((m) => m.op === 'add-keys'),
      { op: 'add-keys', keys: x.keys, stimulusId: `s${stim}` },
      'fetched replicas are announced',
    );
    if (x === g[g.length - 1]) t.same(executes(r), ['x'], 'x runs once the last gather lands');
  }
  const done = ws.handle(success('x'));
  const release = sent(done).find((m) => m.op === 'release-worker-data');
  t.same(
    release && 'keys' in release ? [...release.keys].sort() : [],
    ['both', 'p1', 'p2', 'q1'],
    'unneeded replicas released',
  );
  t.same(forgotten(done).sort(), ['both', 'p1', 'p2', 'q1']);
  t.same(Object.keys(ws.states()), ['x']);
});

t.test('gather batches respect the byte limit and the holder choice skips busy peers', async (t) => {
  const ws = make(1);
  const ins = ws.handle({
    type: 'compute-tasks',
    tasks: [
      task('x', ['k1', 'k2', 'k3'], { whoHas: { k1: [A], k2: [A], k3: [A] }, nbytes: { k1: 60, k2: 60, k3: 10 } }),
    ],
    stimulusId: sid(),
  });
  t.same(gathers(ins), [{ worker: A, keys: ['k1'] }], 'the second 60-byte key would pass the 100-byte limit');
  const busy = ws.handle({ type: 'gather-dep-busy', worker: A, stimulusId: sid() });
  t.same(gathers(busy), [], 'a busy peer is left alone');
  t.same(
    busy.find((i) => i.type === 'retry-busy-later'),
    { type: 'retry-busy-later', worker: A, delayMs: 150 },
  );
  t.equal(ws.task('k1')?.state, 'fetch');
  const retry = ws.handle({ type: 'busy-retry', worker: A, stimulusId: sid() });
  t.equal(gathers(retry).length, 1, 'asked again after the wait');
});

t.test('missing data and dead peers', async (t) => {
  const ws = make(1);
  ws.handle({
    type: 'compute-tasks',
    tasks: [task('x', ['k'], { whoHas: { k: [A, B] }, nbytes: { k: 5 } })],
    stimulusId: sid(),
  });
  const first = ws.task('k')!.comingFrom!;
  const other = first === A ? B : A;
  const r = ws.handle({ type: 'gather-dep-success', worker: first, nbytes: {}, missing: ['k'], stimulusId: sid() });
  t.same(
    sent(r).filter((m) => m.op === 'missing-data'),
    [{ op: 'missing-data', key: 'k', errantWorker: first, stimulusId: `s${stim}` }],
  );
  t.same(gathers(r), [{ worker: other, keys: ['k'] }], 'the other holder is asked');
  const f = ws.handle({
    type: 'gather-dep-failure',
    worker: other,
    error: { name: 'Error', message: 'ECONNRESET', stack: undefined },
    stimulusId: sid(),
  });
  t.same(gathers(f), []);
  t.equal(ws.task('k')?.state, 'missing', 'no holder left');
  const again = ws.handle({ type: 'refresh-who-has', whoHas: { k: [B] }, stimulusId: sid() });
  t.same(gathers(again), [{ worker: B, keys: ['k'] }], 'new holders: fetched again');
});

t.test('resources: a worker never runs more of a resource than it declared', async (t) => {
  const ws = make(4, { GPU: 2 });
  const ins = ws.handle({
    type: 'compute-tasks',
    tasks: [
      task('g1', [], { resources: { GPU: 1 }, priority: [0] }),
      task('g2', [], { resources: { GPU: 2 }, priority: [1] }),
      task('g3', [], { resources: { GPU: 1 }, priority: [2] }),
      task('plain', [], { priority: [3] }),
    ],
    stimulusId: sid(),
  });
  t.same(executes(ins), ['g1', 'plain'], 'g2 needs both GPUs: it waits, and plain work still runs');
  t.same(ws.availableResources, { GPU: 1 });
  t.equal(ws.task('g2')?.state, 'constrained');
  const r1 = ws.handle(success('g1'));
  t.same(executes(r1), ['g2']);
  t.same(ws.availableResources, { GPU: 0 });
  const r2 = ws.handle(success('g2'));
  t.same(executes(r2), ['g3']);
  const tooBig = ws.handle({
    type: 'compute-tasks',
    tasks: [task('g4', [], { resources: { GPU: 3 } }), task('tpu', [], { resources: { TPU: 1 } })],
    stimulusId: sid(),
  });
  const erred = sent(tooBig).filter((m) => m.op === 'task-erred');
  t.equal(erred.length, 2, 'tasks that can never fit fail at once with a clear message');
  t.match(erred[0], {
    key: 'g4',
    error: { name: 'ResourceError', message: /needs GPU=3 but worker .* declares GPU=2/ },
  });
});

t.test('steal-request: unstarted tasks are given back, started ones are not', async (t) => {
  const ws = make(1);
  ws.handle({
    type: 'compute-tasks',
    tasks: [task('run', [], { priority: [0] }), task('queued', [], { priority: [1] })],
    stimulusId: sid(),
  });
  const r1 = ws.handle({ type: 'steal-request', key: 'queued', stimulusId: 'steal-1' });
  t.same(sent(r1), [{ op: 'steal-response', key: 'queued', state: 'ready', stimulusId: 'steal-1' }]);
  t.equal(ws.task('queued'), undefined, 'forgotten');
  const r2 = ws.handle({ type: 'steal-request', key: 'run', stimulusId: 'steal-2' });
  t.same(sent(r2), [{ op: 'steal-response', key: 'run', state: 'executing', stimulusId: 'steal-2' }]);
  t.equal(ws.task('run')?.state, 'executing');
  const r3 = ws.handle({ type: 'steal-request', key: 'nope', stimulusId: 'steal-3' });
  t.same(sent(r3), [{ op: 'steal-response', key: 'nope', state: null, stimulusId: 'steal-3' }]);
});

t.test('free-keys: executing tasks are cancelled, their result dropped; a repeat request resumes them', async (t) => {
  const ws = make(1);
  ws.handle({ type: 'compute-tasks', tasks: [task('a'), task('b', [], { priority: [1] })], stimulusId: sid() });
  ws.handle({ type: 'free-keys', keys: ['a', 'b'], stimulusId: sid() });
  t.equal(ws.task('a')?.state, 'cancelled');
  t.equal(ws.task('b'), undefined);
  t.equal(ws.executingCount, 1, 'the thread stays busy until a returns');
  const r = ws.handle(success('a'));
  t.same(forgotten(r), ['a']);
  t.same(sent(r), [], 'nothing reported for a cancelled task');
  t.equal(ws.task('a'), undefined);

  ws.handle({ type: 'compute-tasks', tasks: [task('c')], stimulusId: sid() });
  ws.handle({ type: 'free-keys', keys: ['c'], stimulusId: sid() });
  ws.handle({ type: 'compute-tasks', tasks: [task('c')], stimulusId: sid() });
  t.equal(ws.task('c')?.state, 'executing', 'resumed');
  const rc = ws.handle(success('c'));
  t.equal(sent(rc)[0]?.op, 'task-finished');
  const freed = ws.handle({ type: 'free-keys', keys: ['c'], stimulusId: sid() });
  t.same(forgotten(freed), ['c']);
  t.same(sent(freed), [], 'the scheduler freed it: no release-worker-data');
  t.same(
    ws.story('c').map((x) => `${x.from}>${x.to}`),
    [
      'released>ready',
      'ready>executing',
      'executing>cancelled',
      'cancelled>executing',
      'executing>memory',
      'memory>forgotten',
    ],
  );
});

t.test('errors are reported with the worker address', async (t) => {
  const ws = make(1);
  ws.handle({ type: 'compute-tasks', tasks: [task('bad')], stimulusId: sid() });
  const r = ws.handle({
    type: 'execute-failure',
    key: 'bad',
    error: { name: 'TypeError', message: 'boom', stack: 'TypeError: boom\n at x' },
    startstops: [],
    stimulusId: sid(),
  });
  t.match(sent(r)[0], { op: 'task-erred', key: 'bad', error: { name: 'TypeError', message: 'boom', worker: ME } });
  t.equal(ws.task('bad')?.state, 'error');
});

t.test('pause stops new work; unpause resumes it', async (t) => {
  const ws = make(1);
  ws.handle({ type: 'pause', stimulusId: sid() });
  const r = ws.handle({
    type: 'compute-tasks',
    tasks: [task('a'), task('b', ['k'], { whoHas: { k: [A] } })],
    stimulusId: sid(),
  });
  t.same(executes(r), []);
  t.same(gathers(r), []);
  t.equal(ws.workerStatus, 'paused');
  const u = ws.handle({ type: 'unpause', stimulusId: sid() });
  t.same(executes(u), ['a']);
  t.same(gathers(u), [{ worker: A, keys: ['k'] }]);
});

t.test('acquire-replicas, remove-replicas and put-data', async (t) => {
  const ws = make(1);
  const r = ws.handle({ type: 'acquire-replicas', whoHas: { r1: [A] }, nbytes: { r1: 4 }, stimulusId: sid() });
  t.same(gathers(r), [{ worker: A, keys: ['r1'] }]);
  const g = ws.handle({ type: 'gather-dep-success', worker: A, nbytes: { r1: 4 }, missing: [], stimulusId: sid() });
  t.same(sent(g), [{ op: 'add-keys', keys: ['r1'], stimulusId: `s${stim}` }]);
  t.equal(ws.task('r1')?.state, 'memory', 'a replica stays until the scheduler drops it');
  const p = ws.handle({ type: 'put-data', nbytes: { s1: 100 }, stimulusId: sid() });
  t.same(sent(p), [{ op: 'add-keys', keys: ['s1'], stimulusId: `s${stim}` }]);
  t.equal(ws.managedBytes, 104);
  ws.handle({
    type: 'compute-tasks',
    tasks: [task('use', ['s1']), task('later', ['r1'], { priority: [1] })],
    stimulusId: sid(),
  });
  const rm = ws.handle({ type: 'remove-replicas', keys: ['r1', 's1'], stimulusId: sid() });
  t.same(sent(rm), [{ op: 'add-keys', keys: ['r1', 's1'], stimulusId: `s${stim}` }], 'still needed here: kept');
  ws.handle(success('use'));
  ws.handle(success('later'));
  const rm2 = ws.handle({ type: 'remove-replicas', keys: ['r1'], stimulusId: sid() });
  t.same(forgotten(rm2), ['r1']);
  t.equal(ws.task('r1'), undefined);
});

t.test('retire: unstarted tasks are handed back, running ones finish, then the held keys are listed', async (t) => {
  const ws = make(1);
  ws.handle({
    type: 'compute-tasks',
    tasks: [task('a'), task('b', [], { priority: [1] }), task('c', ['k'], { whoHas: { k: [A] } })],
    stimulusId: sid(),
  });
  const r = ws.handle({ type: 'retire', stimulusId: 'retire-1' });
  t.same(
    sent(r)
      .map((m) => (m.op === 'reschedule' ? m.key : m.op))
      .sort(),
    ['b', 'c'],
    'b and c go back to the scheduler',
  );
  t.equal(ws.task('k')?.state, 'cancelled', 'the transfer for c is dropped when it lands');
  t.notOk(
    r.some((i) => i.type === 'retire-drained'),
    'a is still running',
  );
  const late = ws.handle({ type: 'compute-tasks', tasks: [task('d')], stimulusId: sid() });
  t.same(sent(late), [{ op: 'reschedule', key: 'd', stimulusId: `s${stim}` }]);
  ws.handle(success('a'));
  const g = ws.handle({ type: 'gather-dep-success', worker: A, nbytes: { k: 1 }, missing: [], stimulusId: sid() });
  t.same(
    g.find((i) => i.type === 'retire-drained'),
    { type: 'retire-drained', keys: ['a'], stimulusId: `s${stim}` },
  );
  t.same(forgotten(g), ['k']);
});

t.test('bad options are refused with a clear error', async (t) => {
  t.throws(() => new WorkerState({ address: ME, nthreads: 0 }), { code: 'BAD_ARGUMENT', message: /nthreads/ });
  t.throws(() => new WorkerState({ address: ME, nthreads: 1, resources: { GPU: -1 } }), {
    code: 'BAD_ARGUMENT',
    message: /resource GPU/,
  });
});
