/** Drives a SchedulerState with readable events and inspects the actions, for the transition-by-transition tests. */

import type {
  ClientTask,
  ClientToScheduler,
  ComputeTaskMsg,
  SchedulerToWorker,
  WorkerMetrics,
  WorkerToScheduler,
} from '../../../src/distributed/protocol/messages.js';
import {
  type SchedulerAction,
  type SchedulerConfig,
  SchedulerState,
} from '../../../src/distributed/scheduler/state/index.js';
import type { TaskSpec } from '../../../src/graph/task.js';

/** A task spec calling `fn` on references to `deps` (string keys). */
export function spec(fn: string, ...deps: string[]): TaskSpec {
  return { fn, args: deps.map((d) => ({ $ref: d })) };
}

/** A client task `key` depending on `deps`, with graph order `order`. */
export function ct(key: string, deps: string[] = [], order = 0, extra: Partial<ClientTask> = {}): ClientTask {
  return { key, spec: spec('inc', ...deps), order, ...extra };
}

/** Metrics of a healthy idle worker, with overrides. */
export function metrics(extra: Partial<WorkerMetrics> = {}): WorkerMetrics {
  return {
    memory: 1e8,
    managedBytes: 0,
    spilledBytes: 0,
    cpu: 0,
    executing: 0,
    ready: 0,
    inFlight: 0,
    bandwidth: 0,
    transfers: {},
    eventLoopLagMs: 0,
    status: 'running',
    ...extra,
  };
}

/** A scheduler plus a clock, with helpers named after what happens. */
export class Harness {
  readonly s: SchedulerState;
  now = 1_000_000;
  /** Every action returned so far. */
  readonly log: SchedulerAction[] = [];
  private stim = 0;

  constructor(config: Partial<SchedulerConfig> = {}) {
    this.s = new SchedulerState({ validate: true, unknownTaskDurationMs: 100, ...config });
  }

  private run(actions: SchedulerAction[]): SchedulerAction[] {
    this.log.push(...actions);
    return actions;
  }

  addWorker(
    address: string,
    nthreads = 1,
    extra: { resources?: Record<string, number>; keys?: string[]; name?: string } = {},
  ) {
    return this.run(
      this.s.handle({
        type: 'add-worker',
        now: this.now,
        msg: {
          op: 'register-worker',
          address,
          name: extra.name ?? address,
          nthreads,
          memoryLimit: 4e9,
          resources: extra.resources ?? {},
          localDir: '/tmp',
          keys: extra.keys ?? [],
          nbytes: {},
        },
      }),
    );
  }

  removeWorker(address: string, graceful = false) {
    return this.run(this.s.handle({ type: 'remove-worker', now: this.now, worker: address, reason: 'test', graceful }));
  }

  fromWorker(address: string, msg: WorkerToScheduler) {
    return this.run(this.s.handle({ type: 'worker-message', now: this.now, worker: address, msg }));
  }

  submit(client: string, tasks: ClientTask[], wants: string[]) {
    return this.run(
      this.s.handle({
        type: 'client-message',
        now: this.now,
        client,
        msg: { op: 'update-graph', clientId: client, tasks, wants, stimulusId: `update-${++this.stim}` },
      }),
    );
  }

  client(client: string, msg: ClientToScheduler) {
    return this.run(this.s.handle({ type: 'client-message', now: this.now, client, msg }));
  }

  /** The worker reports `key` done, `nbytes` big, computed in `ms`. */
  finish(address: string, key: string, nbytes = 8, ms = 10) {
    return this.fromWorker(address, {
      op: 'task-finished',
      key,
      nbytes,
      type: 'number',
      startstops: [{ action: 'compute', start: this.now - ms, stop: this.now }],
      stimulusId: `finished-${key}-${++this.stim}`,
    });
  }

  fail(address: string, key: string, message = 'boom') {
    return this.fromWorker(address, {
      op: 'task-erred',
      key,
      error: { name: 'Error', message, stack: `Error: ${message}\n    at task (user.js:1:1)` },
      startstops: [],
      stimulusId: `erred-${key}-${++this.stim}`,
    });
  }

  heartbeat(address: string, extra: Partial<WorkerMetrics> = {}) {
    return this.run(
      this.s.handle({
        type: 'worker-message',
        now: this.now,
        worker: address,
        msg: { op: 'heartbeat', metrics: metrics(extra) },
      }),
    );
  }

  tick(advanceMs = 0) {
    this.now += advanceMs;
    return this.run(this.s.handle({ type: 'tick', now: this.now }));
  }
}

/** The messages sent to `worker` among `actions`. */
export function toWorker(actions: readonly SchedulerAction[], worker: string): SchedulerToWorker[] {
  const out: SchedulerToWorker[] = [];
  for (const a of actions) if (a.type === 'send-worker' && a.worker === worker) out.push(a.msg);
  return out;
}

/** The keys committed to `worker` among `actions`, in order. */
export function computed(actions: readonly SchedulerAction[], worker: string): string[] {
  return toWorker(actions, worker)
    .filter((m) => m.op === 'compute-tasks')
    .flatMap((m) => (m as { tasks: readonly ComputeTaskMsg[] }).tasks.map((t) => t.key));
}

/** The keys `worker` was told to free among `actions`. */
export function freed(actions: readonly SchedulerAction[], worker: string): string[] {
  return toWorker(actions, worker)
    .filter((m) => m.op === 'free-keys')
    .flatMap((m) => (m as { keys: readonly string[] }).keys);
}

/** The client messages among `actions`, as `op:key` strings. */
export function clientOps(actions: readonly SchedulerAction[], client: string): string[] {
  const out: string[] = [];
  for (const a of actions) {
    if (a.type === 'send-client' && a.client === client)
      out.push(`${a.msg.op}:${(a.msg as { key?: string }).key ?? ''}`);
  }
  return out;
}
