/**
 * The cluster's wire messages: what the scheduler, the workers and the clients say to each other.
 *
 * These are the only types shared by the three processes. The scheduler's and the worker's state machines keep
 * their own event and instruction types (src/distributed/scheduler/, src/distributed/worker/); the I/O edges
 * translate between those and these messages, as dask's worker.py translates between its handlers and
 * worker_state_machine.py. Every key travels as its canonical id (`keyId` in src/graph/keys.ts): a string.
 *
 * Every message carries `op`. Messages that cause state changes carry `stimulusId`, a unique id that the
 * receiving state machine records with every transition it makes in response, so a log can tell why a task moved.
 *
 * Values (task results, scattered data) never travel inside the msgpack header: they are serialized by
 * src/distributed/comm/ as a layout plus raw binary frames (see `Payload`).
 */
import type { TaskSpec } from '../../graph/task.js';

/** Canonical key id (see `keyId`). */
export type KeyId = string;

/** A worker's address as the peers and the scheduler reach it: `tcp://host:port` or `tls://host:port`. */
export type WorkerAddress = string;

/** Named abstract resources: `{ GPU: 1, MEMORY: 5e9 }`. */
export type Resources = Readonly<Record<string, number>>;

/** What an error looked like where it was thrown (errors do not survive serialization intact). */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Where it happened: the worker's address or name, when a worker reports it. */
  readonly worker?: string;
}

/** An interval of work on a worker, for the task stream and for bandwidth / duration estimates. */
export interface StartStop {
  readonly action: 'compute' | 'transfer' | 'disk-read' | 'disk-write' | 'deserialize';
  /** Epoch milliseconds. */
  readonly start: number;
  readonly stop: number;
  /** For a transfer: the peer it came from. */
  readonly source?: WorkerAddress;
}

/**
 * A value on the wire: opaque to the header. The comm layer puts its layout in the header and its buffers in the
 * frames that follow (see src/distributed/comm/). On receipt it is the deserialized value again.
 */
export type Payload = unknown;

// ---------------------------------------------------------------------------------------------------------------
// Handshake (every connection, before anything else)
// ---------------------------------------------------------------------------------------------------------------

/** Who is connecting. */
export type PeerRole = 'client' | 'worker' | 'scheduler' | 'peer';

// ---------------------------------------------------------------------------------------------------------------
// Scheduler -> worker
// ---------------------------------------------------------------------------------------------------------------

/** One task the scheduler commits to a worker (dask's compute-task). */
export interface ComputeTaskMsg {
  readonly key: KeyId;
  readonly spec: TaskSpec;
  /** Graph order first (lower runs first), then submission generation, as in dask's priority tuple. */
  readonly priority: readonly number[];
  /** For each dependency: the workers that hold it. */
  readonly whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>;
  /** For each dependency: its size in bytes, to plan fetches. */
  readonly nbytes: Readonly<Record<KeyId, number>>;
  readonly resources?: Resources;
  /** Expected run time in ms (the prefix's average), 0 if unknown. */
  readonly duration: number;
}

export type SchedulerToWorker =
  /** The answer to every heartbeat, sent by the scheduler's I/O edge: the worker's proof that it is alive. */
  | { readonly op: 'heartbeat-ack' }
  /** A batch of tasks to run, in one message. */
  | { readonly op: 'compute-tasks'; readonly tasks: readonly ComputeTaskMsg[]; readonly stimulusId: string }
  /** Forget these keys (the results are no longer wanted, or the tasks were cancelled). */
  | { readonly op: 'free-keys'; readonly keys: readonly KeyId[]; readonly stimulusId: string }
  /** Fetch replicas of these keys from the named workers (used when retiring a worker and for rebalancing). */
  | {
      readonly op: 'acquire-replicas';
      readonly whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>;
      readonly nbytes: Readonly<Record<KeyId, number>>;
      readonly stimulusId: string;
    }
  /** Drop these replicas (another worker holds them). */
  | { readonly op: 'remove-replicas'; readonly keys: readonly KeyId[]; readonly stimulusId: string }
  /** Work stealing: give this queued task back if it has not started. Answered by `steal-response`. */
  | { readonly op: 'steal-request'; readonly key: KeyId; readonly stimulusId: string }
  /** A user module shipped by `client.uploadModule`: store it in the local dir and import from there. */
  | { readonly op: 'upload-module'; readonly name: string; readonly source: Uint8Array }
  /** Stop taking tasks, hand results over, exit (retire_workers). */
  | { readonly op: 'retire'; readonly stimulusId: string }
  | { readonly op: 'close'; readonly reason: string };

