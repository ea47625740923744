// JSON Schemas (draft-07) of the /api routes of the local dashboard. Each route answers with data matching its
// schema (tests check it with Ajv); `/api` lists the routes with their schemas, for scrapers and for stage 2.

/** A JSON Schema object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const count = { type: 'integer', minimum: 0 } as const;
const number = { type: 'number' } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
const numbers = { type: 'array', items: number } as const;

function object(properties: Record<string, unknown>): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

const runs = object({ active: count, started: count, finished: count, failed: count });
const lane = object({ worker: { type: 'string' }, thread: count });

/** GET /api/summary: runs, task totals over every prefix, lanes, uptime. */
export const summarySchema = object({
  runs,
  tasks: object({ total: count, waiting: count, running: count, done: count, erred: count }),
  lanes: count,
  uptimeMs: nonNegative,
});

/** GET /api/progress: task counts per prefix (rows with a total of 0 belong to earlier runs). */
export const progressSchema = object({
  prefixes: {
    type: 'array',
    items: object({
      name: { type: 'string' },
      total: count,
      waiting: count,
      running: count,
      done: count,
      erred: count,
      bytes: nonNegative,
    }),
  },
});

/** GET /api/task-stream: lanes (worker, thread) and the bars held, one row each; times in epoch ms. */
export const taskStreamSchema = object({
  lanes: { type: 'array', items: lane },
  bars: {
    type: 'array',
    items: object({
      lane: count,
      worker: { type: 'string' },
      thread: count,
      prefix: { type: 'string' },
      start: number,
      end: number,
      tasks: { type: 'integer', minimum: 1 },
    }),
  },
});

/** GET /api/results: results held by the scheduler and their estimated bytes, over time (columns). */
export const resultsSchema = object({ time: numbers, liveResults: numbers, liveBytes: numbers, done: numbers });

/** GET /api/system: the process's resident memory, JS heap and CPU (percent of one core), over time (columns). */
export const systemSchema = object({ time: numbers, rssBytes: numbers, heapUsedBytes: numbers, cpuPercent: numbers });

/** GET /api: the route index. */
export const indexSchema = object({
  routes: {
    type: 'array',
    items: object({ path: { type: 'string' }, description: { type: 'string' }, schema: { type: 'object' } }),
  },
});
