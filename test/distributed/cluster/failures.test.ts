// Failures on a real LocalCluster (child processes on loopback): a worker SIGKILLed in the middle of a group-by,
// a worker that joins late and gets work by stealing, GPU-constrained tasks. Each test starts its own cluster and
// stops it in teardown, even on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import { fromRecords } from '../../../src/dataframe/create.js';
import { readParquet } from '../../../src/dataframe/read_parquet.js';
import { toParquet } from '../../../src/dataframe/to_parquet.js';
import { Client } from '../../../src/distributed/client/client.js';
import type { Future } from '../../../src/distributed/client/future.js';
import { LocalCluster, type LocalClusterOptions } from '../../../src/distributed/local_cluster.js';

t.setTimeout(240_000);

const dir = mkdtempSync(join(tmpdir(), 'tessera-failures-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const sync = { scheduler: 'sync' as const, progressBar: false };

interface WorkerView {
  readonly name: string;
  readonly keys: number;
  readonly processing: number;
}

/** The scheduler's view of the workers, by address. */
async function workersOf(client: Client): Promise<Record<string, WorkerView>> {
  const id = (await client.identity()) as { workers: Record<string, WorkerView> };
  return id.workers;
}

/** A cluster and a client on it, both closed when `t` ends. */
async function cluster(t: Test, options: LocalClusterOptions): Promise<{ cluster: LocalCluster; client: Client }> {
  const c = await LocalCluster.start({ threadsPerWorker: 1, ...options });
  const client = new Client(c);
  t.teardown(async () => {
    await client.close().catch(() => {});
    await c.close();
  });
  await client.ready;
  return { cluster: c, client };
}

/** Waits until `check` holds, polling every `everyMs`; fails with `what` after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function rows(table: arrow.Table): string[] {
  return table
    .toArray()
    .map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))
    .sort();
}

t.test('a worker SIGKILLed in the middle of a group-by: the result is still right', async (t) => {
  const n = 120_000;
  const records = Array.from({ length: n }, (_, i) => ({ k: `k${(i * 7919) % 101}`, v: (i * 2654435761) % 1000 }));
  const path = join(dir, 'groupby');
  await toParquet(fromRecords(records, { npartitions: 24 }), path, sync);
  const df = await readParquet(path);
  const agg = df.groupby('k').agg({ v: ['sum', 'count', 'max'] });
  const expected = rows(await agg.compute(sync));

  const { cluster: c, client } = await cluster(t, { workers: 3 });
  let done = false;
  const running = agg.compute({ scheduler: client, progressBar: false }).finally(() => {
    done = true;
  });
  // Kill the worker holding the most results as soon as any result exists: it dies holding finished work (to
  // recompute from lineage) and running work (to reschedule).
  let victim = '';
  await until('a first result on a worker', async () => {
    const workers = await workersOf(client);
    let best = 0;
    for (const [address, w] of Object.entries(workers)) {
      if (w.keys > best) {
        best = w.keys;
        victim = address;
      }
    }
    return best > 0 || done;
  });
  t.notOk(done, 'the group-by was still running when the worker was killed');
  const proc = c.workers.find((w) => w.address === victim)!.process;
  proc.kill('SIGKILL');
  t.same(rows(await running), expected, 'same groups and aggregates as the local run');
  const after = await workersOf(client);
  t.notOk(victim in after, 'the dead worker was removed');
  t.equal(Object.keys(after).length, 2);
});

t.test('a worker that joins late receives work by stealing', async (t) => {
  const { cluster: c, client } = await cluster(t, { workers: 1 });
  const count = 16;
  const ms = 800;
  // Measure the group's duration first: the scheduler steals by expected compute time against transfer time.
  await client.gather(Array.from({ length: 2 }, (_, i) => client.submit('sleep', ms, i, { pure: false })));
  // Inputs computed first, so the sleeps depend on many different tasks: not root tasks, committed at once to the
  // only worker (root tasks would wait in the scheduler's queue and reach a new worker without stealing).
  const inputs = client.map(
    'inc',
    Array.from({ length: count }, (_, i) => i),
  );
  await client.gather(inputs);
  const sleeps: Future[] = inputs.map((x) => client.submit('sleep', ms, x));
  const first = Object.keys(await workersOf(client))[0]!;
  await until(
    'the sleeps committed to the first worker',
    async () => (await workersOf(client))[first]!.processing >= count - 1,
  );
  const late = await c.addWorker({ name: 'late-joiner' });
  const backlog = (await workersOf(client))[first]!.processing;
  t.ok(backlog >= 3, `the first worker still had ${backlog} tasks when the late one joined`);
  const values = await client.gather(sleeps);
  t.same(
    values,
    Array.from({ length: count }, (_, i) => i + 1),
  );
  const workers = await workersOf(client);
  t.ok(workers[late.address]!.keys > 0, `the late worker holds ${workers[late.address]!.keys} results or inputs`);
  t.ok(workers[first]!.keys < 2 * count, 'the first worker did not run everything');
});

t.test('a GPU-constrained task runs only on the worker that declares GPU, and waits for one', async (t) => {
  const { cluster: c, client } = await cluster(t, { workers: 1 });
  const gpuTask = client.submit('inc', 41, { key: 'needs-gpu', resources: { GPU: 1 } });
  const plain = client.submit('inc', 1, { key: 'plain' });
  t.equal(await plain, 2);
  await new Promise((r) => setTimeout(r, 500));
  t.equal(gpuTask.status, 'pending', 'no worker declares GPU: it waits');
  const gpu = await c.addWorker({ name: 'gpu-worker', resources: { GPU: 1 } });
  t.equal(await gpuTask, 42);
  const more = Array.from({ length: 6 }, (_, i) => client.submit('inc', i, { key: `gpu-${i}`, resources: { GPU: 1 } }));
  t.same(await client.gather(more), [1, 2, 3, 4, 5, 6]);
  const workers = await workersOf(client);
  t.equal(workers[gpu.address]!.keys, 7, 'every GPU result is on the GPU worker');
  const cpu = Object.keys(workers).find((a) => a !== gpu.address)!;
  t.equal(workers[cpu]!.keys, 1, 'the CPU worker holds only the plain result');
});

t.test('a worker retired with SIGTERM hands its results over before it exits', async (t) => {
  const { cluster: c, client } = await cluster(t, { workers: 2 });
  const [leaving, staying] = c.workers;
  // Scattered data cannot be recomputed: it survives only if it was handed over.
  const [data] = (await client.scatter([new Float64Array([1, 2, 3, 4])], { workers: [leaving!.address] })) as Future[];
  const computed = client.submit('len', data, { workers: [leaving!.address] });
  t.equal(await computed, 4);
  const exited = new Promise((resolve) => leaving!.process.once('exit', resolve));
  leaving!.process.kill('SIGTERM');
  await exited;
  await until('the scheduler to drop the retired worker', async () => !(leaving!.address in (await workersOf(client))));
  t.same(Array.from((await data) as Float64Array), [1, 2, 3, 4], 'the scattered value is still there');
  t.equal(await computed, 4);
  const workers = await workersOf(client);
  t.same(Object.keys(workers), [staying!.address]);
  t.ok(workers[staying!.address]!.keys >= 2, 'the remaining worker holds both results');
});
