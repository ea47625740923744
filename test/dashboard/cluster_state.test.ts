// The cluster dashboards' aggregates, without sockets: scheduler events + actions in, snapshots and deltas out;
// worker events, instructions and heartbeats in. Also the graph layout and the lane packing.
import t from 'tap';
import { GraphModel } from '../../src/dashboard/cluster/graph.js';
import { LanePacker } from '../../src/dashboard/cluster/lanes.js';
import { ClusterDashboardState, SPILL, TRANSFER } from '../../src/dashboard/cluster/scheduler_state.js';
import { WorkerDashboardState } from '../../src/dashboard/cluster/worker_state.js';
import type { WorkerMetrics } from '../../src/distributed/protocol/messages.js';
import type { SchedulerAction, SchedulerEvent } from '../../src/distributed/scheduler/state/types.js';

const A = 'tcp://10.0.0.1:1';
// One event per step, as the server's `handle` reports them.
const observe = (s: ClusterDashboardState, event: SchedulerEvent, actions: SchedulerAction[]): void =>
  s.observe([event], actions);
const B = 'tcp://10.0.0.2:1';

function register(address: string, name: string, nthreads: number): SchedulerEvent {
  return {
    type: 'add-worker',
    now: 1000,
    msg: {
      op: 'register-worker',
      address,
      name,
      nthreads,
      memoryLimit: 4e9,
      resources: { GPU: 1 },
      localDir: '/tmp/x',
      dashboardAddress: `http://${name}:8787/`,
      keys: [],
      nbytes: {},
    },
  };
}

function metrics(over: Partial<WorkerMetrics> = {}): WorkerMetrics {
  return {
    memory: 500e6,
    managedBytes: 100e6,
    spilledBytes: 0,
    cpu: 90,
    executing: 1,
    ready: 3,
    inFlight: 0,
    bandwidth: 0,
    transfers: {},
    eventLoopLagMs: 2,
    status: 'running',
    ...over,
  };
}

const spec = (...deps: string[]) => ({ fn: 'inc', args: deps.map(($ref) => ({ $ref })) });
const send = (worker: string, ...keys: string[]): SchedulerAction => ({
  type: 'send-worker',
  worker,
  msg: {
    op: 'compute-tasks',
    stimulusId: 's',
    tasks: keys.map((key) => ({ key, spec: spec(), priority: [0], whoHas: {}, nbytes: {}, duration: 0 })),
  },
});
const finished = (worker: string, key: string, start: number, stop: number): SchedulerEvent => ({
  type: 'worker-message',
  now: stop,
  worker,
  msg: {
    op: 'task-finished',
    key,
    nbytes: 8,
    type: 'number',
    startstops: [{ action: 'compute', start, stop }],
    stimulusId: 'f',
  },
});

t.test('scheduler: progress, processing per worker, bars per thread, steals, end of runs', async (t) => {
  const s = new ClusterDashboardState();
  observe(s, register(A, 'a', 2), []);
  observe(s, register(B, 'b', 1), []);
  const tasks = ['inc-0', 'inc-1', 'inc-2', 'sum-0'].map((key, i) => ({
    key,
    spec: i === 3 ? spec('inc-0', 'inc-1', 'inc-2') : spec(),
    order: i,
  }));
  observe(
    s,
    {
      type: 'client-message',
      now: 1000,
      client: 'c',
      msg: { op: 'update-graph', clientId: 'c', tasks, wants: ['sum-0'], stimulusId: 'u' },
    },
    [send(A, 'inc-0', 'inc-1'), send(B, 'inc-2')],
  );
  let snap = s.snapshot(1001);
  t.same(
    snap.prefixes.map((p) => [p.name, p.total, p.running, p.waiting]),
    [
      ['inc', 3, 3, 0],
      ['sum', 1, 0, 1],
    ],
  );
  t.same(
    snap.workers.map((w) => [w.name, w.processing, w.dashboard]),
    [
      ['a', 2, 'http://a:8787/'],
      ['b', 1, 'http://b:8787/'],
    ],
  );
  t.equal(snap.runs.active, 1);
  // Steal: inc-1 moves from a to b.
  observe(s, { type: 'tick', now: 1002 }, [
    { type: 'send-worker', worker: A, msg: { op: 'steal-request', key: 'inc-1', stimulusId: 'x' } },
  ]);
  observe(s, { type: 'tick', now: 1003 }, [send(B, 'inc-1')]);
  t.same(s.stealCounts(), { requested: 1, moved: 1 });
  t.same(
    s.workerRows().map((w) => w.processing),
    [1, 2],
  );
  // Two overlapping tasks on a: two thread lanes.
  observe(s, finished(A, 'inc-0', 1000, 1010), []);
  observe(s, finished(B, 'inc-2', 1000, 1005), []);
  observe(s, finished(B, 'inc-1', 1005, 1012), [send(A, 'sum-0')]);
  observe(s, finished(A, 'sum-0', 1012, 1013), []);
  snap = s.snapshot(1020);
  t.same(
    snap.prefixes.map((p) => [p.name, p.total, p.done, p.running]),
    [
      ['inc', 3, 3, 0],
      ['sum', 1, 1, 0],
    ],
  );
  t.same(snap.lanes, [
    { worker: A, thread: 0 },
    { worker: B, thread: 0 },
  ]);
  t.equal(snap.bars.start.length, 4, 'a bar per task');
  t.equal(snap.runs.active, 0, 'every submitted task came back: the run is over');
  t.equal(snap.runs.finished, 1);
  t.same(
    s.workerRows().map((w) => [w.processing, w.done]),
    [
      [0, 2],
      [0, 2],
    ],
  );
  t.same(snap.graph?.nodes.state, ['memory', 'memory', 'memory', 'memory']);
  t.same(snap.graph?.nodes.layer, [0, 0, 0, 1]);
});

