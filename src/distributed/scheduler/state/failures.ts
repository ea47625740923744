/**
 * Lost workers. A worker is removed when its connection closes, when it retires, or when nothing was heard from it
 * for `workerTtlMs` (heartbeats). Its processing tasks go back to waiting and are placed again; each one that was
 * processing on `killedWorkerLimit` workers that died fails with KilledWorker instead (it may be what kills them).
 * Results only it held are recomputed from lineage when still needed.
 *
 * What counts as a death: every removal that is not graceful. That includes a worker restarting itself past 95% of
 * its memory limit (its connection closes, or it registers again before the close is seen: either way once per
 * restart), as dask counts a worker its nanny killed for memory toward `allowed-failures`: the task running there
 * may be what fills the memory. A retiring worker that handed its results over (`retired`) does not count.
 */
import type { WireError } from '../../protocol/messages.js';
import type { Core } from './core.js';
import type { TaskState } from './task.js';
import { backToWaiting, lost, removeReplica, toErred, unassign } from './transitions.js';

/** Removes the worker at `address` (no-op if unknown). `graceful` does not count toward KilledWorker. */
export function removeWorker(core: Core, address: string, reason: string, graceful: boolean): void {
  const w = core.workers.get(address);
  if (w === undefined) {
    core.outbox.log('debug', `remove-worker ${address}: not a known worker (${reason})`, core.stimulusId);
    return;
  }
  core.workers.delete(address);
  core.totalThreads -= w.nthreads;
  core.outbox.log(graceful ? 'info' : 'warn', `worker ${address} removed: ${reason}`, core.stimulusId);
  for (const [task, steal] of core.steals) {
    // A steal towards this worker: the victim may already have given the task back; the answer re-places it.
    if (steal.thief === w) core.steals.set(task, { ...steal, thief: undefined });
  }
  for (const task of [...w.processing]) {
    unassign(core, task, false);
    if (!graceful) {
      task.suspicious++;
      if (task.suspicious >= core.config.killedWorkerLimit) {
        toErred(core, task, killedWorkerError(task, address, core.config.killedWorkerLimit), task);
        continue;
      }
    }
    backToWaiting(core, task);
  }
  for (const task of [...w.hasWhat]) {
    removeReplica(task, w);
    if (task.state === 'memory' && task.whoHas.length === 0) lost(core, task);
  }
}

/** Removes every worker not heard from for `workerTtlMs`, resetting its connection (see `abortWorker`). */
export function expireWorkers(core: Core): void {
  const ttl = core.config.workerTtlMs;
  for (const w of [...core.workers.values()]) {
    const silent = core.now - w.lastSeen;
    if (silent > ttl) {
      const reason = `no heartbeat for ${Math.round(silent)} ms (worker TTL ${ttl} ms)`;
      removeWorker(core, w.address, reason, false);
      core.outbox.abortWorker(w.address, reason);
    }
  }
}

/** dask's KilledWorker: the task was processing on `limit` workers that died, the last one `address`. */
function killedWorkerError(task: TaskState, address: string, limit: number): WireError {
  return {
    name: 'KilledWorker',
    message:
      `task ${task.key} was processing on ${limit} workers that died (the last was ${address}); ` +
      'it may be what kills them (memory, a crash), so it is not tried again',
    stack: undefined,
    worker: address,
  };
}
