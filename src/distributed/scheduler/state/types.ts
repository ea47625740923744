/**
 * The scheduler state machine's inputs (events) and outputs (actions).
 *
 * The state machine is pure: it never reads a clock, a socket or a file. The scheduler server
 * (src/distributed/scheduler/server.ts) turns every message it receives into an event, calls
 * `SchedulerState.handle(event)` and performs the actions it gets back, in order. Time comes in with each event
 * (`now`, epoch ms), so heartbeat timeouts and stealing rounds are driven by `tick` events the server sends on a
 * timer (every ~100 ms is plenty).
 *
 * Every event has a stimulus id: the one the message carried, or one the state machine makes up
 * (`<event>-<counter>`). Every transition it makes in response is recorded with that id (see `story`).
 */
import type {
  ClientToScheduler,
  KeyId,
  SchedulerToClient,
  SchedulerToWorker,
  WorkerAddress,
  WorkerToScheduler,
} from '../../protocol/messages.js';

/** A client's id, as it registered (`register-client`). Several clients can share one scheduler. */
export type ClientId = string;

/** The scheduler's states of a task (dask's, same meanings). */
export type TaskStateName =
  /** Known, nothing happening: not needed now (its lineage is kept while a dependent exists). */
  | 'released'
  /** Needed, some dependency not in memory yet. */
  | 'waiting'
  /** Ready root task held by the scheduler until a worker has a free thread (root-task queuing). */
  | 'queued'
  /** Ready, but no connected worker can run it (resources, worker restrictions, or no workers at all). */
  | 'no-worker'
  /** Committed to one worker (queued there or running: the scheduler cannot tell). */
  | 'processing'
  /** The result is held by one or more workers. */
  | 'memory'
  /** The task or one of its dependencies failed; `exception` says why. */
  | 'erred'
  /** Dropped: nobody wants it and nothing depends on it. Never seen in the task table. */
  | 'forgotten';

/** The `register-worker` message, as the worker sent it. */
export type RegisterWorkerMsg = Extract<WorkerToScheduler, { readonly op: 'register-worker' }>;

/** What the server tells the state machine. `now` is the server's clock (epoch ms) when the event happened. */
export type SchedulerEvent =
  /** A worker connected and registered (or re-registered after a cut link, listing the keys it still holds). */
  | { readonly type: 'add-worker'; readonly now: number; readonly msg: RegisterWorkerMsg; readonly stimulusId?: string }
  /**
   * A worker is gone: its connection closed, or it said `retired`. Its running tasks are rescheduled and its
   * results that nobody else holds are recomputed from lineage. `graceful` (a retiring worker that handed its
   * results over, or a deliberate close) does not count toward KilledWorker.
   */
  | {
      readonly type: 'remove-worker';
      readonly now: number;
      readonly worker: WorkerAddress;
      readonly reason: string;
      readonly graceful?: boolean;
      readonly stimulusId?: string;
    }
  /**
   * Retire a worker gracefully (an admin request): it is sent `retire`, gets no new tasks, its unstarted tasks are
   * taken back, the results only it holds are replicated to other workers (`acquire-replicas`), then it is closed
   * (`close-worker`) and removed. A worker whose heartbeat says `closing-gracefully` (SIGTERM) is retired the same
   * way without being sent `retire`.
   */
  | {
      readonly type: 'retire-worker';
      readonly now: number;
      readonly worker: WorkerAddress;
      readonly stimulusId?: string;
    }
  /** A message from a registered worker (everything except `register-worker`, which is `add-worker`). */
  | {
      readonly type: 'worker-message';
      readonly now: number;
      readonly worker: WorkerAddress;
      readonly msg: WorkerToScheduler;
    }
  /** A message from a client connection. `client` is the connection's client id (replies go there). */
  | {
      readonly type: 'client-message';
      readonly now: number;
      readonly client: ClientId;
      readonly msg: ClientToScheduler;
    }
  /** Time passed: detect workers whose last message is older than `workerTtlMs`, and run a stealing round. */
  | { readonly type: 'tick'; readonly now: number };

/** The event types, for switch statements and logs. */
export type SchedulerEventType = SchedulerEvent['type'];

/** What the server must do. Perform them in order: a worker's messages must reach it in the order given. */
export type SchedulerAction =
  /** Send `msg` to the worker at `worker`. Compute-tasks for one worker in one `handle` come as one batch. */
  | { readonly type: 'send-worker'; readonly worker: WorkerAddress; readonly msg: SchedulerToWorker }
  /** Send `msg` to the client `client` (dropped by the server if that client is gone). */
  | { readonly type: 'send-client'; readonly client: ClientId; readonly msg: SchedulerToClient }
  /**
   * Close the connection to this worker (it timed out, or it retired). The state machine has already removed it;
   * the server must not send `remove-worker` for it again (a later one is ignored anyway). With `abort`, the
   * connection is reset without a `close` message: the worker is presumed unreachable, and a goodbye queued behind a
   * cut link would arrive only once the link returns, stopping a worker that should then rejoin.
   */
  | { readonly type: 'close-worker'; readonly worker: WorkerAddress; readonly reason: string; readonly abort?: true }
  /** Something worth logging: a worker that died, a task that erred, a message that made no sense. */
  | {
      readonly type: 'log';
      readonly level: 'debug' | 'info' | 'warn' | 'error';
      readonly message: string;
      readonly stimulusId: string;
    };

