/**
 * The scheduler-side queue of ready root tasks (state `queued`), lowest priority tuple first. Removal is lazy: an
 * entry whose task left `queued`, or was queued again since, is skipped when it reaches the top.
 */
import { comparePriority, type TaskState } from './task.js';

interface Entry {
  readonly task: TaskState;
  readonly stamp: number;
}

/** A binary heap of queued tasks. */
export class RootQueue {
  private heap: Entry[] = [];
  private stamps = 0;
  /** Tasks in state `queued` (the heap may hold stale entries besides). */
  size = 0;

  /** Queues `task` (the caller has set its state to `queued`). */
  push(task: TaskState): void {
    task.queueStamp = ++this.stamps;
    const entry = { task, stamp: task.queueStamp };
    const h = this.heap;
    let i = h.length;
    h.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (comparePriority(h[parent]!.task.priority, task.priority) <= 0) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = entry;
    this.size++;
  }

  /** Marks `task` as no longer queued (it left the state some other way). */
  remove(task: TaskState): void {
    if (task.queueStamp !== 0) {
      task.queueStamp = 0;
      this.size--;
    }
  }

  /** The queued task that runs first, without removing it. */
  peek(): TaskState | undefined {
    this.dropStale();
    return this.heap[0]?.task;
  }

  /** Removes and returns the queued task that runs first. */
  pop(): TaskState | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.popTop();
    top.task.queueStamp = 0;
    this.size--;
    return top.task;
  }

  /** The queued tasks, in no particular order (for validation and snapshots). */
  *tasks(): IterableIterator<TaskState> {
    for (const e of this.heap) if (e.task.queueStamp === e.stamp) yield e.task;
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.heap[0]!.task.queueStamp !== this.heap[0]!.stamp) this.popTop();
  }

  private popTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && comparePriority(h[child + 1]!.task.priority, h[child]!.task.priority) < 0) child++;
      if (comparePriority(h[child]!.task.priority, last.task.priority) >= 0) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
  }
}
