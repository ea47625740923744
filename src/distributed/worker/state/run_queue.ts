/**
 * The worker's runnable tasks and what a free thread takes next. Tasks in `ready` (no resources needed) and in
 * `constrained` (needing declared resources) wait in two priority queues; a free thread takes the best one that
 * fits, and, when it needs no resources and its duration is known, more ready tasks behind it as one batch: one
 * message to a pool thread costs tens of microseconds, more than a trivial task. Pure bookkeeping: the state
 * machine makes the transitions and holds the resources.
 */
import type { GroupDurations } from './durations.js';
import { comparePriority, PriorityHeap } from './heap.js';
import type { TaskState } from './task_state.js';

/** Batching limits of a {@link RunQueue}. */
export interface BatchLimits {
  /** Expected work (ms) of one batch. */
  readonly batchTargetMs: number;
  /** Most tasks in one batch (1: no batching). */
  readonly maxBatchSize: number;
}

/** The ready and constrained queues (lazy deletion: entries of tasks that moved on are skipped). */
export class RunQueue {
  private readonly ready = new PriorityHeap<TaskState>();
  private readonly constrained = new PriorityHeap<TaskState>();

  /** `isCurrent(ts)`: the record is still the one the state machine holds for its key (not forgotten). */
  constructor(
    private readonly isCurrent: (ts: TaskState) => boolean,
    private readonly durations: GroupDurations,
    private readonly limits: BatchLimits,
  ) {}

  /** Queues `ts`, just moved to `ready` or `constrained`. */
  push(ts: TaskState): void {
    (ts.state === 'constrained' ? this.constrained : this.ready).push(ts, ts.priority);
  }

  /**
   * The tasks the next free thread runs, best first, taken off the queues; undefined when nothing runnable fits.
   * `fits(ts)`: its resources are free now. `freeThreads` and `readyCount` (tasks in `ready`) bound a batch to a
   * fair share of what is ready, so other free threads get work too.
   */
  take(fits: (ts: TaskState) => boolean, freeThreads: number, readyCount: number): TaskState[] | undefined {
    const r = this.liveTop(this.ready, 'ready');
    const c = this.liveTop(this.constrained, 'constrained');
    const cFits = c !== undefined && fits(c);
    let first: TaskState | undefined;
    if (r && (!cFits || comparePriority(r.priority, c.priority) <= 0)) first = this.ready.pop();
    else if (cFits) first = this.constrained.pop();
    if (!first) return undefined;
    const batch = [first];
    if (first.resources || this.durations.expectedMs(first) <= 0) return batch;
    // Only tasks of known duration ride along: a batch reports when its last task is done, so a slow task of unknown
    // duration would hold back the results of quick ones.
    const limit = Math.min(this.limits.maxBatchSize, Math.ceil((readyCount + 1) / freeThreads));
    let work = this.durations.expectedMs(first);
    while (batch.length < limit) {
      const next = this.liveTop(this.ready, 'ready');
      const ms = next ? this.durations.expectedMs(next) : 0;
      if (!next || ms <= 0 || work + ms > this.limits.batchTargetMs) break;
      this.ready.pop();
      batch.push(next);
      work += ms;
    }
    return batch;
  }

  // The best entry of a queue still in `state` and current; stale ones popped.
  private liveTop(heap: PriorityHeap<TaskState>, state: 'ready' | 'constrained'): TaskState | undefined {
    for (;;) {
      const ts = heap.peek();
      if (!ts) return undefined;
      if (ts.state === state && this.isCurrent(ts)) return ts;
      heap.pop();
    }
  }
}
