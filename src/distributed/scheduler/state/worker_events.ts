/** What the scheduler does with each message from a worker (register, heartbeat, task results, replicas). */
import type { KeyId, StartStop, WireError, WorkerToScheduler } from '../../protocol/messages.js';
import type { Core } from './core.js';
import { removeWorker } from './failures.js';
import { checkRetiring, startRetiring } from './retire.js';
import { stealResponse } from './stealing.js';
import type { TaskState } from './task.js';
import {
  addReplica,
  backToWaiting,
  lost,
  removeReplica,
  retryNoWorker,
  toErred,
  toMemory,
  unassign,
} from './transitions.js';
import type { RegisterWorkerMsg } from './types.js';
import { WorkerRecord } from './worker.js';

/**
 * A worker registers. A worker that was already known under that address (a reconnection, or a restart past the
 * memory limit, before its old connection was noticed as closed) is first removed as a dead one: what was running
 * there may be lost, and a task that keeps killing its worker must still end in KilledWorker. Results it still
 * holds are taken back if the scheduler wants them; it is told to free the others.
 */
export function addWorker(core: Core, msg: RegisterWorkerMsg): void {
  if (core.workers.has(msg.address)) removeWorker(core, msg.address, 're-registered', false);
  if (!(msg.nthreads >= 1)) {
    core.outbox.log(
      'error',
      `worker ${msg.address} registered with nthreads=${msg.nthreads}: refused`,
      core.stimulusId,
    );
    core.outbox.closeWorker(msg.address, `nthreads must be >= 1, got ${msg.nthreads}`);
    return;
  }
  const w = new WorkerRecord(
    msg.address,
    msg.name,
    msg.nthreads,
    msg.memoryLimit,
    msg.resources,
    msg.localDir,
    core.now,
  );
  core.workers.set(w.address, w);
  core.totalThreads += w.nthreads;
  core.outbox.log('info', `worker ${w.address} (${w.name}) joined with ${w.nthreads} threads`, core.stimulusId);
  for (const [name, source] of core.modules) core.outbox.toWorker(w.address, { op: 'upload-module', name, source });
  for (const key of msg.keys) {
    const task = core.tasks.get(key);
    if (task !== undefined && task.spec !== undefined && (task.state === 'memory' || task.needed)) {
      task.nbytes = msg.nbytes[key] ?? task.nbytes;
      if (task.state === 'memory') addReplica(task, w);
      else if (task.state !== 'processing') toMemory(core, task, w, task.nbytes, task.type);
      else core.outbox.free(w.address, key, core.stimulusId);
    } else {
      core.outbox.free(w.address, key, core.stimulusId);
    }
  }
  retryNoWorker(core);
}

/** Dispatches one worker message. Messages from unknown workers are logged and dropped. */
export function workerMessage(core: Core, address: string, msg: WorkerToScheduler): void {
  if (msg.op === 'register-worker') {
    addWorker(core, msg);
    return;
  }
  const w = core.workers.get(address);
  if (w === undefined) {
    core.outbox.log('debug', `${msg.op} from unknown worker ${address} dropped`, core.stimulusId);
    return;
  }
  w.lastSeen = core.now;
  switch (msg.op) {
    case 'heartbeat': {
      w.metrics = msg.metrics;
      if (msg.metrics.bandwidth > 0) w.bandwidth = msg.metrics.bandwidth;
      const was = w.status;
      w.status = msg.metrics.status;
      if (was !== 'running' && w.status === 'running') retryNoWorker(core);
      if (w.status === 'closing-gracefully' && !w.retiring) startRetiring(core, w, false);
      return;
    }
    case 'task-finished':
      taskFinished(core, w, msg.key, msg.nbytes, msg.type, msg.startstops);
      return;
    case 'task-erred':
      taskErred(core, w, msg.key, msg.error, msg.startstops);
      return;
    case 'add-keys':
      for (const key of msg.keys) addKey(core, w, key);
      checkRetiring(core);
      return;
    case 'release-worker-data':
      for (const key of msg.keys) dropReplica(core, w, key);
      return;
    case 'missing-data':
      missingData(core, w, msg.key, msg.errantWorker);
      return;
    case 'steal-response':
      stealResponse(core, w, msg.key, msg.state, msg.stimulusId);
      return;
    case 'reschedule': {
      const task = core.tasks.get(msg.key);
      if (task?.state === 'processing' && task.processingOn === w) {
        unassign(core, task, false);
        backToWaiting(core, task);
      }
      return;
    }
    case 'retired':
      removeWorker(core, w.address, 'retired', true);
      core.outbox.closeWorker(w.address, 'retired');
      return;
    default:
      core.outbox.log('warn', `unknown message ${(msg as { op: string }).op} from ${address}`, core.stimulusId);
  }
}

