// Dashboard cost benchmark (issue 13): the 100,000-task workload of bench/scheduler.mjs (100,000 independent
// trivial tasks, threads scheduler, 2 threads) on a pool without a dashboard, on a pool with one and no page open,
// and on a pool with one and five pages open and receiving updates (5 WebSocket clients in another process, each
// applying every message to the page's store). Runs alternate between the modes; medians + ratios go to
// bench/RESULTS-dashboard.md. Needs `npm run build:ts`. Usage: node bench/dashboard.mjs [--runs N] [--threads N]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { TaskGraph } from '../dist/src/graph/graph.js';
import { computeWithStats } from '../dist/src/scheduler/compute.js';
import { ThreadPool } from '../dist/src/scheduler/pool.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, threads: { type: 'string', default: '2' } },
});
const runs = Number(args.runs);
const threads = Number(args.threads);
const TASKS = 100_000;
const CLIENTS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const graph = new TaskGraph();
for (let i = 0; i < TASKS; i++) graph.tasks.set(`inc-${i}`, { fn: 'inc', args: [i] });
const keys = [...graph.tasks.keys()];

/** Starts the clients' process; resolves once each client has its snapshot. */
async function openPages(url) {
  const child = spawn(
    process.execPath,
    [new URL('./dashboard_clients.mjs', import.meta.url).pathname, url, String(CLIENTS)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise((resolve) => lines.once('line', resolve));
  const first = await next();
  if (first !== 'ready') throw new Error(`dashboard clients: ${first}`);
  return {
    async close() {
      const out = next();
      child.stdin.end();
      return JSON.parse(await out);
    },
  };
}

const plain = new ThreadPool({ threads });
const watched = new ThreadPool({ threads, dashboard: { port: 0, print: false } });
const dashboard = await watched.dashboard;
const wsUrl = `${dashboard.url.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`;

const modes = {
  'no dashboard': { pool: plain, pages: false },
  'dashboard, no page open': { pool: watched, pages: false },
  [`dashboard, ${CLIENTS} pages open`]: { pool: watched, pages: true },
};
const times = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
// CPU time of this process (main thread + worker threads) per compute: much less sensitive than wall time to the
// other jobs of a shared machine, it shows what the dashboard itself costs. The pages' process is not counted.
const cpuTimes = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
let traffic;
console.log(`dashboard bench: ${TASKS} tasks, ${threads} threads, ${runs} runs per mode (+1 warm-up); load ${load()}`);
const order = Object.entries(modes);
for (let r = 0; r <= runs; r++) {
  // The machine is shared: rotating the order spreads slow spells over the modes instead of one position.
  for (const [name, mode] of order.map((_, i) => order[(i + r) % order.length])) {
    const pages = mode.pages ? await openPages(wsUrl) : undefined;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { stats } = await computeWithStats(graph, keys, { scheduler: mode.pool, progressBar: false });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (stats.finished !== TASKS) throw new Error(`${name}: ${stats.finished} tasks finished`);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the last deltas reach the pages
    if (pages) traffic = await pages.close();
    if (r > 0) {
      times[name].push(ms);
      cpuTimes[name].push(cpuMs);
    }
    console.log(`run ${r}${r === 0 ? ' (warm-up)' : ''}  ${name}: ${ms.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms`);
  }
}
await plain.close();
await watched.close();

const base = median(times['no dashboard']);
const rows = Object.entries(times).map(([name, ms]) => ({
  mode: name,
  'median ms': median(ms).toFixed(0),
  'tasks/s': Math.round((TASKS / median(ms)) * 1000),
  'throughput vs none': (base / median(ms)).toFixed(3),
  'paired ratio (median)': median(ms.map((x, i) => times['no dashboard'][i] / x)).toFixed(3),
  'best ms': Math.min(...ms).toFixed(0),
  'median CPU ms': median(cpuTimes[name]).toFixed(0),
  'CPU ratio': (median(cpuTimes['no dashboard']) / median(cpuTimes[name])).toFixed(3),
  runs: ms.map((x) => x.toFixed(0)).join(' '),
}));
console.table(rows);
const five = rows.at(-1);
// Judged on the ratio of median wall times (throughput); the median of per-round ratios and the CPU-time ratio are
// reported beside it, as checks on a shared machine whose load swings within a run.
const pass = Number(five['throughput vs none']) >= 0.9;
const perClient = traffic[0];
const lines = [
  '# Dashboard benchmark (issue 13)',
  '',
  'Generated by `bench/dashboard.mjs`; do not edit by hand.',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Command: \`${['node bench/dashboard.mjs', ...process.argv.slice(2)].join(' ')}\``,
  `- Machine: ${os.cpus()[0]?.model} x ${os.cpus().length}, Node ${process.version}; load at the end ${load()}`,
  `- Workload: ${TASKS.toLocaleString('en-US')} independent trivial tasks (bench/scheduler.mjs's), threads scheduler,`,
  `  ${threads} threads; ${runs} rounds after a warm-up, each running every mode once (order rotating by round).`,
  '- "throughput vs none": ratio of median wall times (the target: >= 0.9 with five pages); "paired ratio": median',
  '  over rounds of the same ratio within a round; "CPU ratio": the same for the CPU time of this process (main +',
  "  worker threads; the pages' process excluded), the least sensitive to the load of other jobs.",
  `- Pages: ${CLIENTS} WebSocket clients in another process, each applying every message to the page's store`,
  `  (src/dashboard/static/stream.js); last run: ${perClient.messages} messages, ${(perClient.bytes / 1024).toFixed(0)} KiB per client.`,
  '',
  `| ${Object.keys(rows[0]).join(' | ')} |`,
  `| ${Object.keys(rows[0])
    .map(() => '---')
    .join(' | ')} |`,
  ...rows.map((r) => `| ${Object.values(r).join(' | ')} |`),
  '',
  `${pass ? 'PASS' : 'FAIL'}  five pages open keep >= 90% of the throughput without a dashboard: ${five['throughput vs none']} (median of per-round ratios ${five['paired ratio (median)']}, CPU-time ratio ${five['CPU ratio']})`,
  '',
  'The machine is shared with other jobs: compare the ratios, not the absolute figures.',
  '',
];
writeFileSync(new URL('./RESULTS-dashboard.md', import.meta.url), lines.join('\n'));
console.log(`${pass ? 'PASS' : 'FAIL'} ratio ${five['throughput vs none']}; wrote bench/RESULTS-dashboard.md`);
