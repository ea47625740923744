/**
 * Events into and instructions out of the worker's pure state machine (`WorkerState.handle`).
 *
 * The worker process edge (process.ts) turns scheduler messages, finished thread-pool runs, finished peer fetches
 * and memory-manager decisions into events, and carries out the instructions the state machine returns: run a task,
 * fetch keys from a peer, send a message to the scheduler, drop values from the data store. Values themselves never
 * enter the state machine: it tracks keys, states, sizes and holders; the edge's data store (memory/store.ts) holds
 * the values, so a test can drive every transition without threads, sockets or data.
 */

import type { TaskSpec } from '../../../graph/task.js';
import type {
  ComputeTaskMsg,
  KeyId,
  StartStop,
  WireError,
  WorkerAddress,
  WorkerToScheduler,
} from '../../protocol/messages.js';

/**
 * A task's state on this worker.
 *
 * Compute path: `waiting` (some dependency not here yet) -> `ready` (no resources needed) or `constrained` (needs
 * declared resources) -> `executing` -> `memory` | `error`.
 * Dependency path: `fetch` (a peer holds it, not requested yet) -> `flight` (requested from one peer) -> `memory`;
 * `missing` when no known peer holds it any more (the scheduler will send new holders or free the dependents).
 * `cancelled`: the scheduler freed a task while it was executing or in flight; threads and transfers are not
 * interrupted, their outcome is dropped when it arrives (or kept, if the scheduler asks for the key again first).
 * `released`: known only as a dependency being set up; a task with nothing left to do is forgotten (removed).
 */
export type WorkerTaskState =
  | 'released'
  | 'waiting'
  | 'ready'
  | 'constrained'
  | 'executing'
  | 'fetch'
  | 'flight'
  | 'missing'
  | 'memory'
  | 'error'
  | 'cancelled';

/** Whether the worker takes new work: `paused` past the memory pause threshold, `closing-gracefully` when retiring. */
export type WorkerStatus = 'running' | 'paused' | 'closing-gracefully';

/** Options of a {@link WorkerState}. */
export interface WorkerStateOptions {
  /** This worker's own address (never fetched from). */
  readonly address: WorkerAddress;
  /** Tasks executing at once (the thread pool's size). */
  readonly nthreads: number;
  /** Declared resources: a task needing `{ GPU: 1 }` runs only while 1 GPU is free of the declared total. */
  readonly resources?: Readonly<Record<string, number>>;
  /** Most bytes requested from one peer in one gather (dask's transfer.message-bytes-limit). Default 50 MB. */
  readonly transferMessageBytesLimit?: number;
  /** Most peers with a gather outstanding at once. Default 50. */
  readonly maxConcurrentGathers?: number;
  /** Wait before asking a peer that answered `busy` again, ms. Default 150. */
  readonly busyRetryMs?: number;
  /** Check every invariant after every event (tests): a broken invariant throws a WorkerError INVARIANT. */
  readonly validate?: boolean;
  /** Transitions kept for `story()`. Default 10,000. */
  readonly storyLength?: number;
  /**
   * Expected work (ms, from the scheduler's `duration`) of a batch of ready tasks handed to one thread at once.
   * Default 10. Tasks of unknown duration and tasks needing resources run alone.
   */
  readonly batchTargetMs?: number;
  /** Most tasks in one batch. Default 256; 1 turns batching off. */
  readonly maxBatchSize?: number;
}

