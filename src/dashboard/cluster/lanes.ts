/**
 * Which thread lane of a worker a finished task is drawn on. Workers report when a task ran, not on which thread
 * (the wire's StartStop has no thread): the lanes are packed greedily, a task going to the first of the worker's
 * `nthreads` lanes that is free at its start (else to the one that frees first). With as many lanes as threads
 * this draws the same picture as per-thread lanes would, and it costs O(nthreads) per task.
 */
export class LanePacker {
  private readonly ends = new Map<string, Float64Array>();

  /** Declares (or re-declares, after a restart) a worker's thread count. */
  setThreads(worker: string, nthreads: number): void {
    this.ends.set(worker, new Float64Array(Math.max(1, nthreads)));
  }

  /** Forgets a worker. */
  remove(worker: string): void {
    this.ends.delete(worker);
  }

  /** The lane (thread index) for a task that ran from `start` to `end` on `worker`. */
  place(worker: string, start: number, end: number): number {
    let ends = this.ends.get(worker);
    if (ends === undefined) {
      ends = new Float64Array(1);
      this.ends.set(worker, ends);
    }
    let best = 0;
    for (let i = 0; i < ends.length; i++) {
      // 0.05 ms of slack: tasks of one batch follow each other with timestamps that may overlap by rounding.
      if (ends[i]! <= start + 0.05) {
        best = i;
        break;
      }
      if (ends[i]! < ends[best]!) best = i;
    }
    ends[best] = Math.max(ends[best]!, end);
    return best;
  }

  /** The worker's number of thread lanes (its extra lane for transfers and spills comes after them). */
  threads(worker: string): number {
    return this.ends.get(worker)?.length ?? 1;
  }
}