// ---------------------------------------------------------------------------------------------------------------
// Worker -> scheduler
// ---------------------------------------------------------------------------------------------------------------

/** What a worker measures about itself, sent with every heartbeat. */
export interface WorkerMetrics {
  /** Resident set size of the process, bytes (the real memory, not only the worker's accounting). */
  readonly memory: number;
  /** Bytes of results held in memory by the worker's own accounting. */
  readonly managedBytes: number;
  /** Bytes of results spilled to disk. */
  readonly spilledBytes: number;
  /** CPU use of the process since the last heartbeat, 0..nthreads*100. */
  readonly cpu: number;
  readonly executing: number;
  readonly ready: number;
  readonly inFlight: number;
  /** Measured transfer bandwidth from peers, bytes/s (0 if none yet). */
  readonly bandwidth: number;
  /** Bytes received from and sent to peers since the last heartbeat, per peer. */
  readonly transfers: Readonly<Record<WorkerAddress, { readonly bytesIn: number; readonly bytesOut: number }>>;
  readonly eventLoopLagMs: number;
  /** 'running', 'paused' (past the pause threshold of the memory limit) or 'closing-gracefully'. */
  readonly status: 'running' | 'paused' | 'closing-gracefully';
}

export type WorkerToScheduler =
  | {
      readonly op: 'register-worker';
      /** Where peers and clients reach this worker's own server. */
      readonly address: WorkerAddress;
      readonly name: string;
      readonly nthreads: number;
      readonly memoryLimit: number;
      readonly resources: Resources;
      readonly localDir: string;
      readonly dashboardAddress?: string;
      /** Keys the worker already holds (a worker that reconnects after a cut link). */
      readonly keys: readonly KeyId[];
      readonly nbytes: Readonly<Record<KeyId, number>>;
    }
  | { readonly op: 'heartbeat'; readonly metrics: WorkerMetrics }
  | {
      readonly op: 'task-finished';
      readonly key: KeyId;
      readonly nbytes: number;
      /** A short type name of the result (Batch, number, ...), for the dashboard. */
      readonly type: string;
      readonly startstops: readonly StartStop[];
      readonly stimulusId: string;
    }
  | {
      readonly op: 'task-erred';
      readonly key: KeyId;
      readonly error: WireError;
      readonly startstops: readonly StartStop[];
      readonly stimulusId: string;
    }
  /** The worker now holds replicas of these keys (after acquire-replicas or a fetch for its own tasks). */
  | { readonly op: 'add-keys'; readonly keys: readonly KeyId[]; readonly stimulusId: string }
  /** The worker dropped its replica of these keys. */
  | { readonly op: 'release-worker-data'; readonly keys: readonly KeyId[]; readonly stimulusId: string }
  /** A peer said it does not hold `key`: the scheduler's who_has was stale. */
  | {
      readonly op: 'missing-data';
      readonly key: KeyId;
      readonly errantWorker: WorkerAddress;
      readonly stimulusId: string;
    }
  /** Answer to steal-request: the task's state on the victim when the request arrived. */
  | { readonly op: 'steal-response'; readonly key: KeyId; readonly state: string | null; readonly stimulusId: string }
  /** The worker could not run this task for a reason that is not the task's fault (e.g. paused before start). */
  | { readonly op: 'reschedule'; readonly key: KeyId; readonly stimulusId: string }
  /** Retirement done: the worker handed everything over and is about to exit. */
  | { readonly op: 'retired' };

// ---------------------------------------------------------------------------------------------------------------
// Client -> scheduler
// ---------------------------------------------------------------------------------------------------------------

