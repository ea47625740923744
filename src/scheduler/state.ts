import type { IndexedGraph } from '../graph/indexed.js';
import { TaskHeap } from './heap.js';

/** Task states, as in Dask's scheduler: waiting on dependencies, ready, running (sent to a thread), done, erred. */
export const TaskState = { WAITING: 0, READY: 1, RUNNING: 2, DONE: 3, ERRED: 4 } as const;

/** One of the {@link TaskState} values. */
export type TaskStateValue = (typeof TaskState)[keyof typeof TaskState];

/**
 * The bookkeeping of one compute, held by the main thread: the state of every task, how many dependencies each
 * waits for, how many pending consumers (plus a pin for requested outputs) each result still has, and the results
 * themselves, released as soon as their last consumer has finished.
 */
export class ComputeState {
  /** Per task: one of {@link TaskState}. */
  readonly state: Uint8Array;
  /** Per task: dependencies not done yet. */
  readonly missing: Int32Array;
  /** Per task: consumers not done yet, + 1 if it is a requested output. The result is released at 0. */
  readonly holds: Int32Array;
  /** Ready tasks by static priority. */
  readonly ready: TaskHeap;
  /** Tasks finished so far. */
  finished = 0;
  /** Tasks handed to a scheduler so far. */
  claimed = 0;
  /** Results currently held by this thread, and the most ever held at once. */
  liveResults = 0;
  peakLiveResults = 0;
  /** Estimated bytes of the results held (counted only for results finished with a `bytes` estimate). */
  liveBytes = 0;

  private readonly results: unknown[];
  private readonly stored: Uint8Array;
  private readonly isOutput: Uint8Array;
  // Bytes of each held result; allocated on the first estimate, so runs without progress observers pay nothing.
  private bytes: Float64Array | undefined;

  constructor(
    readonly graph: IndexedGraph,
    readonly priority: Int32Array,
    readonly outputs: readonly number[],
  ) {
    const n = graph.ids.length;
    this.state = new Uint8Array(n);
    this.missing = new Int32Array(n);
    this.holds = new Int32Array(n);
    this.results = new Array(n);
    this.stored = new Uint8Array(n);
    this.isOutput = new Uint8Array(n);
    this.ready = new TaskHeap(priority, 1024);
    for (const t of outputs) this.isOutput[t] = 1;
    for (let t = 0; t < n; t++) {
      this.missing[t] = graph.depStart[t + 1]! - graph.depStart[t]!;
      this.holds[t] = graph.dependentStart[t + 1]! - graph.dependentStart[t]! + this.isOutput[t]!;
      if (this.missing[t] === 0) {
        this.state[t] = TaskState.READY;
        this.ready.push(t);
      }
    }
  }

  /** Number of tasks. */
  get size(): number {
    return this.graph.ids.length;
  }

  /** True once every task has finished. */
  get complete(): boolean {
    return this.finished === this.size;
  }

  /** True when task `t` is a requested output. */
  output(t: number): boolean {
    return this.isOutput[t] === 1;
  }

  /** Marks ready task `t` as running and returns it. */
  claim(t: number): number {
    this.state[t] = TaskState.RUNNING;
    this.claimed++;
    return t;
  }

  /** The result of finished task `t` (which must still be held). */
  result(t: number): unknown {
    return this.results[t];
  }

  /**
   * Records that `t` finished. `value` is kept when `hasValue` (a thread may keep a result that only tasks of its
   * own batch needed). Releases the dependencies `t` was the last consumer of, and readies dependents. `bytes`, the
   * result's estimated size when known, is added to `liveBytes` while the result is held.
   */
  finish(t: number, value: unknown, hasValue: boolean, bytes = 0): void {
    const g = this.graph;
    this.state[t] = TaskState.DONE;
    this.finished++;
    if (hasValue && this.holds[t]! > 0) {
      this.results[t] = value;
      this.stored[t] = 1;
      if (++this.liveResults > this.peakLiveResults) this.peakLiveResults = this.liveResults;
      if (bytes > 0) {
        this.bytes ??= new Float64Array(this.size);
        this.bytes[t] = bytes;
        this.liveBytes += bytes;
      }
    }
    for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) this.release(g.deps[k]!);
    for (let k = g.dependentStart[t]!; k < g.dependentStart[t + 1]!; k++) {
      const d = g.dependents[k]!;
      if (--this.missing[d]! === 0 && this.state[d] === TaskState.WAITING) {
        this.state[d] = TaskState.READY;
        this.ready.push(d);
      }
    }
  }

  /** Marks `t` as erred. Its dependents stay waiting: they never run. */
  fail(t: number): void {
    this.state[t] = TaskState.ERRED;
  }

  /** The values of the requested outputs, in request order (call once complete). */
  outputValues(): unknown[] {
    return this.outputs.map((t) => this.results[t]);
  }

  private release(t: number): void {
    if (--this.holds[t]! === 0 && this.stored[t]) {
      this.results[t] = undefined;
      this.stored[t] = 0;
      this.liveResults--;
      if (this.bytes !== undefined && this.bytes[t]! > 0) {
        this.liveBytes -= this.bytes[t]!;
        this.bytes[t] = 0;
      }
    }
  }
}
