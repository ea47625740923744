/**
 * Compute time per task group measured on this worker, for batching tasks the scheduler sent no duration for.
 * A moving average per group (dask's key_split), so that a batch of trivial tasks of a known group can share a
 * thread while a task of unknown duration runs alone.
 */
import type { StartStop } from '../../protocol/messages.js';
import { groupName } from '../../scheduler/state/task.js';
import type { TaskState } from './task_state.js';

/** Measured compute times per task group. */
export class GroupDurations {
  private readonly ms = new Map<string, number>();

  /**
   * Expected run time of `ts` in ms: the scheduler's figure, else what this worker measured for the task's group,
   * else 0 (unknown: the task runs alone).
   */
  expectedMs(ts: TaskState): number {
    if (ts.duration > 0) return ts.duration;
    ts.group ??= groupName(ts.key);
    return this.ms.get(ts.group) ?? 0;
  }

  /** Folds the compute time of a finished run of `ts` into its group's average (nothing when not measured). */
  record(ts: TaskState, startstops: readonly StartStop[]): void {
    if (startstops.length === 0) return;
    let ms = 0;
    for (const s of startstops) if (s.action === 'compute' && s.stop >= s.start) ms += s.stop - s.start;
    ts.group ??= groupName(ts.key);
    const before = this.ms.get(ts.group);
    // A floor of 1 µs: a measured 0 still means "known and quick".
    const sample = Math.max(ms, 0.001);
    this.ms.set(ts.group, before === undefined ? sample : 0.5 * before + 0.5 * sample);
  }
}