/** One task of a graph a client submits. */
export interface ClientTask {
  readonly key: KeyId;
  readonly spec: TaskSpec;
  /** Graph order within the submission (src/graph/order.ts); the scheduler adds the submission generation. */
  readonly order: number;
  readonly resources?: Resources;
  readonly retries?: number;
  /** Restrict to these workers (addresses or names). */
  readonly workers?: readonly string[];
  /** User priority: higher runs first, as in Dask. */
  readonly priority?: number;
}

export type ClientToScheduler =
  | { readonly op: 'register-client'; readonly clientId: string }
  | {
      readonly op: 'update-graph';
      readonly clientId: string;
      readonly tasks: readonly ClientTask[];
      /** Keys the client holds futures for: they stay in memory until released. */
      readonly wants: readonly KeyId[];
      readonly stimulusId: string;
    }
  /** The client dropped its last future for these keys (reference counting per client). */
  | { readonly op: 'client-releases-keys'; readonly clientId: string; readonly keys: readonly KeyId[] }
  | { readonly op: 'client-desires-keys'; readonly clientId: string; readonly keys: readonly KeyId[] }
  | { readonly op: 'cancel-keys'; readonly clientId: string; readonly keys: readonly KeyId[] }
  /** Where are these keys? Answered by `who-has`; the client then fetches the values from the workers directly. */
  | { readonly op: 'who-has'; readonly requestId: number; readonly keys: readonly KeyId[] }
  /** Data the client sent to workers itself (scatter): the scheduler records it as in memory there. */
  | {
      readonly op: 'update-data';
      readonly clientId: string;
      readonly whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>;
      readonly nbytes: Readonly<Record<KeyId, number>>;
    }
  | { readonly op: 'upload-module'; readonly requestId: number; readonly name: string; readonly source: Uint8Array }
  /** Workers and their metrics (for scatter placement, tests and the dashboard). */
  | { readonly op: 'identity'; readonly requestId: number }
  | { readonly op: 'close-client'; readonly clientId: string };

// ---------------------------------------------------------------------------------------------------------------
// Scheduler -> client
// ---------------------------------------------------------------------------------------------------------------

export type SchedulerToClient =
  | { readonly op: 'key-in-memory'; readonly key: KeyId; readonly nbytes: number; readonly type: string }
  | { readonly op: 'task-erred'; readonly key: KeyId; readonly error: WireError }
  | { readonly op: 'task-cancelled'; readonly key: KeyId }
  /** A result the client holds a future for was lost with its worker and is being recomputed. */
  | { readonly op: 'lost-data'; readonly key: KeyId }
  | {
      readonly op: 'who-has';
      readonly requestId: number;
      readonly whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>;
    }
  | { readonly op: 'reply'; readonly requestId: number; readonly value?: unknown; readonly error?: WireError };

// ---------------------------------------------------------------------------------------------------------------
// Worker <-> worker, and client -> worker (data plane)
// ---------------------------------------------------------------------------------------------------------------

export type DataRequest =
  /** Send me these keys. Answered by `data`. */
  | { readonly op: 'get-data'; readonly requestId: number; readonly keys: readonly KeyId[]; readonly who: string }
  /** Store these values (scatter from a client, or a retiring worker handing results over). */
  | {
      readonly op: 'put-data';
      readonly requestId: number;
      readonly data: Readonly<Record<KeyId, Payload>>;
    };

export type DataResponse =
  /** The values this worker holds among those asked for; missing keys are listed. */
  | {
      readonly op: 'data';
      readonly requestId: number;
      readonly data: Readonly<Record<KeyId, Payload>>;
      readonly missing: readonly KeyId[];
    }
  /** The worker is too busy right now (dask's "busy" answer): retry later or elsewhere. */
  | { readonly op: 'busy'; readonly requestId: number }
  | { readonly op: 'put-ok'; readonly requestId: number; readonly nbytes: Readonly<Record<KeyId, number>> };

/**
 * Version of this protocol, checked in the handshake: a peer with another major version is refused.
 * 2: msgpack records for small objects (comm/serialize.ts) and the scheduler's `heartbeat-ack`.
 */
export const PROTOCOL_VERSION = 2;
