/**
 * `SchedulerState`: the cluster scheduler as a pure state machine. Events in, actions out; no I/O, no clock.
 *
 * Typical use by the server:
 *
 *   const state = new SchedulerState();
 *   // on every message, and on a ~100 ms timer with { type: 'tick', now: Date.now() }:
 *   for (const action of state.handle(event)) perform(action);
 *
 * `handleMany` takes the messages of one received batch at once: the compute-tasks they cause for one worker leave
 * as a single message.
 */
import type { KeyId, WorkerAddress } from '../../protocol/messages.js';
import { clientMessage } from './client_events.js';
import { Core } from './core.js';
import { SchedulerStateError } from './errors.js';
import { expireWorkers, removeWorker } from './failures.js';
import { checkRetiring, startRetiring } from './retire.js';
import { maybeSteal } from './stealing.js';
import type { TaskState } from './task.js';
import { fillQueue, runTransitions } from './transitions.js';
import {
  DEFAULT_SCHEDULER_CONFIG,
  type SchedulerAction,
  type SchedulerConfig,
  type SchedulerEvent,
  type TaskInfo,
  type TaskStateName,
  type TransitionRecord,
  type WorkerInfoSnapshot,
} from './types.js';
import { validateState } from './validate.js';
import type { WorkerRecord } from './worker.js';
import { addWorker, workerMessage } from './worker_events.js';

/** The scheduler's state machine. */
export class SchedulerState {
  private readonly core: Core;

  /** `config` overrides fields of DEFAULT_SCHEDULER_CONFIG; bad values throw BAD_ARGUMENT. */
  constructor(config: Partial<SchedulerConfig> = {}) {
    const full = { ...DEFAULT_SCHEDULER_CONFIG, ...config };
    for (const [name, value] of Object.entries(full)) {
      if (typeof value === 'number' && (Number.isNaN(value) || value < 0)) {
        throw new SchedulerStateError('BAD_ARGUMENT', `scheduler config ${name} must be a number >= 0, got ${value}`);
      }
    }
    if (full.killedWorkerLimit < 1) {
      throw new SchedulerStateError('BAD_ARGUMENT', `killedWorkerLimit must be >= 1, got ${full.killedWorkerLimit}`);
    }
    this.core = new Core(full);
  }

  /** The configuration in force. */
  get config(): SchedulerConfig {
    return this.core.config;
  }

  /** Handles one event and returns what to do, in order. */
  handle(event: SchedulerEvent): SchedulerAction[] {
    return this.handleMany([event]);
  }

  /** Handles several events (e.g. one received batch); messages to one worker are batched across them. */
  handleMany(events: readonly SchedulerEvent[]): SchedulerAction[] {
    const core = this.core;
    for (const event of events) {
      const gap = event.now - core.now;
      if (core.now > 0 && gap > core.config.stallGraceMs) {
        // The scheduler was blocked: its workers were not silent, their messages are queued behind this event.
        for (const w of core.workers.values()) w.lastSeen += gap;
      }
      core.now = event.now;
      core.stimulusId = stimulusOf(core, event);
      if (!EVENT_TYPES.has(event.type)) {
        throw new SchedulerStateError('BAD_EVENT', `unknown scheduler event type ${String(event.type)}`);
      }
      try {
        dispatch(core, event);
        runTransitions(core);
      } catch (err) {
        // A bug or a malformed message: log it and go on, so that the actions of the state changes already made
        // (and of the other events) still reach the server.
        core.recTasks.length = 0;
        core.recTargets.length = 0;
        const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
        core.outbox.log('error', `scheduler failed on ${event.type}: ${text}`, core.stimulusId);
      }
    }
    fillQueue(core);
    runTransitions(core);
    if (core.config.validate) validateState(core);
    return core.outbox.drain();
  }

  /** A snapshot of one task, or undefined if the scheduler does not know it (never submitted, or forgotten). */
  task(key: KeyId): TaskInfo | undefined {
    const t = this.core.tasks.get(key);
    return t === undefined ? undefined : taskInfo(t);
  }

  /** The state of `key`: 'forgotten' when unknown. */
  stateOf(key: KeyId): TaskStateName {
    return this.core.tasks.get(key)?.state ?? 'forgotten';
  }

