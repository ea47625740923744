/**
 * The scheduler-side queue of ready root tasks (state `queued`), lowest priority tuple first. Removal is lazy: an
 * entry whose task left `queued`, or was queued again since, is skipped when it reaches the top. When stale entries
 * outnumber live ones the heap is rebuilt from the live ones: otherwise a forgotten graph's queued tasks would stay
 * referenced (kept from the garbage collector) and be sifted through by every later graph.
 */
import { comparePriority, type TaskState } from './task.js';

/** Below this many entries the heap is never rebuilt: a small heap's stale entries cost nothing. */
const COMPACT_MIN = 1024;

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
      if (this.heap.length > COMPACT_MIN && this.heap.length > 2 * this.size) this.compact();
    }
  }

  /** Entries in the heap, live and stale (for tests of the compaction). */
  get entries(): number {
    return this.heap.length;
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

  /** Keeps the live entries only and restores the heap order bottom-up (linear in their number). */
  private compact(): void {
    const live = this.heap.filter((e) => e.task.queueStamp === e.stamp);
    this.heap = live;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.siftDown(i, live[i]!);
  }

  private popTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) this.siftDown(0, last);
  }

  /** Places `entry` at slot `i` or below, moving smaller children up. */
  private siftDown(start: number, entry: Entry): void {
    const h = this.heap;
    const n = h.length;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && comparePriority(h[child + 1]!.task.priority, h[child]!.task.priority) < 0) child++;
      if (comparePriority(h[child]!.task.priority, entry.task.priority) >= 0) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = entry;
  }
}
