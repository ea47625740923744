import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { DashboardState } from './state.js';

/**
 * A Prometheus registry (prom-client) for `/metrics`: the process's default metrics (CPU, memory, event loop lag,
 * GC) plus gauges read from `state` when scraped, so scraping costs the scheduler nothing between scrapes. Its own
 * registry, not prom-client's global one, so that several dashboards in one process do not collide.
 */
export function localMetrics(state: DashboardState): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register });
  new Gauge({
    name: 'tessera_tasks',
    help: 'Tasks of the current or last run, by key prefix and state',
    labelNames: ['prefix', 'state'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const p of state.progress()) {
        if (p.total === 0) continue;
        for (const s of ['waiting', 'running', 'done', 'erred'] as const) this.set({ prefix: p.name, state: s }, p[s]);
      }
    },
  });
  new Gauge({
    name: 'tessera_tasks_finished',
    help: 'Tasks finished since the dashboard started',
    registers: [register],
    collect() {
      this.set(state.current().done);
    },
  });
  new Gauge({
    name: 'tessera_live_results',
    help: 'Task results held by the scheduler',
    registers: [register],
    collect() {
      this.set(state.current().liveResults);
    },
  });
  new Gauge({
    name: 'tessera_live_result_bytes',
    help: 'Estimated bytes of the task results held by the scheduler',
    registers: [register],
    collect() {
      this.set(state.current().liveBytes);
    },
  });
  new Gauge({
    name: 'tessera_runs',
    help: 'Computes: active now, started, finished and failed since the dashboard started',
    labelNames: ['state'] as const,
    registers: [register],
    collect() {
      const runs = state.current().runs;
      for (const s of ['active', 'started', 'finished', 'failed'] as const) this.set({ state: s }, runs[s]);
    },
  });
  return register;
}
