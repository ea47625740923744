/**
 * The scheduler's record of one task and of a task group (tasks sharing a key name: `inc` for `inc-0a3f`,
 * `read` for `["read",4]`). Groups carry the measured durations and decide whether a task is root-ish.
 */
import type { TaskSpec } from '../../../graph/task.js';
import type { KeyId, Resources, WireError } from '../../protocol/messages.js';
import type { ClientId, TaskStateName } from './types.js';
import type { WorkerRecord } from './worker.js';

/** Tasks sharing a key name. Sizes and durations are per group, as in dask's TaskGroup / TaskPrefix. */
export class TaskGroup {
  /** Tasks of the group that are not forgotten. */
  size = 0;
  /** Groups that some task of this group depends on. */
  readonly dependencies = new Set<TaskGroup>();
  /** Exponentially weighted mean of the measured compute time, ms; -1 before the first measurement. */
  duration = -1;

  constructor(readonly name: string) {}

  /** Folds in one measured compute time (ms). */
  recordDuration(ms: number): void {
    this.duration = this.duration < 0 ? ms : 0.5 * this.duration + 0.5 * ms;
  }
}

/** The group name of a key id: a pair's name, or a string key without trailing `-token` parts (dask's key_split). */
export function groupName(key: KeyId): string {
  if (key.startsWith('["')) {
    const end = key.lastIndexOf('",');
    if (end > 1) {
      try {
        return JSON.parse(key.slice(1, end + 1)) as string;
      } catch {
        // not a pair id after all: fall through to the string rule
      }
    }
  }
  // Drop a trailing UUID (`scatter-<uuid>`), then trailing parts that look like tokens or indices (hex of 6+
  // chars, or digits), keeping at least one part.
  let end = key.length >= 38 && UUID_TAIL.test(key) ? key.length - 37 : key.length;
  for (;;) {
    const dash = key.lastIndexOf('-', end - 1);
    if (dash <= 0 || !isTokenPart(key, dash + 1, end)) break;
    end = dash;
  }
  return end === key.length ? key : key.slice(0, end);
}

const UUID_TAIL = /.-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isTokenPart(key: string, start: number, end: number): boolean {
  if (end === start) return false;
  let digits = true;
  for (let i = start; i < end; i++) {
    const c = key.charCodeAt(i) | 0x20; // lower-cases letters, keeps digits
    const digit = c >= 0x30 && c <= 0x39;
    if (!digit) digits = false;
    if (!digit && !(c >= 0x61 && c <= 0x66)) return false;
  }
  return digits || end - start >= 6;
}

/**
 * The shared empty set every task starts with (most tasks never get a dependent or a client: a million tasks would
 * otherwise allocate two million sets). Adding to it is a bug; use `addDependent` / `addWanter`.
 */
class EmptySet<T> extends Set<T> {
  override add(_value: T): this {
    throw new Error('internal: add to the shared empty set (use addDependent / addWanter)');
  }
}
const NO_TASKS: Set<TaskState> = new EmptySet<TaskState>();
const NO_CLIENTS: Set<ClientId> = new EmptySet<ClientId>();
// Shared, frozen empty arrays: a task without inputs, or whose result is on no worker, allocates no array.
const NO_DEPENDENCIES: TaskState[] = Object.freeze([]) as unknown as TaskState[];
const NO_HOLDERS: WorkerRecord[] = Object.freeze([]) as unknown as WorkerRecord[];

/** Lexicographic comparison of priority tuples (lower runs first). */
export function comparePriority(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** One task as the scheduler sees it. Fields are mutated only by the transitions (transitions.ts). */
export class TaskState {
  state: TaskStateName = 'released';
  /** Absent for data a client scattered: such a result cannot be recomputed. */
  spec: TaskSpec | undefined;
  priority: readonly number[];
  /** Shared empty until the first dependency is linked (`addDependency`). */
  dependencies: TaskState[] = NO_DEPENDENCIES;
  /** A set: a shared input may have very many dependents, forgotten one at a time. Shared empty until used. */
  dependents: Set<TaskState> = NO_TASKS;
  /** Dependencies not in memory (kept whatever this task's own state). */
  missingDeps = 0;
  /** Dependents in waiting, queued, no-worker or processing: they still need this result. */
  activeDependents = 0;
  /** Workers holding the result (state memory). */
  /** Shared empty until the first replica (`addHolder`). */
  whoHas: WorkerRecord[] = NO_HOLDERS;
  processingOn: WorkerRecord | undefined;
  /** Clients holding a future for this key. Shared empty until used. */
  wantedBy: Set<ClientId> = NO_CLIENTS;
  nbytes = -1;
  type = '';
  retries: number;
  /** Workers that died while this task was processing there. */
  suspicious = 0;
  exception: WireError | undefined;
  exceptionBlame: TaskState | undefined;
  resources: Resources | undefined;
  /** Worker restrictions: addresses or names. */
  workers: readonly string[] | undefined;
  /** Stamp of its current entry in the root queue (stale entries are skipped). */
  queueStamp = 0;
  /** Expected cost (ms) it added to its worker's occupancy when committed. */
  occupancyCost = 0;

  constructor(
    readonly key: KeyId,
    readonly group: TaskGroup,
    spec: TaskSpec | undefined,
    priority: readonly number[],
    retries: number,
  ) {
    this.spec = spec;
    this.priority = priority;
    this.retries = retries;
  }

  /** Links `dep` as a dependency of this task (once). */
  addDependency(dep: TaskState): boolean {
    const deps = this.dependencies;
    if (deps === NO_DEPENDENCIES) {
      this.dependencies = [dep];
      return true;
    }
    // Few inputs: a scan is cheaper than a set. A huge fan-in gets a set, built once.
    if (deps.length < 32 ? deps.includes(dep) : this.dependencySet().has(dep)) return false;
    deps.push(dep);
    this.depSet?.add(dep);
    return true;
  }

  private depSet: Set<TaskState> | undefined;

  private dependencySet(): Set<TaskState> {
    this.depSet ??= new Set(this.dependencies);
    return this.depSet;
  }

  /** Records that `worker` holds the result (the caller checked it did not already). */
  addHolder(worker: WorkerRecord): void {
    if (this.whoHas === NO_HOLDERS) this.whoHas = [worker];
    else this.whoHas.push(worker);
  }

  /** Records `task` as a dependent of this one. */
  addDependent(task: TaskState): void {
    if (this.dependents === NO_TASKS) this.dependents = new Set();
    this.dependents.add(task);
  }

  /** Records that `client` holds a future for this key. */
  addWanter(client: ClientId): void {
    if (this.wantedBy === NO_CLIENTS) this.wantedBy = new Set();
    this.wantedBy.add(client);
  }

  /** True when the task may only run on some workers (resources or worker names). */
  get restricted(): boolean {
    return this.resources !== undefined || this.workers !== undefined;
  }

  /** Still needed by someone: a client or a dependent that has not finished. */
  get needed(): boolean {
    return this.wantedBy.size > 0 || this.activeDependents > 0;
  }
}

/** True for the states in which a task still needs its dependencies' results. */
export function isActive(state: TaskStateName): boolean {
  return state === 'waiting' || state === 'queued' || state === 'no-worker' || state === 'processing';
}
