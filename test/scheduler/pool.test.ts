import { fileURLToPath } from 'node:url';
import t from 'tap';
import { compute } from '../../src/scheduler/compute.js';
import { ThreadPool } from '../../src/scheduler/pool.js';

const OPS = new URL('./fixtures/ops.ts', import.meta.url).href;
const PRELOADED = new URL('./fixtures/preloaded.ts', import.meta.url);

t.test('preload: every thread imports the modules before its first task', async (t) => {
  // An absolute path (a URL is passed through as it is).
  const pool = new ThreadPool({ threads: 2, preload: [fileURLToPath(PRELOADED)] });
  const graph: Record<string, { fn: string; args: unknown[] }> = {};
  for (let i = 0; i < 8; i++) graph[`p${i}`] = { fn: `${OPS}#wasPreloaded`, args: [] };
  t.same(await compute(graph, Object.keys(graph), { scheduler: pool, maxBatchSize: 1 }), Array(8).fill(true));
  await pool.close();
  const plain = new ThreadPool({ threads: 1 });
  t.equal(await compute({ p: { fn: `${OPS}#wasPreloaded`, args: [] } }, 'p', { scheduler: plain }), false);
  await plain.close();
});

t.test('preload: a module that cannot be imported fails the compute with WORKER_FAILED', async (t) => {
  const pool = new ThreadPool({ threads: 1, preload: [new URL('./fixtures/no-such-module.ts', import.meta.url).href] });
  await t.rejects(compute({ a: { fn: 'inc', args: [1] } }, 'a', { scheduler: pool }), {
    code: 'WORKER_FAILED',
    message: /no-such-module/,
  });
  await t.rejects(
    compute({ a: { fn: 'inc', args: [2] } }, 'a', { scheduler: pool }),
    { code: 'WORKER_FAILED' },
    'and later ones',
  );
  await pool.close();
});

t.test('queued batches start in the order they were queued (largest-first callers rely on it)', async (t) => {
  const pool = new ThreadPool({ threads: 1 });
  const batch = (x: number) => ({
    plan: JSON.stringify({ ids: ['d'], specs: [{ fn: `${OPS}#double`, args: [x] }], inputIds: [], drop: [0] }),
    clonedSpecs: [],
    inputs: [],
    keep: new Uint8Array([1]),
    measureBytes: false,
  });
  await pool.run(batch(0)); // the thread is up and has imported the ops
  const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => pool.run(batch(i))));
  t.same(
    replies.map((r) => r.values[0]),
    Array.from({ length: 12 }, (_, i) => 2 * i),
  );
  const order = replies.map((r, i) => ({ i, start: r.start[0]! })).sort((a, b) => a.start - b.start);
  t.same(
    order.map((o) => o.i),
    Array.from({ length: 12 }, (_, i) => i),
    'start order = queue order',
  );
  await pool.close();
});
