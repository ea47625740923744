import type { TaskSpec } from '../graph/task.js';
import type { RemoteErrorInfo } from './errors.js';

/**
 * One message from the main thread to a worker thread: a run of tasks in priority order, each depending only on
 * `inputs` or on tasks earlier in the same batch, so the worker runs them back to back without a round trip.
 *
 * Values travel by structured clone: a SharedArrayBuffer (and every typed array on one) crosses without copying
 * its bytes, which is how tables and columns are meant to travel (see README.md in this folder).
 */
export interface BatchRequest {
  /**
   * JSON text of a {@link BatchPlan}. Structured cloning costs microseconds per small object, which would cap
   * throughput near 100,000 tasks/s on its own; one string of JSON costs a fraction of that.
   */
  readonly plan: string;
  /** Specs that are not plain JSON (typed arrays, undefined, NaN, ...), in order, for the plan's `0` holes. */
  readonly clonedSpecs: TaskSpec[];
  /** Values of the results computed elsewhere that these tasks read (ids in the plan's `inputIds`). */
  readonly inputs: unknown[];
  /** Per task: 1 if its result must be sent back (an output, or read by a task outside this batch). */
  readonly keep: Uint8Array;
  /** Whether to estimate result sizes (only when someone listens to progress). */
  readonly measureBytes: boolean;
}

/** The JSON-encoded part of a batch. */
export interface BatchPlan {
  /** Key id of each task, in run order. */
  readonly ids: string[];
  /** Spec of each task, or 0 where the spec travels in `clonedSpecs`. */
  readonly specs: Array<TaskSpec | 0>;
  /** Key ids of `inputs`. */
  readonly inputIds: string[];
  /** Per task: key ids the worker can forget after running it (their last reader in this batch), or 0. */
  readonly drop: Array<string[] | 0>;
}

/** The worker's answer: kept results, timings, and the error that stopped the batch, if any. */
export interface BatchReply {
  /** Tasks that finished (a prefix of the batch; shorter than the batch only after an error). */
  readonly finished: number;
  /** Results of the finished tasks with keep = 1, in batch order. */
  readonly values: unknown[];
  /** Per finished task: start and end times (epoch ms) and estimated result bytes (0 unless measured). */
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly bytes: Float64Array;
  /** Most values held at once while running the batch. */
  readonly peakLive: number;
  /** Worker thread id. */
  readonly threadId: number;
  /** The error of task number `finished`, when one threw. */
  readonly error?: RemoteErrorInfo;
}
