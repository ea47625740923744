// Functions on other machines: a user's module outside any package is shipped by uploadModule to every worker
// (and to workers that join later); a module a worker cannot resolve fails the task with the module and worker named.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { Client } from '../../../src/distributed/client/client.js';
import { LocalCluster } from '../../../src/distributed/local_cluster.js';
import { TaskError } from '../../../src/scheduler/errors.js';

t.setTimeout(120_000);

t.test('uploadModule, late joiners, unresolvable modules', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-upload-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'user_ops.mjs');
  writeFileSync(file, 'export const triple = (x) => x * 3;\nexport const where = () => process.pid;\n');
  const triple = `${pathToFileURL(file).href}#triple`;

  const cluster = await LocalCluster.start({ workers: 2, forwardStderr: false });
  t.teardown(() => cluster.close());
  const client = new Client(cluster);
  t.teardown(() => client.close());
  await client.ready;

  t.throws(() => client.submit(triple, 2), { code: 'MODULE_LOAD', message: /uploadModule/ }, 'refused before upload');
  await client.uploadModule(file);
  t.same(await client.gather(client.map(triple, [1, 2, 3, 4])), [3, 6, 9, 12]);

  // Each worker imported it from its own local dir: run one task pinned to each worker.
  const addresses = cluster.workers.map((w) => w.address);
  for (const address of addresses) {
    t.equal(await client.submit(triple, 7, { workers: [address], pure: false }), 21, `on ${address}`);
  }

  // A worker that joins later receives the module too.
  const late = await cluster.addWorker({ name: 'late' });
  t.equal(await client.submit(triple, 10, { workers: [late.address], pure: false }), 30, 'on the late joiner');
  const pids = await client.gather(
    [...addresses, late.address].map((a) =>
      client.submit(`${pathToFileURL(file).href}#where`, { workers: [a], pure: false }),
    ),
  );
  t.equal(new Set(pids as number[]).size, 3, 'three different worker processes ran it');

  const missing = client.submit('pkg:tessera/src/no/such/module#f', 1, { key: 'unresolvable' });
  const err = await missing.exception();
  t.ok(err instanceof TaskError);
  t.match(err?.message, /src\/no\/such\/module/, 'names the module');
  t.match(err?.message, /worker|tcp:\/\//, 'names the worker');
});
