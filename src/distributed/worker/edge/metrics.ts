/**
 * What a worker measures about itself for its heartbeats (WorkerMetrics): real memory, CPU, event-loop lag,
 * transfer bandwidth and bytes per peer since the last heartbeat.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WorkerAddress } from '../../protocol/messages.js';

/** Transfer and CPU counters between two heartbeats. */
export class MetricsCollector {
  private bandwidthEwma = 0;
  private transfers = new Map<WorkerAddress, { bytesIn: number; bytesOut: number }>();
  private cpuMark = process.cpuUsage();
  private wallMark = performance.now();
  private readonly lag = monitorEventLoopDelay({ resolution: 20 });

  constructor() {
    this.lag.enable();
  }

  /** Records `bytes` received from `peer` in `ms` (a finished gather): updates the bandwidth estimate. */
  received(peer: WorkerAddress, bytes: number, ms: number): void {
    this.entry(peer).bytesIn += bytes;
    // Tiny transfers measure latency, not bandwidth: only those of 1 MB or more move the estimate.
    if (bytes >= 1e6 && ms > 0) {
      const bw = (bytes / ms) * 1000;
      this.bandwidthEwma = this.bandwidthEwma === 0 ? bw : 0.8 * this.bandwidthEwma + 0.2 * bw;
    }
  }

  /** Records `bytes` sent to `peer`. */
  sent(peer: WorkerAddress, bytes: number): void {
    this.entry(peer).bytesOut += bytes;
  }

  /** Measured bandwidth from peers, bytes/s (0 before the first large transfer). */
  get bandwidth(): number {
    return this.bandwidthEwma;
  }

  /** CPU use since the last call (0..nthreads*100), transfers since the last call, event-loop lag; resets. */
  take(): {
    cpu: number;
    transfers: Record<WorkerAddress, { bytesIn: number; bytesOut: number }>;
    eventLoopLagMs: number;
  } {
    const cpu = process.cpuUsage(this.cpuMark);
    const now = performance.now();
    const wallMs = Math.max(1, now - this.wallMark);
    this.cpuMark = process.cpuUsage();
    this.wallMark = now;
    const transfers = Object.fromEntries(this.transfers);
    this.transfers = new Map();
    const eventLoopLagMs = Number.isFinite(this.lag.max) ? this.lag.max / 1e6 : 0;
    this.lag.reset();
    return { cpu: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, transfers, eventLoopLagMs };
  }

  /** Stops the event-loop delay monitor. */
  close(): void {
    this.lag.disable();
  }

  private entry(peer: WorkerAddress): { bytesIn: number; bytesOut: number } {
    let e = this.transfers.get(peer);
    if (!e) {
      e = { bytesIn: 0, bytesOut: 0 };
      this.transfers.set(peer, e);
    }
    return e;
  }
}
