// Cluster dashboard cost benchmark (issue 13, stage 2): the cluster's 100,000-task workload (bench/cluster.mjs's
// "100k trivial tasks": client.map('inc', 100k) on a LocalCluster of 2 workers x 1 thread, waiting for every task
// to finish on the cluster) with no dashboard, with the dashboards served (scheduler + one per worker) and no page
// open, and with five pages of the scheduler's status open and receiving updates (5 WebSocket clients in another
// process, each applying every message to the page's store). Two clusters, one without and one with dashboards,
// stay up for the whole run; rounds run every mode once in a rotating order. Medians + ratios go to
// bench/RESULTS-dashboard-cluster.md. Needs `npm run build`. Usage: node bench/dashboard-cluster.mjs [--runs N]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from '../dist/src/distributed/client/client.js';
import { LocalCluster } from '../dist/src/distributed/local_cluster.js';
import { dashboardRows } from './dashboard_rows.mjs';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);
const TASKS = 100_000;
const CLIENTS = 5;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function openPages(url) {
  const child = spawn(
    process.execPath,
    [new URL('./dashboard_clients.mjs', import.meta.url).pathname, url, String(CLIENTS)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
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

// CPU seconds (user + system) used so far by the cluster's processes (scheduler and workers), from /proc: what the
// dashboards cost them, much less sensitive than wall time to the other jobs of a shared machine.
function clusterCpuMs(cluster) {
  const pids = [cluster.schedulerProcess?.pid, ...cluster.workers.map((w) => w.process.pid)].filter(Boolean);
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function start(dashboard) {
  const cluster = await LocalCluster.start({
    workers: 2,
    threadsPerWorker: 1,
    forwardStderr: false,
    ...(dashboard ? { dashboard: { port: 0 } } : {}),
  });
  const client = new Client(cluster);
  await client.ready;
  return { cluster, client };
}

// The workload of bench/cluster.mjs's "100k trivial tasks".
async function trivial(client, n) {
  const t0 = performance.now();
  const futures = client.map(
    'inc',
    Array.from({ length: n }, (_, i) => i),
    { pure: false },
  );
  await Promise.all(futures.map((f) => f.wait()));
  const ms = performance.now() - t0;
  if (futures.some((f) => f.status !== 'finished')) throw new Error('trivial: a task did not finish');
  for (const f of futures) f.release();
  return ms;
}

const plain = await start(false);
const watched = await start(true);
const wsUrl = `${watched.cluster.dashboard.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`;
const modes = {
  'no dashboard': { c: plain, pages: false },
  'dashboards, no page open': { c: watched, pages: false },
  [`dashboards, ${CLIENTS} pages open`]: { c: watched, pages: true },
};
const times = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
const cpuTimes = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
let traffic;
const loadStart = load();
console.log(
  `cluster dashboard bench: ${TASKS} tasks, 2 workers x 1 thread, ${runs} rounds (+1 warm-up); load ${loadStart}`,
);
const order = Object.entries(modes);
try {
  for (let r = 0; r <= runs; r++) {
    for (const [name, mode] of order.map((_, i) => order[(i + r) % order.length])) {
      const pages = mode.pages ? await openPages(wsUrl) : undefined;
      const cpu0 = clusterCpuMs(mode.c.cluster);
      const ms = await trivial(mode.c.client, r === 0 ? 20_000 : TASKS);
      const cpuMs = clusterCpuMs(mode.c.cluster) - cpu0;
      await new Promise((resolve) => setTimeout(resolve, 400)); // the last deltas reach the pages
      if (pages) traffic = await pages.close();
      if (r > 0) {
        times[name].push(ms);
        cpuTimes[name].push(cpuMs);
      }
      console.log(
        `round ${r}${r === 0 ? ' (warm-up, 20k)' : ''}  ${name}: ${ms.toFixed(0)} ms, cluster CPU ${cpuMs.toFixed(0)} ms`,
      );
    }
  }
} finally {
  for (const { client, cluster } of [plain, watched]) {
    await client.close();
    await cluster.close();
  }
}
const loadEnd = load();
const rows = dashboardRows(times, cpuTimes, TASKS, 'median cluster CPU ms');
console.table(rows);
const five = rows.at(-1);
const pass = Number(five['throughput vs none']) >= 0.9;
const perClient = traffic?.[0] ?? { messages: 0, bytes: 0 };
const lines = [
  '# Cluster dashboard benchmark (issue 13, stage 2)',
  '',
  'Generated by `bench/dashboard-cluster.mjs`; do not edit by hand.',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Command: \`${['node bench/dashboard-cluster.mjs', ...process.argv.slice(2)].join(' ')}\``,
  `- Machine: ${os.cpus()[0]?.model} x ${os.cpus().length}, Node ${process.version}; load average at the start ${loadStart}, at the end ${loadEnd}`,
  `- Workload: bench/cluster.mjs's 100k trivial tasks: \`client.map('inc', ${TASKS.toLocaleString('en-US')} ints)\`, waiting for`,
  '  every task on a LocalCluster of 2 workers x 1 thread (child processes on loopback). Two clusters stay up: one',
  `  without dashboards, one serving the scheduler's and each worker's; ${runs} rounds after a warm-up, each running`,
  '  every mode once (order rotating by round).',
  `- Pages: ${CLIENTS} WebSocket clients of the scheduler's dashboard in another process, each applying every message`,
  `  to the status page's store (static/cluster_store.js); last run: ${perClient.messages} messages, ${(perClient.bytes / 1024).toFixed(0)} KiB per client.`,
  '- "throughput vs none": ratio of median wall times (target >= 0.9 with five pages); "paired ratio": the median',
  '  over rounds of the same ratio within a round; "CPU ratio": the same for the CPU time of the cluster\'s processes',
  "  (scheduler + workers, from /proc; the pages' process excluded), the least sensitive to the load of other jobs.",
  '',
  `| ${Object.keys(rows[0]).join(' | ')} |`,
  `| ${Object.keys(rows[0])
    .map(() => '---')
    .join(' | ')} |`,
  ...rows.map((r) => `| ${Object.values(r).join(' | ')} |`),
  '',
  `${pass ? 'PASS' : 'FAIL'}  five pages open keep >= 90% of the throughput without a dashboard: ${five['throughput vs none']} (median of per-round ratios ${five['paired ratio (median)']}, cluster CPU-time ratio ${five['CPU ratio']})`,
  '',
  'The machine is shared with other jobs (2 cores, several helpers): compare the ratios, not the absolute figures.',
  '',
];
writeFileSync(new URL('./RESULTS-dashboard-cluster.md', import.meta.url), lines.join('\n'));
console.log(`${pass ? 'PASS' : 'FAIL'} ratio ${five['throughput vs none']}; wrote bench/RESULTS-dashboard-cluster.md`);
process.exit(0);
