/**
 * The worker's pure state machine: `handle(event) -> instructions`, no I/O, no clock, no values.
 *
 * Learnt from dask's worker_state_machine.py (not copied): tasks the scheduler commits are pipelined (every assigned
 * task is queued at once, by priority; dependencies are fetched while other tasks run), dependencies come straight
 * from a peer that holds them, one gather per peer at a time carrying every key that peer holds for us up to a byte
 * limit, and declared resources are counted so that a worker never runs more of one than it declared.
 *
 * Ownership rule: a task is kept while the scheduler wants it here (`wanted`: assigned for compute, or a replica
 * asked for or stored here) or while a local task still needs it (it has dependents). Anything else is forgotten
 * at once, cascading to its own dependencies. Running threads and transfers are never interrupted: freeing such a
 * task makes it `cancelled` until its outcome arrives.
 *
 * This file is the transition table and the event handlers. Helpers that keep no opinion on transitions live
 * beside it: fetch_plan.ts (which peer to ask for what, gathers in flight), resources.ts (declared resources,
 * acquire / release), run_queue.ts (runnable tasks, what a free thread takes), threads.ts (tasks on threads, by
 * batch), durations.ts (measured compute times for batching), story.ts (the transition log),
 * task_state.ts (the task record) and validate.ts (the invariants checked after each event in tests).
 */
import { taskDependencies } from '../../../graph/task.js';
import type { ComputeTaskMsg, KeyId, StartStop, WireError, WorkerAddress } from '../../protocol/messages.js';
import { WorkerError } from '../errors.js';
import { GroupDurations } from './durations.js';
import { FetchPlan } from './fetch_plan.js';
import { comparePriority } from './heap.js';
import { ResourcePool, type Resources } from './resources.js';
import { RunQueue } from './run_queue.js';
import { TransitionLog } from './story.js';
import { newTaskState, STATES, type TaskState } from './task_state.js';
import { ThreadSlots } from './threads.js';
import type {
  TaskView,
  Transition,
  WorkerEvent,
  WorkerInstruction,
  WorkerStateOptions,
  WorkerStatus,
  WorkerTaskState,
} from './types.js';
import { validateWorkerState } from './validate.js';

/** Priority of replicas fetched on the scheduler's request: after every dependency of a task to run here. */
const REPLICA_PRIORITY: readonly number[] = [Number.MAX_SAFE_INTEGER];

/** The worker's task state machine (see the file header). */
export class WorkerState {
  readonly address: WorkerAddress;
  readonly nthreads: number;
  /** Declared resources (totals). */
  readonly totalResources: Resources;
  private status: WorkerStatus = 'running';
  private readonly tasks = new Map<KeyId, TaskState>();
  private readonly counts = new Map<WorkerTaskState, number>(STATES.map((s) => [s, 0]));
  private readonly durations = new GroupDurations();
  private readonly runQueue: RunQueue;
  private readonly threads = new ThreadSlots();
  private readonly fetches: FetchPlan;
  private readonly resources: ResourcePool;
  private readonly busyRetryMs: number;
  private readonly validate: boolean;
  private readonly log: TransitionLog;
  private drained = false;
  // Per event: instructions, keys to announce in one add-keys / release-worker-data message, and the keys the
  // scheduler named itself (it knows they are gone: no release-worker-data for them).
  private out: WorkerInstruction[] = [];
  private addKeys = new Set<KeyId>();
  private releasedData = new Set<KeyId>();
  private explicit = new Set<KeyId>();
  private stimulusId = '';

  constructor(options: WorkerStateOptions) {
    if (!Number.isInteger(options.nthreads) || options.nthreads < 1) {
      throw new WorkerError(
        'BAD_ARGUMENT',
        `WorkerState: nthreads must be a positive integer, got ${options.nthreads}`,
      );
    }
    this.resources = new ResourcePool(options.resources);
    this.address = options.address;
    this.nthreads = options.nthreads;
    this.totalResources = this.resources.total;
    this.fetches = new FetchPlan((ts) => this.tasks.get(ts.key) === ts, {
      messageBytesLimit: options.transferMessageBytesLimit ?? 50e6,
      maxGathers: options.maxConcurrentGathers ?? 50,
    });
    this.busyRetryMs = options.busyRetryMs ?? 150;
    this.validate = options.validate ?? false;
    this.log = new TransitionLog(options.storyLength ?? 10_000);
    this.runQueue = new RunQueue((ts) => this.tasks.get(ts.key) === ts, this.durations, {
      batchTargetMs: options.batchTargetMs ?? 10,
      maxBatchSize: Math.max(1, options.maxBatchSize ?? 256),
    });
  }

