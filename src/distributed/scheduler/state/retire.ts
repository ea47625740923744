/**
 * Graceful retirement (dask's retire_workers): a retiring worker gets no new tasks; its tasks that have not started
 * are taken back (steal-requests with no thief, so they are placed anew); the results only it holds and someone still
 * needs are replicated to other workers (acquire-replicas). When it holds nothing unique and runs nothing, it is
 * told to close and removed, so nothing is recomputed and no task counts it as a death.
 */
import type { KeyId, WorkerAddress } from '../../protocol/messages.js';
import type { Core } from './core.js';
import { removeWorker } from './failures.js';
import type { WorkerRecord } from './worker.js';

/** A replica asked for and not reported after this long (its target died, say) is asked for again. */
const REASK_MS = 2000;

/**
 * Starts retiring `w`. `tellWorker` sends it `retire` (the scheduler decided); a worker that announced
 * `closing-gracefully` itself (SIGTERM) already knows.
 */
export function startRetiring(core: Core, w: WorkerRecord, tellWorker: boolean): void {
  if (w.retiring) return;
  w.retiring = true;
  if (tellWorker) core.outbox.toWorker(w.address, { op: 'retire', stimulusId: core.stimulusId });
  core.outbox.log('info', `retiring worker ${w.address}`, core.stimulusId);
  for (const task of w.processing) {
    if (core.steals.has(task)) continue;
    // One id per request: the answer is matched to it (stealing.ts).
    const stimulusId = core.makeStimulusId('retire-steal');
    core.steals.set(task, { victim: w, thief: undefined, stimulusId });
    core.outbox.toWorker(w.address, { op: 'steal-request', key: task.key, stimulusId });
  }
  replicateUnique(core, w);
  checkRetiring(core);
}

/** Asks other workers to copy the results only `w` holds that are still needed. */
export function replicateUnique(core: Core, w: WorkerRecord): void {
  const targets = [...core.workers.values()].filter((x) => x !== w && !x.retiring);
  if (targets.length === 0) return;
  const plans = new Map<WorkerAddress, { whoHas: Record<KeyId, WorkerAddress[]>; nbytes: Record<KeyId, number> }>();
  for (const task of w.hasWhat) {
    if (task.whoHas.length > 1 || !task.needed) continue;
    const asked = w.replicasAsked.get(task);
    if (asked !== undefined && core.now - asked < REASK_MS) continue;
    w.replicasAsked.set(task, core.now);
    // The target holding the fewest bytes takes it; its total grows as we plan so the copies spread out.
    let target = targets[0]!;
    for (const x of targets) if (x.nbytes < target.nbytes) target = x;
    let plan = plans.get(target.address);
    if (plan === undefined) {
      plan = { whoHas: {}, nbytes: {} };
      plans.set(target.address, plan);
    }
    plan.whoHas[task.key] = [w.address];
    plan.nbytes[task.key] = Math.max(0, task.nbytes);
    target.nbytes += Math.max(0, task.nbytes);
  }
  for (const [address, plan] of plans) {
    // The planned bytes were only for spreading; real ones are counted when add-keys arrives.
    const target = core.workers.get(address)!;
    for (const key in plan.nbytes) target.nbytes -= plan.nbytes[key]!;
    core.outbox.toWorker(address, { op: 'acquire-replicas', ...plan, stimulusId: core.stimulusId });
  }
}

/** Closes the retiring workers that hold nothing unique and needed and run nothing. */
export function checkRetiring(core: Core): void {
  for (const w of [...core.workers.values()]) {
    if (!w.retiring || w.processing.size > 0) continue;
    let unique = false;
    for (const task of w.hasWhat) {
      if (task.whoHas.length === 1 && task.needed) {
        unique = true;
        break;
      }
    }
    const others = [...core.workers.values()].some((x) => x !== w && !x.retiring);
    if (unique && others) {
      replicateUnique(core, w);
      continue;
    }
    if (unique)
      core.outbox.log('warn', `retiring ${w.address} with no other worker: its results are lost`, core.stimulusId);
    removeWorker(core, w.address, 'retired gracefully', true);
    core.outbox.closeWorker(w.address, 'retired');
  }
}
