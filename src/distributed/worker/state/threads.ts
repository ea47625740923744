/**
 * The worker's threads as the state machine sees them: which tasks occupy a thread, in which batch, holding which
 * resources. A thread is busy until every task of its batch has reported, cancelled ones included (threads are
 * never interrupted). Pure bookkeeping, no I/O.
 */
import type { KeyId } from '../../protocol/messages.js';
import type { Resources } from './resources.js';
import type { TaskState } from './task_state.js';

/** One task on a thread. */
export interface ThreadSlot {
  readonly ts: TaskState;
  /** What it holds of the declared resources until it reports. */
  readonly resources: Resources;
  readonly batch: number;
}

/** Tasks on threads, by key, and batches not fully reported. */
export class ThreadSlots {
  /** Tasks occupying a thread (cancelled ones included). */
  readonly executing = new Map<KeyId, ThreadSlot>();
  /** Batches running, each on one thread: tasks of the batch not reported yet. */
  readonly batches = new Map<number, number>();
  private nextBatch = 1;

  /** Threads busy. */
  get busy(): number {
    return this.batches.size;
  }

  /** Puts `batch` on one thread; each task holds its own resources (none: `{}`). */
  start(batch: readonly TaskState[]): void {
    const id = this.nextBatch++;
    this.batches.set(id, batch.length);
    for (const ts of batch) this.executing.set(ts.key, { ts, resources: ts.resources ?? {}, batch: id });
  }

  /** Task `key` reported: its slot (undefined when it was not on a thread), freed; its thread too if it was the last. */
  finish(key: KeyId): ThreadSlot | undefined {
    const slot = this.executing.get(key);
    if (!slot) return undefined;
    this.executing.delete(key);
    const left = this.batches.get(slot.batch)! - 1;
    if (left === 0) this.batches.delete(slot.batch);
    else this.batches.set(slot.batch, left);
    return slot;
  }
}