t.test('scheduler: heartbeats give memory, bandwidth pairs, transfer and spill bars; deltas carry them', async (t) => {
  const s = new ClusterDashboardState();
  observe(s, register(A, 'a', 1), []);
  observe(s, register(B, 'b', 1), []);
  t.ok(s.takeDelta(1000), 'registrations make a delta');
  t.equal(s.takeDelta(1001), undefined, 'nothing changed: no delta');
  observe(
    s,
    {
      type: 'worker-message',
      now: 1500,
      worker: B,
      msg: {
        op: 'heartbeat',
        metrics: metrics({ transfers: { [A]: { bytesIn: 50e6, bytesOut: 0 } }, spilledBytes: 1e6 }),
      },
    },
    [],
  );
  const rows = s.workerRows();
  t.same(
    [rows[1]!.memory, rows[1]!.managed, rows[1]!.unmanaged, rows[1]!.spilled, rows[1]!.cpu],
    [500e6, 100e6, 400e6, 1e6, 90],
  );
  t.same(s.bandwidth(), [{ from: A, to: B, bytesPerSecond: 100e6, time: 1500 }], '50 MB in 500 ms');
  const delta = s.takeDelta(1600)!;
  t.same(delta.workers.length, 2);
  t.same(delta.bandwidth.length, 1);
  const names = delta.prefixes.map((p) => p.name).sort();
  t.same(names, [SPILL, TRANSFER].sort(), 'a transfer and a spill bar');
  t.same(delta.lanes, [{ worker: B, thread: 1 }], 'on the lane after the threads');
  t.same(delta.bars.start, [1000, 1000]);
  // A silent pair drops to 0 at the next heartbeat.
  observe(s, { type: 'worker-message', now: 2000, worker: B, msg: { op: 'heartbeat', metrics: metrics() } }, []);
  t.equal(s.bandwidth()[0]!.bytesPerSecond, 0);
  s.sample(2000);
  t.same(s.samples().memory, [500e6]);
  // A worker that leaves leaves the table and the pairs.
  observe(s, { type: 'remove-worker', now: 2100, worker: A, reason: 'gone' }, []);
  t.same(
    s.workerRows().map((w) => w.name),
    ['b'],
  );
  t.same(s.bandwidth(), []);
});

t.test('graph: layered layout, larger graphs are not drawn, state changes as pairs', async (t) => {
  const g = new GraphModel(3);
  g.submitted([
    { key: 'x-1', spec: spec('x-0') },
    { key: 'x-0', spec: spec() },
    { key: 'y', spec: spec('x-1', 'x-0', 'elsewhere') },
  ]);
  const view = g.current()!;
  t.same(view.nodes.layer, [1, 0, 2]);
  t.same(view.edges, [
    [1, 0],
    [0, 2],
    [1, 2],
  ]);
  t.same(g.take().graph?.version, 1, 'a new graph goes whole');
  g.set('x-0', 'processing');
  g.set('x-0', 'processing');
  g.set('unknown', 'memory');
  t.same(g.take(), { graphStates: [1, 1] });
  t.same(g.take(), {});
  g.submitted([1, 2, 3, 4].map((i) => ({ key: `z-${i}`, spec: spec() })));
  t.equal(g.omitted, 4);
  t.equal(g.current()?.version, 1, 'the drawn graph stays');
});

