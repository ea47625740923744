import type { JsonSchema } from './schemas.js';
import {
  indexSchema,
  progressSchema,
  resultsSchema,
  summarySchema,
  systemSchema,
  taskStreamSchema,
} from './schemas.js';
import type { DashboardState } from './state.js';

/** One JSON route of a dashboard: its path under /api, what it returns, and the schema that return value meets. */
export interface ApiRoute {
  readonly path: string;
  readonly description: string;
  readonly schema: JsonSchema;
  /** Computes the answer (called per request; may be O(state), never touches the scheduler). */
  readonly handler: () => unknown;
}

/** The routes of the local dashboard, reading `state` (a snapshot per request). */
export function localRoutes(state: DashboardState, startedAt: number): ApiRoute[] {
  const snap = () => state.snapshot(Date.now());
  return [
    {
      path: '/api/summary',
      description: 'runs, task totals, lanes, uptime',
      schema: summarySchema,
      handler: () => {
        const s = snap();
        const tasks = { total: 0, waiting: 0, running: 0, done: 0, erred: 0 };
        for (const p of s.prefixes) {
          tasks.total += p.total;
          tasks.waiting += p.waiting;
          tasks.running += p.running;
          tasks.done += p.done;
          tasks.erred += p.erred;
        }
        return { runs: s.runs, tasks, lanes: s.lanes.length, uptimeMs: Date.now() - startedAt };
      },
    },
    {
      path: '/api/progress',
      description: 'task counts per prefix: total, waiting, running, done, erred, result bytes',
      schema: progressSchema,
      handler: () => ({ prefixes: snap().prefixes.map(({ index: _index, ...counts }) => counts) }),
    },
    {
      path: '/api/task-stream',
      description: 'task-stream lanes and bars (epoch ms); short tasks back to back on a lane share a bar',
      schema: taskStreamSchema,
      handler: () => {
        const s = snap();
        const bars = s.bars.lane.map((lane, i) => ({
          lane,
          worker: s.lanes[lane]!.worker,
          thread: s.lanes[lane]!.thread,
          prefix: s.prefixes[s.bars.prefix[i]!]!.name,
          start: s.bars.start[i]!,
          end: s.bars.end[i]!,
          tasks: s.bars.count[i]!,
        }));
        return { lanes: s.lanes, bars };
      },
    },
    {
      path: '/api/results',
      description: 'results held by the scheduler and their bytes, tasks done, over time',
      schema: resultsSchema,
      handler: () => {
        const { time, liveResults, liveBytes, done } = snap().samples;
        return { time, liveResults, liveBytes, done };
      },
    },
    {
      path: '/api/system',
      description: 'process memory (resident, JS heap) and CPU over time',
      schema: systemSchema,
      handler: () => {
        const { time, rssBytes, heapUsedBytes, cpuPercent } = snap().samples;
        return { time, rssBytes, heapUsedBytes, cpuPercent };
      },
    },
  ];
}

/** The `/api` route: the list of routes with their schemas. */
export function indexRoute(routes: readonly ApiRoute[]): ApiRoute {
  return {
    path: '/api',
    description: 'this list of routes and their JSON Schemas',
    schema: indexSchema,
    handler: () => ({
      routes: routes.map(({ path, description, schema }) => ({ path, description, schema })),
    }),
  };
}
