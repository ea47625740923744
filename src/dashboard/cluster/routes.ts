import { type ApiRoute, localRoutes } from '../routes.js';
import type { DashboardState } from '../state.js';
import type { ClusterDashboardState } from './scheduler_state.js';
import {
  bandwidthSchema,
  clusterSeriesSchema,
  graphSchema,
  stealsSchema,
  workerSystemSchema,
  workersSchema,
  workerTasksSchema,
  workerTransfersSchema,
} from './schemas.js';
import type { WorkerDashboardState } from './worker_state.js';

// The task routes of the local dashboard that hold on a cluster too (its results/system series are the local
// scheduler's process figures; the cluster has its own).
function taskRoutes(tasks: DashboardState, startedAt: number): ApiRoute[] {
  const keep = new Set(['/api/summary', '/api/progress', '/api/task-stream']);
  return localRoutes(tasks, startedAt).filter((r) => keep.has(r.path));
}

/** Routes of the scheduler's dashboard. */
export function schedulerRoutes(state: ClusterDashboardState, startedAt: number): ApiRoute[] {
  return [
    ...taskRoutes(state.tasks, startedAt),
    {
      path: '/api/workers',
      description: 'one row per worker: address, threads, memory (managed, unmanaged, spilled), CPU, resources, tasks',
      schema: workersSchema,
      handler: () => ({ workers: state.workerRows() }),
    },
    {
      path: '/api/bandwidth',
      description: 'bytes/s between each pair of workers over the receiving worker’s last heartbeat interval',
      schema: bandwidthSchema,
      handler: () => ({ pairs: state.bandwidth() }),
    },
    {
      path: '/api/cluster',
      description:
        'cluster totals over time: memory, managed, spilled, CPU, processing, done, steals, transfer bytes/s',
      schema: clusterSeriesSchema,
      handler: () => state.samples(),
    },
    {
      path: '/api/steals',
      description: 'steal requests sent by the scheduler and tasks moved to another worker',
      schema: stealsSchema,
      handler: () => state.stealCounts(),
    },
    {
      path: '/api/graph',
      description: 'the latest submitted graph (if small enough), laid out in layers, with task states',
      schema: graphSchema,
      handler: () => ({
        limit: state.graph.limit,
        omitted: state.graph.omitted,
        graph: state.graph.current() ?? null,
      }),
    },
  ];
}

/** Routes of a worker's dashboard. */
export function workerRoutes(state: WorkerDashboardState, startedAt: number): ApiRoute[] {
  return [
    ...taskRoutes(state.tasks, startedAt),
    {
      path: '/api/system',
      description: 'CPU, memory, managed, spilled, network in/out bytes/s, event-loop lag, task counts over time',
      schema: workerSystemSchema,
      handler: () => state.samples(),
    },
    {
      path: '/api/tasks',
      description: 'tasks executing now (up to 100) and the counts executing, ready (queued) and in flight',
      schema: workerTasksSchema,
      handler: () => state.executing(),
    },
    {
      path: '/api/transfers',
      description: 'per peer: bytes/s in and out over the last heartbeat interval, and totals',
      schema: workerTransfersSchema,
      handler: () => ({ peers: state.transfers() }),
    },
  ];
}