  /** Applies one event and returns what the edge must do, in order. */
  handle(event: WorkerEvent): WorkerInstruction[] {
    this.out = [];
    this.addKeys = new Set();
    this.releasedData = new Set();
    this.explicit = new Set();
    this.stimulusId = event.stimulusId;
    this.dispatch(event);
    this.ensureComputing();
    this.ensureCommunicating();
    this.checkDrained();
    if (this.addKeys.size > 0) {
      this.send({ op: 'add-keys', keys: [...this.addKeys], stimulusId: this.stimulusId });
    }
    if (this.releasedData.size > 0) {
      this.send({ op: 'release-worker-data', keys: [...this.releasedData], stimulusId: this.stimulusId });
    }
    if (this.validate) this.validateState();
    return this.out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Read-only views
  // -------------------------------------------------------------------------------------------------------------

  /** running, paused or closing-gracefully. */
  get workerStatus(): WorkerStatus {
    return this.status;
  }

  /** Number of tasks in `state`. */
  count(state: WorkerTaskState): number {
    return this.counts.get(state)!;
  }

  /** Tasks executing (cancelled tasks still running included). */
  get executingCount(): number {
    return this.threads.executing.size;
  }

  /** Threads busy: batches handed out and not fully reported. */
  get busyThreads(): number {
    return this.threads.busy;
  }

  /** Keys requested from peers and not answered yet. */
  get inFlightCount(): number {
    return this.fetches.keysInFlight;
  }

  /** Resources free right now. */
  get availableResources(): Resources {
    return this.resources.available();
  }

  /** Keys held in memory. */
  memoryKeys(): KeyId[] {
    const out: KeyId[] = [];
    for (const ts of this.tasks.values()) if (ts.state === 'memory') out.push(ts.key);
    return out;
  }

  /** Sum of the sizes of the results held (the worker's own accounting). */
  get managedBytes(): number {
    let n = 0;
    for (const ts of this.tasks.values()) if (ts.state === 'memory') n += ts.nbytes;
    return n;
  }

  /** One task, or undefined when the worker does not know the key. */
  task(key: KeyId): TaskView | undefined {
    const ts = this.tasks.get(key);
    if (!ts) return undefined;
    return {
      key: ts.key,
      state: ts.state,
      previous: ts.previous,
      wanted: ts.wanted,
      priority: ts.priority,
      nbytes: ts.nbytes,
      whoHas: [...ts.whoHas],
      dependencies: [...ts.dependencies].map((d) => d.key),
      dependents: [...ts.dependents].map((d) => d.key),
      resources: ts.resources,
      comingFrom: ts.comingFrom,
    };
  }

  /** Every known key with its state. */
  states(): Record<KeyId, WorkerTaskState> {
    const out: Record<KeyId, WorkerTaskState> = {};
    for (const ts of this.tasks.values()) out[ts.key] = ts.state;
    return out;
  }

  /** The recorded transitions of `key` (or of every key), oldest first. */
  story(key?: KeyId): Transition[] {
    return this.log.story(key);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------------------------------

  private dispatch(event: WorkerEvent): void {
    switch (event.type) {
      case 'compute-tasks':
        for (const msg of event.tasks) this.computeTask(msg);
        return;
      case 'free-keys':
        for (const key of event.keys) this.freeKey(key);
        return;
      case 'remove-replicas':
        for (const key of event.keys) this.removeReplica(key);
        return;
      case 'acquire-replicas':
        this.acquireReplicas(event.whoHas, event.nbytes);
        return;
      case 'steal-request':
        this.stealRequest(event.key);
        return;
      case 'refresh-who-has':
        for (const [key, holders] of Object.entries(event.whoHas)) {
          const ts = this.tasks.get(key);
          if (ts) this.setWhoHas(ts, holders);
        }
        return;
      case 'execute-success':
        this.executeDone(event.key, { nbytes: event.nbytes, valueType: event.valueType, startstops: event.startstops });
        return;
      case 'execute-failure':
        this.executeDone(event.key, { error: event.error, startstops: event.startstops });
        return;
      case 'gather-dep-success':
        this.gatherDone(event.worker, event.nbytes, new Set(event.missing));
        return;
      case 'gather-dep-busy':
        this.gatherBusy(event.worker);
        return;
      case 'gather-dep-failure':
        this.gatherFailed(event.worker);
        return;
      case 'busy-retry':
        this.fetches.unbusy(event.worker);
        return;
      case 'put-data':
        for (const [key, nbytes] of Object.entries(event.nbytes)) this.putData(key, nbytes);
        return;
      case 'pause':
        if (this.status === 'running') this.status = 'paused';
        return;
      case 'unpause':
        if (this.status === 'paused') this.status = 'running';
        return;
      case 'retire':
        this.retire();
        return;
      default: {
        const unknown: { type?: unknown } = event;
        throw new WorkerError('BAD_ARGUMENT', `WorkerState.handle: unknown event type ${String(unknown.type)}`);
      }
    }
  }

  private computeTask(msg: ComputeTaskMsg): void {
    const existing = this.tasks.get(msg.key);
    if (this.status === 'closing-gracefully') {
      if (existing?.state === 'memory') this.sendFinished(existing, 'unknown', []);
      else this.send({ op: 'reschedule', key: msg.key, stimulusId: this.stimulusId });
      return;
    }
    const ts = existing ?? this.create(msg.key);
    ts.wanted = true;
    // A task already queued or running keeps the spec, priority and resources it was queued with (its heap entry
    // and its resource accounting depend on them); one that arrives as a transfer needs the spec to be reported.
    const setUp = (): void => {
      ts.spec = msg.spec;
      ts.priority = msg.priority;
      ts.duration = Math.max(0, msg.duration || 0);
      ts.resources = msg.resources && Object.keys(msg.resources).length > 0 ? { ...msg.resources } : undefined;
    };
    switch (ts.state) {
      case 'memory':
        this.sendFinished(ts, 'unknown', []);
        return;
      case 'executing':
      case 'ready':
      case 'constrained':
        return;
      case 'flight':
        ts.spec ??= msg.spec;
        return;
      case 'cancelled':
        // Asked for again before the thread or the transfer returned: its outcome counts after all.
        ts.spec ??= msg.spec;
        this.transition(ts, ts.previous!);
        ts.previous = undefined;
        return;
      case 'waiting':
        // A repeat (e.g. after missing-data): take the new holders of the dependencies.
        setUp();
        this.linkDependencies(ts, msg);
        return;
      default:
        setUp();
        break;
    }
    const impossible = this.resources.impossible(ts.key, ts.resources, this.address);
    if (impossible) {
      this.transition(ts, 'error');
      this.send({
        op: 'task-erred',
        key: ts.key,
        error: { name: 'ResourceError', message: impossible, stack: undefined, worker: this.address },
        startstops: [],
        stimulusId: this.stimulusId,
      });
      return;
    }
    this.linkDependencies(ts, msg);
    if (ts.waitingFor.size > 0) this.transition(ts, 'waiting');
    else this.makeRunnable(ts);
  }

  private linkDependencies(ts: TaskState, msg: ComputeTaskMsg): void {
    for (const dep of taskDependencies(msg.spec)) {
      const ds = this.tasks.get(dep) ?? this.create(dep);
      ts.dependencies.add(ds);
      ds.dependents.add(ts);
      if (comparePriority(ts.priority, ds.priority) < 0 || ds.priority === REPLICA_PRIORITY) ds.priority = ts.priority;
      const nbytes = msg.nbytes[dep];
      if (nbytes !== undefined && ds.state !== 'memory') ds.nbytes = nbytes;
      const holders = msg.whoHas[dep];
      if (holders) this.setWhoHas(ds, holders);
      switch (ds.state) {
        case 'released':
          this.toFetchOrMissing(ds);
          break;
        case 'error':
          // Erred here before; another worker may have it now.
          if (!ds.wanted) this.toFetchOrMissing(ds);
          break;
        case 'cancelled':
          this.transition(ds, ds.previous!);
          ds.previous = undefined;
          break;
        default:
          break;
      }
      if (ds.state !== 'memory') ts.waitingFor.add(ds);
    }
  }

  private freeKey(key: KeyId): void {
    const ts = this.tasks.get(key);
    if (!ts) return;
    this.explicit.add(key);
    ts.wanted = false;
    this.releaseIfUnneeded(ts);
  }

  private removeReplica(key: KeyId): void {
    const ts = this.tasks.get(key);
    if (ts?.state !== 'memory') return;
    if (ts.dependents.size > 0) {
      // A local task still reads it: keep it and tell the scheduler it is still here.
      this.addKeys.add(key);
      return;
    }
    this.explicit.add(key);
    ts.wanted = false;
    this.releaseIfUnneeded(ts);
  }

  private acquireReplicas(
    whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>,
    nbytes: Readonly<Record<KeyId, number>>,
  ): void {
    if (this.status === 'closing-gracefully') return;
    for (const [key, holders] of Object.entries(whoHas)) {
      const ts = this.tasks.get(key) ?? this.create(key);
      if (ts.state === 'memory') {
        ts.wanted = true;
        this.addKeys.add(key);
        continue;
      }
      if (!ts.wanted && ts.dependents.size > 0) {
        // A dependency of a local task (the answer to missing-data): new holders, not a replica to keep.
        if (nbytes[key] !== undefined) ts.nbytes = nbytes[key]!;
        this.setWhoHas(ts, holders);
        if (ts.state === 'cancelled') {
          this.transition(ts, ts.previous!);
          ts.previous = undefined;
        }
        continue;
      }
      ts.wanted = true;
      if (ts.priority.length === 0) ts.priority = REPLICA_PRIORITY;
      if (nbytes[key] !== undefined) ts.nbytes = nbytes[key]!;
      this.setWhoHas(ts, holders);
      if (ts.state === 'released' || ts.state === 'error') this.toFetchOrMissing(ts);
      else if (ts.state === 'cancelled') {
        this.transition(ts, ts.previous!);
        ts.previous = undefined;
      }
    }
  }

  private stealRequest(key: KeyId): void {
    const ts = this.tasks.get(key);
    const state = ts?.state ?? null;
    if (ts?.wanted && (state === 'waiting' || state === 'ready' || state === 'constrained')) {
      this.explicit.add(key);
      ts.wanted = false;
      this.releaseIfUnneeded(ts);
    }
    this.send({ op: 'steal-response', key, state, stimulusId: this.stimulusId });
  }

  private executeDone(
    key: KeyId,
    outcome:
      | { nbytes: number; valueType: string; startstops: WorkerEventStartStops }
      | { error: WireError; startstops: WorkerEventStartStops },
  ): void {
    const slot = this.threads.finish(key);
    if (!slot) return; // not running here (a duplicate report): nothing to undo
    this.resources.release(slot.resources);
    const ts = slot.ts;
    const current = this.tasks.get(key) === ts;
    if (current && ts.state === 'executing') {
      if ('error' in outcome) {
        this.transition(ts, 'error');
        this.unlinkDependencies(ts);
        if (ts.wanted) {
          this.send({
            op: 'task-erred',
            key,
            error: { ...outcome.error, worker: outcome.error.worker ?? this.address },
            startstops: outcome.startstops,
            stimulusId: this.stimulusId,
          });
        }
        this.releaseIfUnneeded(ts);
      } else {
        this.durations.record(ts, outcome.startstops);
        this.putInMemory(ts, outcome.nbytes);
        if (ts.wanted) this.sendFinished(ts, outcome.valueType, outcome.startstops);
      }
      return;
    }
    if (current && ts.state === 'cancelled') {
      this.forget(ts);
      if (!('error' in outcome)) this.out.push({ type: 'forget-data', keys: [key] });
      return;
    }
    // Stored meanwhile by put-data (memory) or forgotten and known again under a new state: keep the store as is
    // when the key is in memory, drop the stale value otherwise.
    if (!('error' in outcome) && this.tasks.get(key)?.state !== 'memory') {
      this.out.push({ type: 'forget-data', keys: [key] });
    }
  }

  private gatherDone(worker: WorkerAddress, received: Readonly<Record<KeyId, number>>, missing: Set<KeyId>): void {
    const asked = this.fetches.settle(worker);
    if (!asked) return;
    const drop: KeyId[] = [];
    for (const ts of asked) {
      if (ts.comingFrom === worker) ts.comingFrom = undefined;
      const got = Object.hasOwn(received, ts.key) && !missing.has(ts.key);
      if (got) {
        if (ts.state === 'flight') {
          this.putInMemory(ts, received[ts.key]!);
          if (ts.wanted && ts.spec) this.sendFinished(ts, 'unknown', []);
          else this.addKeys.add(ts.key);
        } else if (ts.state === 'cancelled') {
          this.forget(ts);
          drop.push(ts.key);
        } else if (ts.state !== 'memory') drop.push(ts.key);
        continue;
      }
      ts.whoHas.delete(worker);
      this.send({ op: 'missing-data', key: ts.key, errantWorker: worker, stimulusId: this.stimulusId });
      if (ts.state === 'flight') this.toFetchOrMissing(ts);
      else if (ts.state === 'cancelled') this.forget(ts);
    }
    // Keys received that were not asked (or no longer wanted) must not linger in the store.
    for (const key of Object.keys(received)) {
      if (!this.tasks.has(key) && !drop.includes(key)) drop.push(key);
    }
    if (drop.length > 0) this.out.push({ type: 'forget-data', keys: drop });
  }

  private gatherBusy(worker: WorkerAddress): void {
    const asked = this.fetches.settle(worker);
    if (!asked) return;
    this.fetches.markBusy(worker);
    for (const ts of asked) this.requeueFlight(ts);
    this.out.push({ type: 'retry-busy-later', worker, delayMs: this.busyRetryMs });
  }

  private gatherFailed(worker: WorkerAddress): void {
    const asked = this.fetches.settle(worker);
    // The peer is presumed gone: it holds nothing any more as far as this worker knows.
    this.fetches.dropPeer(worker);
    for (const ts of this.tasks.values()) {
      if (!ts.whoHas.delete(worker)) continue;
      if (ts.state === 'fetch' && ts.whoHas.size === 0) this.transition(ts, 'missing');
    }
    if (asked) for (const ts of asked) this.requeueFlight(ts);
  }

  private requeueFlight(ts: TaskState): void {
    ts.comingFrom = undefined;
    if (ts.state === 'flight') this.toFetchOrMissing(ts);
    else if (ts.state === 'cancelled') this.forget(ts);
  }

  private putData(key: KeyId, nbytes: number): void {
    const ts = this.tasks.get(key) ?? this.create(key);
    ts.wanted = true;
    if (ts.state === 'memory') {
      ts.nbytes = nbytes;
      this.addKeys.add(key);
      return;
    }
    if (ts.state === 'executing' || (ts.state === 'cancelled' && ts.previous === 'executing')) {
      // The thread's result will be the same value; it is reported (or dropped) when it returns.
      if (ts.state === 'cancelled') {
        this.transition(ts, 'executing');
        ts.previous = undefined;
      }
      return;
    }
    if (ts.state === 'cancelled') ts.previous = undefined;
    ts.comingFrom = undefined;
    this.putInMemory(ts, nbytes);
    if (ts.spec) this.sendFinished(ts, 'unknown', []);
    else this.addKeys.add(key);
  }

  private retire(): void {
    if (this.status === 'closing-gracefully') return;
    this.status = 'closing-gracefully';
    for (const ts of [...this.tasks.values()]) {
      if (this.tasks.get(ts.key) !== ts || !ts.wanted) continue;
      if (ts.state === 'waiting' || ts.state === 'ready' || ts.state === 'constrained') {
        this.send({ op: 'reschedule', key: ts.key, stimulusId: this.stimulusId });
        this.explicit.add(ts.key);
        ts.wanted = false;
        this.releaseIfUnneeded(ts);
      } else if (ts.state === 'fetch' || ts.state === 'missing') {
        ts.wanted = false;
        this.releaseIfUnneeded(ts);
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Scheduling of threads and transfers
  // -------------------------------------------------------------------------------------------------------------

  private ensureComputing(): void {
    if (this.status !== 'running') return;
    while (this.threads.busy < this.nthreads) {
      const batch = this.runQueue.take(
        (ts) => this.resources.fits(ts.resources),
        this.nthreads - this.threads.busy,
        this.count('ready'),
      );
      if (!batch) return;
      this.threads.start(batch);
      for (const ts of batch) {
        this.resources.acquire(ts.resources ?? {});
        this.transition(ts, 'executing');
      }
      this.out.push({
        type: 'execute',
        tasks: batch.map((ts) => ({
          key: ts.key,
          spec: ts.spec!,
          dependencies: [...ts.dependencies].map((d) => d.key),
        })),
        stimulusId: this.stimulusId,
      });
    }
  }

  private ensureCommunicating(): void {
    if (this.status !== 'running') return;
    const gathers = this.fetches.plan((ts) => this.transition(ts, 'flight'));
    for (const g of gathers) {
      this.out.push({
        type: 'gather-dep',
        worker: g.worker,
        keys: g.tasks.map((t) => t.key),
        totalNbytes: g.totalNbytes,
        stimulusId: this.stimulusId,
      });
    }
  }

  private checkDrained(): void {
    if (this.status !== 'closing-gracefully' || this.drained) return;
    if (this.threads.executing.size > 0 || this.fetches.gathering) return;
    this.drained = true;
    this.out.push({ type: 'retire-drained', keys: this.memoryKeys(), stimulusId: this.stimulusId });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Transitions
  // -------------------------------------------------------------------------------------------------------------

  private create(key: KeyId): TaskState {
    const ts = newTaskState(key);
    this.tasks.set(key, ts);
    this.counts.set('released', this.counts.get('released')! + 1);
    return ts;
  }

  private transition(ts: TaskState, to: WorkerTaskState): void {
    const from = ts.state;
    if (from === to) return;
    this.counts.set(from, this.counts.get(from)! - 1);
    this.counts.set(to, this.counts.get(to)! + 1);
    ts.state = to;
    this.record(ts.key, from, to);
  }

  private record(key: KeyId, from: WorkerTaskState, to: WorkerTaskState | 'forgotten'): void {
    this.log.push({ key, from, to, stimulusId: this.stimulusId });
  }

  private makeRunnable(ts: TaskState): void {
    this.transition(ts, ts.resources ? 'constrained' : 'ready');
    this.runQueue.push(ts);
  }

  private setWhoHas(ts: TaskState, holders: readonly WorkerAddress[]): void {
    ts.whoHas = new Set(holders.filter((w) => w !== this.address));
    if (ts.state === 'fetch' || ts.state === 'missing') this.toFetchOrMissing(ts);
  }

  private toFetchOrMissing(ts: TaskState): void {
    if (ts.whoHas.size === 0) {
      this.transition(ts, 'missing');
      return;
    }
    this.transition(ts, 'fetch');
    this.fetches.queue(ts);
  }

  private putInMemory(ts: TaskState, nbytes: number): void {
    ts.nbytes = nbytes;
    this.transition(ts, 'memory');
    for (const dep of ts.dependents) {
      if (dep.waitingFor.delete(ts) && dep.waitingFor.size === 0 && dep.state === 'waiting') this.makeRunnable(dep);
    }
    this.unlinkDependencies(ts);
  }

  private unlinkDependencies(ts: TaskState): void {
    const deps = [...ts.dependencies];
    ts.dependencies.clear();
    ts.waitingFor.clear();
    for (const d of deps) {
      d.dependents.delete(ts);
      this.releaseIfUnneeded(d);
    }
  }

  private releaseIfUnneeded(ts: TaskState): void {
    if (ts.wanted || ts.dependents.size > 0 || this.tasks.get(ts.key) !== ts) return;
    switch (ts.state) {
      case 'executing':
      case 'flight':
        ts.previous = ts.state;
        this.transition(ts, 'cancelled');
        // The thread already holds its inputs; a transfer has no inputs. Either way they can go.
        this.unlinkDependencies(ts);
        return;
      case 'cancelled':
        return;
      case 'memory':
        this.out.push({ type: 'forget-data', keys: [ts.key] });
        if (!this.explicit.has(ts.key)) this.releasedData.add(ts.key);
        this.addKeys.delete(ts.key);
        this.forget(ts);
        return;
      default:
        this.forget(ts);
    }
  }

  private forget(ts: TaskState): void {
    this.counts.set(ts.state, this.counts.get(ts.state)! - 1);
    this.record(ts.key, ts.state, 'forgotten');
    this.tasks.delete(ts.key);
    this.unlinkDependencies(ts);
  }

  private sendFinished(ts: TaskState, valueType: string, startstops: WorkerEventStartStops): void {
    this.send({
      op: 'task-finished',
      key: ts.key,
      nbytes: ts.nbytes,
      type: valueType,
      startstops,
      stimulusId: this.stimulusId,
    });
  }

  private send(msg: Extract<WorkerInstruction, { type: 'send' }>['msg']): void {
    this.out.push({ type: 'send', msg });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Validation (tests): every invariant the transitions rely on
  // -------------------------------------------------------------------------------------------------------------

  private validateState(): void {
    validateWorkerState({
      stimulusId: this.stimulusId,
      nthreads: this.nthreads,
      tasks: this.tasks,
      counts: this.counts,
      executing: this.threads.executing,
      batches: this.threads.batches,
      resources: this.resources,
      fetches: this.fetches,
    });
  }
}

type WorkerEventStartStops = readonly StartStop[];
