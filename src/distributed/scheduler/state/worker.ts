/** The scheduler's record of one connected worker. */
import type { KeyId, Resources, WorkerAddress, WorkerMetrics } from '../../protocol/messages.js';
import type { TaskState } from './task.js';

/** What the scheduler knows about a worker: its declaration, the work committed to it and the data it holds. */
export class WorkerRecord {
  status: 'running' | 'paused' | 'closing-gracefully' = 'running';
  /** Tasks committed to it, in commit order. */
  readonly processing = new Set<TaskState>();
  /** Sum of the `occupancyCost` of `processing`, ms. */
  occupancy = 0;
  /** Resources taken by processing tasks. */
  readonly usedResources: Record<string, number> = {};
  /** Results it holds. */
  readonly hasWhat = new Set<TaskState>();
  /** Bytes of `hasWhat`. */
  nbytes = 0;
  /** Last time (event `now`) a message came from it. */
  lastSeen: number;
  /** Measured bandwidth from peers, bytes/s (0 until measured). */
  bandwidth = 0;
  metrics: WorkerMetrics | undefined;
  /** Retiring: keys being replicated elsewhere before it may close. */
  retiring = false;
  /** While retiring: results asked to be copied elsewhere, and when (to ask again if the copy never comes). */
  readonly replicasAsked = new Map<TaskState, number>();

  constructor(
    readonly address: WorkerAddress,
    readonly name: string,
    readonly nthreads: number,
    readonly memoryLimit: number,
    readonly resources: Resources,
    readonly localDir: string,
    now: number,
  ) {
    this.lastSeen = now;
  }

  /** True when it may be given new tasks. */
  get accepting(): boolean {
    return this.status === 'running' && !this.retiring;
  }

  /** Expected time (ms) before a task committed now would start: its occupancy spread over its threads. */
  get startDelay(): number {
    return this.occupancy / this.nthreads;
  }

  /** Key ids of `processing` (snapshots). */
  processingKeys(): KeyId[] {
    return [...this.processing].map((t) => t.key);
  }
}
