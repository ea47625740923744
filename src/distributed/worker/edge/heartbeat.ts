/**
 * The worker's heartbeat: every period, the metrics (WorkerMetrics) go to the scheduler, which answers with
 * `heartbeat-ack` (the worker's proof that the scheduler is alive, see scheduler_link.ts). The scheduler removes a
 * worker it has not heard from for its `workerTtlMs`.
 */
import type { WorkerMetrics } from '../../protocol/messages.js';
import type { DataStore } from '../memory/store.js';
import type { WorkerState } from '../state/worker_state.js';
import type { MetricsCollector } from './metrics.js';

/** The metrics of one heartbeat: real memory, managed and spilled bytes, task counts, transfers, lag, status. */
export function workerMetrics(state: WorkerState, store: DataStore, collector: MetricsCollector): WorkerMetrics {
  const stats = store.stats();
  const taken = collector.take();
  return {
    memory: process.memoryUsage.rss(),
    managedBytes: stats.memoryBytes,
    spilledBytes: stats.spilledBytes,
    cpu: taken.cpu,
    executing: state.executingCount,
    ready: state.count('ready') + state.count('constrained'),
    inFlight: state.inFlightCount,
    bandwidth: collector.bandwidth,
    transfers: taken.transfers,
    eventLoopLagMs: taken.eventLoopLagMs,
    status: state.workerStatus,
  };
}

/** Calls `beat` every `periodMs` until stopped (the timer does not keep the process alive). */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly beat: () => void,
    private readonly periodMs: number,
  ) {}

  /** Starts the periodic beats. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(this.beat, this.periodMs);
    this.timer.unref();
  }

  /** Beats now (a status change the scheduler should learn before the next period). */
  now(): void {
    this.beat();
  }

  /** Stops the beats. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
