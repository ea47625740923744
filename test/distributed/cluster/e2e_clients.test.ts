// Several clients on one cluster: per-client reference counts (a result stays while any client holds it), cancel,
// persist of a DataFrame, and compute() progress events through the Client.
import t from 'tap';
import { fromRecords } from '../../../src/dataframe/create.js';
import { Client } from '../../../src/distributed/client/client.js';
import { LocalCluster } from '../../../src/distributed/local_cluster.js';
import { compute } from '../../../src/scheduler/compute.js';
import type { ProgressEvent } from '../../../src/scheduler/progress.js';

t.setTimeout(120_000);

t.test('shared results, release, cancel, persist, progress', async (t) => {
  const cluster = await LocalCluster.start({ workers: 2, forwardStderr: false });
  t.teardown(() => cluster.close());
  const a = new Client(cluster);
  const b = new Client(cluster);
  t.teardown(() => a.close());
  t.teardown(() => b.close());

  // The same pure call from two clients is one key; A releasing it leaves it to B.
  const fa = a.submit('mul', 6, 7);
  const fb = b.submit('mul', 6, 7);
  t.equal(fa.key, fb.key, 'deterministic keys');
  t.equal(await fa, 42);
  fa.release();
  await new Promise((r) => setTimeout(r, 300));
  t.equal(await fb, 42, 'still held for the other client');
  fb.release();
  // Once both released, the scheduler forgets it: who-has is empty.
  let holders = ['?'];
  for (let i = 0; i < 40 && holders.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const reply = await (a as unknown as { request(m: object): Promise<{ whoHas: Record<string, string[]> }> }).request(
      {
        op: 'who-has',
        keys: [fa.key],
      },
    );
    holders = reply.whoHas[fa.key] ?? [];
  }
  t.same(holders, [], 'released by every client: forgotten on the cluster');

  // Cancel a long task.
  const slow = a.submit('sleep', 5000, 'late', { key: 'slow-one' });
  await slow.cancel();
  await slow.wait();
  t.equal(slow.status, 'cancelled');
  await t.rejects(slow.result(), { code: 'CANCELLED' });

  // persist keeps a DataFrame's partitions on the workers.
  const df = fromRecords(
    Array.from({ length: 100 }, (_, i) => ({ x: i })),
    { npartitions: 4 },
  );
  const parts = a.persist(df);
  t.equal(parts.length, 4);
  const batches = (await a.gather(parts)) as { numRows: number }[];
  t.equal(
    batches.reduce((s, p) => s + p.numRows, 0),
    100,
  );

  // compute(graph, keys, { scheduler: client }) reports start, output finishes and end.
  const events: ProgressEvent['type'][] = [];
  const graph = {
    x: { fn: 'inc', args: [1] },
    y: { fn: 'inc', args: [{ $ref: 'x' }] },
    z: { fn: 'add', args: [{ $ref: 'x' }, { $ref: 'y' }] },
  };
  const values = await compute(graph, ['y', 'z'], {
    scheduler: a,
    progressBar: false,
    onProgress: (e) => events.push(e.type),
  });
  t.same(values, [3, 5]);
  t.same(events, ['start', 'task-finish', 'task-finish', 'end']);
});
