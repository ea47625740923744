import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { BatchReply, BatchRequest } from './protocol.js';

/** Options of a {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Worker threads. Default: the number of cores (`os.availableParallelism()`). */
  threads?: number;
}

// Under a TypeScript loader (tap, tsx) this module is worker-side .ts as well; worker threads inherit the loader
// through execArgv, so the .ts worker runs there, and user op modules written in TypeScript import too.
function workerFilename(): string {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here).href;
}

/**
 * A Piscina pool whose threads run task batches (see protocol.ts). Threads are started once and reused by every
 * compute; the process keeps one shared pool (`sharedThreadPool`) unless the caller makes its own.
 */
export class ThreadPool {
  /** Number of worker threads. */
  readonly threads: number;
  private readonly piscina: Piscina<BatchRequest, BatchReply>;

  constructor(options: ThreadPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.piscina = new Piscina({
      filename: workerFilename(),
      minThreads: this.threads,
      maxThreads: this.threads,
      concurrentTasksPerWorker: 1,
      idleTimeout: 30_000,
    });
  }

  /** Runs one batch on a free thread (queued when all are busy). */
  run(batch: BatchRequest): Promise<BatchReply> {
    return this.piscina.run(batch);
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await this.piscina.destroy();
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
