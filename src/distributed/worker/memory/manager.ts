/**
 * The memory manager: samples the process's real memory every `intervalMs`, spills least recently used results
 * from the data store, pauses the worker and asks for a restart, as `decideMemory` (policy.ts) decides.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_THRESHOLDS, decideMemory, type MemoryThresholds } from './policy.js';
import type { DataStore } from './store.js';

/** Options of a {@link MemoryManager}. */
export interface MemoryManagerOptions {
  /** Bytes; 0 disables the manager. */
  readonly limit: number;
  readonly thresholds?: Partial<MemoryThresholds>;
  /** Sampling period, ms. Default 100. */
  readonly intervalMs?: number;
  /** The process's resident set size (default `process.memoryUsage.rss`); tests pass their own. */
  readonly rss?: () => number;
  /** Called when the worker must pause (true) or may resume (false). */
  readonly onPause: (paused: boolean) => void;
  /** Called once when memory passed the terminate threshold. */
  readonly onRestart: (rss: number) => void;
  /** Called with the value bytes spilled by each spill round (for logs). */
  readonly onSpill?: (bytes: number) => void;
  /** Runs a full collection in the pool threads (see edge/gc_op.ts); called after each spill round. */
  readonly collectThreads?: () => Promise<void>;
}

// Spilled SharedArrayBuffers only leave the RSS when V8 collects them, in every isolate that saw them: after a
// spill the manager asks for full collections (exposed at run time, so workers need no --expose-gc flag), or the
// next sample would see the same RSS and spill (or pause) for nothing.
let collect: (() => void) | undefined;

/**
 * Exposes `gc` to this thread and to threads started afterwards (V8 flags are per process; a thread's context gets
 * `globalThis.gc` when it is created). Call before starting the pool.
 */
export function enableGc(): () => void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = () => {};
    }
  }
  return collect;
}

/** Watches memory for one worker (see the file header). */
export class MemoryManager {
  private readonly store: DataStore;
  private readonly options: MemoryManagerOptions;
  private readonly thresholds: MemoryThresholds;
  private timer: NodeJS.Timeout | undefined;
  private spilling = false;
  private paused = false;
  private restarting = false;
  // Consecutive samples past the terminate threshold while no spilling was under way.
  private overTerminateSamples = 0;
  /** Last RSS sampled, bytes. */
  lastRss = 0;

  constructor(store: DataStore, options: MemoryManagerOptions) {
    this.store = store;
    this.options = options;
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  }

  /** Starts sampling (no-op without a limit). */
  start(): void {
    if (!(this.options.limit > 0) || this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 100);
    this.timer.unref();
  }

  /** Stops sampling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether the last check paused the worker. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** One sample and its consequences; resolves when any spilling it started is written. */
  async check(): Promise<void> {
    const rss = (this.options.rss ?? process.memoryUsage.rss)();
    this.lastRss = rss;
    const managed = this.store.stats().memoryBytes;
    const decision = decideMemory({ rss, managed }, this.options.limit, this.thresholds);
    // Past the terminate threshold, spilling may still bring memory back (the results are most of it): the worker
    // restarts when the memory is not its results, or when it stays past the threshold for 10 samples in which no
    // spill was running (nothing left to spill, or spilling does not help).
    if (decision.overTerminate && !this.spilling) this.overTerminateSamples++;
    else if (!decision.overTerminate) this.overTerminateSamples = 0;
    if ((decision.restart || this.overTerminateSamples >= 10) && !this.restarting) {
      this.restarting = true;
      this.options.onRestart(rss);
      return;
    }
    if (decision.pause !== this.paused) {
      this.paused = decision.pause;
      this.options.onPause(decision.pause);
    }
    if (decision.spillDownTo !== undefined && !this.spilling) {
      this.spilling = true;
      try {
        const bytes = await this.store.spillUntil(decision.spillDownTo);
        if (bytes > 0) {
          this.options.onSpill?.(bytes);
          // Twice: a buffer shared by two isolates is released by the second one to collect its handle.
          const gc = enableGc();
          for (let round = 0; round < 2; round++) {
            await this.options.collectThreads?.();
            gc();
          }
        }
      } finally {
        this.spilling = false;
      }
    }
  }
}