  /** Number of known tasks in each state. */
  counts(): Record<TaskStateName, number> {
    const out: Record<TaskStateName, number> = {
      released: 0,
      waiting: 0,
      queued: 0,
      'no-worker': 0,
      processing: 0,
      memory: 0,
      erred: 0,
      forgotten: 0,
    };
    for (const t of this.core.tasks.values()) out[t.state]++;
    return out;
  }

  /** Snapshots of the connected workers. */
  workers(): WorkerInfoSnapshot[] {
    return [...this.core.workers.values()].map(workerInfo);
  }

  /** A snapshot of one worker. */
  worker(address: WorkerAddress): WorkerInfoSnapshot | undefined {
    const w = this.core.workers.get(address);
    return w === undefined ? undefined : workerInfo(w);
  }

  /** The steals asked of victims and not answered yet (tests, debugging). `thief` undefined: placed anew. */
  pendingSteals(): { key: KeyId; victim: WorkerAddress; thief: WorkerAddress | undefined; stimulusId: string }[] {
    return [...this.core.steals].map(([t, s]) => ({
      key: t.key,
      victim: s.victim.address,
      thief: s.thief?.address,
      stimulusId: s.stimulusId,
    }));
  }

  /** The recorded transitions, oldest first; only those of `keys` when given (dask's `story`). */
  story(...keys: KeyId[]): TransitionRecord[] {
    return this.core.story.list(keys.length > 0 ? keys : undefined);
  }

  /** Checks every invariant now (throws INVARIANT naming the first broken one). */
  validate(): void {
    validateState(this.core);
  }
}

const EVENT_TYPES = new Set<string>([
  'add-worker',
  'remove-worker',
  'retire-worker',
  'worker-message',
  'client-message',
  'tick',
]);

function stimulusOf(core: Core, event: SchedulerEvent): string {
  if (event.type === 'worker-message' || event.type === 'client-message') {
    const id = (event.msg as { stimulusId?: unknown }).stimulusId;
    return typeof id === 'string' ? id : core.makeStimulusId(event.msg.op);
  }
  if (event.type === 'tick') return core.makeStimulusId('tick');
  return event.stimulusId ?? core.makeStimulusId(event.type);
}

function dispatch(core: Core, event: SchedulerEvent): void {
  switch (event.type) {
    case 'add-worker':
      addWorker(core, event.msg);
      return;
    case 'remove-worker':
      removeWorker(core, event.worker, event.reason, event.graceful === true);
      return;
    case 'retire-worker': {
      const w = core.workers.get(event.worker);
      if (w !== undefined) startRetiring(core, w, true);
      else core.outbox.log('warn', `retire-worker: unknown worker ${event.worker}`, core.stimulusId);
      return;
    }
    case 'worker-message':
      workerMessage(core, event.worker, event.msg);
      return;
    case 'client-message':
      clientMessage(core, event.client, event.msg);
      return;
    case 'tick':
      expireWorkers(core);
      checkRetiring(core);
      maybeSteal(core);
      return;
    default:
      throw new SchedulerStateError('BAD_EVENT', `unknown scheduler event type ${(event as { type: string }).type}`);
  }
}

function taskInfo(t: TaskState): TaskInfo {
  return {
    key: t.key,
    state: t.state,
    priority: t.priority,
    processingOn: t.processingOn?.address,
    whoHas: t.whoHas.map((w) => w.address),
    nbytes: t.nbytes,
    dependencies: t.dependencies.map((d) => d.key),
    dependents: [...t.dependents].map((d) => d.key),
    wantedBy: [...t.wantedBy],
    retries: t.retries,
    suspicious: t.suspicious,
    exception: t.exception === undefined ? undefined : { name: t.exception.name, message: t.exception.message },
    exceptionBlame: t.exceptionBlame?.key,
    group: t.group.name,
  };
}

function workerInfo(w: WorkerRecord): WorkerInfoSnapshot {
  return {
    address: w.address,
    name: w.name,
    nthreads: w.nthreads,
    memoryLimit: w.memoryLimit,
    resources: w.resources,
    usedResources: { ...w.usedResources },
    status: w.status,
    processing: w.processingKeys(),
    occupancy: w.occupancy,
    hasWhat: [...w.hasWhat].map((t) => t.key),
    nbytes: w.nbytes,
    lastSeen: w.lastSeen,
    bandwidth: w.bandwidth,
    memory: w.metrics?.memory ?? 0,
    spilledBytes: w.metrics?.spilledBytes ?? 0,
  };
}
