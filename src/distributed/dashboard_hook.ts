/**
 * The cluster's only contact with the web dashboard (src/dashboard/cluster). As for the local scheduler
 * (src/scheduler/dashboard_hook.ts), the dependency goes dashboard -> distributed: this file declares what the
 * scheduler and the worker edges need (an observer of their events, a URL, a close) and loads the implementation
 * with a dynamic import of a computed specifier, only when a dashboard is asked for. A scheduler or a worker
 * without one never loads node:http, ws, prom-client or the page files.
 */
import type { WorkerMetrics } from './protocol/messages.js';
import type { SchedulerAction, SchedulerEvent } from './scheduler/state/types.js';
import type { WorkerEvent, WorkerInstruction } from './worker/state/types.js';

/** Where a cluster dashboard listens. */
export interface ClusterDashboardOptions {
  /** TCP port; 0 for any free one. Scheduler default 8787 (a free one when taken), worker default 0. */
  readonly port?: number;
  /** Interface; default 127.0.0.1. Elsewhere, pages need the token (once in the URL, then a cookie). */
  readonly host?: string;
  /** The cluster token (pages need it beyond loopback; one is generated when absent). */
  readonly token?: string;
  /** Print the URL once (default true). */
  readonly print?: boolean;
}

/** A scheduler's dashboard: fed with the events of each step and the actions the state machine returned for them. */
export interface SchedulerDashboard {
  readonly url: string;
  observe(events: readonly SchedulerEvent[], actions: readonly SchedulerAction[]): void;
  close(): Promise<void>;
}

/** A worker's dashboard: fed with its state machine's events and instructions and its heartbeats' metrics. */
export interface WorkerDashboard {
  readonly url: string;
  /** `http://host:port/` without the token: what the worker reports to the scheduler (register-worker). */
  readonly address: string;
  event(event: WorkerEvent, now: number): void;
  instruction(instruction: WorkerInstruction, now: number): void;
  heartbeat(metrics: WorkerMetrics, now: number): void;
  /** The worker's address, once it serves (shown on the page). */
  setWorkerAddress(address: string): void;
  close(): Promise<void>;
}

interface ClusterDashboardModule {
  startSchedulerDashboard(options: ClusterDashboardOptions): Promise<SchedulerDashboard>;
  startWorkerDashboard(
    options: ClusterDashboardOptions & { readonly name: string; readonly nthreads: number },
  ): Promise<WorkerDashboard>;
}

async function load(): Promise<ClusterDashboardModule> {
  // Computed specifier, resolved next to this file (.ts under a TypeScript loader, .js built).
  const file = import.meta.url.endsWith('.ts') ? '../dashboard/cluster/index.ts' : '../dashboard/cluster/index.js';
  return (await import(new URL(file, import.meta.url).href)) as ClusterDashboardModule;
}

/** Starts the scheduler's dashboard (pages: status, workers, bandwidth, graph). */
export async function startSchedulerDashboard(options: ClusterDashboardOptions = {}): Promise<SchedulerDashboard> {
  return (await load()).startSchedulerDashboard(options);
}

/** Starts a worker's dashboard (system, tasks, transfers). */
export async function startWorkerDashboard(
  options: ClusterDashboardOptions & { readonly name: string; readonly nthreads: number },
): Promise<WorkerDashboard> {
  return (await load()).startWorkerDashboard(options);
}