function recordDurations(task: TaskState, startstops: readonly StartStop[]): void {
  for (const s of startstops)
    if (s.action === 'compute' && s.stop >= s.start) task.group.recordDuration(s.stop - s.start);
}

function taskFinished(
  core: Core,
  w: WorkerRecord,
  key: KeyId,
  nbytes: number,
  type: string,
  startstops: readonly StartStop[],
): void {
  const task = core.tasks.get(key);
  if (task === undefined) {
    core.outbox.free(w.address, key, core.stimulusId);
    return;
  }
  recordDurations(task, startstops);
  if (task.state === 'memory') {
    task.nbytes = task.nbytes < 0 ? nbytes : task.nbytes;
    addReplica(task, w);
    return;
  }
  if (task.state !== 'processing' || task.processingOn !== w) {
    // Released, moved elsewhere or lost its inputs since: the scheduler already told this worker to drop the task
    // (free-keys crossed this message), so the result is not kept. Saying it again is harmless.
    core.outbox.free(w.address, key, core.stimulusId);
    return;
  }
  unassign(core, task, false);
  toMemory(core, task, w, nbytes, type);
}

function taskErred(core: Core, w: WorkerRecord, key: KeyId, error: WireError, startstops: readonly StartStop[]): void {
  const task = core.tasks.get(key);
  if (task === undefined || task.state !== 'processing' || task.processingOn !== w) {
    core.outbox.log('debug', `task-erred for ${key} from ${w.address} ignored (not processing there)`, core.stimulusId);
    if (task === undefined) core.outbox.free(w.address, key, core.stimulusId);
    return;
  }
  recordDurations(task, startstops);
  if (task.retries > 0) {
    task.retries--;
    core.outbox.log(
      'info',
      `${key} failed on ${w.address} (${error.message}); retrying, ${task.retries} left`,
      core.stimulusId,
    );
    unassign(core, task, true);
    backToWaiting(core, task);
    return;
  }
  core.outbox.log('info', `${key} erred on ${w.address}: ${error.message}`, core.stimulusId);
  const withWorker: WireError = error.worker === undefined ? { ...error, worker: w.address } : error;
  toErred(core, task, withWorker, task);
}

/**
 * `w` holds a copy of `key`. A key the scheduler does not know is left alone: a client's scatter puts values on
 * workers before its update-data reaches the scheduler, so the worker's add-keys can come first.
 */
function addKey(core: Core, w: WorkerRecord, key: KeyId): void {
  const task = core.tasks.get(key);
  if (task === undefined) return;
  if (task.state === 'memory') addReplica(task, w);
  else core.outbox.free(w.address, key, core.stimulusId);
}

/** `w` no longer holds `key`; if that was the last copy, the result is lost. */
export function dropReplica(core: Core, w: WorkerRecord, key: KeyId): void {
  const task = core.tasks.get(key);
  if (task === undefined || !w.hasWhat.has(task)) return;
  removeReplica(task, w);
  if (task.state === 'memory' && task.whoHas.length === 0) lost(core, task);
}

/**
 * A worker could not get `key` from `errantWorker`. The scheduler's record is corrected; if copies remain
 * elsewhere the asking worker is told where (acquire-replicas), otherwise the result is recomputed.
 */
function missingData(core: Core, asker: WorkerRecord, key: KeyId, errant: string): void {
  const task = core.tasks.get(key);
  if (task === undefined) return;
  const holder = core.workers.get(errant);
  if (holder !== undefined) dropReplica(core, holder, key);
  if (task.state === 'memory') {
    core.outbox.toWorker(asker.address, {
      op: 'acquire-replicas',
      whoHas: { [key]: task.whoHas.map((x) => x.address) },
      nbytes: { [key]: Math.max(0, task.nbytes) },
      stimulusId: core.stimulusId,
    });
  }
}
