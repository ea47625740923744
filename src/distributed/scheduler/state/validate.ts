/**
 * Invariants of the scheduler state, checked after every event when `validate` is on (tests). A broken invariant
 * is a bug: the error names the task or worker and what is wrong.
 */
import type { Core } from './core.js';
import { SchedulerStateError } from './errors.js';
import { isActive, type TaskState } from './task.js';

function fail(message: string): never {
  throw new SchedulerStateError('INVARIANT', message);
}

/** Throws an INVARIANT error at the first inconsistency found. */
export function validateState(core: Core): void {
  let threads = 0;
  for (const w of core.workers.values()) {
    threads += w.nthreads;
    for (const t of w.processing) {
      if (t.state !== 'processing' || t.processingOn !== w)
        fail(`${w.address} lists ${t.key} (${t.state}) as processing`);
    }
    for (const t of w.hasWhat) if (!t.whoHas.includes(w)) fail(`${w.address} holds ${t.key} but is not in its whoHas`);
    if (w.processing.size === 0 && w.occupancy !== 0) fail(`${w.address} has occupancy ${w.occupancy} with no tasks`);
  }
  if (threads !== core.totalThreads) fail(`totalThreads ${core.totalThreads} but workers have ${threads}`);
  let queued = 0;
  for (const t of core.tasks.values()) {
    validateTask(core, t);
    if (t.state === 'queued') queued++;
  }
  if (queued !== core.queue.size) fail(`${queued} tasks queued but the queue counts ${core.queue.size}`);
  for (const t of core.noWorker) if (t.state !== 'no-worker') fail(`${t.key} in the no-worker set is ${t.state}`);
  for (const [t, steal] of core.steals) {
    // A pending steal is about a task still processing on its victim; the thief, if any, is still connected.
    if (t.state !== 'processing' || t.processingOn !== steal.victim)
      fail(
        `steal of ${t.key} from ${steal.victim.address} pending but the task is ${t.state} on ${t.processingOn?.address}`,
      );
    if (core.workers.get(steal.victim.address) !== steal.victim)
      fail(`steal of ${t.key} from removed ${steal.victim.address}`);
    if (steal.thief !== undefined && core.workers.get(steal.thief.address) !== steal.thief)
      fail(`steal of ${t.key} towards removed ${steal.thief.address}`);
  }
  for (const [client, wants] of core.clients) {
    for (const t of wants) if (!t.wantedBy.has(client)) fail(`client ${client} wants ${t.key} but is not in wantedBy`);
  }
}

function validateTask(core: Core, t: TaskState): void {
  let missing = 0;
  for (const d of t.dependencies) {
    if (d.state === 'memory') continue;
    missing++;
    if (d.state === 'forgotten') fail(`${t.key} depends on forgotten ${d.key}`);
  }
  if (missing !== t.missingDeps) fail(`${t.key} counts ${t.missingDeps} missing dependencies, has ${missing}`);
  let active = 0;
  for (const d of t.dependents) if (isActive(d.state)) active++;
  if (active !== t.activeDependents) fail(`${t.key} counts ${t.activeDependents} active dependents, has ${active}`);
  const onWorker = t.processingOn !== undefined;
  if ((t.state === 'processing') !== onWorker)
    fail(`${t.key} is ${t.state} with processingOn=${t.processingOn?.address}`);
  if (onWorker && !core.workers.has(t.processingOn!.address)) fail(`${t.key} processing on removed worker`);
  if ((t.state === 'memory') !== t.whoHas.length > 0) fail(`${t.key} is ${t.state} with ${t.whoHas.length} holders`);
  for (const w of t.whoHas) {
    if (core.workers.get(w.address) !== w || !w.hasWhat.has(t)) fail(`${t.key} held by ${w.address}, which is gone`);
  }
  if (t.state === 'processing' || t.state === 'queued' || t.state === 'no-worker') {
    if (t.missingDeps > 0) fail(`${t.key} is ${t.state} with ${t.missingDeps} dependencies not in memory`);
  }
  if (t.state === 'erred' && t.exception === undefined) fail(`${t.key} erred without an exception`);
  if ((t.state === 'memory' || isActive(t.state)) && !t.needed) fail(`${t.key} is ${t.state} but nobody needs it`);
}
