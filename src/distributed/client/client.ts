/**
 * The cluster's client: submits tasks and graphs to a scheduler, holds Futures on their results, fetches results
 * straight from the workers that hold them, scatters data, uploads modules. Several clients can share a cluster;
 * each counts its own references, and the scheduler forgets a result once no client wants it.
 *
 *     const client = new Client('tcp://10.0.0.1:8786', { token });
 *     const y = client.submit('inc', 1);
 *     console.log(await y);                       // 2
 *     await df.groupby('k').agg({ v: 'sum' }).compute({ scheduler: client });
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import type { GraphInput } from '../../graph/graph.js';
import { isKey, type Key } from '../../graph/keys.js';
import { renameSpecFunctions } from '../../graph/task.js';
import { portableOpName } from '../../ops/portable.js';
import type { OpFunction } from '../../ops/registry.js';
import { rebuildError, TaskError } from '../../scheduler/errors.js';
import { type PreparedGraph, prepareGraph } from '../../scheduler/prepare.js';
import type { ProgressCallback } from '../../scheduler/progress.js';
import { type Comm, type CommOptions, connect, PendingRequests, type SecurityOptions } from '../comm/index.js';
import type { ClientTask, KeyId, SchedulerToClient, WireError, WorkerAddress } from '../protocol/messages.js';
import { DataPlane } from './data_plane.js';
import { ClientError } from './errors.js';
import { Future, type FutureOwner, type FutureStatus } from './future.js';
import { type SubmitOptions, splitOptions, submitTask } from './submit.js';

/** Options of a Client. */
export interface ClientOptions extends CommOptions {
  /** The cluster's shared token (same as `security: { token }`). */
  readonly token?: string;
  /** How long to keep trying to reach the scheduler, ms. Default 10,000. */
  readonly timeoutMs?: number;
}

/** Something that has a scheduler address (a LocalCluster): the client waits for `ready`, then connects. */
export interface ClusterLike {
  readonly address: string;
  readonly security?: SecurityOptions;
  readonly ready?: Promise<unknown>;
}

interface KeyRecord {
  status: FutureStatus;
  error: WireError | undefined;
  refs: number;
  waiters: Array<() => void>;
}

/** A connection to a cluster; see the file header. */
export class Client implements FutureOwner {
  /** This client's id on the scheduler. */
  readonly id = `client-${randomUUID()}`;
  /** Resolves once connected to the scheduler (rejects with a CommError if it cannot). */
  readonly ready: Promise<void>;
  private comm: Comm | undefined;
  private requests: PendingRequests | undefined;
  private queued: unknown[] = [];
  private readonly keys = new Map<KeyId, KeyRecord>();
  private releasing: KeyId[] = [];
  private readonly uploaded = new Map<string, string>();
  private readonly data: DataPlane;
  private readonly security: SecurityOptions;
  private closed = false;
  private progress: ProgressCallback | undefined;

  private readonly target: string | ClusterLike;

  constructor(target: string | ClusterLike, options: ClientOptions = {}) {
    this.target = target;
    const base = typeof target === 'string' ? undefined : target.security;
    this.security =
      options.token !== undefined ? { ...options.security, token: options.token } : (options.security ?? base ?? {});
    const commOptions: CommOptions = { ...options, security: this.security };
    this.data = new DataPlane(this.id, commOptions);
    const clusterReady = typeof target === 'string' ? undefined : target.ready;
    this.ready = clusterReady
      ? clusterReady.then(() => this.open(commOptions, options.timeoutMs))
      : this.open(commOptions, options.timeoutMs);
    // An unobserved connection failure must not crash the process: calls report it.
    this.ready.catch(() => {});
  }

  /** The scheduler's address. */
  get address(): string {
    return typeof this.target === 'string' ? this.target : this.target.address;
  }

  private async open(options: CommOptions, timeoutMs: number | undefined): Promise<void> {
    const comm = await connect(this.address, { ...options, role: 'client', name: this.id, timeoutMs });
    this.comm = comm;
    this.requests = new PendingRequests(comm);
    comm.onMessage((msg) => this.onMessage(msg as SchedulerToClient));
    comm.onClose((info) => this.onLost(info.reason));
    comm.send({ op: 'register-client', clientId: this.id });
    for (const msg of this.queued) comm.send(msg);
    this.queued = [];
  }

