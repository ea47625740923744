// JSON Schemas (draft-07) of the cluster dashboards' /api routes (scheduler and worker). Tests check every answer
// against them with Ajv; `/api` lists them.
import type { JsonSchema } from '../schemas.js';
import { CLUSTER_COLUMNS } from './scheduler_state.js';
import { WORKER_COLUMNS } from './worker_state.js';

const count = { type: 'integer', minimum: 0 } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
const number = { type: 'number' } as const;
const string = { type: 'string' } as const;
const numbers = { type: 'array', items: number } as const;

function object(properties: Record<string, unknown>): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

function columns(names: readonly string[]): JsonSchema {
  return object(Object.fromEntries(names.map((n) => [n, numbers])));
}

/** One worker as the scheduler sees it. */
export const workerRowSchema = object({
  address: string,
  name: string,
  nthreads: { type: 'integer', minimum: 1 },
  memoryLimit: nonNegative,
  resources: { type: 'object', additionalProperties: number },
  dashboard: { type: ['string', 'null'] },
  status: { enum: ['running', 'paused', 'closing-gracefully'] },
  memory: nonNegative,
  managed: nonNegative,
  unmanaged: nonNegative,
  spilled: nonNegative,
  cpu: nonNegative,
  processing: count,
  executing: count,
  ready: count,
  inFlight: count,
  done: count,
  bandwidth: nonNegative,
  eventLoopLagMs: nonNegative,
  lastSeen: nonNegative,
});

/** GET /api/workers (scheduler): one row per connected worker. */
export const workersSchema = object({ workers: { type: 'array', items: workerRowSchema } });

/** GET /api/bandwidth (scheduler): bytes/s between each pair of workers over the receiver's last heartbeat. */
export const bandwidthSchema = object({
  pairs: {
    type: 'array',
    items: object({ from: string, to: string, bytesPerSecond: nonNegative, time: nonNegative }),
  },
});

/** GET /api/cluster (scheduler): the cluster's totals over time (columns). */
export const clusterSeriesSchema = columns(CLUSTER_COLUMNS);

/** GET /api/steals (scheduler): steal requests sent and tasks moved. */
export const stealsSchema = object({ requested: count, moved: count });

const graphView = object({
  version: { type: 'integer', minimum: 1 },
  nodes: object({
    key: { type: 'array', items: string },
    prefix: { type: 'array', items: string },
    layer: { type: 'array', items: count },
    position: { type: 'array', items: count },
    state: { type: 'array', items: { enum: ['waiting', 'processing', 'memory', 'erred'] } },
  }),
  edges: { type: 'array', items: { type: 'array', items: count, minItems: 2, maxItems: 2 } },
  omitted: count,
});

/** GET /api/graph (scheduler): the latest submission of at most `limit` tasks, laid out in layers. */
export const graphSchema = object({
  limit: count,
  omitted: count,
  graph: { oneOf: [{ type: 'null' }, graphView] },
});

/** GET /api/system (worker): CPU, memory, network, spill, event-loop lag and task counts over time (columns). */
export const workerSystemSchema = columns(WORKER_COLUMNS);

/** GET /api/tasks (worker): counts of the latest heartbeat and the tasks on a thread now. */
export const workerTasksSchema = object({
  counts: object({ executing: count, ready: count, inFlight: count }),
  tasks: { type: 'array', items: object({ key: string, since: nonNegative }) },
});

/** GET /api/transfers (worker): per peer, bytes/s in and out over the last heartbeat, and totals. */
export const workerTransfersSchema = object({
  peers: {
    type: 'array',
    items: object({
      peer: string,
      inBytesPerSecond: nonNegative,
      outBytesPerSecond: nonNegative,
      totalIn: nonNegative,
      totalOut: nonNegative,
    }),
  },
});
