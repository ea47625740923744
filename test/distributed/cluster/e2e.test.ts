// End to end on a real 2-worker LocalCluster (child processes on loopback): Futures, graphs, and DataFrame
// group-by / merge / sortValues / nuniqueApprox computed on the cluster equal the same computations run locally.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as arrow from 'apache-arrow';
import t from 'tap';
import { fromRecords } from '../../../src/dataframe/create.js';
import { readParquet } from '../../../src/dataframe/read_parquet.js';
import { toParquet } from '../../../src/dataframe/to_parquet.js';
import { Client } from '../../../src/distributed/client/client.js';
import { LocalCluster } from '../../../src/distributed/local_cluster.js';
import { TaskError } from '../../../src/scheduler/errors.js';

t.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
let cluster: LocalCluster;
let client: Client;

t.before(async () => {
  cluster = await LocalCluster.start({ workers: 2, threadsPerWorker: 1 });
  client = new Client(cluster);
  await client.ready;
});
t.teardown(async () => {
  await client?.close();
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sync = { scheduler: 'sync' as const, progressBar: false };
const onCluster = () => ({ scheduler: client, progressBar: false });

/** The rows of a table as plain objects (bigints as numbers), sorted by their JSON text. */
function rows(table: arrow.Table): string[] {
  return table
    .toArray()
    .map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))
    .sort();
}

t.test('futures: submit, map, gather, dependencies, errors, asCompleted', async (t) => {
  t.equal(await client.submit('inc', 1), 2);
  const xs = client.map('inc', [10, 20, 30]);
  t.same(await client.gather(xs), [11, 21, 31]);
  const total = client.submit('add', ...xs);
  t.equal(await total, 63);
  t.equal(total.status, 'finished');
  const seen: number[] = [];
  for await (const f of client.asCompleted(xs)) seen.push((await f) as number);
  t.same(
    seen.sort((a, b) => a - b),
    [11, 21, 31],
  );
  const bad = client.submit('len', null, { key: 'bad-len' });
  const err = await bad.exception();
  t.ok(err instanceof TaskError, 'a TaskError');
  t.match(err?.message, /bad-len failed/);
  await t.rejects(bad.result(), TaskError);
  t.equal(bad.status, 'error');
});

t.test('scatter puts values on workers; tasks use them', async (t) => {
  const [a, b] = (await client.scatter([
    new Float64Array([1, 2, 3]),
    5,
  ])) as import('../../../src/distributed/client/future.js').Future[];
  t.same(Array.from((await a) as Float64Array), [1, 2, 3]);
  t.equal(await client.submit('len', a), 3);
  t.equal(await client.submit('inc', b), 6);
});

t.test('a graph computes on the cluster as locally', async (t) => {
  const graph: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) graph[`x-${i}`] = { fn: 'inc', args: [i] };
  graph.total = { fn: 'add', args: Array.from({ length: 50 }, (_, i) => ({ $ref: `x-${i}` })) };
  const { compute } = await import('../../../src/scheduler/compute.js');
  t.equal(await compute(graph as never, 'total', onCluster()), await compute(graph as never, 'total', sync));
  t.equal(await client.compute(graph as never, 'total'), (50 * 51) / 2);
  const { delayed } = await import('../../../src/scheduler/delayed.js');
  const inc = delayed<number>('inc');
  const add = delayed<number>('add');
  const d = add(inc(1), inc(inc(2)));
  t.equal(await d.compute(onCluster()), 6, 'delayed(...).compute({ scheduler: client })');
});

t.test('DataFrame group-by, merge, sortValues and nuniqueApprox equal the local results', async (t) => {
  const n = 6000;
  const records = Array.from({ length: n }, (_, i) => ({
    k: `k${(i * 7919) % 37}`,
    id: i,
    v: ((i * 2654435761) % 1000) / 10,
  }));
  const path = join(dir, 'data');
  await toParquet(fromRecords(records, { npartitions: 4 }), path, sync);
  const df = await readParquet(path);
  t.ok(df.npartitions >= 2, 'several partitions');

  const agg = df.groupby('k').agg({ v: ['sum', 'count', 'max'], id: 'mean' });
  t.same(rows(await agg.compute(onCluster())), rows(await agg.compute(sync)), 'groupby().agg()');

  const right = fromRecords(
    Array.from({ length: 37 }, (_, i) => ({ k: `k${i}`, label: `label-${i % 5}` })),
    { npartitions: 2 },
  );
  const merged = df.merge(right, { on: 'k' });
  t.same(rows(await merged.compute(onCluster())), rows(await merged.compute(sync)), 'merge');

  const sortedRemote = await df.sortValues('v', onCluster());
  const sortedLocal = await df.sortValues('v', sync);
  const remoteTable = await sortedRemote.compute(onCluster());
  const localTable = await sortedLocal.compute(sync);
  t.same(
    Array.from(remoteTable.getChild('v')?.toArray() ?? []),
    Array.from(localTable.getChild('v')?.toArray() ?? []),
    'sortValues: same order of v',
  );
  t.equal(remoteTable.numRows, n);

  const approx = df.nuniqueApprox('k');
  const remote = await approx.compute(onCluster());
  t.equal(remote, await approx.compute(sync), 'nuniqueApprox');
  t.ok(Math.abs(remote - 37) <= 2, `about 37 distinct keys (${remote})`);
});