  // -- futures ---------------------------------------------------------------------------------------------------

  /**
   * Runs `fn(...args)` on the cluster and returns a Future at once. `fn` is an op name or a `defineOp` function;
   * Futures among the arguments become the task's dependencies. A last plain-object argument made only of option
   * names (`key`, `resources`, `retries`, `priority`, `workers`, `pure`) is the options.
   */
  submit<T = unknown>(fn: string | OpFunction, ...rest: unknown[]): Future<T> {
    const { args, options } = splitOptions(rest);
    return this.submitMany<T>(fn, [args], options)[0];
  }

  /** `submit` for each element of `items` (one argument each, or an array of arguments with `spread`). */
  map<T = unknown>(
    fn: string | OpFunction,
    items: Iterable<unknown>,
    options: SubmitOptions & { spread?: boolean } = {},
  ): Future<T>[] {
    const calls = [...items].map((item) => (options.spread && Array.isArray(item) ? item : [item]));
    if (options.key !== undefined) throw new ClientError('BAD_ARGUMENT', 'map: a single key cannot name several tasks');
    return this.submitMany<T>(fn, calls, options);
  }

  private submitMany<T>(fn: string | OpFunction, calls: readonly unknown[][], options: SubmitOptions): Future<T>[] {
    this.checkOpen();
    const tasks: ClientTask[] = [];
    const futures: Future<T>[] = [];
    for (let i = 0; i < calls.length; i++) {
      const { key, spec } = submitTask(fn, calls[i], options);
      tasks.push({
        key,
        spec: renameSpecFunctions(spec, (name) => portableOpName(name, this.uploaded)),
        order: i,
        ...(options.resources ? { resources: options.resources } : {}),
        ...(options.retries ? { retries: options.retries } : {}),
        ...(options.workers ? { workers: options.workers } : {}),
        ...(options.priority ? { priority: options.priority } : {}),
      });
      futures.push(new Future<T>(key, this));
    }
    this.send({
      op: 'update-graph',
      clientId: this.id,
      tasks,
      wants: tasks.map((t) => t.key),
      stimulusId: `update-graph-${randomUUID()}`,
    });
    return futures;
  }

  /**
   * The values of `futures` (a Future, or arrays / plain objects containing Futures: the same shape comes back
   * with values in their place). Rejects with the first failed task's TaskError.
   */
  async gather<T = unknown>(futures: T): Promise<unknown> {
    const keys = new Set<KeyId>();
    collectFutures(futures, keys);
    const values = await this.gatherKeys([...keys]);
    return replaceFutures(futures, values);
  }

  /** Sends `values` to workers (round robin) and returns Futures on them, in the same shape (array or object). */
  async scatter(
    values: readonly unknown[] | Record<string, unknown>,
    options: { workers?: readonly WorkerAddress[] } = {},
  ): Promise<Future[] | Record<string, Future>> {
    this.checkOpen();
    const workers = options.workers ?? (await this.workerAddresses());
    if (workers.length === 0) throw new ClientError('BAD_ARGUMENT', 'scatter: the cluster has no workers');
    const entries: [KeyId, unknown][] = Array.isArray(values)
      ? values.map((v) => [`scatter-${randomUUID()}`, v])
      : Object.entries(values);
    const perWorker = new Map<WorkerAddress, Record<KeyId, unknown>>();
    entries.forEach(([key, value], i) => {
      const w = workers[i % workers.length];
      let batch = perWorker.get(w);
      if (!batch) perWorker.set(w, (batch = {}));
      batch[key] = value;
    });
    const whoHas: Record<KeyId, WorkerAddress[]> = {};
    const nbytes: Record<KeyId, number> = {};
    await Promise.all(
      [...perWorker].map(async ([w, batch]) => {
        const sizes = await this.data.putData(w, batch);
        for (const key of Object.keys(batch)) {
          whoHas[key] = [w];
          nbytes[key] = sizes[key] ?? 0;
        }
      }),
    );
    const futures = entries.map(([key]) => {
      const f = new Future(key, this);
      this.record(key).status = 'finished';
      return f;
    });
    this.send({ op: 'update-data', clientId: this.id, whoHas, nbytes });
    if (Array.isArray(values)) return futures;
    return Object.fromEntries(futures.map((f) => [f.key, f]));
  }

