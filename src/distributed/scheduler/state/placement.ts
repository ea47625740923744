/**
 * Where a ready task goes. Root-ish tasks wait in the scheduler's queue and are handed out as workers free their
 * threads (dask's queuing: memory stays bounded because producers cannot outrun consumers). Every other task goes at
 * once to the worker where it would start earliest: that worker's occupancy per thread plus the time to fetch the
 * dependency bytes it lacks at the measured bandwidth.
 */
import type { Core } from './core.js';
import { canSupply } from './resources.js';
import type { TaskState } from './task.js';
import type { WorkerRecord } from './worker.js';

/** Past this many workers, only dependency holders and idle workers are scored (each score is O(dependencies)). */
const SCORE_ALL_UP_TO = 32;

/**
 * Root-ish: an unrestricted task of a group larger than twice the cluster's threads whose group depends on fewer
 * than 5 tasks overall (dask's rule). Such groups are the producers of wide graphs.
 */
export function isRootish(core: Core, task: TaskState): boolean {
  // With no workers at all the task is in no-worker, not queued: nobody could take it.
  if (task.restricted || !Number.isFinite(core.config.workerSaturation) || core.totalThreads === 0) return false;
  const g = task.group;
  if (g.size <= 2 * core.totalThreads || g.dependencies.size >= 5) return false;
  let deps = 0;
  for (const d of g.dependencies) deps += d.size;
  return deps < 5;
}

/** True when `worker` may run `task`: accepting work, enough declared resources, and allowed by name. */
export function isValidWorker(worker: WorkerRecord, task: TaskState): boolean {
  if (!worker.accepting || !canSupply(worker.resources, task.resources)) return false;
  const allowed = task.workers;
  return allowed === undefined || allowed.includes(worker.address) || allowed.includes(worker.name);
}

/** Bytes of `task`'s dependencies that `worker` does not hold. */
export function bytesToFetch(task: TaskState, worker: WorkerRecord): number {
  let bytes = 0;
  for (const dep of task.dependencies) {
    if (!worker.hasWhat.has(dep)) bytes += Math.max(0, dep.nbytes);
  }
  return bytes;
}

/** Expected start of `task` on `worker`, ms from now (occupancy per thread + fetch time). */
export function startEstimate(task: TaskState, worker: WorkerRecord, bandwidth: number): number {
  return worker.startDelay + (bytesToFetch(task, worker) / bandwidth) * 1000;
}

/**
 * The worker where `task` would start earliest, or undefined when no worker may run it. Ties go to the worker
 * holding fewer bytes, then to the one with fewer tasks, then by address (deterministic).
 */
export function decideWorker(core: Core, task: TaskState): WorkerRecord | undefined {
  const candidates = candidateWorkers(core, task);
  const bandwidth = core.bandwidth();
  let best: WorkerRecord | undefined;
  let bestStart = Infinity;
  for (const w of candidates) {
    const start = startEstimate(task, w, bandwidth);
    if (best === undefined || start < bestStart || (start === bestStart && lessLoaded(w, best))) {
      best = w;
      bestStart = start;
    }
  }
  return best;
}

function lessLoaded(a: WorkerRecord, b: WorkerRecord): boolean {
  if (a.nbytes !== b.nbytes) return a.nbytes < b.nbytes;
  if (a.processing.size !== b.processing.size) return a.processing.size < b.processing.size;
  return a.address < b.address;
}

function candidateWorkers(core: Core, task: TaskState): Iterable<WorkerRecord> {
  const valid: WorkerRecord[] = [];
  for (const w of core.workers.values()) if (isValidWorker(w, task)) valid.push(w);
  if (valid.length <= SCORE_ALL_UP_TO || task.dependencies.length === 0) return valid;
  const chosen = new Set<WorkerRecord>();
  for (const dep of task.dependencies) for (const w of dep.whoHas) if (isValidWorker(w, task)) chosen.add(w);
  for (const w of valid) if (w.processing.size < w.nthreads) chosen.add(w);
  return chosen.size > 0 ? chosen : valid;
}

/**
 * How many queued root tasks `worker` may hold at once, with `head` next in line. The base is dask's
 * `ceil(saturation * nthreads)`; a group measured to be short gets enough slots to cover `rootHorizonMs` per
 * thread, so a worker does not idle for a scheduler round trip between two tiny tasks. 0 when it takes no work.
 */
export function rootCapacity(core: Core, worker: WorkerRecord, head: TaskState): number {
  if (!worker.accepting) return 0;
  const { workerSaturation, rootHorizonMs, maxRootSlotsPerThread } = core.config;
  let perThread = workerSaturation;
  const d = head.group.duration;
  if (rootHorizonMs > 0 && d >= 0) {
    perThread = Math.max(perThread, Math.min(maxRootSlotsPerThread, rootHorizonMs / Math.max(d, 1e-3)));
  }
  return Math.max(1, Math.ceil(perThread * worker.nthreads));
}

/** Capacities above this are refilled in batches (see `refillCount`). */
const BATCH_REFILL_ABOVE = 8;

/**
 * How many queued root tasks to give `worker` now (0: none). With a large capacity (short tasks) the worker is
 * refilled only once a quarter of it is free, so tasks go in batches of a quarter capacity or more rather than
 * one per finished task: fewer, larger messages, while three quarters of the capacity keep the worker busy.
 */
export function refillCount(core: Core, worker: WorkerRecord, head: TaskState): number {
  const cap = rootCapacity(core, worker, head);
  const free = cap - worker.processing.size;
  if (free <= 0) return 0;
  if (cap > BATCH_REFILL_ABOVE && free < cap / 4) return 0;
  return free;
}
