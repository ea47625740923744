// The cluster's dashboards in a real browser (Debian's chromium via playwright-core), on a 2-worker LocalCluster
// during a running computation: every scheduler page and a worker's page hold data; every /api route of both meets
// its schema; /metrics speaks Prometheus. Screenshots go to test-artifacts/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import t, { type Test } from 'tap';
import { Client } from '../../src/distributed/client/client.js';
import { LocalCluster } from '../../src/distributed/local_cluster.js';
import { compute } from '../../src/scheduler/compute.js';
import { ARTIFACTS, CHROMIUM, launchChromium, missingBrowser } from './browser.js';
import { slowGraph } from './support.js';

t.setTimeout(180_000);

const shot = (name: string) => ({ path: fileURLToPath(new URL(name, ARTIFACTS)), fullPage: true });

async function checkApi(t: Test, base: string, expect: readonly string[]): Promise<Record<string, unknown>> {
  const ajv = new Ajv({ strict: true });
  const index = (await (await fetch(new URL('/api', base))).json()) as {
    routes: { path: string; schema: Record<string, unknown> }[];
  };
  for (const path of expect)
    t.ok(
      index.routes.some((r) => r.path === path),
      `${base} lists ${path}`,
    );
  const answers: Record<string, unknown> = {};
  for (const route of index.routes) {
    const res = await fetch(new URL(route.path, base));
    t.equal(res.status, 200, `${route.path} answers`);
    const data = await res.json();
    const valid = ajv.validate(route.schema, data);
    t.ok(valid, `${base}${route.path} meets its schema ${valid ? '' : ajv.errorsText()}`);
    answers[route.path] = data;
  }
  return answers;
}

