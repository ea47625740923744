import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { DashboardState } from '../state.js';
import type { ClusterDashboardState } from './scheduler_state.js';
import type { WorkerDashboardState } from './worker_state.js';

// Every gauge reads the dashboard's aggregate when scraped: a scrape costs the scheduler nothing in between.

function taskGauge(register: Registry, tasks: DashboardState): void {
  new Gauge({
    name: 'tessera_tasks',
    help: 'Tasks by key prefix and state (waiting, running = processing, done, erred)',
    labelNames: ['prefix', 'state'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const p of tasks.progress()) {
        if (p.total === 0) continue;
        for (const s of ['waiting', 'running', 'done', 'erred'] as const) this.set({ prefix: p.name, state: s }, p[s]);
      }
    },
  });
}

/** The scheduler's /metrics: process metrics, tasks, and per-worker memory, CPU, processing; steals; bandwidth. */
export function schedulerMetrics(state: ClusterDashboardState): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register });
  taskGauge(register, state.tasks);
  new Gauge({
    name: 'tessera_workers',
    help: 'Workers connected to the scheduler',
    registers: [register],
    collect() {
      this.set(state.workerRows().length);
    },
  });
  new Gauge({
    name: 'tessera_worker_memory_bytes',
    help: 'Memory of each worker by kind: managed (results), unmanaged (the rest of the RSS), spilled (on disk)',
    labelNames: ['worker', 'kind'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const w of state.workerRows()) {
        this.set({ worker: w.address, kind: 'managed' }, w.managed);
        this.set({ worker: w.address, kind: 'unmanaged' }, w.unmanaged);
        this.set({ worker: w.address, kind: 'spilled' }, w.spilled);
      }
    },
  });
  new Gauge({
    name: 'tessera_worker_cpu_percent',
    help: 'CPU of each worker process, percent of one core',
    labelNames: ['worker'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const w of state.workerRows()) this.set({ worker: w.address }, w.cpu);
    },
  });
  new Gauge({
    name: 'tessera_worker_processing',
    help: 'Tasks committed to each worker and not finished',
    labelNames: ['worker'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const w of state.workerRows()) this.set({ worker: w.address }, w.processing);
    },
  });
  new Gauge({
    name: 'tessera_steals',
    help: 'Work stealing since the scheduler started: requests sent, tasks moved',
    labelNames: ['kind'] as const,
    registers: [register],
    collect() {
      const s = state.stealCounts();
      this.set({ kind: 'requested' }, s.requested);
      this.set({ kind: 'moved' }, s.moved);
    },
  });
  new Gauge({
    name: 'tessera_transfer_bytes_per_second',
    help: 'Bytes/s between two workers over the receiving worker’s last heartbeat interval',
    labelNames: ['from', 'to'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const p of state.bandwidth()) this.set({ from: p.from, to: p.to }, p.bytesPerSecond);
    },
  });
  return register;
}

/** A worker's /metrics: process metrics, its tasks, and its latest heartbeat's figures. */
export function workerMetrics(state: WorkerDashboardState): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register });
  taskGauge(register, state.tasks);
  const latest = (column: string): number => {
    const values = (state.samples() as Record<string, number[]>)[column] ?? [];
    return values.length === 0 ? 0 : values[values.length - 1]!;
  };
  for (const [name, help, column] of [
    ['tessera_worker_memory_bytes', 'Resident memory of the worker process', 'memory'],
    ['tessera_worker_managed_bytes', 'Bytes of results held in memory', 'managed'],
    ['tessera_worker_spilled_bytes', 'Bytes of results spilled to disk', 'spilled'],
    ['tessera_worker_cpu_percent', 'CPU of the worker process, percent of one core', 'cpu'],
    ['tessera_worker_net_in_bytes_per_second', 'Bytes/s received from peers', 'netInBytesPerSecond'],
    ['tessera_worker_net_out_bytes_per_second', 'Bytes/s sent to peers', 'netOutBytesPerSecond'],
    ['tessera_worker_event_loop_lag_ms', 'Longest event-loop delay over the last heartbeat interval', 'eventLoopLagMs'],
    ['tessera_worker_executing', 'Tasks executing', 'executing'],
    ['tessera_worker_ready', 'Tasks queued (ready to run)', 'ready'],
    ['tessera_worker_in_flight', 'Dependencies being fetched', 'inFlight'],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [register],
      collect() {
        this.set(latest(column));
      },
    });
  }
  return register;
}
