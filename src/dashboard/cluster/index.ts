// The cluster's dashboards (issue 13, stage 2): the scheduler's (status, workers, bandwidth, graph) and each
// worker's (system, tasks, transfers). Loaded on demand by src/distributed/dashboard_hook.ts. See ../README.md.
import type { ClusterDashboardOptions, SchedulerDashboard, WorkerDashboard } from '../../distributed/dashboard_hook.js';
import { isLoopback } from '../auth.js';
import { DashboardServer } from '../server.js';
import { schedulerMetrics, workerMetrics } from './metrics.js';
import { schedulerRoutes, workerRoutes } from './routes.js';
import { ClusterDashboardState } from './scheduler_state.js';
import { WorkerDashboardState } from './worker_state.js';

export { GraphModel, type GraphView } from './graph.js';
export { LanePacker } from './lanes.js';
export { schedulerMetrics, workerMetrics } from './metrics.js';
export { schedulerRoutes, workerRoutes } from './routes.js';
export * from './scheduler_state.js';
export * as clusterSchemas from './schemas.js';
export * from './worker_state.js';

/** Pages of the scheduler's dashboard. */
export const SCHEDULER_PAGES: Readonly<Record<string, string>> = {
  '/': '/static/cluster.html',
  '/status': '/static/cluster.html',
  '/workers': '/static/workers.html',
  '/bandwidth': '/static/bandwidth.html',
  '/graph': '/static/graph.html',
};

/** Pages of a worker's dashboard. */
export const WORKER_PAGES: Readonly<Record<string, string>> = {
  '/': '/static/worker.html',
  '/system': '/static/worker.html',
};

/** Starts the scheduler's dashboard: port 8787 by default (a free one when taken). */
export async function startSchedulerDashboard(options: ClusterDashboardOptions = {}): Promise<SchedulerDashboard> {
  const state = new ClusterDashboardState();
  const server = await DashboardServer.start({
    host: options.host,
    port: options.port ?? 8787,
    fallbackToAnyPort: options.port === undefined,
    token: gateToken(options),
    cookieName: 'tessera_cluster_token',
    pages: SCHEDULER_PAGES,
    routes: schedulerRoutes(state, Date.now()),
    metrics: schedulerMetrics(state),
    source: {
      tick: (time) => state.sample(time),
      snapshot: (time) => state.snapshot(time),
      takeDelta: (time) => state.takeDelta(time),
    },
  });
  if (options.print !== false) console.log(`Tessera scheduler dashboard: ${server.url}`);
  return {
    url: server.url,
    observe: (event, actions) => state.observe(event, actions),
    close: () => server.close(),
  };
}

/** Starts a worker's dashboard: any free port by default. */
export async function startWorkerDashboard(
  options: ClusterDashboardOptions & { readonly name: string; readonly nthreads: number },
): Promise<WorkerDashboard> {
  const state = new WorkerDashboardState(options.name, options.nthreads);
  const server = await DashboardServer.start({
    host: options.host,
    port: options.port ?? 0,
    token: gateToken(options),
    cookieName: 'tessera_cluster_token',
    pages: WORKER_PAGES,
    routes: workerRoutes(state, Date.now()),
    metrics: workerMetrics(state),
    source: {
      tick: () => {},
      snapshot: (time) => state.snapshot(time),
      takeDelta: (time) => state.takeDelta(time),
    },
  });
  if (options.print !== false) console.log(`Tessera worker dashboard: ${server.url}`);
  const address = server.url.replace(/\?.*$/, '');
  return {
    url: server.url,
    address,
    event: (event, now) => state.event(event, now),
    instruction: (instruction, now) => state.instruction(instruction, now),
    heartbeat: (metrics, now) => state.heartbeat(metrics, now),
    setWorkerAddress: (a) => {
      state.address = a;
    },
    close: () => server.close(),
  };
}

// The cluster token guards a dashboard bound beyond loopback; on loopback the pages are open, as the local one's.
function gateToken(options: ClusterDashboardOptions): string | undefined {
  return isLoopback(options.host ?? '127.0.0.1') ? undefined : options.token;
}
