import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { compute } from '../../src/scheduler/compute.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { ARTIFACTS, CHROMIUM, launchChromium, missingBrowser } from './browser.js';
import { slowGraph } from './support.js';

t.setTimeout(120_000);

// Probes run in the page (strings: this project's TypeScript has no DOM types). `tesseraDashboard` is the page's
// handle on its store and uPlot charts (src/dashboard/static/status.js).
const DURING = `({
  bars: document.querySelectorAll('.ts-bar').length,
  lanes: document.querySelectorAll('.ts-lane').length,
  active: window.tesseraDashboard.store.runs.active,
})`;
const END = `(() => {
  const charts = window.tesseraDashboard.charts;
  return {
    percent: document.querySelector('#progress-total').textContent,
    rows: [...document.querySelectorAll('.pg-row')].map((r) => [r.dataset.prefix, r.querySelector('.pg-counts').textContent]),
    points: Object.fromEntries(Object.entries(charts).map(([k, v]) => [k, v.chart.data[0].length])),
    maxBytes: Math.max(...charts.results.chart.data[2]),
    maxRss: Math.max(...charts.memory.chart.data[1]),
    canvases: document.querySelectorAll('.uplot canvas').length,
    lanes: document.querySelectorAll('.ts-lane').length,
  };
})()`;

t.test('a chromium that cannot start fails with a message saying so', async (t) => {
  await t.rejects(launchChromium('/nonexistent/chromium', 10_000), {
    message: /^chromium at \/nonexistent\/chromium could not start: /,
  });
  t.match(missingBrowser('/nonexistent/chromium', { CI: 'true' }), {
    fail: true,
    message: /chromium not found at \/nonexistent\/chromium.*CI=true: browser tests cannot be skipped/,
  });
  t.match(missingBrowser('/nonexistent/chromium', {}), { fail: false, message: /chromium not found/ });
});

t.test('status page during a compute: task stream, progress to 100%, charts with data', async (t) => {
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
  const pool = new ThreadPool({ threads: 2, dashboard: { port: 0, print: false } });
  t.teardown(() => pool.close());
  const dashboard = (await pool.dashboard)!;
  mkdirSync(ARTIFACTS, { recursive: true });

  // 200 tasks of 10 ms, and a gate task that holds the run open until the page has been checked.
  const dir = mkdtempSync(join(tmpdir(), 'tessera-dashboard-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const gate = join(dir, 'open');
  let finished = false;
  const running = compute(slowGraph(200, 10, 1000, gate), 'total', { scheduler: pool, progressBar: false }).finally(
    () => {
      finished = true;
    },
  );
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(dashboard.url);
  await page.waitForFunction("document.querySelectorAll('.ts-bar').length > 0");
  const during = (await page.evaluate(DURING)) as { bars: number; lanes: number; active: number };
  t.notOk(finished, 'the page was loaded while the compute ran');
  t.ok(during.bars > 0, `task-stream bars while running: ${during.bars}`);
  t.ok(during.lanes >= 1, 'lanes');
  t.equal(during.active, 1, 'the page sees the running compute');
  await page.screenshot({ path: fileURLToPath(new URL('status-running.png', ARTIFACTS)), fullPage: true });

  writeFileSync(gate, '');
  t.equal(await running, (200 * 201) / 2);
  await page.waitForFunction("document.querySelector('#progress-total')?.getAttribute('data-percent') === '100'");
  const end = (await page.evaluate(END)) as {
    percent: string;
    rows: Array<[string, string]>;
    points: Record<string, number>;
    maxBytes: number;
    maxRss: number;
    canvases: number;
    lanes: number;
  };
  t.match(end.percent, /^402 \/ 402 tasks \(100%\)$/);
  t.same(end.rows.map((r) => r[0]).sort(), ['gate', 'slow', 'total', 'wide']);
  t.match(end.rows.find((r) => r[0] === 'slow')![1], /^200 \/ 200/);
  for (const [chart, n] of Object.entries(end.points)) t.ok(n > 0, `${chart} chart holds ${n} points`);
  t.ok(end.maxBytes > 0, `results chart saw live bytes (${end.maxBytes})`);
  t.ok(end.maxRss > 1e6, 'memory chart saw the resident size');
  t.equal(end.canvases, 4, 'four uPlot charts');
  t.equal(end.lanes, 2, 'a task-stream lane per thread');
  t.same(errors, [], 'no error in the page');
  await page.screenshot({ path: fileURLToPath(new URL('status-done.png', ARTIFACTS)), fullPage: true });
});