/** What the state machine is told. Every event carries the stimulus id of what caused it. */
export type WorkerEvent =
  /** The scheduler committed these tasks to this worker (one `compute-tasks` message). */
  | { readonly type: 'compute-tasks'; readonly tasks: readonly ComputeTaskMsg[]; readonly stimulusId: string }
  /** The scheduler no longer wants these keys (released, cancelled or stolen). */
  | { readonly type: 'free-keys'; readonly keys: readonly KeyId[]; readonly stimulusId: string }
  /** The scheduler asks to drop replicas: dropped unless a local task still needs them. */
  | { readonly type: 'remove-replicas'; readonly keys: readonly KeyId[]; readonly stimulusId: string }
  /** The scheduler asks for replicas of these keys from the listed holders. */
  | {
      readonly type: 'acquire-replicas';
      readonly whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>;
      readonly nbytes: Readonly<Record<KeyId, number>>;
      readonly stimulusId: string;
    }
  /** Work stealing: give `key` back if it has not started; answered with `steal-response`. */
  | { readonly type: 'steal-request'; readonly key: KeyId; readonly stimulusId: string }
  /** New holders for keys this worker fetches (replaces what it knew for those keys). */
  | {
      readonly type: 'refresh-who-has';
      readonly whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>;
      readonly stimulusId: string;
    }
  /** A task ran; the edge has already put its value in the data store. */
  | {
      readonly type: 'execute-success';
      readonly key: KeyId;
      readonly nbytes: number;
      /** Short type name of the value (Batch, number, ...). */
      readonly valueType: string;
      readonly startstops: readonly StartStop[];
      readonly stimulusId: string;
    }
  /** A task threw (or its op could not be loaded). */
  | {
      readonly type: 'execute-failure';
      readonly key: KeyId;
      readonly error: WireError;
      readonly startstops: readonly StartStop[];
      readonly stimulusId: string;
    }
  /**
   * A gather from `worker` answered: `nbytes` lists the keys received (already in the data store), `missing` those
   * the peer said it does not hold. Requested keys in neither list count as missing.
   */
  | {
      readonly type: 'gather-dep-success';
      readonly worker: WorkerAddress;
      readonly nbytes: Readonly<Record<KeyId, number>>;
      readonly missing: readonly KeyId[];
      readonly stimulusId: string;
    }
  /** The peer answered `busy`: its keys go back to fetch and the peer is left alone for a while. */
  | { readonly type: 'gather-dep-busy'; readonly worker: WorkerAddress; readonly stimulusId: string }
  /** The connection to the peer failed: it is presumed gone, and forgotten as a holder of every key. */
  | {
      readonly type: 'gather-dep-failure';
      readonly worker: WorkerAddress;
      readonly error: WireError;
      readonly stimulusId: string;
    }
  /** The wait after a `busy` answer is over (sent by the edge after a `retry-busy-later` instruction). */
  | { readonly type: 'busy-retry'; readonly worker: WorkerAddress; readonly stimulusId: string }
  /** A client or a retiring worker stored these values here (put-data); the edge has stored them already. */
  | {
      readonly type: 'put-data';
      readonly nbytes: Readonly<Record<KeyId, number>>;
      readonly stimulusId: string;
    }
  /** The memory manager crossed the pause threshold upwards (pause) or back below it (unpause). */
  | { readonly type: 'pause'; readonly stimulusId: string }
  | { readonly type: 'unpause'; readonly stimulusId: string }
  /**
   * Retire gracefully: take no new task, hand tasks that have not started back to the scheduler (`reschedule`),
   * let executing tasks and transfers finish, then emit `retire-drained` with the keys to hand over.
   */
  | { readonly type: 'retire'; readonly stimulusId: string };

/** What the edge must do. */
export type WorkerInstruction =
  /**
   * Run these tasks, in order, on one thread of the pool, with the values of their dependencies (all in the data
   * store). Each task's outcome comes back as its own execute-success / execute-failure event; the thread counts as
   * busy until all of them have.
   */
  | {
      readonly type: 'execute';
      readonly tasks: readonly ExecuteTask[];
      readonly stimulusId: string;
    }
  /** Ask `worker` for `keys` in one get-data request (all its keys this worker needs, up to the bytes limit). */
  | {
      readonly type: 'gather-dep';
      readonly worker: WorkerAddress;
      readonly keys: readonly KeyId[];
      readonly totalNbytes: number;
      readonly stimulusId: string;
    }
  /** Send this message to the scheduler. */
  | { readonly type: 'send'; readonly msg: WorkerToScheduler }
  /** Drop these keys' values from the data store (memory and disk). */
  | { readonly type: 'forget-data'; readonly keys: readonly KeyId[] }
  /** Send a `busy-retry` event for `worker` after `delayMs`. */
  | { readonly type: 'retry-busy-later'; readonly worker: WorkerAddress; readonly delayMs: number }
  /** Retiring: nothing executes or is in flight any more; hand these keys to other workers, then exit. */
  | { readonly type: 'retire-drained'; readonly keys: readonly KeyId[]; readonly stimulusId: string };

/** One task of an `execute` instruction. */
export interface ExecuteTask {
  readonly key: KeyId;
  readonly spec: TaskSpec;
  readonly dependencies: readonly KeyId[];
}

/** One recorded transition, for `story(key)` (why did this task move?). */
export interface Transition {
  readonly key: KeyId;
  readonly from: WorkerTaskState;
  readonly to: WorkerTaskState | 'forgotten';
  readonly stimulusId: string;
}

/** A read-only view of one task, for tests, metrics and debugging. */
export interface TaskView {
  readonly key: KeyId;
  readonly state: WorkerTaskState;
  /** For `cancelled`: the state it was cancelled from (`executing` or `flight`). */
  readonly previous: WorkerTaskState | undefined;
  /** The scheduler wants this key computed or held here (as opposed to a dependency only). */
  readonly wanted: boolean;
  readonly priority: readonly number[];
  readonly nbytes: number;
  readonly whoHas: readonly WorkerAddress[];
  readonly dependencies: readonly KeyId[];
  readonly dependents: readonly KeyId[];
  readonly resources: Readonly<Record<string, number>> | undefined;
  /** For `flight`: the peer it is coming from. */
  readonly comingFrom: WorkerAddress | undefined;
}
