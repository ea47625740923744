/**
 * LocalCluster: a real scheduler and real worker processes on this machine (child processes, not threads), on
 * loopback, sharing a fresh random token. For tests, notebooks and single-machine use:
 *
 *     const cluster = new LocalCluster({ workers: 2, threadsPerWorker: 1, memoryLimit: '2GB' });
 *     const client = new Client(cluster);
 *     ...
 *     await client.close();
 *     await cluster.close();
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { SecurityOptions } from './comm/index.js';
import { newToken } from './comm/security.js';
import type { Resources } from './protocol/messages.js';
import type { SchedulerConfig } from './scheduler/state/types.js';

/** Options of a {@link LocalCluster}. */
export interface LocalClusterOptions {
  /** Worker processes. Default 2. */
  readonly workers?: number;
  /** Threads per worker. Default 1. */
  readonly threadsPerWorker?: number;
  /** Memory limit of each worker: bytes or text (`2GB`). Default: none. */
  readonly memoryLimit?: number | string;
  /** Resources of each worker (one object for all, or one per worker). */
  readonly resources?: Resources | readonly Resources[];
  /** Token shared by the processes. Default: a new random one. */
  readonly token?: string;
  /** Scheduler tuning (heartbeat timeout, stealing...). */
  readonly schedulerConfig?: Partial<SchedulerConfig>;
  /** How long to wait for each process to be ready, ms. Default 30,000. */
  readonly startTimeoutMs?: number;
  /** Extra worker options passed through (heartbeatMs, memory thresholds, localDir...). */
  readonly workerOptions?: Readonly<Record<string, unknown>>;
  /** Largest frame the scheduler accepts from an authenticated peer, bytes. Default: the comm layer's (1 GiB). */
  readonly maxFrameSize?: number;
  /** Forward the children's stderr to this process's stderr. Default true. */
  readonly forwardStderr?: boolean;
  /**
   * Serve the dashboards: the scheduler's (`true`: port 8787, or a free one when taken; `{ port }`; 0 any free port)
   * and one per worker on a free port, reported to the scheduler. Default false.
   */
  readonly dashboard?: boolean | { readonly port?: number };
}

/** One worker process of the cluster. */
export interface LocalWorker {
  readonly name: string;
  readonly address: string;
  readonly process: ChildProcess;
  /** Its dashboard's URL, when the cluster serves dashboards. */
  readonly dashboard?: string;
}

// The children run the same flavour of the code as this module: TypeScript sources under a TypeScript loader
// (tests), the built JavaScript otherwise.
function entry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './process_main.ts' : './process_main.js', here);
}

function childExecArgv(): string[] {
  // Keep the loaders (--import / --loader / --require of a TypeScript hook) and source maps; drop the rest
  // (inspector ports, test-runner instrumentation).
  return process.execArgv.filter(
    (a) => /^--(import|loader|experimental-loader|require|enable-source-maps)/.test(a) && !/processinfo/.test(a),
  );
}

/** A scheduler and worker processes on this machine; see the file header. */
export class LocalCluster {
  /** Resolves once the scheduler and every worker are ready (rejects if one fails to start). */
  readonly ready: Promise<void>;
  /** Token and TLS settings a Client needs (Client(cluster) uses them). */
  readonly security: SecurityOptions;
  private schedulerAddress = '';
  private dashboardUrl: string | undefined;
  private schedulerProcess: ChildProcess | undefined;
  private readonly workerList: LocalWorker[] = [];
  private readonly options: LocalClusterOptions;
  private workerCount = 0;
  private closing = false;

  constructor(options: LocalClusterOptions = {}) {
    this.options = options;
    this.security = { token: options.token ?? newToken() };
    this.ready = this.start();
    this.ready.catch(() => {});
  }

  /** `new LocalCluster(options)` and wait until it is ready. */
  static async start(options: LocalClusterOptions = {}): Promise<LocalCluster> {
    const cluster = new LocalCluster(options);
    try {
      await cluster.ready;
    } catch (err) {
      await cluster.close();
      throw err;
    }
    return cluster;
  }

  /** The scheduler's address (after `ready`). */
  get address(): string {
    return this.schedulerAddress;
  }

