/**
 * The task transitions. Each one changes one task's state (through `Core.setState`, which records it with the
 * current stimulus id) and recommends states for its neighbours; `runTransitions` applies recommendations until none
 * is left, as dask's `transitions()` loop does. A recommendation is checked again when applied: it may have gone
 * stale (a result recommended for release that a new dependent now needs is kept).
 */
import type { ComputeTaskMsg, WireError } from '../../protocol/messages.js';
import type { Core } from './core.js';
import { bytesToFetch, decideWorker, isRootish, refillCount } from './placement.js';
import { takeResources } from './resources.js';
import { isActive, type TaskState } from './task.js';
import type { TaskStateName } from './types.js';
import type { WorkerRecord } from './worker.js';

// Shared by the compute messages of tasks without dependencies (never mutated).
const NO_WHO_HAS: Record<string, string[]> = Object.freeze({}) as Record<string, string[]>;
const NO_NBYTES: Record<string, number> = Object.freeze({}) as Record<string, number>;

/** Applies pending recommendations until there are none. */
export function runTransitions(core: Core): void {
  const tasks = core.recTasks;
  const targets = core.recTargets;
  for (let i = 0; i < tasks.length; i++) apply(core, tasks[i]!, targets[i]!);
  tasks.length = 0;
  targets.length = 0;
}

function apply(core: Core, task: TaskState, target: TaskStateName): void {
  const s = task.state;
  if (s === 'forgotten' || s === target) return;
  switch (target) {
    case 'waiting':
      if (s === 'released') {
        if (task.needed) toWaiting(core, task);
      } else if (s === 'processing' || s === 'queued' || s === 'no-worker') {
        backToWaiting(core, task);
      }
      return;
    case 'processing':
      if ((s === 'waiting' && task.missingDeps === 0) || s === 'no-worker') place(core, task);
      return;
    case 'released':
      if (!task.needed) release(core, task);
      return;
    case 'forgotten':
      if (forgettable(task)) forget(core, task);
      return;
    case 'erred':
      if (s !== 'memory' && task.exception !== undefined) toErred(core, task, task.exception, task.exceptionBlame);
      return;
    default:
      return;
  }
}

/** Nobody wants it, nothing depends on it: it can leave the table. */
export function forgettable(task: TaskState): boolean {
  return (
    (task.state === 'released' || task.state === 'erred') && task.wantedBy.size === 0 && task.dependents.size === 0
  );
}

/** released -> waiting: asks for the dependencies it lacks (recomputing released ones from lineage). */
export function toWaiting(core: Core, task: TaskState): void {
  if (task.spec === undefined) {
    toErred(core, task, lostDataError(task), task);
    return;
  }
  core.setState(task, 'waiting');
  requestDependencies(core, task);
}

/** processing / queued / no-worker -> waiting: a dependency was lost, or the worker gave the task back. */
export function backToWaiting(core: Core, task: TaskState): void {
  leaveReadyStates(core, task);
  core.setState(task, 'waiting');
  requestDependencies(core, task);
}

function requestDependencies(core: Core, task: TaskState): void {
  for (const dep of task.dependencies) {
    if (dep.state === 'erred') {
      task.exception = dep.exception;
      task.exceptionBlame = dep.exceptionBlame;
      core.recommend(task, 'erred');
      return;
    }
    if (dep.state === 'released') core.recommend(dep, 'waiting');
  }
  if (task.missingDeps === 0) core.recommend(task, 'processing');
}

/** A ready task (waiting with all inputs, or no-worker): queue it, commit it to a worker, or park it in no-worker. */
export function place(core: Core, task: TaskState): void {
  if (isRootish(core, task)) {
    core.noWorker.delete(task);
    core.setState(task, 'queued');
    core.queue.push(task);
    return;
  }
  const worker = decideWorker(core, task);
  if (worker === undefined) {
    if (task.state !== 'no-worker') {
      core.setState(task, 'no-worker');
      core.noWorker.add(task);
    }
    return;
  }
  core.noWorker.delete(task);
  assign(core, task, worker);
}

