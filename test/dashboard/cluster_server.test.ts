// The cluster dashboards' servers without a cluster: loaded through the distributed hook (dynamic import), fed by
// hand, checked over HTTP: the cluster token beyond loopback (once in the URL, then a cookie), none on loopback;
// the WebSocket's first message; the CLI's dashboard flags.
import { PassThrough } from 'node:stream';
import t from 'tap';
import { WebSocket } from 'ws';
import { runClusterCommand } from '../../src/cli/cluster.js';
import { startSchedulerDashboard, startWorkerDashboard } from '../../src/distributed/dashboard_hook.js';

t.setTimeout(60_000);

const portOf = (url: string) => new URL(url).port;

t.test('beyond loopback the scheduler dashboard needs the cluster token, then keeps it in a cookie', async (t) => {
  const dash = await startSchedulerDashboard({ host: '0.0.0.0', port: 0, token: 'cluster-secret', print: false });
  t.teardown(() => dash.close());
  t.match(dash.url, /\?token=cluster-secret$/, 'the printed URL carries the token');
  const base = `http://127.0.0.1:${portOf(dash.url)}`;
  t.equal((await fetch(`${base}/api/workers`)).status, 401, 'no token: refused');
  t.equal((await fetch(`${base}/workers`)).status, 401);
  t.equal((await fetch(`${base}/api/workers?token=wrong`)).status, 401, 'wrong token: refused');
  const api = await fetch(`${base}/api/workers?token=cluster-secret`);
  t.equal(api.status, 200, 'scrapers may send the token each time');
  t.same(await api.json(), { workers: [] });
  const page = await fetch(`${base}/workers?token=cluster-secret`, { redirect: 'manual' });
  t.equal(page.status, 302, 'a page URL with the token redirects without it');
  t.equal(page.headers.get('location'), '/workers');
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  t.match(cookie, /^tessera_cluster_token=/);
  const again = await fetch(`${base}/workers`, { headers: { cookie } });
  t.equal(again.status, 200, 'then the cookie is enough');
  t.match(await again.text(), /Tessera cluster: workers/);
  const metrics = await fetch(`${base}/metrics`, { headers: { cookie } });
  t.match(await metrics.text(), /^tessera_workers 0$/m);
});

t.test('on loopback the dashboards are open; the WebSocket starts with a snapshot', async (t) => {
  const dash = await startSchedulerDashboard({ port: 0, token: 'ignored-on-loopback', print: false });
  t.teardown(() => dash.close());
  t.match(dash.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  dash.observe(
    [
      {
        type: 'add-worker',
        now: Date.now(),
        msg: {
          op: 'register-worker',
          address: 'tcp://127.0.0.1:1',
          name: 'w',
          nthreads: 1,
          memoryLimit: 0,
          resources: {},
          localDir: '/tmp',
          keys: [],
          nbytes: {},
        },
      },
    ],
    [],
  );
  const ws = new WebSocket(`ws://127.0.0.1:${portOf(dash.url)}/ws`);
  t.teardown(() => ws.terminate());
  const first = await new Promise<{ kind: string; workers: { name: string }[] }>((resolve, reject) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.once('error', reject);
  });
  t.equal(first.kind, 'snapshot');
  t.same(
    first.workers.map((w) => w.name),
    ['w'],
  );

  const worker = await startWorkerDashboard({ port: 0, print: false, name: 'w', nthreads: 2 });
  t.teardown(() => worker.close());
  t.equal(worker.address, worker.url, 'on loopback the reported address is the URL (no token)');
  const res = await fetch(new URL('/api/tasks', worker.url));
  t.same(await res.json(), { counts: { executing: 0, ready: 0, inFlight: 0 }, tasks: [] });
  t.equal((await fetch(new URL('/', worker.url))).status, 200, 'the worker page');
});

t.test('CLI: a bad --dashboard-port is refused with the flag named', async (t) => {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d) => {
    text += String(d);
  });
  const code = await runClusterCommand('scheduler', ['--port', '0', '--dashboard-port', 'abc'], {
    stdout: new PassThrough(),
    stderr,
  });
  t.equal(code, 2);
  t.match(text, /--dashboard-port needs 0\.\.65535, got 'abc'/);
  const help = new PassThrough();
  let usage = '';
  help.on('data', (d) => {
    usage += String(d);
  });
  t.equal(await runClusterCommand('worker', ['--help'], { stdout: help, stderr: new PassThrough() }), 0);
  t.match(usage, /--no-dashboard/);
});