  /**
   * Yields `futures` as they finish, err or are cancelled: `for await (const f of client.asCompleted(fs))`.
   * (A hand-made iterator: an async generator would await each yielded Future, a thenable, and yield its value.)
   */
  asCompleted<T>(futures: Iterable<Future<T>>): AsyncIterableIterator<Future<T>> {
    const pending = new Map<Future<T>, Promise<{ future: Future<T> }>>();
    for (const f of futures)
      pending.set(
        f,
        f.wait().then(() => ({ future: f })),
      );
    const iterator: AsyncIterableIterator<Future<T>> = {
      next: async () => {
        if (pending.size === 0) return { value: undefined, done: true };
        const { future } = await Promise.race(pending.values());
        pending.delete(future);
        return { value: future, done: false };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  // -- graphs ----------------------------------------------------------------------------------------------------

  /**
   * Computes `keys` of `graph` on the cluster and returns their values (one value for one key, an array for an
   * array), as `compute(graph, keys)` does locally.
   */
  async compute(graph: GraphInput, keys: Key | readonly Key[]): Promise<unknown> {
    const single = isKey(keys);
    const list: readonly Key[] = single ? [keys] : keys;
    const values = await this.runPrepared(prepareGraph(graph, list));
    return single ? values[0] : values;
  }

  /**
   * Starts computing `keys` of `graph` (or every partition of a DataFrame) and returns Futures on them: the
   * results stay on the workers until the Futures are released.
   */
  persist(graph: GraphInput | { graph(): GraphInput; keys(): readonly Key[] }, keys?: readonly Key[]): Future[] {
    const isFrame =
      typeof (graph as { keys?: unknown }).keys === 'function' &&
      typeof (graph as { graph?: unknown }).graph === 'function';
    const g = isFrame ? (graph as { graph(): GraphInput }).graph() : (graph as GraphInput);
    const k = isFrame ? (graph as { keys(): readonly Key[] }).keys() : keys;
    if (!k) throw new ClientError('BAD_ARGUMENT', 'persist(graph, keys): keys are required for a graph');
    const prepared = prepareGraph(g, k);
    return this.submitPrepared(prepared);
  }

  /**
   * Runs a prepared graph (used by `compute(graph, keys, { scheduler: client })`): submits it, waits, fetches the
   * outputs and releases them. `onProgress` receives a task-finish for each output.
   */
  async runPrepared(
    prepared: PreparedGraph,
    options: { signal?: AbortSignal; onProgress?: ProgressCallback } = {},
  ): Promise<unknown[]> {
    this.progress = options.onProgress;
    const futures = this.submitPrepared(prepared);
    const abort = (): void => void this.cancelKeys(futures.map((f) => f.key));
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      const values = await this.gatherKeys(futures.map((f) => f.key));
      return values ? futures.map((f) => values.get(f.key)) : [];
    } finally {
      options.signal?.removeEventListener('abort', abort);
      for (const f of futures) f.release();
      this.progress = undefined;
    }
  }

  private submitPrepared(prepared: PreparedGraph): Future[] {
    this.checkOpen();
    const { graph, priority, outputs } = prepared;
    const rename = (name: string): string => portableOpName(name, this.uploaded);
    const tasks: ClientTask[] = new Array(graph.ids.length);
    for (let t = 0; t < graph.ids.length; t++) {
      tasks[t] = { key: graph.ids[t], spec: renameSpecFunctions(graph.specs[t], rename), order: priority[t] };
    }
    const wants = outputs.map((t) => graph.ids[t]);
    const futures = wants.map((key) => new Future(key, this));
    this.send({ op: 'update-graph', clientId: this.id, tasks, wants, stimulusId: `update-graph-${randomUUID()}` });
    return futures;
  }

  // -- cluster ---------------------------------------------------------------------------------------------------

  /**
   * Ships the module at `path` to every worker (and to workers that join later); tasks may then call its exports
   * (`defineOp(import.meta.url, ...)` functions of that module are renamed `upload:<file>#export` on the way).
   * The module must be self-contained or import only packages the workers have.
   */
  async uploadModule(path: string): Promise<void> {
    this.checkOpen();
    const absolute = resolvePath(path);
    const source = new Uint8Array(await readFile(absolute));
    const name = basename(absolute);
    const reply = await this.request<{ error?: WireError }>({ op: 'upload-module', name, source });
    if (reply.error) throw new ClientError('SCHEDULER_ERROR', `uploadModule(${path}): ${reply.error.message}`);
    this.uploaded.set(absolute, name);
  }

  /** The scheduler's view of the cluster: its workers and their metrics. */
  async identity(): Promise<unknown> {
    const reply = await this.request<{ value?: unknown; error?: WireError }>({ op: 'identity' });
    if (reply.error) throw new ClientError('SCHEDULER_ERROR', `identity: ${reply.error.message}`);
    return reply.value;
  }

  /** Addresses of the workers now connected. */
  async workerAddresses(): Promise<WorkerAddress[]> {
    const id = (await this.identity()) as { workers?: unknown } | undefined;
    const workers = id?.workers;
    if (Array.isArray(workers))
      return workers.map((w) => (typeof w === 'string' ? w : (w as { address: string }).address));
    if (workers && typeof workers === 'object') return Object.keys(workers);
    return [];
  }

  /** Releases every Future, tells the scheduler, and closes all connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.ready;
      this.comm?.send({ op: 'close-client', clientId: this.id });
      await this.comm?.drain();
    } catch {
      // Never connected, or already gone: nothing to release.
    }
    this.comm?.close('client closed');
    this.data.close();
    this.onLost('client closed');
  }

  // -- FutureOwner -----------------------------------------------------------------------------------------------

  /** @internal */
  retain(key: KeyId): void {
    this.record(key).refs++;
  }

  /** @internal */
  release(key: KeyId): void {
    const r = this.keys.get(key);
    if (!r || --r.refs > 0) return;
    this.keys.delete(key);
    if (this.closed) return;
    if (this.releasing.length === 0) {
      // Batch the releases of one turn (a compute releases all its outputs at once).
      queueMicrotask(() => {
        const keys = this.releasing;
        this.releasing = [];
        const still = keys.filter((k) => !this.keys.has(k));
        if (still.length > 0) this.send({ op: 'client-releases-keys', clientId: this.id, keys: still });
      });
    }
    this.releasing.push(key);
  }

  /** @internal */
  statusOf(key: KeyId): FutureStatus {
    return this.keys.get(key)?.status ?? 'pending';
  }

  /** @internal */
  errorOf(key: KeyId): WireError | undefined {
    return this.keys.get(key)?.error;
  }

  /** @internal */
  settled(key: KeyId): Promise<void> {
    const r = this.keys.get(key);
    if (!r || isSettled(r.status) || this.closed) return Promise.resolve();
    return new Promise((resolve) => r.waiters.push(resolve));
  }

  /** @internal */
  async gatherOne(key: KeyId): Promise<unknown> {
    const values = await this.gatherKeys([key]);
    return values.get(key);
  }

  /** @internal */
  async cancelKeys(keys: readonly KeyId[]): Promise<void> {
    this.send({ op: 'cancel-keys', clientId: this.id, keys });
  }

  /** @internal */
  failure(key: KeyId): Error {
    const r = this.keys.get(key);
    if (r?.status === 'cancelled') return new ClientError('CANCELLED', `${key} was cancelled`);
    const error = r?.error ?? { name: 'Error', message: 'unknown failure', stack: undefined };
    const where = error.worker ? ` (on ${error.worker})` : '';
    return new TaskError(key, key, { ...error, message: `${error.message}${where}` }, rebuildError(error));
  }

  // -- internals -------------------------------------------------------------------------------------------------

  private async gatherKeys(keys: readonly KeyId[]): Promise<Map<KeyId, unknown>> {
    await Promise.all(keys.map((k) => this.settled(k)));
    for (const k of keys) {
      const status = this.statusOf(k);
      if (status === 'error' || status === 'cancelled') throw this.failure(k);
      if (this.closed) throw new ClientError('CLOSED', 'the client is closed');
    }
    const out = new Map<KeyId, unknown>();
    let want = [...keys];
    for (let attempt = 0; want.length > 0; attempt++) {
      if (attempt >= 10) throw new ClientError('DATA_LOST', `cannot fetch ${want.join(', ')} from any worker`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * attempt));
      const reply = await this.request<{ whoHas: Record<KeyId, readonly WorkerAddress[]> }>({
        op: 'who-has',
        keys: want,
      });
      const byWorker = new Map<WorkerAddress, KeyId[]>();
      for (const k of want) {
        const holders = reply.whoHas[k] ?? [];
        if (holders.length === 0) continue;
        const w = holders[Math.floor(Math.random() * holders.length)];
        const list = byWorker.get(w) ?? [];
        list.push(k);
        byWorker.set(w, list);
      }
      await Promise.all(
        [...byWorker].map(async ([w, ks]) => {
          try {
            const { data } = await this.data.getData(w, ks);
            for (const k of ks) if (Object.hasOwn(data, k)) out.set(k, data[k]);
          } catch {
            // That worker is gone: ask the scheduler again (it recomputes lost results).
          }
        }),
      );
      want = want.filter((k) => !out.has(k));
      for (const k of want) {
        const s = this.statusOf(k);
        if (s === 'error' || s === 'cancelled') throw this.failure(k);
        await this.settled(k);
      }
    }
    return out;
  }

  private onMessage(msg: SchedulerToClient): void {
    if (this.requests?.settle(msg)) return;
    switch (msg.op) {
      case 'key-in-memory':
        this.settle(msg.key, 'finished', undefined);
        if (this.progress) {
          const t = Date.now();
          this.progress({ type: 'task-finish', key: msg.key, start: t, end: t, bytes: msg.nbytes, thread: 0 });
        }
        break;
      case 'task-erred':
        this.settle(msg.key, 'error', msg.error);
        break;
      case 'task-cancelled':
        this.settle(msg.key, 'cancelled', undefined);
        break;
      case 'lost-data': {
        const r = this.keys.get(msg.key);
        if (r) r.status = 'lost';
        break;
      }
      default:
        break;
    }
  }

  private settle(key: KeyId, status: FutureStatus, error: WireError | undefined): void {
    const r = this.keys.get(key);
    if (!r) return;
    r.status = status;
    r.error = error;
    for (const w of r.waiters.splice(0)) w();
  }

  private onLost(reason: string): void {
    this.closed = true;
    for (const [, r] of this.keys) {
      if (!isSettled(r.status)) {
        r.status = 'error';
        r.error = { name: 'ClientError', message: `connection to the scheduler lost: ${reason}`, stack: undefined };
      }
      for (const w of r.waiters.splice(0)) w();
    }
  }

  private record(key: KeyId): KeyRecord {
    let r = this.keys.get(key);
    if (!r) {
      r = { status: 'pending', error: undefined, refs: 0, waiters: [] };
      this.keys.set(key, r);
    }
    return r;
  }

  private send(msg: unknown): void {
    if (this.comm) this.comm.send(msg);
    else this.queued.push(msg);
  }

  private async request<T>(msg: Record<string, unknown>): Promise<T> {
    await this.ready;
    return (this.requests as PendingRequests).request<T>(msg);
  }

  private checkOpen(): void {
    if (this.closed) throw new ClientError('CLOSED', 'the client is closed');
  }
}

function isSettled(status: FutureStatus): boolean {
  return status === 'finished' || status === 'error' || status === 'cancelled';
}

function collectFutures(value: unknown, keys: Set<KeyId>): void {
  if (value instanceof Future) keys.add(value.key);
  else if (Array.isArray(value)) for (const v of value) collectFutures(v, keys);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectFutures(v, keys);
  }
}

function replaceFutures(value: unknown, values: Map<KeyId, unknown>): unknown {
  if (value instanceof Future) return values.get(value.key);
  if (Array.isArray(value)) return value.map((v) => replaceFutures(v, values));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceFutures(v, values)]));
  }
  return value;
}
