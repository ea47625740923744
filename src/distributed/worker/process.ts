/**
 * The worker process: `startWorker(options)` composes the pure state machine (state/) with its I/O edges (edge/):
 * the scheduler link (scheduler_link.ts: register, reconnect, silence and death timeout), the data server for peers
 * and clients (data_server.ts), the heartbeat (heartbeat.ts), the memory manager's hooks (memory_hooks.ts), and the
 * task runner (task_runner.ts: tasks on the worker's own ThreadPool, dependencies fetched straight from peers).
 * This file turns scheduler messages into `WorkerState` events and instructions into edge calls, and owns the
 * lifecycle below.
 *
 * Lifecycle:
 * - a lost scheduler connection (cut link, scheduler restart, or a scheduler silent for `schedulerSilenceMs`) is
 *   retried with back-off; the worker re-registers with the keys it still holds, and drops the tasks it had not
 *   finished (the scheduler rescheduled them); with `deathTimeoutMs`, a worker that has not heard from its
 *   scheduler for that long stops;
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
import { ThreadPool } from '../../scheduler/pool.js';
import {
  type CommLogger,
  isLoopback,
  type Listener,
  listen,
  parseAddress,
  type SecurityOptions,
  stderrLogger,
} from '../comm/index.js';
import type { KeyId, SchedulerToWorker, WorkerMetrics, WorkerToScheduler } from '../protocol/messages.js';
import { DataServer } from './edge/data_server.js';
import { Heartbeat, workerMetrics } from './edge/heartbeat.js';
import { startMemoryManager } from './edge/memory_hooks.js';
import { MetricsCollector } from './edge/metrics.js';
import { PeerPool } from './edge/peers.js';
import { SchedulerLink } from './edge/scheduler_link.js';
import { runExecute, runGather, type TaskRunnerContext } from './edge/task_runner.js';
import { WorkerError } from './errors.js';
import { enableGc, type MemoryManager } from './memory/manager.js';
import { parseMemorySize } from './memory/policy.js';
import { DataStore } from './memory/store.js';
import type { WorkerHandle, WorkerOptions } from './options.js';
import type { WorkerEvent, WorkerInstruction } from './state/types.js';
import { WorkerState } from './state/worker_state.js';

export type { WorkerHandle, WorkerObserver, WorkerOptions } from './options.js';

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
  private readonly metricsCollector = new MetricsCollector();
  private readonly link: SchedulerLink;
  private readonly dataServer: DataServer;
  private readonly heartbeat: Heartbeat;
  private listener: Listener | undefined;
  // The parts of the current incarnation (a restart replaces them).
  private pool!: ThreadPool;
  private memory!: MemoryManager;
  private peers!: PeerPool;
  private runner!: TaskRunnerContext;
  private incarnation = 0;
  private stopping = false;
  private retiring = false;
  private drained = false;
  private stimulusSeq = 0;
  private resolveClosed!: (reason: string) => void;
  private readonly signalHandlers: Array<[NodeJS.Signals, () => void]> = [];

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
    for (const [flag, value] of [
      ['--death-timeout', options.deathTimeoutMs],
      ['schedulerSilenceMs', options.schedulerSilenceMs],
    ] as const) {
      if (value !== undefined && !(value > 0)) {
        throw new WorkerError('BAD_ARGUMENT', `worker: ${flag} must be a positive duration, got ${value}`);
      }
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
    const self = (): string => this.address || this.name;
    this.link = new SchedulerLink({
      scheduler: options.scheduler,
      name: this.name,
      comm: this.commOptions(),
      log: this.log,
      self,
      register: () => this.registration(),
      onMessage: (msg) => this.onSchedulerMessage(msg),
      onLost: (reason) => {
        if (this.retiring) {
          void this.shutdown(`scheduler connection closed while retiring (${reason})`);
          return 'stop';
        }
        this.dropUnfinished();
        return 'reconnect';
      },
      onDeath: (reason) => void this.shutdown(reason),
      silenceMs: options.schedulerSilenceMs,
      deathTimeoutMs: options.deathTimeoutMs,
    });
    this.dataServer = new DataServer({
      store: () => this.store,
      metrics: this.metricsCollector,
      stored: (nbytes) => this.handle({ type: 'put-data', nbytes, stimulusId: this.stimulus('put-data') }),
      self,
      log: this.log,
      maxOutgoing: options.maxOutgoingTransfers,
    });
    this.heartbeat = new Heartbeat(() => this.sendHeartbeat(), options.heartbeatMs ?? 500);
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
      onConnection: (comm) => this.dataServer.serve(comm),
    });
    const { scheme, port } = parseAddress(this.listener.address);
    const contact = this.options.contactHost ?? (bind === '0.0.0.0' ? externalIPv4() : bind);
    this.address = `${scheme}://${contact.includes(':') ? `[${contact}]` : contact}:${port}`;
    this.startIncarnation();
    try {
      await this.link.connect(this.options.connectTimeoutMs ?? 10_000);
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
    this.heartbeat.start();
    this.log('info', `worker ${this.name} at ${this.address}, ${this.nthreads} threads, local dir ${this.localDir}`);
  }

  metrics(): WorkerMetrics {
    return workerMetrics(this.state, this.store, this.metricsCollector);
  }

  retire(): Promise<string> {
    if (this.stopping) return this.closed;
    if (!this.retiring) {
      this.retiring = true;
      this.log('info', `worker ${this.address} retiring`);
      this.handle({ type: 'retire', stimulusId: this.stimulus('retire') });
      this.heartbeat.now(); // the scheduler learns `closing-gracefully` now, not at the next beat
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
  // Incarnations: a restart starts a new one
  // -------------------------------------------------------------------------------------------------------------

  private startIncarnation(): void {
    const incarnation = ++this.incarnation;
    this.drained = false;
    this.state = new WorkerState({
      address: this.address,
      nthreads: this.nthreads,
      resources: this.options.resources,
    });
    const store = new DataStore(join(this.localDir, 'spill'));
    this.store = store;
    if (this.memoryLimit > 0) enableGc(); // before the threads start, so that they get `gc` too
    const pool = new ThreadPool({ threads: this.nthreads, preload: this.options.preload });
    this.pool = pool;
    const peers = new PeerPool(this.name, { ...this.commOptions(), connectTimeoutMs: 5000 });
    this.peers = peers;
    const memory = startMemoryManager(store, pool, {
      limit: this.memoryLimit,
      thresholds: this.options.memory?.thresholds,
      intervalMs: this.options.memory?.intervalMs,
      rss: this.options.memory?.rss,
      self: () => this.address,
      log: this.log,
      pause: (paused) => {
        this.handle({ type: paused ? 'pause' : 'unpause', stimulusId: this.stimulus('memory') });
        this.heartbeat.now();
      },
      restart: (rss) => void this.restart(rss),
    });
    this.memory = memory;
    this.runner = {
      store,
      pool,
      peers,
      metrics: this.metricsCollector,
      uploadDir: this.uploadDir,
      self: this.address,
      log: this.log,
      live: () => incarnation === this.incarnation && !this.stopping,
      handle: (event) => this.handle(event),
      stimulus: (what) => this.stimulus(what),
      gatherTimeoutMs: this.options.gatherTimeoutMs,
      afterResults: () => {
        if (this.memoryLimit > 0) void memory.check();
      },
    };
  }

  private async restart(rss: number): Promise<void> {
    if (this.stopping) return;
    this.log(
      'warn',
      `worker ${this.address} restarting: memory ${(rss / ONE_GB).toFixed(2)} GB (results in memory ` +
        `${(this.store.stats().memoryBytes / ONE_GB).toFixed(2)} GB) is past the terminate threshold of the ` +
        `${(this.memoryLimit / ONE_GB).toFixed(2)} GB limit`,
    );
    const old = { pool: this.pool, memory: this.memory, peers: this.peers, store: this.store };
    this.link.detach('worker restarting');
    old.memory.stop();
    old.peers.close();
    old.store.clear();
    await old.pool.close();
    if (this.stopping) return;
    this.startIncarnation();
    this.restarts++;
    this.link.reconnect(0);
  }

  // -------------------------------------------------------------------------------------------------------------
  // The scheduler link
  // -------------------------------------------------------------------------------------------------------------

  private registration(): WorkerToScheduler {
    const keys = this.state.memoryKeys();
    const nbytes: Record<KeyId, number> = {};
    for (const k of keys) nbytes[k] = this.state.task(k)?.nbytes ?? 0;
    return {
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
    };
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

  private sendHeartbeat(): void {
    if (!this.link.connected) return;
    const metrics = this.metrics();
    try {
      this.options.observer?.heartbeat(metrics, Date.now());
    } catch (err) {
      this.log('warn', `worker ${this.address}: observer failed on a heartbeat: ${(err as Error).message}`);
    }
    this.link.send({ op: 'heartbeat', metrics });
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
        void runExecute(this.runner, ins);
        return;
      case 'gather-dep':
        void runGather(this.runner, ins);
        return;
      case 'send':
        this.link.send(ins.msg);
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
        if (!this.link.connected) void this.shutdown('retired (no scheduler to hand results to)');
        return;
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  private async shutdown(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.incarnation++;
    for (const [signal, handler] of this.signalHandlers) process.off(signal, handler);
    this.heartbeat.stop();
    this.memory?.stop();
    this.link.close(reason, this.retiring && this.drained ? { op: 'retired' } : undefined);
    this.peers?.close();
    this.dataServer.close();
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

// The address peers on other machines reach this one by, when the worker binds every interface.
function externalIPv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
