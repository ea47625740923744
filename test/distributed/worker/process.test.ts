// Real workers (startWorker) with the real scheduler server and Client over loopback TCP, in this process: peer
// fetches, spilling past the memory target, graceful retirement and the self-restart past the terminate threshold.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Client } from '../../../src/distributed/client/client.js';
import { newToken } from '../../../src/distributed/comm/index.js';
import { startScheduler } from '../../../src/distributed/scheduler/server.js';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../../../src/distributed/worker/process.js';
import { blockSum, sharedBlock, slowInc } from './fixtures/ops.js';

const token = newToken();
const security = { token };
const quiet = () => {};

async function cluster(t: Test, workers: Array<Partial<WorkerOptions>>) {
  const scheduler = await startScheduler({ port: 0, security, log: quiet });
  const handles: WorkerHandle[] = [];
  t.teardown(async () => {
    await Promise.all(handles.map((w) => w.close('test over')));
    await scheduler.close();
  });
  for (const extra of workers) {
    handles.push(await startWorker({ scheduler: scheduler.address, security, log: quiet, heartbeatMs: 100, ...extra }));
  }
  const client = new Client(scheduler.address, { token });
  t.teardown(() => client.close());
  await client.ready;
  return { scheduler, workers: handles, client };
}

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

t.test('two workers: results are right and dependencies travel straight between the workers', async (t) => {
  t.setTimeout(60_000);
  const { workers, client } = await cluster(t, [{ name: 'w1' }, { name: 'w2' }]);
  // Half the inputs on each worker (restrictions), so that the sum needs transfers whichever worker runs it.
  const a = client.map(
    'inc',
    Array.from({ length: 20 }, (_, i) => i),
    { workers: ['w1'] },
  );
  const b = client.map(
    'inc',
    Array.from({ length: 20 }, (_, i) => 20 + i),
    { workers: ['w2'] },
  );
  const incs = [...a, ...b];
  const total = client.submit('add', ...incs, { key: 'total' });
  t.equal(await total.result(), (40 * 41) / 2);
  const fetched = workers.flatMap((w) => w.state.story().filter((x) => x.to === 'flight'));
  t.equal(fetched.length, 20, 'the 20 inputs held by the other worker were fetched from it, once each');
  const ran = workers.map((w) => w.state.story().filter((x) => x.to === 'executing').length);
  t.same(ran.sort(), [20, 21], 'each worker ran its 20 tasks, one of them the sum');
  t.same(await client.gather(incs.slice(0, 3)), [1, 2, 3]);
});

t.test('spilling: a workload of twice the memory limit completes, with bytes spilled and read back', async (t) => {
  t.setTimeout(90_000);
  const localDir = mkdtempSync(join(tmpdir(), 'tessera-worker-spill-'));
  t.teardown(() => rmSync(localDir, { recursive: true, force: true }));
  // This process also runs tap and the scheduler, so its RSS says little about the worker: the spill is driven by
  // the worker's managed bytes alone here (the RSS steps are covered in memory.test.ts with a measured stand-in).
  const { workers, client } = await cluster(t, [
    {
      name: 'small',
      memoryLimit: '40MB',
      localDir,
      memory: { thresholds: { spill: false, pause: false, terminate: false }, intervalMs: 20 },
    },
  ]);
  const blocks = client.map(
    sharedBlock,
    Array.from({ length: 10 }, (_, i) => [i + 1, 8]),
    { spread: true },
  );
  const sums = blocks.map((b) => client.submit(blockSum, b));
  const values = (await client.gather(sums)) as number[];
  t.same(
    values,
    Array.from({ length: 10 }, (_, i) => (i + 1) * 1e6),
    'every block summed right',
  );
  const w = workers[0]!;
  // Spill files are written asynchronously (a memory check starts the writes; the counter moves as each file is
  // written), so the sums can be gathered before the first write lands: wait for it rather than read it at once.
  await until('a spill file written', () => w.store.stats().totalBytesSpilled > 0);
  const stats = w.store.stats();
  t.ok(stats.totalBytesSpilled > 0, `bytes spilled: ${stats.totalBytesSpilled}`);
  // Blocks read back for the sums are in memory again until the next check spills them down to the target.
  await until('memory back under the 24 MB target', () => w.store.stats().memoryBytes <= 0.6 * 40e6);
  t.ok(w.store.stats().spilledKeys >= 6, 'at least 6 of the 10 blocks of 8 MB are on disk');
  t.ok(readdirSync(join(localDir, 'spill')).length > 0, 'spill files on disk in the local dir');
  // Reading back every block (the LRU ones come from disk) gives the same values.
  const again = (await client.gather(blocks)) as Float64Array[];
  t.same(
    again.map((b) => [b.length, b[0], b[b.length - 1]]),
    Array.from({ length: 10 }, (_, i) => [1e6, i + 1, i + 1]),
  );
  t.ok(w.store.stats().unspills > 0, 'spilled blocks were read back on demand');
  t.ok(w.metrics().spilledBytes >= 0);
});

t.test('retire: results move to the other worker, then the worker stops', async (t) => {
  t.setTimeout(60_000);
  const { workers, client } = await cluster(t, [{ name: 'leaving' }, { name: 'staying' }]);
  const [leaving, staying] = workers as [WorkerHandle, WorkerHandle];
  const futures = client.map(
    'inc',
    Array.from({ length: 20 }, (_, i) => 100 + i),
    { workers: ['leaving'] },
  );
  await client.gather(futures);
  t.ok(leaving.state.memoryKeys().length > 0, 'the leaving worker holds results');
  const reason = await leaving.retire();
  t.match(reason, /closed by the scheduler|retired/);
  await until('the staying worker to hold every result', () => staying.state.memoryKeys().length >= 20);
  t.same(
    await client.gather(futures),
    Array.from({ length: 20 }, (_, i) => 101 + i),
    'results survive retirement',
  );
});

t.test('restart past the terminate threshold: the worker comes back empty, lost results are recomputed', async (t) => {
  t.setTimeout(60_000);
  let rss = 0;
  const { workers, client } = await cluster(t, [
    {
      name: 'flaky',
      memoryLimit: 1e9,
      memory: { rss: () => rss, intervalMs: 20 },
    },
  ]);
  const w = workers[0]!;
  const first = client.map(
    slowInc,
    Array.from({ length: 5 }, (_, i) => [i, 1]),
    { spread: true },
  );
  t.same(await client.gather(first), [1, 2, 3, 4, 5]);
  const stateBefore = w.state;
  rss = 0.96e9;
  await until('the restart', () => w.restarts === 1);
  rss = 0;
  t.not(w.state, stateBefore, 'a fresh state machine');
  await until('re-registration', () => w.state.memoryKeys().length === 5, 30_000);
  t.same(await client.gather(first), [1, 2, 3, 4, 5], 'lost results recomputed from lineage');
});
