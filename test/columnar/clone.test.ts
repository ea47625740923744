// A Batch is plain data: it survives structured clone (the way task results cross threads) unchanged, and its
// SharedArrayBuffer-backed buffers arrive as views on the same memory.
import { Worker } from 'node:worker_threads';
import t from 'tap';
import { batchFromArrow, batchToArrow, concatBatches } from '../../src/columnar/index.js';
import type { Batch } from '../../src/columnar/types.js';
import { TaskGraph } from '../../src/graph/graph.js';
import { compute } from '../../src/scheduler/compute.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { arrowCasesTable, arrowTableText } from './arrow_cases.js';

const shared = concatBatches([batchFromArrow(arrowCasesTable()), batchFromArrow(arrowCasesTable())]);
const unshared = batchFromArrow(arrowCasesTable());

t.test('structuredClone gives an equal batch; shared buffers stay shared', async (t) => {
  for (const batch of [shared, unshared]) {
    const copy = structuredClone(batch) as Batch;
    t.same(copy, batch);
    t.same(arrowTableText(batchToArrow(copy)), arrowTableText(batchToArrow(batch)));
  }
  const copy = structuredClone(shared) as Batch;
  t.ok(copy.columns[0]!.values!.buffer instanceof SharedArrayBuffer);
  (copy.columns[0]!.values as Int8Array)[0] = 99;
  t.equal((shared.columns[0]!.values as Int8Array)[0], 99, 'the clone writes the same memory');
  (copy.columns[0]!.values as Int8Array)[0] = 1;
});

t.test('a worker thread receives an equal batch sharing memory', async (t) => {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', (batch) => {
       batch.columns[0].values[1] = 42;
       parentPort.postMessage(batch);
     });`,
    { eval: true },
  );
  t.teardown(() => worker.terminate());
  const back = await new Promise<Batch>((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(shared);
  });
  t.equal((shared.columns[0]!.values as Int8Array)[1], 42, 'the worker wrote our memory');
  t.same(back, shared);
});

t.test('batches pass between scheduler threads (defineOp ops) equal, sharing memory', async (t) => {
  const pool = new ThreadPool({ threads: 2 });
  t.teardown(() => pool.close());
  const OPS = new URL('./fixtures/ops.ts', import.meta.url).href;
  const op = (name: string) => `${OPS}#${name}`;
  const r = (key: string) => ({ $ref: key });
  const g = TaskGraph.from({
    data: { fn: op('casesBatch'), args: [3] },
    seen: { fn: op('describeBatch'), args: [r('data')] },
    // poke runs after describeBatch (it waits for its result), then writes the shared memory.
    poked: { fn: op('poke'), args: [r('data'), 77, r('seen')] },
  });
  const expected = arrowTableText(batchToArrow(concatBatches([unshared, unshared, unshared])));
  for (const scheduler of ['sync', pool] as const) {
    const [data, seen] = (await compute(g, ['data', 'seen', 'poked'], { scheduler, maxBatchSize: 1 })) as [
      Batch,
      { text: unknown; shared: boolean },
    ];
    const got = arrowTableText(batchToArrow(data));
    t.same(got, { ...expected, i8: ['77', ...expected.i8!.slice(1)] }, 'equal, with the poke');
    t.same(seen.text, expected, 'the reader thread saw the same values');
    t.ok(seen.shared, 'and a shared buffer');
    t.equal((data.columns[0]!.values as Int8Array)[0], 77, 'the poke (another task) wrote the memory we hold');
  }
});
