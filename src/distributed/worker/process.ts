/**
 * The worker process's I/O edge: `startWorker(options)` connects to the scheduler, registers, sends heartbeats,
 * turns scheduler messages into `WorkerState` events, runs tasks on its own ThreadPool, fetches dependencies
 * straight from peers, serves get-data / put-data to peers and clients, and runs the memory manager (spill past
 * 60% of the memory limit, pause past 80%, restart past 95%).
 *
 * Lifecycle:
 * - a lost scheduler connection (cut link, scheduler restart) is retried with back-off; the worker re-registers
 *   with the keys it still holds, and drops the tasks it had not finished (the scheduler rescheduled them);
 * - `retire()` (SIGTERM with `handleSignals`, or the scheduler's `retire`): no new task starts, unstarted tasks go
 *   back to the scheduler, running ones finish; the scheduler has the results only this worker holds copied to
 *   other workers (acquire-replicas: they get-data from here), then tells it to close; without a scheduler the
 *   worker exits as soon as it is drained;
 * - restart past the terminate threshold: in the same process, the worker drops its data, its threads and its
 *   scheduler connection (the scheduler sees a dead worker and recovers from lineage), then registers again as a
 *   fresh worker on the same address. No separate nanny process is needed, and LocalCluster keeps one child per
 *   worker.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { opName } from '../../ops/registry.js';
import { ThreadPool } from '../../scheduler/pool.js';
import type { BatchRequest } from '../../scheduler/protocol.js';
import { estimateBytes } from '../../scheduler/size.js';
import {
  type Comm,
  type CommLogger,
  connect,
  isLoopback,
  type Listener,
  listen,
  parseAddress,
  type SecurityOptions,
  stderrLogger,
} from '../comm/index.js';
import type {
  DataRequest,
  KeyId,
  Resources,
  SchedulerToWorker,
  WorkerAddress,
  WorkerMetrics,
  WorkerToScheduler,
} from '../protocol/messages.js';
import { executeBatch, typeName } from './edge/executor.js';
import { collectGarbage } from './edge/gc_op.js';
import { MetricsCollector } from './edge/metrics.js';
import { PeerPool } from './edge/peers.js';
import { WorkerError } from './errors.js';
import { enableGc, MemoryManager } from './memory/manager.js';
import { type MemoryThresholds, parseMemorySize } from './memory/policy.js';
import { DataStore } from './memory/store.js';
import type { ExecuteTask, WorkerEvent, WorkerInstruction } from './state/types.js';
import { WorkerState } from './state/worker_state.js';

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

/**
 * Starts a worker: its server, thread pool and memory manager, then registers with the scheduler. Rejects when the
 * scheduler cannot be reached within `connectTimeoutMs` (CommError) or the options are bad (WorkerError).
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const worker = new Worker(options);
  await worker.start();
  return worker;
}

const ONE_GB = 1e9;

class Worker implements WorkerHandle {
  readonly name: string;
  readonly localDir: string;
  address = '';
  state!: WorkerState;
  store!: DataStore;
  restarts = 0;
  readonly closed: Promise<string>;

  private readonly options: WorkerOptions;
  private readonly log: CommLogger;
  private readonly nthreads: number;
  private readonly memoryLimit: number;
  private readonly ownsLocalDir: boolean;
  private readonly uploadDir: string;
  private listener: Listener | undefined;
  private pool!: ThreadPool;
  private memory!: MemoryManager;
  private peers!: PeerPool;
  private readonly metricsCollector = new MetricsCollector();
  private scheduler: Comm | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private incarnation = 0;
  private stopping = false;
  private retiring = false;
  private drained = false;
  private outgoing = 0;
  private stimulusSeq = 0;
  private resolveClosed!: (reason: string) => void;
  private readonly signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
  private readonly served = new Set<Comm>();

  constructor(options: WorkerOptions) {
    this.options = options;
    this.log = options.log ?? stderrLogger;
    parseAddress(options.scheduler); // throws BAD_ARGUMENT naming the address
    this.nthreads = options.nthreads ?? 1;
    if (!Number.isInteger(this.nthreads) || this.nthreads < 1) {
      throw new WorkerError('BAD_ARGUMENT', `worker: --nthreads must be a positive integer, got ${options.nthreads}`);
    }
    const limit =
      typeof options.memoryLimit === 'string' ? parseMemorySize(options.memoryLimit) : (options.memoryLimit ?? 0);
    if (limit === undefined || !(limit >= 0)) {
      throw new WorkerError(
        'BAD_ARGUMENT',
        `worker: --memory-limit ${JSON.stringify(options.memoryLimit)} is not a size (e.g. 4GB, 512MiB, 2e9)`,
      );
    }
    this.memoryLimit = limit;
    this.name = options.name ?? `${hostname()}-${process.pid}`;
    this.ownsLocalDir = options.localDir === undefined;
    this.localDir =
      options.localDir ?? join(tmpdir(), `tessera-worker-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.uploadDir = join(this.localDir, 'modules');
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  async start(): Promise<void> {
    mkdirSync(this.uploadDir, { recursive: true });
    const { host: schedulerHost } = parseAddress(this.options.scheduler);
    const bind = this.options.host ?? (isLoopback(schedulerHost) ? '127.0.0.1' : '0.0.0.0');
    this.listener = await listen({
      ...this.commOptions(),
      host: bind,
      port: this.options.port ?? 0,
      role: 'worker',
      name: this.name,
      onConnection: (comm) => this.serve(comm),
    });
    const { scheme, port } = parseAddress(this.listener.address);
    const contact = this.options.contactHost ?? (bind === '0.0.0.0' ? externalIPv4() : bind);
    this.address = `${scheme}://${contact.includes(':') ? `[${contact}]` : contact}:${port}`;
    this.startIncarnation();
    try {
      await this.connectScheduler(this.options.connectTimeoutMs ?? 10_000);
    } catch (err) {
      await this.shutdown(`cannot reach the scheduler: ${(err as Error).message}`);
      throw err;
    }
    if (this.options.handleSignals) {
      const onTerm = (): void => void this.retire();
      const onInt = (): void => void this.close('SIGINT');
      process.once('SIGTERM', onTerm);
      process.once('SIGINT', onInt);
      this.signalHandlers.push(['SIGTERM', onTerm], ['SIGINT', onInt]);
    }
    this.heartbeat = setInterval(() => this.sendHeartbeat(), this.options.heartbeatMs ?? 500);
    this.heartbeat.unref();
    this.log('info', `worker ${this.name} at ${this.address}, ${this.nthreads} threads, local dir ${this.localDir}`);
  }

  metrics(): WorkerMetrics {
    const stats = this.store.stats();
    const taken = this.metricsCollector.take();
    return {
      memory: process.memoryUsage.rss(),
      managedBytes: stats.memoryBytes,
      spilledBytes: stats.spilledBytes,
      cpu: taken.cpu,
      executing: this.state.executingCount,
      ready: this.state.count('ready') + this.state.count('constrained'),
      inFlight: this.state.inFlightCount,
      bandwidth: this.metricsCollector.bandwidth,
      transfers: taken.transfers,
      eventLoopLagMs: taken.eventLoopLagMs,
      status: this.state.workerStatus,
    };
  }

  retire(): Promise<string> {
    if (this.stopping) return this.closed;
    if (!this.retiring) {
      this.retiring = true;
      this.log('info', `worker ${this.address} retiring`);
      this.handle({ type: 'retire', stimulusId: this.stimulus('retire') });
      this.sendHeartbeat(); // the scheduler learns `closing-gracefully` now, not at the next beat
      const timer = setTimeout(
        () => void this.shutdown('retirement timed out'),
        this.options.retireTimeoutMs ?? 60_000,
      );
      timer.unref();
    }
    return this.closed;
  }

  close(reason = 'closed'): Promise<string> {
    void this.shutdown(reason);
    return this.closed;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Incarnations (a restart starts a new one) and the scheduler link
  // -------------------------------------------------------------------------------------------------------------

  private startIncarnation(): void {
    this.incarnation++;
    this.drained = false;
    this.state = new WorkerState({
      address: this.address,
      nthreads: this.nthreads,
      resources: this.options.resources,
    });
    this.store = new DataStore(join(this.localDir, 'spill'));
    if (this.memoryLimit > 0) enableGc(); // before the threads start, so that they get `gc` too
    const pool = new ThreadPool({ threads: this.nthreads, preload: this.options.preload });
    this.pool = pool;
    this.peers = new PeerPool(this.name, { ...this.commOptions(), connectTimeoutMs: 5000 });
    this.memory = new MemoryManager(this.store, {
      limit: this.memoryLimit,
      thresholds: this.options.memory?.thresholds,
      intervalMs: this.options.memory?.intervalMs,
      rss: this.options.memory?.rss,
      onPause: (paused) => {
        this.log('warn', `worker ${this.address} ${paused ? 'paused: memory above the pause threshold' : 'resumed'}`);
        this.handle({ type: paused ? 'pause' : 'unpause', stimulusId: this.stimulus('memory') });
        this.sendHeartbeat();
      },
      onRestart: (rss) => void this.restart(rss),
      onSpill: (bytes) => this.log('info', `worker ${this.address} spilled ${(bytes / 1e6).toFixed(1)} MB`),
      collectThreads: () => collectPoolGarbage(pool),
    });
    this.memory.start();
  }

  private async restart(rss: number): Promise<void> {
    if (this.stopping) return;
    this.log(
      'warn',
      `worker ${this.address} restarting: memory ${(rss / ONE_GB).toFixed(2)} GB (results in memory ` +
        `${(this.store.stats().memoryBytes / ONE_GB).toFixed(2)} GB) is past the terminate threshold of the ` +
        `${(this.memoryLimit / ONE_GB).toFixed(2)} GB limit`,
    );
    const old = {
      pool: this.pool,
      memory: this.memory,
      peers: this.peers,
      store: this.store,
      scheduler: this.scheduler,
    };
    this.scheduler = undefined;
    old.memory.stop();
    old.peers.close();
    old.store.clear();
    old.scheduler?.close('worker restarting');
    await old.pool.close();
    if (this.stopping) return;
    this.startIncarnation();
    this.restarts++;
    this.scheduleReconnect(0);
  }

  private async connectScheduler(timeoutMs: number): Promise<void> {
    const incarnation = this.incarnation;
    const comm = await connect(this.options.scheduler, {
      ...this.commOptions(),
      role: 'worker',
      name: this.name,
      timeoutMs,
    });
    if (this.stopping || incarnation !== this.incarnation) {
      comm.close('worker stopped meanwhile');
      return;
    }
    this.scheduler = comm;
    const keys = this.state.memoryKeys();
    const nbytes: Record<KeyId, number> = {};
    for (const k of keys) nbytes[k] = this.state.task(k)!.nbytes;
    comm.send({
      op: 'register-worker',
      address: this.address,
      name: this.name,
      nthreads: this.nthreads,
      memoryLimit: this.memoryLimit,
      resources: this.options.resources ?? {},
      localDir: this.localDir,
      ...(this.options.dashboardAddress !== undefined ? { dashboardAddress: this.options.dashboardAddress } : {}),
      keys,
      nbytes,
    } satisfies WorkerToScheduler);
    comm.onMessage((msg) => this.onSchedulerMessage(msg as SchedulerToWorker));
    comm.onClose((info) => {
      if (this.scheduler !== comm) return;
      this.scheduler = undefined;
      if (this.stopping) return;
      if (this.retiring) {
        void this.shutdown(`scheduler connection closed while retiring (${info.reason})`);
        return;
      }
      this.log('warn', `worker ${this.address} lost the scheduler (${info.reason}); reconnecting`);
      this.dropUnfinished();
      this.scheduleReconnect(200);
    });
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.stopping || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connectScheduler(5000).catch((err: Error) => {
        this.log('warn', `worker ${this.address}: scheduler still unreachable (${err.message})`);
        this.scheduleReconnect(Math.min(Math.max(2 * delayMs, 500), 5000));
      });
    }, delayMs);
  }

  // The scheduler rescheduled everything this worker had not finished when it lost the connection: forget it,
  // keep the results (they are offered again with register-worker).
  private dropUnfinished(): void {
    const states = this.state.states();
    const unfinished = Object.keys(states).filter((k) => states[k] !== 'memory');
    if (unfinished.length > 0) {
      this.handle({ type: 'free-keys', keys: unfinished, stimulusId: this.stimulus('disconnect') });
    }
  }

  private onSchedulerMessage(msg: SchedulerToWorker): void {
    switch (msg.op) {
      case 'compute-tasks':
        this.handle({ type: 'compute-tasks', tasks: msg.tasks, stimulusId: msg.stimulusId });
        return;
      case 'free-keys':
        this.handle({ type: 'free-keys', keys: msg.keys, stimulusId: msg.stimulusId });
        return;
      case 'acquire-replicas':
        this.handle({ type: 'acquire-replicas', whoHas: msg.whoHas, nbytes: msg.nbytes, stimulusId: msg.stimulusId });
        return;
      case 'remove-replicas':
        this.handle({ type: 'remove-replicas', keys: msg.keys, stimulusId: msg.stimulusId });
        return;
      case 'steal-request':
        this.handle({ type: 'steal-request', key: msg.key, stimulusId: msg.stimulusId });
        return;
      case 'upload-module':
        this.storeModule(msg.name, msg.source);
        return;
      case 'retire':
        void this.retire();
        return;
      case 'close':
        void this.shutdown(`closed by the scheduler: ${msg.reason}`);
        return;
      default:
        this.log('warn', `worker ${this.address}: unknown scheduler message ${(msg as { op?: unknown }).op}`);
    }
  }

  private storeModule(name: string, source: Uint8Array): void {
    if (basename(name) !== name || name.startsWith('.')) {
      this.log('warn', `worker ${this.address}: refused uploaded module with a path in its name: ${name}`);
      return;
    }
    writeFileSync(join(this.uploadDir, name), source);
  }

  private sendToScheduler(msg: WorkerToScheduler): void {
    const comm = this.scheduler;
    if (!comm || comm.isClosed) return; // re-registration reports what is held; the rest was rescheduled
    try {
      comm.send(msg);
    } catch (err) {
      this.log('warn', `worker ${this.address}: cannot send ${msg.op} to the scheduler: ${(err as Error).message}`);
    }
  }

  private sendHeartbeat(): void {
    if (!this.scheduler) return;
    const metrics = this.metrics();
    try {
      this.options.observer?.heartbeat(metrics, Date.now());
    } catch (err) {
      this.log('warn', `worker ${this.address}: observer failed on a heartbeat: ${(err as Error).message}`);
    }
    this.sendToScheduler({ op: 'heartbeat', metrics });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The state machine and its instructions
  // -------------------------------------------------------------------------------------------------------------

  private handle(event: WorkerEvent): void {
    let instructions: WorkerInstruction[];
    try {
      instructions = this.state.handle(event);
    } catch (err) {
      this.log('warn', `worker ${this.address}: state machine failed on ${event.type}: ${(err as Error).stack}`);
      return;
    }
    const observer = this.options.observer;
    if (observer !== undefined) {
      try {
        const now = Date.now();
        observer.event(event, now);
        for (const ins of instructions) observer.instruction(ins, now);
      } catch (err) {
        this.log('warn', `worker ${this.address}: observer failed on ${event.type}: ${(err as Error).message}`);
      }
    }
    for (const ins of instructions) this.perform(ins);
  }

  private perform(ins: WorkerInstruction): void {
    switch (ins.type) {
      case 'execute':
        void this.execute(ins);
        return;
      case 'gather-dep':
        void this.gather(ins);
        return;
      case 'send':
        this.sendToScheduler(ins.msg);
        return;
      case 'forget-data':
        for (const key of ins.keys) this.store.delete(key);
        return;
      case 'retry-busy-later': {
        const incarnation = this.incarnation;
        setTimeout(() => {
          if (incarnation === this.incarnation && !this.stopping) {
            this.handle({ type: 'busy-retry', worker: ins.worker, stimulusId: this.stimulus('busy-retry') });
          }
        }, ins.delayMs).unref();
        return;
      }
      case 'retire-drained':
        this.drained = true;
        // The scheduler copies what only this worker holds (acquire-replicas) and then says `close`. Without a
        // scheduler nobody can take the results: stop now.
        if (!this.scheduler) void this.shutdown('retired (no scheduler to hand results to)');
        return;
    }
  }

  private async execute(ins: Extract<WorkerInstruction, { type: 'execute' }>): Promise<void> {
    const incarnation = this.incarnation;
    const store = this.store;
    const values = new Map<KeyId, unknown>();
    const ready: typeof ins.tasks = [];
    for (const task of ins.tasks) {
      try {
        for (const d of task.dependencies) if (!values.has(d)) values.set(d, await store.get(d));
        (ready as ExecuteTask[]).push(task);
      } catch (err) {
        if (incarnation !== this.incarnation || this.stopping) return;
        this.handle({
          type: 'execute-failure',
          key: task.key,
          error: {
            name: 'WorkerError',
            message: (err as Error).message,
            stack: (err as Error).stack,
            worker: this.address,
          },
          startstops: [],
          stimulusId: this.stimulus('execute'),
        });
      }
    }
    const outcomes = await executeBatch(
      { pool: this.pool, uploadDir: this.uploadDir, worker: this.address },
      ready,
      values,
    );
    if (incarnation !== this.incarnation || this.stopping) return;
    const stimulusId = this.stimulus('executed');
    for (let i = 0; i < ready.length; i++) {
      const key = ready[i]!.key;
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        store.set(key, outcome.value, outcome.nbytes);
        this.handle({
          type: 'execute-success',
          key,
          nbytes: outcome.nbytes,
          valueType: typeName(outcome.value),
          startstops: outcome.startstops,
          stimulusId,
        });
      } else {
        this.handle({ type: 'execute-failure', key, error: outcome.error, startstops: outcome.startstops, stimulusId });
      }
    }
    // Results can push memory past the target: check now rather than at the next sampling tick.
    if (this.memoryLimit > 0) void this.memory.check();
  }

  private async gather(ins: Extract<WorkerInstruction, { type: 'gather-dep' }>): Promise<void> {
    const incarnation = this.incarnation;
    const t0 = performance.now();
    try {
      const timeoutMs = this.options.gatherTimeoutMs ?? 30_000 + ins.totalNbytes / 1e4;
      const reply = await this.peers.getData(ins.worker, ins.keys, this.address, timeoutMs);
      if (incarnation !== this.incarnation || this.stopping) return;
      if (reply.op === 'busy') {
        this.handle({ type: 'gather-dep-busy', worker: ins.worker, stimulusId: this.stimulus('gather-busy') });
        return;
      }
      if (reply.op !== 'data') throw new Error(`unexpected answer ${reply.op} to get-data`);
      const nbytes: Record<KeyId, number> = {};
      let total = 0;
      for (const key of Object.keys(reply.data)) {
        const value = reply.data[key];
        const n = estimateBytes(value);
        nbytes[key] = n;
        total += n;
        this.store.set(key, value, n);
      }
      this.metricsCollector.received(ins.worker, total, performance.now() - t0);
      this.handle({
        type: 'gather-dep-success',
        worker: ins.worker,
        nbytes,
        missing: reply.missing,
        stimulusId: this.stimulus('gather'),
      });
    } catch (err) {
      if (incarnation !== this.incarnation || this.stopping) return;
      this.log(
        'warn',
        `worker ${this.address}: fetching ${ins.keys.length} keys from ${ins.worker} failed: ${(err as Error).message}`,
      );
      this.peers.drop(ins.worker);
      this.handle({
        type: 'gather-dep-failure',
        worker: ins.worker,
        error: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack },
        stimulusId: this.stimulus('gather-failed'),
      });
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Serving peers and clients
  // -------------------------------------------------------------------------------------------------------------

  private serve(comm: Comm): void {
    this.served.add(comm);
    comm.onClose(() => this.served.delete(comm));
    comm.onMessage((raw) => {
      const msg = raw as DataRequest;
      if (msg.op === 'get-data') void this.serveGetData(comm, msg);
      else if (msg.op === 'put-data') this.servePutData(comm, msg);
      else {
        this.log(
          'warn',
          `worker ${this.address}: unknown request ${(raw as { op?: unknown }).op} from ${comm.peer.remote}; closing`,
        );
        comm.close('protocol error');
      }
    });
  }

  private async serveGetData(comm: Comm, msg: Extract<DataRequest, { op: 'get-data' }>): Promise<void> {
    if (this.outgoing >= (this.options.maxOutgoingTransfers ?? 10)) {
      comm.send({ op: 'busy', requestId: msg.requestId });
      return;
    }
    this.outgoing++;
    try {
      const data: Record<KeyId, unknown> = {};
      const missing: KeyId[] = [];
      let bytes = 0;
      const store = this.store;
      for (const key of msg.keys) {
        if (!store.has(key)) {
          missing.push(key);
          continue;
        }
        try {
          data[key] = await store.get(key);
          bytes += store.nbytes(key) ?? 0;
        } catch {
          missing.push(key); // deleted meanwhile
        }
      }
      if (comm.isClosed) return;
      comm.send({ op: 'data', requestId: msg.requestId, data, missing });
      this.metricsCollector.sent(msg.who, bytes);
      await comm.drain(); // backpressure: one slot per transfer until the bytes are in the socket
    } finally {
      this.outgoing--;
    }
  }

  private servePutData(comm: Comm, msg: Extract<DataRequest, { op: 'put-data' }>): void {
    const nbytes: Record<KeyId, number> = {};
    for (const key of Object.keys(msg.data)) {
      const value = msg.data[key];
      nbytes[key] = estimateBytes(value);
      this.store.set(key, value, nbytes[key]);
    }
    this.handle({ type: 'put-data', nbytes, stimulusId: this.stimulus('put-data') });
    if (!comm.isClosed) comm.send({ op: 'put-ok', requestId: msg.requestId, nbytes });
  }

  // -------------------------------------------------------------------------------------------------------------

  private async shutdown(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.incarnation++;
    for (const [signal, handler] of this.signalHandlers) process.off(signal, handler);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.memory?.stop();
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    if (scheduler && !scheduler.isClosed) {
      if (this.retiring && this.drained) {
        try {
          scheduler.send({ op: 'retired' } satisfies WorkerToScheduler);
        } catch {
          // closed meanwhile
        }
      }
      scheduler.close(reason);
    }
    this.peers?.close();
    for (const comm of this.served) comm.close('worker closing');
    await this.listener?.close();
    await this.pool?.close();
    this.metricsCollector.close();
    if (this.ownsLocalDir) rmSync(this.localDir, { recursive: true, force: true });
    else this.store?.clear();
    this.log('info', `worker ${this.address || this.name} stopped: ${reason}`);
    this.resolveClosed(reason);
  }

  private stimulus(what: string): string {
    return `${what}-${this.name}-${++this.stimulusSeq}`;
  }

  private commOptions(): { security?: SecurityOptions; log?: CommLogger } {
    return { security: this.options.security, log: this.options.log };
  }
}

const GC_OP = opName(collectGarbage);

// One collection per pool thread (queued behind running batches, so a busy thread collects when it frees up).
async function collectPoolGarbage(pool: ThreadPool): Promise<void> {
  const request: BatchRequest = {
    plan: JSON.stringify({ ids: ['collect-garbage'], specs: [{ fn: GC_OP, args: [] }], inputIds: [], drop: [0] }),
    clonedSpecs: [],
    inputs: [],
    keep: Uint8Array.of(0),
    measureBytes: false,
  };
  await Promise.all(Array.from({ length: pool.threads }, () => pool.run(request).catch(() => undefined)));
}

// The address peers on other machines reach this one by, when the worker binds every interface.
function externalIPv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
