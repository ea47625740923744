// The public types of a worker process: the options of `startWorker` (the `tessera worker` flags), the observer hooks
// the dashboard attaches, and the handle a caller gets back. Kept apart from process.ts, which composes the edges.
import type { CommLogger, SecurityOptions } from '../comm/index.js';
import type { Resources, WorkerAddress, WorkerMetrics } from '../protocol/messages.js';
import type { MemoryThresholds } from './memory/policy.js';
import type { DataStore } from './memory/store.js';
import type { WorkerEvent, WorkerInstruction } from './state/types.js';
import type { WorkerState } from './state/worker_state.js';

/** Options of {@link startWorker} (the `tessera worker` flags). */
export interface WorkerOptions {
  /** The scheduler: `tcp://host:port` or `tls://host:port`. */
  readonly scheduler: string;
  /** Threads of the worker's pool. Default 1. */
  readonly nthreads?: number;
  /** Memory limit: bytes or text (`4GB`, `512MiB`); 0 or absent: no limit (no spilling, pausing or restarting). */
  readonly memoryLimit?: number | string;
  /** Declared resources (`{ GPU: 1 }`). */
  readonly resources?: Resources;
  /** Name shown by the scheduler. Default `<hostname>-<pid>`. */
  readonly name?: string;
  /** Directory for spilled results and uploaded modules. Default: a new directory under the OS temp dir, removed on close. */
  readonly localDir?: string;
  /** Interface the worker's own server binds (peers and clients connect there). Default: 127.0.0.1 for a loopback scheduler, else 0.0.0.0. */
  readonly host?: string;
  /** Host advertised to the scheduler and peers. Default: `host`, or this machine's first external IPv4 for 0.0.0.0. */
  readonly contactHost?: string;
  /** Port of the worker's server; 0 (default) picks a free one. */
  readonly port?: number;
  /** Token and/or TLS, the same as the scheduler's. */
  readonly security?: SecurityOptions;
  /** Heartbeat period, ms. Default 500. */
  readonly heartbeatMs?: number;
  /**
   * A scheduler not heard from for this long (it answers every heartbeat) is presumed gone: the connection is
   * dropped and retried. Default 30,000.
   */
  readonly schedulerSilenceMs?: number;
  /**
   * Stop the worker when the scheduler has not been heard from for this long, connected or not (dask's
   * `death-timeout`), ms. Default: never; the worker keeps trying to reconnect.
   */
  readonly deathTimeoutMs?: number;
  /** Memory thresholds (fractions of the limit; `false` disables one) and sampling period. */
  readonly memory?: {
    readonly thresholds?: Partial<MemoryThresholds>;
    readonly intervalMs?: number;
    /** The memory measure (default: the process's RSS); tests substitute their own. */
    readonly rss?: () => number;
  };
  /** Modules every pool thread imports at start (see ThreadPool). */
  readonly preload?: readonly string[];
  /** SIGTERM retires the worker gracefully, SIGINT closes it (for the CLI). Default false. */
  readonly handleSignals?: boolean;
  /** How long to wait for the scheduler at start, ms. Default 10,000. */
  readonly connectTimeoutMs?: number;
  /** Longest a retirement may take before the worker exits anyway, ms. Default 60,000. */
  readonly retireTimeoutMs?: number;
  /**
   * Longest wait for a peer's answer to get-data, ms; then the peer is presumed gone for this worker. Default
   * 30,000 plus the time the requested bytes take at 10 MB/s.
   */
  readonly gatherTimeoutMs?: number;
  /** Most get-data requests served at once; more are answered `busy`. Default 10. */
  readonly maxOutgoingTransfers?: number;
  readonly log?: CommLogger;
  /** The worker's dashboard address (`http://host:port/`), reported in register-worker. */
  readonly dashboardAddress?: string;
  /** Told the state machine's events and instructions and each heartbeat's metrics (the dashboard; O(1) each). */
  readonly observer?: WorkerObserver;
}

/** See WorkerOptions.observer. `now` is epoch ms. */
export interface WorkerObserver {
  event(event: WorkerEvent, now: number): void;
  instruction(instruction: WorkerInstruction, now: number): void;
  heartbeat(metrics: WorkerMetrics, now: number): void;
}

/** A running worker. */
export interface WorkerHandle {
  /** Where peers and clients reach this worker. */
  readonly address: WorkerAddress;
  readonly name: string;
  readonly localDir: string;
  /** The current state machine (read-only use: tests, debugging). Replaced on restart. */
  readonly state: WorkerState;
  /** The current data store. Replaced on restart. */
  readonly store: DataStore;
  /** Self-restarts past the terminate threshold so far. */
  readonly restarts: number;
  /** Resolves with the reason once the worker has stopped (closed, retired, or told to close). */
  readonly closed: Promise<string>;
  /** The metrics the next heartbeat would carry. */
  metrics(): WorkerMetrics;
  /** Retires gracefully (see the file header); resolves when the worker has stopped. */
  retire(): Promise<string>;
  /** Stops at once: running tasks are abandoned, data dropped. */
  close(reason?: string): Promise<string>;
}
