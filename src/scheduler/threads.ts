import { keyFromId } from '../graph/keys.js';
import { BatchCutter } from './batch.js';
import { ComputeAbortedError, rebuildError, SchedulerError, TaskError } from './errors.js';
import type { ThreadPool } from './pool.js';
import type { BatchReply } from './protocol.js';
import type { ComputeState } from './state.js';
import type { RunContext } from './sync.js';

/** Tuning of the threads scheduler. */
export interface ThreadsOptions {
  /** Most tasks per message to a thread. Default 2048. */
  maxBatchSize?: number;
  /** Aimed-for run time of one batch, ms: batches grow until they take about this long. Default 10. */
  targetBatchMs?: number;
}

/** Counters of one threads run. */
export interface ThreadsRunStats {
  batches: number;
  peakWorkerLiveResults: number;
}

/**
 * Runs a compute on `pool`: the main thread keeps every task's state and cuts batches of ready tasks (see
 * BatchCutter); each thread has at most two batches in flight, so one is queued while the other runs. Batch size
 * adapts to measured task duration: large for trivial tasks (throughput), one task for slow ones (balance), never
 * more than a fair share of the tasks not yet claimed.
 *
 * On abort the promise rejects at once and no further batch is sent; batches already running finish in their
 * thread (their results are dropped) rather than having the thread terminated, so the pool stays warm. Batches
 * aim at `targetBatchMs`, so this is short unless single tasks are long.
 */
export function runThreads(
  state: ComputeState,
  pool: ThreadPool,
  context: RunContext,
  options: ThreadsOptions = {},
): Promise<ThreadsRunStats> {
  const { signal, emit } = context;
  const maxBatch = Math.max(1, options.maxBatchSize ?? 2048);
  const targetMs = options.targetBatchMs ?? 10;
  const maxInFlight = 2 * pool.threads;
  const cutter = new BatchCutter(state);
  const g = state.graph;
  const stats: ThreadsRunStats = { batches: 0, peakWorkerLiveResults: 0 };
  let msPerTask = -1;
  let inFlight = 0;
  let settled = false;

  return new Promise<ThreadsRunStats>((resolve, reject) => {
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(stats);
    };
    const onAbort = (): void => settle(new ComputeAbortedError(signal?.reason));
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort);

    const batchSize = (): number => {
      const fairShare = Math.ceil((state.size - state.claimed) / maxInFlight);
      const byTime = msPerTask < 0 ? 8 : Math.floor(targetMs / Math.max(msPerTask, 1e-4));
      return Math.max(1, Math.min(maxBatch, byTime, fairShare));
    };
    // Of the tasks ready now, a batch takes no more than one thread's share: the tasks not yet ready (a reduction's
    // combines) would otherwise let the last ready ones go out together to one thread while the other waits for
    // them. Tasks that only the batch feeds (a chain) still travel with it, up to the batch size.
    const readyShare = (): number => Math.max(1, Math.ceil(state.ready.size / pool.threads));

    const onReply = (tasks: readonly number[], keep: Uint8Array, reply: BatchReply, measureBytes: boolean): void => {
      inFlight--;
      if (settled) return;
      if (reply.peakLive > stats.peakWorkerLiveResults) stats.peakWorkerLiveResults = reply.peakLive;
      if (reply.finished > 0) {
        const busy = reply.end[reply.finished - 1]! - reply.start[0]!;
        const perTask = busy / reply.finished;
        msPerTask = msPerTask < 0 ? perTask : 0.7 * msPerTask + 0.3 * perTask;
      }
      let v = 0;
      for (let i = 0; i < reply.finished; i++) {
        const t = tasks[i]!;
        const kept = keep[i] === 1;
        const bytes = measureBytes ? reply.bytes[i]! : 0;
        state.finish(t, kept ? reply.values[v++] : undefined, kept, bytes);
        if (emit) {
          emit({
            type: 'task-finish',
            key: keyFromId(g.ids[t]!),
            start: reply.start[i]!,
            end: reply.end[i]!,
            bytes,
            thread: reply.threadId,
            liveResults: state.liveResults,
            liveBytes: state.liveBytes,
          });
        }
      }
      if (reply.error) {
        const t = tasks[reply.finished]!;
        state.fail(t);
        const error = new TaskError(keyFromId(g.ids[t]!), g.ids[t]!, reply.error, rebuildError(reply.error));
        if (emit) emit({ type: 'task-error', key: error.key, error });
        settle(error);
        return;
      }
      pump();
    };

    const pump = (): void => {
      while (!settled && inFlight < maxInFlight && state.ready.size > 0) {
        const size = batchSize();
        const { id, tasks } = cutter.cut(size, Math.min(size, readyShare()));
        const measureBytes = emit !== undefined;
        const request = cutter.request(id, tasks, measureBytes);
        if (emit) {
          const time = performance.timeOrigin + performance.now();
          for (const t of tasks) emit({ type: 'task-start', key: keyFromId(g.ids[t]!), time });
        }
        inFlight++;
        stats.batches++;
        pool.run(request).then(
          (reply) => onReply(tasks, request.keep, reply, measureBytes),
          (err: unknown) => {
            inFlight--;
            settle(
              new SchedulerError('WORKER_FAILED', `a worker thread failed: ${(err as Error).message}`, { cause: err }),
            );
          },
        );
      }
      if (settled) return;
      if (state.complete) settle();
      else if (inFlight === 0)
        settle(new SchedulerError('WORKER_FAILED', 'no task is ready or running, yet some wait'));
    };
    pump();
  });
}