t.test('lanes: a task goes to the first free thread lane', async (t) => {
  const p = new LanePacker();
  p.setThreads('w', 2);
  t.equal(p.place('w', 0, 10), 0);
  t.equal(p.place('w', 5, 15), 1);
  t.equal(p.place('w', 10, 12), 0);
  t.equal(p.place('w', 11, 20), 0, 'none free: the one that frees first (12 before 15)');
  t.equal(p.threads('w'), 2);
});

t.test('worker: received, executing, finished tasks; fetch bars; heartbeat series and peers', async (t) => {
  const w = new WorkerDashboardState('w0', 2);
  w.event(
    {
      type: 'compute-tasks',
      stimulusId: 's',
      tasks: ['inc-0', 'inc-1', 'inc-2'].map((key) => ({
        key,
        spec: spec(),
        priority: [0],
        whoHas: {},
        nbytes: {},
        duration: 0,
      })),
    },
    1000,
  );
  w.instruction({ type: 'execute', stimulusId: 'e', tasks: [{ key: 'inc-0' } as never] }, 1000);
  w.instruction({ type: 'gather-dep', worker: A, keys: ['d'], totalNbytes: 10, stimulusId: 'g' }, 1000);
  t.same(w.executing().tasks, [{ key: 'inc-0', since: 1000 }]);
  w.event(
    {
      type: 'execute-success',
      key: 'inc-0',
      nbytes: 8,
      valueType: 'number',
      startstops: [{ action: 'compute', start: 1001, stop: 1003 }],
      stimulusId: 'x',
    },
    1003,
  );
  w.event({ type: 'gather-dep-success', worker: A, nbytes: { d: 1e6 }, missing: [], stimulusId: 'y' }, 1010);
  w.heartbeat(metrics({ transfers: { [A]: { bytesIn: 1e6, bytesOut: 2e6 } } }), 1500);
  w.heartbeat(metrics({ transfers: { [A]: { bytesIn: 1e6, bytesOut: 0 } } }), 2000);
  const snap = w.snapshot(2100);
  t.same(
    snap.prefixes.map((p) => [p.name, p.total, p.done, p.waiting]),
    [
      ['inc', 3, 1, 2],
      [TRANSFER, 0, 0, 0],
    ],
    'fetches have a prefix row that counts no task',
  );
  t.same(snap.executing, []);
  t.same(snap.lanes, [
    { worker: '', thread: 0 },
    { worker: '', thread: 2 },
  ]);
  t.same(snap.samples.netInBytesPerSecond, [0, 2e6], 'the first heartbeat has no interval yet; then 1 MB in 500 ms');
  t.same(snap.transfers, [{ peer: A, inBytesPerSecond: 2e6, outBytesPerSecond: 0, totalIn: 1e6, totalOut: 2e6 }]);
  t.same(snap.counts, { executing: 1, ready: 3, inFlight: 0 });
});

t.test('prefixes of cluster keys (<name>-<hash>) take the fast path and agree with idPrefix', async (t) => {
  const { DashboardState } = await import('../../src/dashboard/state.js');
  const { idPrefix } = await import('../../src/dashboard/key_prefix.js');
  const ids = [
    'inc-3f9a0c1d2e3f4a5b6c7d',
    'inc-17',
    'inc-deadbeef',
    'inc-abc-1',
    'inc--x',
    'read-parquet-1f2e',
    'read-parquet-abc123-4',
    'read-parquet-zz',
    'sum-4a',
  ];
  const s = new DashboardState();
  for (const id of ids) s.idStarted(id);
  const running = new Map(s.progress().map((p) => [p.name, p.running]));
  const expected = new Map<string, number>();
  for (const id of ids) expected.set(idPrefix(id), (expected.get(idPrefix(id)) ?? 0) + 1);
  t.same([...running].sort(), [...expected].sort());
  t.same(
    ids.map((id) => idPrefix(id)),
    ['inc', 'inc', 'inc', 'inc-abc', 'inc', 'read-parquet', 'read-parquet', 'read-parquet-zz', 'sum'],
  );
});
