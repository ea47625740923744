/**
 * Work stealing. Each round (driven by ticks, at most every `stealIntervalMs`) idle workers (fewer tasks than
 * threads) take committed-but-unstarted work from workers that have a backlog, when the move pays: the thief would
 * finish the task (its own backlog, plus fetching the inputs it lacks at the measured bandwidth, plus a fixed
 * latency, plus the compute) sooner than the victim would get to it at the end of its backlog. A task whose inputs
 * are big relative to its compute time therefore stays where its data is.
 *
 * A move is a request: the victim is sent `steal-request` and answers `steal-response` with the task's state there.
 * If it had not started (waiting, ready, constrained) it has dropped it and the thief gets it; if it is executing or
 * done, the steal is off. So a task never runs twice because of stealing.
 *
 * An answer counts only for the request it answers (the victim echoes the request's stimulus id): a task can leave
 * the victim and come back to it (rescheduled, a lost input recomputed) while an answer to an older request is on
 * its way, and that answer says nothing about the copy the victim holds now.
 */
import type { KeyId } from '../../protocol/messages.js';
import type { Core } from './core.js';
import { bytesToFetch, isValidWorker } from './placement.js';
import { comparePriority, type TaskState } from './task.js';
import { assign, backToWaiting, unassign } from './transitions.js';
import type { WorkerRecord } from './worker.js';

/** Tasks looked at per victim and thief in one round (bounds a round's cost on huge backlogs). */
const SCAN_LIMIT = 256;

/** Victim states meaning "not started, dropped it": the steal goes ahead. */
const GIVEN_BACK = new Set<string | null>(['waiting', 'ready', 'constrained', 'released', 'forgotten', null]);

/** Runs a stealing round if the interval has passed. Returns the number of steal-requests sent. */
export function maybeSteal(core: Core): number {
  const interval = core.config.stealIntervalMs;
  if (interval <= 0 || core.now - core.lastStealRound < interval) return 0;
  core.lastStealRound = core.now;
  return stealRound(core);
}

/** One stealing round: plans moves from backlogged workers to idle ones and sends the steal-requests. */
export function stealRound(core: Core): number {
  const workers = [...core.workers.values()];
  const thieves = workers.filter((w) => w.accepting && w.processing.size < w.nthreads);
  const victims = workers.filter((w) => w.processing.size > w.nthreads);
  if (thieves.length === 0 || victims.length === 0) return 0;
  // Planned occupancies: each move planned in this round counts for the next decisions.
  const planned = new Map<WorkerRecord, number>();
  for (const w of workers) planned.set(w, w.occupancy);
  thieves.sort((a, b) => a.startDelay - b.startDelay);
  victims.sort((a, b) => b.startDelay - a.startDelay);
  const bandwidth = core.bandwidth();
  const latency = core.config.stealLatencyMs;
  let sent = 0;
  for (const thief of thieves) {
    for (const victim of victims) {
      // The tasks the victim would run last come first; the first `nthreads` by priority are probably running.
      const backlog = [...victim.processing]
        .filter((t) => !core.steals.has(t))
        .sort((a, b) => comparePriority(b.priority, a.priority));
      const stealable = backlog.slice(0, Math.max(0, backlog.length - victim.nthreads)).slice(0, SCAN_LIMIT);
      for (const task of stealable) {
        if (!isValidWorker(thief, task)) continue;
        const d = core.duration(task);
        const transfer = (bytesToFetch(task, thief) / bandwidth) * 1000 + latency;
        const thiefFinish = planned.get(thief)! / thief.nthreads + transfer + d;
        const victimFinish = planned.get(victim)! / victim.nthreads;
        if (thiefFinish >= victimFinish) continue;
        planned.set(thief, planned.get(thief)! + transfer + d);
        planned.set(victim, planned.get(victim)! - task.occupancyCost);
        requestSteal(core, task, victim, thief);
        sent++;
      }
    }
  }
  return sent;
}

function requestSteal(core: Core, task: TaskState, victim: WorkerRecord, thief: WorkerRecord): void {
  const stimulusId = core.makeStimulusId('steal');
  core.steals.set(task, { victim, thief, stimulusId });
  core.outbox.toWorker(victim.address, { op: 'steal-request', key: task.key, stimulusId });
  core.outbox.log('debug', `steal ${task.key}: ${victim.address} -> ${thief.address}`, stimulusId);
}

/**
 * The victim's answer to the request `stimulusId`. `state` is the task's state on the victim when the request
 * arrived (null: unknown there). An answer to another request than the pending one is ignored.
 */
export function stealResponse(
  core: Core,
  victim: WorkerRecord,
  key: KeyId,
  state: string | null,
  stimulusId: string,
): void {
  const task = core.tasks.get(key);
  const steal = task === undefined ? undefined : core.steals.get(task);
  if (
    task === undefined ||
    steal === undefined ||
    steal.victim !== victim ||
    steal.stimulusId !== stimulusId ||
    task.processingOn !== victim
  ) {
    core.outbox.log(
      'debug',
      `steal-response for ${key} from ${victim.address} (${stimulusId}) ignored: no such steal pending`,
      core.stimulusId,
    );
    return;
  }
  core.steals.delete(task);
  if (!GIVEN_BACK.has(state)) {
    core.outbox.log('debug', `steal of ${key} refused by ${victim.address} (${state})`, core.stimulusId);
    return;
  }
  unassign(core, task, false);
  const thief = steal.thief;
  backToWaiting(core, task);
  if (thief !== undefined && core.workers.get(thief.address) === thief && isValidWorker(thief, task)) {
    if (task.missingDeps === 0) assign(core, task, thief);
  }
}
