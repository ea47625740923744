import { isPlainObject, type TaskSpec } from '../graph/task.js';
import { TaskHeap } from './heap.js';
import type { BatchPlan, BatchRequest } from './protocol.js';
import type { ComputeState } from './state.js';

/**
 * Cuts batches for worker threads out of a compute's ready tasks. A batch is what one thread would run next if it
 * followed the static priorities alone: starting from the best ready task, it keeps taking the best task whose
 * dependencies are all done or earlier in the batch. A chain therefore travels as one message, and a subtree of a
 * reduction runs in one thread that forgets its intermediates as it goes, returning only what other tasks need.
 */
export class BatchCutter {
  // credit[d]: dependencies of d claimed into the batch being cut; batchOf[t]: id of the batch t went into.
  private readonly credit: Int32Array;
  private readonly batchOf: Int32Array;
  private readonly candidates: TaskHeap;
  private readonly lastReader = new Map<number, number>();
  // Per task: 0 not checked yet, 1 spec is plain JSON, 2 it is not.
  private readonly jsonSafeCache: Uint8Array;
  private nextId = 1;

  constructor(private readonly state: ComputeState) {
    const n = state.size;
    this.credit = new Int32Array(n);
    this.batchOf = new Int32Array(n);
    this.candidates = new TaskHeap(state.priority, 256);
    this.jsonSafeCache = new Uint8Array(n);
  }

  /**
   * Claims up to `maxSize` tasks (at least one if any is ready), of which at most `maxReady` from the tasks ready now,
   * plus up to `maxSize` more that depend only on tasks already done or in the batch, and returns them in run order
   * with the batch id.
   */
  cut(maxSize: number, maxReady: number = maxSize): { id: number; tasks: number[] } {
    const s = this.state;
    const g = s.graph;
    const priority = s.priority;
    const id = this.nextId++;
    const tasks: number[] = [];
    const touched: number[] = [];
    // Past maxSize the batch still takes tasks that only it can feed (up to maxSize more), so that a chain such as
    // read -> partial aggregate is not cut between its links: the cut would ship the link's result through the
    // main thread to another thread instead of handing it on in place.
    let fromReady = 0;
    while (tasks.length < 2 * maxSize) {
      const r = tasks.length < maxSize && fromReady < maxReady ? s.ready.peek() : -1;
      const c = this.candidates.peek();
      let t: number;
      if (c >= 0 && (r < 0 || priority[c]! < priority[r]!)) t = this.candidates.pop();
      else if (r >= 0) {
        t = s.ready.pop();
        fromReady++;
      } else break;
      s.claim(t);
      this.batchOf[t] = id;
      tasks.push(t);
      for (let k = g.dependentStart[t]!; k < g.dependentStart[t + 1]!; k++) {
        const d = g.dependents[k]!;
        if (this.credit[d] === 0) touched.push(d);
        if (++this.credit[d]! === s.missing[d]) this.candidates.push(d);
      }
    }
    for (const d of touched) this.credit[d] = 0;
    this.candidates.clear();
    return { id, tasks };
  }

  /** The message for batch `id`: specs, the inputs it reads from elsewhere, what to send back and what to forget. */
  request(id: number, tasks: readonly number[], measureBytes: boolean): BatchRequest {
    const s = this.state;
    const g = s.graph;
    const n = tasks.length;
    const ids = new Array<string>(n);
    const specs = new Array<TaskSpec | 0>(n);
    const clonedSpecs: TaskSpec[] = [];
    const inputIds: string[] = [];
    const inputs: unknown[] = [];
    const keep = new Uint8Array(n);
    const drop = new Array<string[] | 0>(n).fill(0);
    const last = this.lastReader;
    last.clear();
    for (let i = 0; i < n; i++) {
      const t = tasks[i]!;
      ids[i] = g.ids[t]!;
      if (this.jsonSafe(t)) specs[i] = g.specs[t]!;
      else {
        specs[i] = 0;
        clonedSpecs.push(g.specs[t]!);
      }
      for (let k = g.depStart[t]!; k < g.depStart[t + 1]!; k++) {
        const d = g.deps[k]!;
        if (this.batchOf[d] !== id && !last.has(d)) {
          inputIds.push(g.ids[d]!);
          inputs.push(s.result(d));
        }
        last.set(d, i);
      }
      let readOutside = s.output(t);
      for (let k = g.dependentStart[t]!; k < g.dependentStart[t + 1]! && !readOutside; k++) {
        readOutside = this.batchOf[g.dependents[k]!] !== id;
      }
      keep[i] = readOutside ? 1 : 0;
      // Tasks nobody in the batch reads can be forgotten right after they ran (kept ones were already copied out).
      if (!last.has(t)) last.set(t, i);
    }
    for (const [d, i] of last) {
      const list = drop[i] || (drop[i] = []);
      list.push(g.ids[d]!);
    }
    const plan: BatchPlan = { ids, specs, inputIds, drop };
    return { plan: JSON.stringify(plan), clonedSpecs, inputs, keep, measureBytes };
  }

  // Whether task t's spec survives JSON unchanged (cached per task).
  private jsonSafe(t: number): boolean {
    let safe = this.jsonSafeCache[t]!;
    if (safe === 0) {
      safe = isJsonValue(this.state.graph.specs[t]!.args) ? 1 : 2;
      this.jsonSafeCache[t] = safe;
    }
    return safe === 1;
  }
}

/** True when `value` round-trips through JSON text unchanged (finite numbers, strings, booleans, null, nesting). */
export function isJsonValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isJsonValue(value[i])) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const k in value) if (!isJsonValue(value[k])) return false;
      return true;
    }
    default:
      return false;
  }
}