/** Commits a ready task to `worker` (-> processing) and queues its compute-task message in the worker's batch. */
export function assign(core: Core, task: TaskState, worker: WorkerRecord): void {
  const cost = core.duration(task) + (bytesToFetch(task, worker) / core.bandwidth()) * 1000;
  task.processingOn = worker;
  task.occupancyCost = cost;
  worker.processing.add(task);
  worker.occupancy += cost;
  takeResources(worker.usedResources, task.resources, 1);
  core.setState(task, 'processing');
  core.outbox.compute(worker.address, computeMessage(task), core.stimulusId);
}

/** The compute-task message of a task whose dependencies are all in memory. */
export function computeMessage(task: TaskState): ComputeTaskMsg {
  const none = task.dependencies.length === 0;
  const whoHas: Record<string, string[]> = none ? NO_WHO_HAS : {};
  const nbytes: Record<string, number> = none ? NO_NBYTES : {};
  for (const dep of task.dependencies) {
    whoHas[dep.key] = dep.whoHas.map((w) => w.address);
    nbytes[dep.key] = Math.max(0, dep.nbytes);
  }
  const msg: ComputeTaskMsg = {
    key: task.key,
    spec: task.spec!,
    priority: task.priority,
    whoHas,
    nbytes,
    duration: Math.max(0, task.group.duration),
  };
  return task.resources === undefined ? msg : { ...msg, resources: task.resources };
}

/**
 * Takes a processing task off its worker's books. `notify` sends the worker free-keys (it must drop the task);
 * without it the worker is gone or already dropped it.
 */
export function unassign(core: Core, task: TaskState, notify: boolean): void {
  const w = task.processingOn;
  if (w === undefined) return;
  w.processing.delete(task);
  w.occupancy = w.processing.size === 0 ? 0 : w.occupancy - task.occupancyCost;
  takeResources(w.usedResources, task.resources, -1);
  task.processingOn = undefined;
  task.occupancyCost = 0;
  core.steals.delete(task);
  if (notify && core.workers.get(w.address) === w) core.outbox.free(w.address, task.key, core.stimulusId);
}

/** Leaves processing / queued / no-worker without choosing the next state. */
function leaveReadyStates(core: Core, task: TaskState): void {
  if (task.state === 'processing') unassign(core, task, true);
  else if (task.state === 'queued') core.queue.remove(task);
  else if (task.state === 'no-worker') core.noWorker.delete(task);
}

/** Records that `worker` holds `task`'s result. */
export function addReplica(task: TaskState, worker: WorkerRecord): void {
  if (worker.hasWhat.has(task)) return;
  worker.hasWhat.add(task);
  worker.nbytes += Math.max(0, task.nbytes);
  task.addHolder(worker);
}

/** Records that `worker` no longer holds `task`'s result. */
export function removeReplica(task: TaskState, worker: WorkerRecord): void {
  if (!worker.hasWhat.delete(task)) return;
  worker.nbytes -= Math.max(0, task.nbytes);
  const i = task.whoHas.indexOf(worker);
  if (i >= 0) task.whoHas.splice(i, 1);
}

/** -> memory on `worker` (a finished task, a scattered value, or a result a reconnecting worker still holds). */
export function toMemory(core: Core, task: TaskState, worker: WorkerRecord, nbytes: number, type: string): void {
  leaveReadyStates(core, task);
  if (task.state === 'erred') task.exception = undefined;
  task.nbytes = nbytes;
  task.type = type;
  addReplica(task, worker);
  core.setState(task, 'memory');
  for (const d of task.dependents) if (d.state === 'waiting' && d.missingDeps === 0) core.recommend(d, 'processing');
  for (const c of task.wantedBy) core.outbox.toClient(c, { op: 'key-in-memory', key: task.key, nbytes, type });
  if (!task.needed) core.recommend(task, 'released');
}

