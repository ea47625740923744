/**
 * The memory manager's decisions, as a pure function of one sample (so thresholds are tested without real memory).
 *
 * Fractions of `--memory-limit`, as in dask's worker memory manager (worker-memory.html), not copied from it:
 * - `target` (0.60): results held in memory by the worker's own accounting above this are spilled, least recently
 *   used first, down to it;
 * - `spill` (0.70): when the process's real memory (RSS) is above this, results are spilled too, as many as the
 *   excess over `target`, because memory the worker does not account for (buffers, fragmentation) still counts;
 * - `pause` (0.80): RSS above this pauses the worker (no new task starts, no new fetch) until it falls back;
 * - `terminate` (0.95): RSS above this restarts the worker (its results are lost and recomputed elsewhere) when
 *   the memory is not the worker's results: RSS minus the managed bytes is past the threshold. When results are
 *   most of it, spilling them is the cure: the decision spills everything it can and reports `overTerminate`;
 *   the memory manager restarts only if RSS stays past the threshold while nothing is left to spill.
 * A threshold set to `false` disables that step.
 */

/** Thresholds as fractions of the memory limit (`false` disables one). */
export interface MemoryThresholds {
  readonly target: number | false;
  readonly spill: number | false;
  readonly pause: number | false;
  readonly terminate: number | false;
}

/** The defaults: 0.60 / 0.70 / 0.80 / 0.95. */
export const DEFAULT_THRESHOLDS: MemoryThresholds = { target: 0.6, spill: 0.7, pause: 0.8, terminate: 0.95 };

/** One measurement. */
export interface MemorySample {
  /** Resident set size of the process, bytes. */
  readonly rss: number;
  /** Bytes of results held in memory by the worker's accounting. */
  readonly managed: number;
}

/** What to do after a sample. */
export interface MemoryDecision {
  /** Spill least recently used results until the managed bytes are at most this (undefined: no spilling). */
  readonly spillDownTo: number | undefined;
  /** Whether the worker should be paused now. */
  readonly pause: boolean;
  /** Whether the worker must restart now (memory it does not manage is past the terminate threshold). */
  readonly restart: boolean;
  /** RSS is past the terminate threshold (restart unless spilling brings it back). */
  readonly overTerminate: boolean;
}

/** Decides spill / pause / restart for `sample` under `limit` bytes (0 or Infinity: no limit, nothing to do). */
export function decideMemory(
  sample: MemorySample,
  limit: number,
  thresholds: MemoryThresholds = DEFAULT_THRESHOLDS,
): MemoryDecision {
  if (!(limit > 0) || !Number.isFinite(limit)) {
    return { spillDownTo: undefined, pause: false, restart: false, overTerminate: false };
  }
  const { rss, managed } = sample;
  let spillDownTo: number | undefined;
  if (thresholds.target !== false && managed > thresholds.target * limit) spillDownTo = thresholds.target * limit;
  if (thresholds.spill !== false && rss > thresholds.spill * limit) {
    const goal = thresholds.target !== false ? thresholds.target : thresholds.spill;
    const byRss = Math.max(0, managed - (rss - goal * limit));
    spillDownTo = spillDownTo === undefined ? byRss : Math.min(spillDownTo, byRss);
  }
  const overTerminate = thresholds.terminate !== false && rss > thresholds.terminate * limit;
  if (overTerminate) spillDownTo = 0; // every result that can go to disk goes now
  if (spillDownTo !== undefined && spillDownTo >= managed) spillDownTo = undefined;
  return {
    spillDownTo,
    pause: thresholds.pause !== false && rss > thresholds.pause * limit,
    restart: overTerminate && rss - managed > (thresholds.terminate as number) * limit,
    overTerminate,
  };
}

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * Parses a memory size as the CLI takes it: `4GB`, `512MiB`, `1.5e9`, `0` (no limit). Returns bytes, or undefined
 * when the text is not a size.
 */
export function parseMemorySize(text: string): number | undefined {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[0-9]+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase() || 'b';
  const scale = UNITS[unit];
  if (scale === undefined) return undefined;
  return Math.round(Number(m[1]) * scale);
}
