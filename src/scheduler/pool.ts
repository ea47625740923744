import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { checkOptions, optionNames } from '../options/check.js';
import { type DashboardOptions, type DashboardSession, dashboardOptions, startOwnDashboard } from './dashboard_hook.js';
import { SchedulerError } from './errors.js';
import type { BatchReply, BatchRequest } from './protocol.js';

/** Options of a {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Worker threads. Default: the number of cores (`os.availableParallelism()`). */
  threads?: number;
  /**
   * Modules (URLs or absolute paths) every thread imports when it starts, before it takes a task: the op modules
   * a workload will call (e.g. `tessera/dataframe`'s), so that loading them is part of the pool's start-up rather
   * than of the first compute (Dask's worker `--preload`). A module that fails to import fails the first compute.
   */
  preload?: readonly string[];
  /**
   * Serve a live web dashboard (src/dashboard) fed by every compute on this pool, until `close()`; its URL is
   * printed once. `{ port: 8787 }`, `{ port: 0 }` for any free port, or `true`.
   */
  dashboard?: boolean | DashboardOptions;
}

// Under a TypeScript loader (tap, tsx) this module is worker-side .ts as well; worker threads inherit the loader
// through execArgv, so the .ts worker runs there, and user op modules written in TypeScript import too.
function workerFilename(): string {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here).href;
}

function moduleUrl(specifier: string): string {
  return isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
}

/**
 * A Piscina pool whose threads run task batches (see protocol.ts). Threads are started once and reused by every
 * compute; the process keeps one shared pool (`sharedThreadPool`) unless the caller makes its own.
 */
export class ThreadPool {
  /** Number of worker threads. */
  readonly threads: number;
  private readonly piscina: Piscina<BatchRequest, BatchReply>;
  // The first failure of a thread itself (tasks' own errors come back in replies), e.g. a preload module that does
  // not import: Piscina would leave later runs waiting for a thread that never comes, so they fail with it at once.
  private failure: Error | undefined;
  /** The pool's own dashboard, when asked for (resolves once its server listens; `url` is then known). */
  readonly dashboard: Promise<DashboardSession> | undefined;

  constructor(options: ThreadPoolOptions = {}) {
    checkOptions(
      options,
      optionNames<ThreadPoolOptions>({ threads: true, preload: true, dashboard: true }),
      'ThreadPool',
      (message) => new SchedulerError('BAD_ARGUMENT', message),
    );
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.piscina = new Piscina({
      filename: workerFilename(),
      minThreads: this.threads,
      maxThreads: this.threads,
      concurrentTasksPerWorker: 1,
      idleTimeout: 30_000,
      // Tasks start in the order they were queued. Without it Piscina puts a queued task it could not hand to a busy
      // thread back at the tail, so callers that queue longest-first (parallel reads) saw a big task start last.
      stricterFIFO: true,
      workerData: { preload: (options.preload ?? []).map(moduleUrl) },
    });
    this.piscina.on('error', (err: Error) => {
      this.failure ??= err;
    });
    const dashboard = dashboardOptions(options.dashboard);
    this.dashboard = dashboard && startOwnDashboard(dashboard);
    // A dashboard that fails to start (port taken...) fails the first compute that awaits it, not the process.
    this.dashboard?.catch(() => undefined);
  }

  /** Runs one batch on a free thread (queued when all are busy); rejects for good once a thread has failed. */
  run(batch: BatchRequest): Promise<BatchReply> {
    if (this.failure) return Promise.reject(this.failure);
    return this.piscina.run(batch).catch((err: Error) => {
      this.failure ??= err;
      throw err;
    });
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    const dashboard = this.dashboard?.catch(() => undefined);
    await this.piscina.destroy();
    await (await dashboard)?.close();
  }
}

let shared: ThreadPool | undefined;

/** The process-wide pool the `threads` scheduler uses by default, started on first use. */
export function sharedThreadPool(): ThreadPool {
  shared ??= new ThreadPool();
  return shared;
}

/** Stops the process-wide pool (a later compute starts a new one). */
export async function closeSharedThreadPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