  /** The scheduler's dashboard URL (after `ready`), when `dashboard` was asked for. */
  get dashboard(): string | undefined {
    return this.dashboardUrl;
  }

  /** The worker processes started so far (including any killed since). */
  get workers(): readonly LocalWorker[] {
    return this.workerList;
  }

  private async start(): Promise<void> {
    const {
      process: child,
      address,
      dashboard,
    } = await this.spawn('scheduler', {
      port: 0,
      config: this.options.schedulerConfig ?? {},
      ...(this.options.dashboard ? { dashboard: { port: dashboardPort(this.options.dashboard) } } : {}),
      ...(this.options.maxFrameSize !== undefined ? { maxFrameSize: this.options.maxFrameSize } : {}),
    });
    this.schedulerProcess = child;
    this.schedulerAddress = address;
    this.dashboardUrl = dashboard;
    const n = this.options.workers ?? 2;
    await Promise.all(Array.from({ length: n }, () => this.addWorker()));
  }

  /** Starts one more worker process (a late joiner); resolves when it is ready. */
  async addWorker(overrides: { resources?: Resources; name?: string; nthreads?: number } = {}): Promise<LocalWorker> {
    const i = this.workerCount++;
    const resources = Array.isArray(this.options.resources) ? this.options.resources[i] : this.options.resources;
    const opts = {
      scheduler: this.schedulerAddress,
      nthreads: overrides.nthreads ?? this.options.threadsPerWorker ?? 1,
      ...(this.options.memoryLimit !== undefined ? { memoryLimit: this.options.memoryLimit } : {}),
      ...((overrides.resources ?? resources) ? { resources: overrides.resources ?? resources } : {}),
      name: overrides.name ?? `local-worker-${i}`,
      ...(this.options.dashboard ? { dashboard: { port: 0 } } : {}),
      ...this.options.workerOptions,
    };
    const { process: child, address, name, dashboard } = await this.spawn('worker', opts);
    const worker = { name, address, process: child, ...(dashboard ? { dashboard } : {}) };
    this.workerList.push(worker);
    return worker;
  }

  private spawn(
    role: 'scheduler' | 'worker',
    options: Record<string, unknown>,
  ): Promise<{ process: ChildProcess; address: string; name: string; dashboard?: string }> {
    const child = fork(entry(), [role, JSON.stringify(options)], {
      execArgv: childExecArgv(),
      env: { ...process.env, TESSERA_CLUSTER_TOKEN: this.security.token },
      stdio: ['ignore', 'inherit', this.options.forwardStderr === false ? 'ignore' : 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(
            `LocalCluster: the ${role} process did not start within ${this.options.startTimeoutMs ?? 30_000} ms`,
          ),
        );
      }, this.options.startTimeoutMs ?? 30_000);
      child.on(
        'message',
        (msg: { type?: string; address?: string; name?: string; message?: string; dashboard?: string }) => {
          if (msg.type === 'ready') {
            clearTimeout(timer);
            resolve({
              process: child,
              address: msg.address as string,
              name: msg.name as string,
              dashboard: msg.dashboard,
            });
          } else if (msg.type === 'failed') {
            clearTimeout(timer);
            reject(new Error(`LocalCluster: the ${role} process failed to start: ${msg.message}`));
          }
        },
      );
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`LocalCluster: the ${role} process exited (code ${code}, signal ${signal}) before it was ready`),
        );
      });
    });
  }

  /** Stops every process: SIGTERM, then SIGKILL for any still running after `graceMs`. */
  async close(graceMs = 3000): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.ready.catch(() => {});
    const children = [...this.workerList.map((w) => w.process), this.schedulerProcess].filter(
      (c): c is ChildProcess => c !== undefined,
    );
    await Promise.all(children.map((c) => stopChild(c, graceMs)));
  }
}

// The scheduler dashboard's port for LocalCluster's `dashboard` option (8787 by default, a free one when taken).
function dashboardPort(option: true | { readonly port?: number }): number | undefined {
  return option === true ? undefined : option.port;
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // Workers take SIGTERM as "retire"; at cluster close a plain close is wanted: SIGINT.
    child.kill('SIGINT');
  });
}
