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
}

// Spilled SharedArrayBuffers only leave the RSS when V8 collects them: after a spill the manager asks for a full
// collection (exposed at run time, so workers need no --expose-gc flag), or the next sample would see the same RSS
// and spill (or pause) for nothing.
let collect: (() => void) | undefined;
function fullGc(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = () => {};
    }
  }
  collect();
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
    if (decision.restart && !this.restarting) {
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
          fullGc();
        }
      } finally {
        this.spilling = false;
      }
    }
  }
}
