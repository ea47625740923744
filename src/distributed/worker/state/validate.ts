/**
 * Every invariant the worker's transitions rely on, checked after each event when `validate: true` (the tests run
 * that way). Reads the state machine's internals; changes nothing.
 */
import type { KeyId } from '../../protocol/messages.js';
import { WorkerError } from '../errors.js';
import type { FetchPlan } from './fetch_plan.js';
import type { ResourcePool, Resources } from './resources.js';
import { STATES, type TaskState } from './task_state.js';
import type { WorkerTaskState } from './types.js';

/** What the invariant checks read of a `WorkerState`. */
export interface WorkerInternals {
  readonly stimulusId: string;
  readonly nthreads: number;
  readonly tasks: ReadonlyMap<KeyId, TaskState>;
  readonly counts: ReadonlyMap<WorkerTaskState, number>;
  /** Tasks on a thread, with what they hold of the resources. */
  readonly executing: ReadonlyMap<KeyId, { readonly ts: TaskState; readonly resources: Resources }>;
  /** Batches running: tasks of each not reported yet. */
  readonly batches: ReadonlyMap<number, number>;
  readonly resources: ResourcePool;
  readonly fetches: FetchPlan;
}

/** Throws a WorkerError INVARIANT naming the first invariant that does not hold. */
export function validateWorkerState(w: WorkerInternals): void {
  const fail = (what: string, key?: KeyId): never => {
    throw new WorkerError('INVARIANT', `WorkerState invariant broken after ${w.stimulusId}: ${what}`, { key });
  };
  const seen = new Map<WorkerTaskState, number>(STATES.map((s) => [s, 0]));
  for (const [key, ts] of w.tasks) {
    seen.set(ts.state, seen.get(ts.state)! + 1);
    if (ts.key !== key) fail(`task stored under ${key} has key ${ts.key}`, key);
    for (const d of ts.dependencies) {
      if (!d.dependents.has(ts)) fail(`${d.key} does not list dependent ${key}`, key);
      if (w.tasks.get(d.key) !== d) fail(`dependency ${d.key} of ${key} is forgotten`, key);
    }
    for (const d of ts.dependents) if (!d.dependencies.has(ts)) fail(`${d.key} does not list dependency ${key}`, key);
    if (!ts.wanted && ts.dependents.size === 0 && ts.state !== 'cancelled') {
      fail(`${key} is ${ts.state} but neither wanted nor needed`, key);
    }
    switch (ts.state) {
      case 'waiting':
        if (ts.waitingFor.size === 0) fail(`${key} is waiting for nothing`, key);
        for (const d of ts.waitingFor) if (d.state === 'memory') fail(`${key} waits for ${d.key} in memory`, key);
        break;
      case 'ready':
      case 'constrained':
        for (const d of ts.dependencies)
          if (d.state !== 'memory') fail(`${key} is ${ts.state} but ${d.key} is ${d.state}`, key);
        break;
      case 'executing':
        if (w.executing.get(key)?.ts !== ts) fail(`${key} is executing without a thread`, key);
        break;
      case 'flight':
        if (!ts.comingFrom || !w.fetches.isAsked(ts.comingFrom, ts)) fail(`${key} is in flight from nowhere`, key);
        break;
      case 'fetch':
        if (ts.whoHas.size === 0) fail(`${key} is fetch with no holder`, key);
        break;
      case 'memory':
      case 'error':
        if (ts.dependencies.size > 0) fail(`${key} is ${ts.state} and still linked to dependencies`, key);
        break;
      case 'cancelled':
        if (ts.previous !== 'executing' && ts.previous !== 'flight')
          fail(`${key} is cancelled from ${ts.previous}`, key);
        break;
      default:
        break;
    }
  }
  for (const s of STATES)
    if (seen.get(s) !== w.counts.get(s)) fail(`count of ${s} is ${w.counts.get(s)}, not ${seen.get(s)}`);
  if (w.batches.size > w.nthreads) fail(`${w.batches.size} batches executing on ${w.nthreads} threads`);
  let inBatches = 0;
  for (const n of w.batches.values()) inBatches += n;
  if (inBatches !== w.executing.size) fail(`${inBatches} tasks in batches, ${w.executing.size} executing`);
  const wrong = w.resources.check([...w.executing.values()].map((e) => e.resources));
  if (wrong) fail(wrong);
  for (const [worker, keys] of w.fetches.outstanding()) {
    for (const ts of keys) {
      if (ts.state !== 'flight' && ts.state !== 'cancelled' && ts.state !== 'memory') {
        fail(`${ts.key} asked of ${worker} is ${ts.state}`, ts.key);
      }
    }
  }
}
