import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import t from 'tap';
import { WebSocket } from 'ws';
import { LocalDashboard } from '../../src/dashboard/index.js';
import { localRoutes } from '../../src/dashboard/routes.js';
import { DashboardState, type Delta, type Snapshot } from '../../src/dashboard/state.js';
import { fromRecords } from '../../src/dataframe/create.js';

type Message = Snapshot | Delta;

t.setTimeout(90_000);

import { compute } from '../../src/scheduler/compute.js';
import { closeSharedDashboards } from '../../src/scheduler/dashboard_hook.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { slowGraph } from './support.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`GET ${url}: no answer in 5 s`)));
    req.end();
  });
}

/** Messages of a WebSocket client until `until` says stop (or 10 s pass). */
function collect(
  url: string,
  headers: Record<string, string>,
  until: (msgs: Message[]) => boolean,
): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const msgs: Message[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`websocket: ${msgs.length} messages in 10 s`));
    }, 10_000);
    ws.on('message', (data) => {
      msgs.push(JSON.parse(String(data)));
      if (until(msgs)) {
        clearTimeout(timer);
        ws.close();
        resolve(msgs);
      }
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

t.test('every /api route answers JSON that meets its schema, /metrics is Prometheus text', async (t) => {
  const pool = new ThreadPool({ threads: 2, dashboard: { port: 0, print: false } });
  t.teardown(() => pool.close());
  const dashboard = (await pool.dashboard)!;
  t.match(dashboard.url, /^http:\/\/127\.0\.0\.1:\d+\/$/, 'loopback, no token');
  t.equal(await compute(slowGraph(40, 2), 'total', { scheduler: pool, progressBar: false }), 820);
  await new Promise((r) => setTimeout(r, 400)); // a few samples

  const ajv = new Ajv({ strict: true });
  const index = JSON.parse((await get(new URL('/api', dashboard.url).href)).body);
  const routes = localRoutes(new DashboardState(), 0);
  t.same(
    index.routes.map((r: { path: string }) => r.path),
    routes.map((r) => r.path),
    '/api lists the routes',
  );
  for (const route of index.routes as Array<{ path: string; schema: object }>) {
    const reply = await get(new URL(route.path, dashboard.url).href);
    t.equal(reply.status, 200, route.path);
    t.match(reply.headers['content-type'], /application\/json/);
    const data = JSON.parse(reply.body);
    const valid = ajv.validate(route.schema, data);
    t.ok(valid, `${route.path} meets its schema ${valid ? '' : ajv.errorsText()}`);
  }
  const summary = JSON.parse((await get(new URL('/api/summary', dashboard.url).href)).body);
  t.match(summary, {
    runs: { started: 1, finished: 1, active: 0 },
    tasks: { total: 81, done: 81, waiting: 0 },
    lanes: 2,
  });
  const progress = JSON.parse((await get(new URL('/api/progress', dashboard.url).href)).body);
  t.same(
    progress.prefixes.map((p: { name: string; done: number }) => [p.name, p.done]),
    [
      ['slow', 40],
      ['wide', 40],
      ['total', 1],
    ],
  );
  t.equal(progress.prefixes[1].bytes, 40 * 8000, 'result bytes per prefix');
  const stream = JSON.parse((await get(new URL('/api/task-stream', dashboard.url).href)).body);
  t.ok(stream.bars.length > 0, 'bars');
  t.equal(
    stream.bars.reduce((s: number, b: { tasks: number }) => s + b.tasks, 0),
    81,
    'every task is in a bar',
  );
  const system = JSON.parse((await get(new URL('/api/system', dashboard.url).href)).body);
  t.ok(system.time.length >= 2, 'samples over time');
  t.ok(
    system.rssBytes.every((b: number) => b > 1e6),
    'resident memory',
  );

  const metrics = await get(new URL('/metrics', dashboard.url).href);
  t.equal(metrics.status, 200);
  t.match(metrics.headers['content-type'], /text\/plain/);
  t.match(metrics.body, /tessera_tasks\{prefix="slow",state="done"\} 40/);
  t.match(metrics.body, /tessera_tasks_finished 81/);
  t.match(metrics.body, /process_resident_memory_bytes \d+/);

  const page = await get(dashboard.url);
  t.equal(page.status, 200);
  t.match(page.body, /<script type="module" src="\/static\/status.js">/);
  const uplot = await get(new URL('/static/uplot/uPlot.esm.js', dashboard.url).href);
  const installed = join(dirname(createRequire(import.meta.url).resolve('uplot')), 'uPlot.esm.js');
  t.equal(uplot.body, readFileSync(installed, 'utf8'), 'uPlot comes from the installed package');
  t.equal((await get(new URL('/static/../package.json', dashboard.url).href)).status, 404, 'no path escapes');
  t.equal((await get(new URL('/nothing', dashboard.url).href)).status, 404);
});

t.test('the WebSocket sends a snapshot, then deltas in order, while a compute runs', async (t) => {
  const pool = new ThreadPool({ threads: 2, dashboard: { port: 0, print: false } });
  t.teardown(() => pool.close());
  const dashboard = (await pool.dashboard)!;
  const ws = dashboard.url.replace('http', 'ws').replace(/\/$/, '/ws');
  const running = compute(slowGraph(60, 10), 'total', { scheduler: pool, progressBar: false });
  const msgs = await collect(ws, {}, (m) => m.some((x) => x.kind === 'delta' && x.runs.finished === 1));
  await running;
  t.equal(msgs[0]!.kind, 'snapshot');
  const deltas = msgs.slice(1);
  t.ok(deltas.length >= 2, `${deltas.length} deltas`);
  t.ok(
    deltas.every((d, i) => d.kind === 'delta' && d.seq === (i === 0 ? msgs[0]!.seq + 1 : deltas[i - 1]!.seq + 1)),
    'deltas follow the snapshot without gaps',
  );
  const bars = msgs.reduce((s, m) => s + m.bars.count.reduce((a: number, b: number) => a + b, 0), 0);
  t.ok(bars > 0 && bars <= 121, `bars carried ${bars} tasks`);
});

t.test('beyond loopback: the token once in the URL, then an HttpOnly cookie', async (t) => {
  const dashboard = await LocalDashboard.start({ port: 0, token: 's3cret', print: false });
  t.teardown(() => dashboard.close());
  t.match(dashboard.url, /\/\?token=s3cret$/);
  const base = dashboard.url.replace(/\?.*/, '');
  t.equal((await get(base)).status, 401, 'no token');
  t.equal((await get(`${base}?token=wrong`)).status, 401, 'wrong token');
  t.equal((await get(`${base}api/summary`, { cookie: 'tessera-dashboard=wrong' })).status, 401, 'wrong cookie');
  const first = await get(dashboard.url);
  t.equal(first.status, 302, 'the token is dropped from the address');
  t.equal(first.headers.location, '/');
  const cookie = String(first.headers['set-cookie']);
  t.match(cookie, /^tessera-dashboard=s3cret; HttpOnly; SameSite=Strict; Path=\//);
  const jar = { cookie: cookie.split(';')[0]! };
  t.equal((await get(base, jar)).status, 200, 'the cookie lets the page in');
  t.equal((await get(`${base}static/status.js`, jar)).status, 200);
  t.equal((await get(`${base}api/summary?token=s3cret`)).status, 200, 'scrapers may pass the token every time');
  t.equal((await get(`${base}metrics?token=s3cret`)).status, 200);
  const ws = `${base.replace('http', 'ws')}ws`;
  await t.rejects(
    collect(ws, {}, () => true),
    /401/,
    'no socket without the token',
  );
  const msgs = await collect(ws, jar, (m) => m.length >= 1);
  t.equal(msgs[0]!.kind, 'snapshot', 'the cookie opens the socket');
});

t.test('compute({ dashboard }): one shared server per port, URL printed once; bad options fail clearly', async (t) => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(' '));
  t.teardown(async () => {
    console.log = log;
    await closeSharedDashboards();
  });
  const graph = { a: { fn: 'inc', args: [1] } };
  t.equal(await compute(graph, 'a', { dashboard: { port: 0 }, scheduler: 'sync', progressBar: false }), 2);
  t.equal(await compute(graph, 'a', { dashboard: { port: 0 }, scheduler: 'sync', progressBar: false }), 2);
  const frame = fromRecords([{ x: 1 }, { x: 2 }, { x: 3 }], { npartitions: 3 });
  t.equal((await frame.compute({ dashboard: { port: 0 }, scheduler: 'sync', progressBar: false })).numRows, 3);
  console.log = log;
  t.equal(lines.length, 1, 'printed once');
  t.match(lines[0], /^Tessera dashboard: http:\/\/127\.0\.0\.1:\d+\/$/);
  const url = lines[0]!.split(' ').at(-1)!;
  const summary = JSON.parse((await get(new URL('/api/summary', url).href)).body);
  t.match(summary.runs, { started: 3, finished: 3 }, 'the three computes fed the same dashboard');
  const progress = JSON.parse((await get(new URL('/api/progress', url).href)).body);
  t.ok(
    progress.prefixes.some((p: { name: string; done: number }) => p.name === 'concat' && p.done === 1),
    "df.compute's tasks are there",
  );
  await t.rejects(compute(graph, 'a', { dashboard: { port: -1 } }), {
    code: 'BAD_ARGUMENT',
    message: /dashboard\.port/,
  });
  await t.rejects(compute(graph, 'a', { dashboard: 'yes' as never }), { code: 'BAD_ARGUMENT' });
  const port = Number(new URL(url).port);
  await t.rejects(compute(graph, 'a', { dashboard: { port, host: '127.0.0.1', print: false } }), {
    code: 'LISTEN_FAILED',
    message: new RegExp(`127.0.0.1:${port}`),
  });
});

t.test('a pool whose dashboard cannot listen fails its computes clearly; close() stops the server', async (t) => {
  const first = new ThreadPool({ threads: 1, dashboard: { port: 0, print: false } });
  const url = (await first.dashboard)!.url;
  const port = Number(new URL(url).port);
  const second = new ThreadPool({ threads: 1, dashboard: { port, print: false } });
  await t.rejects(compute({ a: { fn: 'inc', args: [1] } }, 'a', { scheduler: second, progressBar: false }), {
    code: 'LISTEN_FAILED',
  });
  await second.close();
  t.equal((await get(url)).status, 200);
  await first.close();
  await t.rejects(get(url), { code: 'ECONNREFUSED' }, 'the server is gone with its pool');
});