/** Any state -> released: drops the result or the pending work, then recomputes it if still needed. */
export function release(core: Core, task: TaskState): void {
  if (task.state === 'memory') {
    for (const w of [...task.whoHas]) {
      removeReplica(task, w);
      if (core.workers.get(w.address) === w) core.outbox.free(w.address, task.key, core.stimulusId);
    }
  } else {
    leaveReadyStates(core, task);
  }
  task.exception = undefined;
  task.exceptionBlame = undefined;
  core.setState(task, 'released');
  afterRelease(core, task);
}

function afterRelease(core: Core, task: TaskState): void {
  if (task.needed) core.recommend(task, 'waiting');
  else if (forgettable(task)) core.recommend(task, 'forgotten');
}

/**
 * memory -> released because the last worker holding the result left or lost it: the clients that want it hear
 * `lost-data`, dependents that were about to run go back to waiting, and it is recomputed if still needed.
 */
export function lost(core: Core, task: TaskState): void {
  core.setState(task, 'released');
  core.outbox.log('warn', `lost the only copy of ${task.key}`, core.stimulusId);
  for (const c of task.wantedBy) core.outbox.toClient(c, { op: 'lost-data', key: task.key });
  for (const d of task.dependents) {
    if (d.state === 'processing' || d.state === 'queued' || d.state === 'no-worker') core.recommend(d, 'waiting');
  }
  afterRelease(core, task);
}

/** -> erred: the task (or `blame`, a dependency) failed. Active dependents err too; wanting clients are told. */
export function toErred(core: Core, task: TaskState, error: WireError, blame: TaskState | undefined): void {
  leaveReadyStates(core, task);
  task.exception = error;
  task.exceptionBlame = blame ?? task;
  core.setState(task, 'erred');
  for (const d of task.dependents) {
    if (isActive(d.state)) {
      d.exception = error;
      d.exceptionBlame = task.exceptionBlame;
      core.recommend(d, 'erred');
    }
  }
  for (const c of task.wantedBy) core.outbox.toClient(c, { op: 'task-erred', key: task.key, error });
  if (forgettable(task)) core.recommend(task, 'forgotten');
}

/** -> forgotten: leaves the table; its dependencies may be forgotten in turn. */
export function forget(core: Core, task: TaskState): void {
  core.setState(task, 'forgotten');
  core.tasks.delete(task.key);
  task.group.size--;
  for (const dep of task.dependencies) {
    dep.dependents.delete(task);
    if (forgettable(dep)) core.recommend(dep, 'forgotten');
  }
}

/**
 * Hands queued root tasks to workers with room, the roomiest first, each filled up to its capacity (placement.ts
 * `refillCount`). Called after every event, so the common case (queue empty, or no room) allocates nothing.
 */
export function fillQueue(core: Core): void {
  while (core.queue.size > 0) {
    const head = core.queue.peek();
    if (head === undefined) return;
    let best: WorkerRecord | undefined;
    let bestCount = 0;
    for (const w of core.workers.values()) {
      const n = refillCount(core, w, head);
      if (n > bestCount || (n === bestCount && n > 0 && w.occupancy < best!.occupancy)) {
        best = w;
        bestCount = n;
      }
    }
    if (best === undefined) return;
    const group = head.group;
    for (let i = 0; i < bestCount; i++) {
      const next = core.queue.peek();
      // A head of another group has another capacity: decide again.
      if (next === undefined || (i > 0 && next.group !== group)) break;
      core.queue.pop();
      assign(core, next, best);
    }
  }
}

/** Tries again the tasks no worker could take (a worker joined or resumed). */
export function retryNoWorker(core: Core): void {
  for (const task of core.noWorker) core.recommend(task, 'processing');
}

/** The error of a result that was lost and cannot be recomputed (scattered data has no task). */
function lostDataError(task: TaskState): WireError {
  return {
    name: 'LostData',
    message: `the only copy of ${task.key} was lost with its worker, and it has no task to recompute it (scattered data)`,
    stack: undefined,
  };
}