/** One recorded transition (see `SchedulerState.story`). */
export interface TransitionRecord {
  readonly key: KeyId;
  readonly start: TaskStateName;
  readonly finish: TaskStateName;
  readonly stimulusId: string;
  /** The event's `now`. */
  readonly time: number;
}

/** Tuning of the state machine. Every field has a default (`DEFAULT_SCHEDULER_CONFIG`). */
export interface SchedulerConfig {
  /**
   * Root-task queuing: a worker gets at most `ceil(workerSaturation * nthreads)` queued root tasks at a time
   * (dask's `worker-saturation`, 1.1). `Infinity` turns queuing off: root tasks are placed like any other.
   */
  readonly workerSaturation: number;
  /**
   * Root tasks whose measured duration is short get more slots, so a worker keeps about this much root work
   * (per thread) in hand and a scheduler round trip does not leave it idle: slots per thread =
   * `max(workerSaturation, min(maxRootSlotsPerThread, rootHorizonMs / duration))`. 0 disables it.
   */
  readonly rootHorizonMs: number;
  /** Upper bound of root slots per thread that `rootHorizonMs` may give (memory stays bounded). */
  readonly maxRootSlotsPerThread: number;
  /** Expected duration (ms) of a task whose group has no measurement yet (dask: 500 ms). */
  readonly unknownTaskDurationMs: number;
  /** Bandwidth (bytes/s) assumed until workers report a measured one (dask: 100 MB/s). */
  readonly defaultBandwidth: number;
  /** Fixed cost (ms) of moving a task to another worker, added to its transfer time by the stealing model. */
  readonly stealLatencyMs: number;
  /** Minimum interval between two stealing rounds (driven by ticks); 0 disables stealing. */
  readonly stealIntervalMs: number;
  /** A worker not heard from for this long (ms) is removed as dead. */
  readonly workerTtlMs: number;
  /**
   * A gap longer than this (ms) between two consecutive events means the scheduler itself was blocked (ingesting a
   * huge graph, say): the workers' messages were waiting in its sockets, so that time does not count as their
   * silence. The server's ticks must come more often than this.
   */
  readonly stallGraceMs: number;
  /**
   * A task that was processing on this many workers that died fails with KilledWorker (3, as the issue asks; dask's
   * `allowed-failures` of 3 fails it at the 4th). Restarts past the memory limit count as deaths (failures.ts).
   */
  readonly killedWorkerLimit: number;
  /** Transitions kept for `story` (a ring). */
  readonly storyLength: number;
  /** Check every invariant after each event (tests; O(tasks) per event). */
  readonly validate: boolean;
}

/** The defaults: dask's where dask has one. */
export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  workerSaturation: 1.1,
  rootHorizonMs: 20,
  maxRootSlotsPerThread: 500,
  unknownTaskDurationMs: 500,
  defaultBandwidth: 100e6,
  stealLatencyMs: 5,
  stealIntervalMs: 200,
  workerTtlMs: 10_000,
  stallGraceMs: 1000,
  killedWorkerLimit: 3,
  storyLength: 100_000,
  validate: false,
};

/** A public snapshot of one task (for tests, the dashboard and `identity`). */
export interface TaskInfo {
  readonly key: KeyId;
  readonly state: TaskStateName;
  /** `[-userPriority, generation, graph order]`: lower runs first. */
  readonly priority: readonly number[];
  readonly processingOn: WorkerAddress | undefined;
  readonly whoHas: readonly WorkerAddress[];
  readonly nbytes: number;
  readonly dependencies: readonly KeyId[];
  readonly dependents: readonly KeyId[];
  /** Clients holding a future for it. */
  readonly wantedBy: readonly ClientId[];
  readonly retries: number;
  /** Workers that died while it was processing there. */
  readonly suspicious: number;
  readonly exception: { readonly name: string; readonly message: string } | undefined;
  /** The key whose failure made this task err (itself, or a dependency). */
  readonly exceptionBlame: KeyId | undefined;
  readonly group: string;
}

/** A public snapshot of one worker. */
export interface WorkerInfoSnapshot {
  readonly address: WorkerAddress;
  readonly name: string;
  readonly nthreads: number;
  readonly memoryLimit: number;
  readonly resources: Readonly<Record<string, number>>;
  /** Resources taken by the tasks processing there. */
  readonly usedResources: Readonly<Record<string, number>>;
  readonly status: 'running' | 'paused' | 'closing-gracefully';
  /** Keys committed to it. */
  readonly processing: readonly KeyId[];
  /** Expected work committed to it, ms (sum of the tasks' expected durations and transfers). */
  readonly occupancy: number;
  /** Keys it holds. */
  readonly hasWhat: readonly KeyId[];
  readonly nbytes: number;
  readonly lastSeen: number;
  readonly bandwidth: number;
  readonly memory: number;
  readonly spilledBytes: number;
}