t.test('scheduler and worker pages during a computation on a 2-worker LocalCluster', async (t) => {
  const missing = missingBrowser(CHROMIUM, process.env);
  if (missing?.fail) {
    t.fail(missing.message);
    return;
  }
  if (missing) {
    t.plan(0, `skipped: ${missing.message}`);
    return;
  }
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const cluster = await LocalCluster.start({ workers: 2, threadsPerWorker: 2, dashboard: { port: 0 } });
  t.teardown(() => cluster.close());
  const client = new Client(cluster);
  t.teardown(() => client.close());
  await client.ready;
  const url = cluster.dashboard!;
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/, 'the scheduler dashboard listens on loopback');
  t.equal(cluster.workers.length, 2);
  for (const w of cluster.workers) t.match(w.dashboard, /^http:\/\/127\.0\.0\.1:\d+\/$/, `${w.name} serves its page`);
  mkdirSync(ARTIFACTS, { recursive: true });

  const dir = mkdtempSync(join(tmpdir(), 'tessera-cluster-dashboard-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const gate = join(dir, 'open');
  let finished = false;
  const running = compute(slowGraph(200, 20, 1000, gate), 'total', { scheduler: client, progressBar: false }).finally(
    () => {
      finished = true;
    },
  );
  // A failed test closes the client under the running compute: its rejection is expected then.
  running.catch(() => undefined);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));

  // Status: task stream, progress, memory and processing per worker.
  await page.goto(new URL('/status', url).href);
  // The workers' threads import the test's ops (TypeScript) before the first task: slow on a loaded machine.
  await page.waitForFunction("document.querySelectorAll('.ts-bar').length > 0", undefined, { timeout: 90_000 });
  await page.waitForFunction("document.querySelectorAll('#worker-memory .wk-row').length === 2");
  const during = (await page.evaluate(`({
    bars: document.querySelectorAll('.ts-bar').length,
    lanes: [...document.querySelectorAll('.ts-label')].map((l) => l.textContent),
    percent: Number(document.querySelector('#progress-total').dataset.percent),
    memory: [...document.querySelectorAll('#worker-memory .wk-row')].map((r) => Number(r.dataset.memory)),
    processing: document.querySelectorAll('#worker-processing .wk-row').length,
  })`)) as { bars: number; lanes: string[]; percent: number; memory: number[]; processing: number };
  t.notOk(finished, 'the status page was loaded while the computation ran');
  t.ok(during.bars > 0, `task-stream bars while running: ${during.bars}`);
  t.ok(during.percent < 100, `progress below 100% while running (${during.percent}%)`);
  t.ok(
    during.lanes.every((l) => /^local-worker-\d (#\d|io)$/.test(l)),
    `lanes are worker threads: ${during.lanes.join(', ')}`,
  );
  t.ok(
    during.memory.every((m) => m > 1e6),
    `memory per worker from heartbeats: ${during.memory.join(', ')}`,
  );
  t.equal(during.processing, 2, 'a processing row per worker');
  await page.screenshot(shot('cluster-status-running.png'));

  // Workers: one row per worker, each linking to its own page.
  await page.goto(new URL('/workers', url).href);
  await page.waitForFunction("document.querySelectorAll('#workers tbody tr').length === 2");
  const rows = (await page.evaluate(`[...document.querySelectorAll('#workers tbody tr')].map((tr) => ({
    address: tr.dataset.worker,
    threads: tr.children[2].textContent,
    link: tr.querySelector('a.worker-link')?.href,
  }))`)) as { address: string; threads: string; link: string }[];
  t.same(rows.map((r) => r.address).sort(), cluster.workers.map((w) => w.address).sort(), 'one row per worker');
  t.ok(
    rows.every((r) => r.threads === '2'),
    'threads',
  );
  t.same(rows.map((r) => r.link).sort(), cluster.workers.map((w) => w.dashboard).sort(), 'links to worker pages');
  await page.screenshot(shot('cluster-workers.png'));

  // Graph: the 402 tasks of the submission.
  await page.goto(new URL('/graph', url).href);
  await page.waitForFunction("document.querySelector('#graph')?.dataset.nodes === '402'");
  t.equal(await page.evaluate("document.querySelectorAll('#graph circle').length"), 402, 'a circle per task');
  await page.screenshot(shot('cluster-graph-running.png'));

  // Bandwidth: a matrix cell per pair of workers.
  await page.goto(new URL('/bandwidth', url).href);
  await page.waitForFunction("document.querySelectorAll('#bandwidth td[data-from]').length === 4");
  await page.screenshot(shot('cluster-bandwidth.png'));

  // A worker's own page.
  const workerPage = await browser.context.newPage();
  workerPage.on('pageerror', (err) => errors.push(err.message));
  await workerPage.goto(rows[0]!.link);
  await workerPage.waitForFunction('window.tesseraDashboard.charts.cpu.chart.data[0].length > 1');
  await workerPage.waitForFunction("document.querySelectorAll('.ts-bar').length > 0");
  const worker = (await workerPage.evaluate(`({
    points: Object.fromEntries(Object.entries(window.tesseraDashboard.charts).map(([k, v]) => [k, v.chart.data[0].length])),
    maxRss: Math.max(...window.tesseraDashboard.charts.memory.chart.data[1]),
    title: document.querySelector('#runs').textContent,
  })`)) as { points: Record<string, number>; maxRss: number; title: string };
  for (const [chart, n] of Object.entries(worker.points)) t.ok(n > 1, `worker ${chart} chart holds ${n} points`);
  t.ok(worker.maxRss > 1e6, 'the worker memory chart saw its resident size');
  t.match(worker.title, /^worker local-worker-\d · tcp:\/\/127\.0\.0\.1:\d+ · 2 threads/);
  await workerPage.screenshot(shot('cluster-worker.png'));

  // The routes of both, against their schemas, during the run.
  const api = await checkApi(t, url, ['/api/workers', '/api/bandwidth', '/api/graph', '/api/cluster', '/api/steals']);
  t.equal((api['/api/workers'] as { workers: unknown[] }).workers.length, 2);
  await checkApi(t, rows[0]!.link, ['/api/system', '/api/tasks', '/api/transfers', '/api/task-stream']);
  const metrics = await (await fetch(new URL('/metrics', url))).text();
  t.match(metrics, /^tessera_workers 2$/m, 'Prometheus: workers');
  t.match(metrics, /^tessera_worker_memory_bytes\{worker="tcp:\/\/[^"]+",kind="managed"\} \d+/m);
  const workerMetrics = await (await fetch(new URL('/metrics', rows[0]!.link))).text();
  t.match(workerMetrics, /^tessera_worker_memory_bytes \d+/m, 'Prometheus on the worker');

  // The end: progress 100% on the status page, every graph node in memory.
  writeFileSync(gate, '');
  t.equal(await running, (200 * 201) / 2);
  await page.goto(new URL('/status', url).href);
  await page.waitForFunction("document.querySelector('#progress-total')?.dataset.percent === '100'");
  t.match(await page.textContent('#progress-total'), /^402 \/ 402 tasks \(100%\)$/);
  await page.screenshot(shot('cluster-status-done.png'));
  await page.goto(new URL('/graph', url).href);
  await page.waitForFunction("document.querySelector('#graph')?.dataset.memory === '402'");
  t.same(errors, [], 'no error in the pages');
});
