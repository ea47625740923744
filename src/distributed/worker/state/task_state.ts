/**
 * The worker state machine's own record of one task (internal to `state/`: the public view is `TaskView`). Shared by
 * the transition table (worker_state.ts), the fetch plan (fetch_plan.ts) and the invariant checks (validate.ts).
 */
import type { TaskSpec } from '../../../graph/task.js';
import type { KeyId, WorkerAddress } from '../../protocol/messages.js';
import type { WorkerTaskState } from './types.js';

/** One task known to the worker: its state, its links and what the fetch plan needs to know about it. */
export interface TaskState {
  readonly key: KeyId;
  state: WorkerTaskState;
  /** For `cancelled`: `executing` or `flight`. */
  previous: WorkerTaskState | undefined;
  wanted: boolean;
  spec: TaskSpec | undefined;
  priority: readonly number[];
  resources: Readonly<Record<string, number>> | undefined;
  /** Expected run time, ms, as the scheduler sent it (0: unknown). */
  duration: number;
  /** Task group (dask's key_split), for the durations measured here; computed on first use. */
  group: string | undefined;
  nbytes: number;
  whoHas: Set<WorkerAddress>;
  dependencies: Set<TaskState>;
  dependents: Set<TaskState>;
  /** Dependencies not in memory yet (only while `waiting`). */
  waitingFor: Set<TaskState>;
  comingFrom: WorkerAddress | undefined;
}

/** Every task state, for the per-state counts. */
export const STATES: readonly WorkerTaskState[] = [
  'released',
  'waiting',
  'ready',
  'constrained',
  'executing',
  'fetch',
  'flight',
  'missing',
  'memory',
  'error',
  'cancelled',
];

/** A new task record in `released`, known by key only. */
export function newTaskState(key: KeyId): TaskState {
  return {
    key,
    state: 'released',
    previous: undefined,
    wanted: false,
    spec: undefined,
    priority: [],
    resources: undefined,
    duration: 0,
    group: undefined,
    nbytes: 0,
    whoHas: new Set(),
    dependencies: new Set(),
    dependents: new Set(),
    waitingFor: new Set(),
    comingFrom: undefined,
  };
}
