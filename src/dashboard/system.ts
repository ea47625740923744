import type { SystemSample } from './state.js';

/**
 * Measures the process's memory and CPU, each call covering the time since the previous one. An I/O edge kept out of
 * DashboardState so that the state stays pure and tests can feed it made-up samples.
 */
export class SystemSampler {
  private lastCpu = process.cpuUsage();
  private lastTime = performance.now();

  /** One sample; CPU is every thread's user + system time over the interval, in percent of one core. */
  sample(): SystemSample {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const usedMicros = cpu.user - this.lastCpu.user + (cpu.system - this.lastCpu.system);
    const elapsedMs = t - this.lastTime;
    this.lastCpu = cpu;
    this.lastTime = t;
    const memory = process.memoryUsage();
    return {
      time: performance.timeOrigin + t,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      cpuPercent: elapsedMs > 0 ? usedMicros / 10 / elapsedMs : 0,
    };
  }
}
