/**
 * Fetch planning for the worker state machine: which peer to ask for which dependencies, and what is in flight.
 *
 * Dependencies come straight from a peer that holds them, never through the scheduler. Each peer gets at most one
 * gather at a time, carrying every key it holds for us, best priority first, up to a byte limit; at most
 * `maxGathers` peers are asked at once, the peers whose best key is best first. A peer that answered `busy` is
 * left alone until the edge says the wait is over. Pure bookkeeping on task records: the state machine makes the
 * transitions (`fetch` -> `flight` through the callback of `plan`, and back when a gather settles).
 */
import type { WorkerAddress } from '../../protocol/messages.js';
import { comparePriority, PriorityHeap } from './heap.js';
import type { TaskState } from './task_state.js';

/** One gather to send: the keys asked of `worker` in one get-data request. */
export interface Gather {
  readonly worker: WorkerAddress;
  readonly tasks: readonly TaskState[];
  readonly totalNbytes: number;
}

/** Limits of a {@link FetchPlan}. */
export interface FetchPlanOptions {
  /** Most bytes asked of one peer in one gather (the first key always goes, whatever its size). */
  readonly messageBytesLimit: number;
  /** Most peers with a gather outstanding at once. */
  readonly maxGathers: number;
}

/** Per-peer queues of keys to fetch, and the gathers outstanding. */
export class FetchPlan {
  /** Per peer: the keys in `fetch` it holds, best first (stale entries skipped on pop). */
  private readonly queued = new Map<WorkerAddress, PriorityHeap<TaskState>>();
  /** Peers with a gather outstanding, and what was asked of each (tasks cancelled since included). */
  private readonly inFlight = new Map<WorkerAddress, Set<TaskState>>();
  private readonly busy = new Set<WorkerAddress>();

  /** `isCurrent(ts)`: the record is still the one the state machine holds for its key (not forgotten). */
  constructor(
    private readonly isCurrent: (ts: TaskState) => boolean,
    private readonly options: FetchPlanOptions,
  ) {}

  /** Queues `ts` (now in `fetch`) with every peer that holds it. */
  queue(ts: TaskState): void {
    for (const worker of ts.whoHas) {
      let heap = this.queued.get(worker);
      if (!heap) {
        heap = new PriorityHeap();
        this.queued.set(worker, heap);
      }
      heap.push(ts, ts.priority);
    }
  }

  /**
   * The gathers to send now, one per free peer that holds something to fetch, recorded as in flight. `toFlight` is
   * called for each task as soon as it is picked (before the next peer is considered) so that a key held by two
   * peers is asked of one only.
   */
  plan(toFlight: (ts: TaskState, worker: WorkerAddress) => void): Gather[] {
    const out: Gather[] = [];
    if (this.inFlight.size >= this.options.maxGathers) return out;
    const candidates: { worker: WorkerAddress; top: TaskState }[] = [];
    for (const [worker, heap] of this.queued) {
      if (this.inFlight.has(worker) || this.busy.has(worker)) continue;
      const top = this.liveTop(heap, worker);
      if (top) candidates.push({ worker, top });
      else this.queued.delete(worker);
    }
    candidates.sort((a, b) => comparePriority(a.top.priority, b.top.priority));
    for (const { worker } of candidates) {
      if (this.inFlight.size >= this.options.maxGathers) break;
      const heap = this.queued.get(worker)!;
      const batch = new Set<TaskState>();
      let total = 0;
      for (;;) {
        const ts = this.liveTop(heap, worker);
        if (!ts) break;
        if (batch.has(ts)) {
          heap.pop(); // a second entry for the same key (it went back to fetch)
          continue;
        }
        if (batch.size > 0 && total + ts.nbytes > this.options.messageBytesLimit) break;
        heap.pop();
        batch.add(ts);
        total += ts.nbytes;
      }
      if (heap.size === 0) this.queued.delete(worker);
      if (batch.size === 0) continue;
      for (const ts of batch) {
        ts.comingFrom = worker;
        toFlight(ts, worker);
      }
      this.inFlight.set(worker, batch);
      out.push({ worker, tasks: [...batch], totalNbytes: total });
    }
    return out;
  }

  /** The gather to `worker` answered or failed: what was asked of it (undefined when nothing was), no longer in flight. */
  settle(worker: WorkerAddress): Set<TaskState> | undefined {
    const asked = this.inFlight.get(worker);
    this.inFlight.delete(worker);
    return asked;
  }

  /** `worker` answered busy: not asked again until {@link FetchPlan.unbusy}. */
  markBusy(worker: WorkerAddress): void {
    this.busy.add(worker);
  }

  /** The wait after a busy answer is over. */
  unbusy(worker: WorkerAddress): void {
    this.busy.delete(worker);
  }

  /** `worker` is presumed gone: nothing is queued for it any more. */
  dropPeer(worker: WorkerAddress): void {
    this.queued.delete(worker);
  }

  /** Whether a gather to some peer is outstanding. */
  get gathering(): boolean {
    return this.inFlight.size > 0;
  }

  /** Keys asked of peers and not answered yet. */
  get keysInFlight(): number {
    let n = 0;
    for (const keys of this.inFlight.values()) n += keys.size;
    return n;
  }

  /** Whether `ts` was asked of `worker` in the gather outstanding to it. */
  isAsked(worker: WorkerAddress, ts: TaskState): boolean {
    return this.inFlight.get(worker)?.has(ts) ?? false;
  }

  /** The gathers outstanding (for invariant checks). */
  outstanding(): IterableIterator<[WorkerAddress, ReadonlySet<TaskState>]> {
    return this.inFlight.entries();
  }

  // The best entry of `worker`'s queue still in `fetch`, current, and held by that peer; stale ones popped.
  private liveTop(heap: PriorityHeap<TaskState>, worker: WorkerAddress): TaskState | undefined {
    for (;;) {
      const ts = heap.peek();
      if (!ts) return undefined;
      if (ts.state === 'fetch' && this.isCurrent(ts) && ts.whoHas.has(worker)) return ts;
      heap.pop();
    }
  }
}
