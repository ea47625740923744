// Scheduler benchmark (issue 5). Needs `npm run build:ts`. Usage: node bench/scheduler.mjs [--runs N] [--threads N]
// Prints medians of: tasks/s on 100,000 trivial tasks (threads scheduler vs a bare Piscina pool, one run per task),
// build + optimise + order of a 1,000,000-task graph (time, peak RSS, in a child process), and the overhead of
// passing a 100 MB SharedArrayBuffer-backed table between tasks on different threads.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { fuseIndexed } from '../dist/src/graph/fuse.js';
import { TaskGraph } from '../dist/src/graph/graph.js';
import { computeWithStats } from '../dist/src/scheduler/compute.js';
import { ThreadPool } from '../dist/src/scheduler/pool.js';
import { prepareGraph } from '../dist/src/scheduler/prepare.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    threads: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const runs = Number(args.runs);
const threads = Number(args.threads);
const OPS = new URL('./scheduler_ops.mjs', import.meta.url).href;
/** Tables and target checks collected for bench/RESULTS-scheduler.md. */
const sections = [];
const checks = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ref = (key) => ({ $ref: key });

// n independent tasks, all requested (like dask.compute(*[delayed(inc)(i) for i in range(n)])); with `total`,
// one more task that reads all n results (a 100,000-way fan-in, a harder case for the main thread).
function independent(n, total) {
  const g = new TaskGraph();
  for (let i = 0; i < n; i++) g.tasks.set(`inc-${i}`, { fn: 'inc', args: [i] });
  if (total) g.tasks.set('total', { fn: 'add', args: Array.from({ length: n }, (_, i) => ref(`inc-${i}`)) });
  return g;
}

// `chains` independent chains of `length` inc tasks (so `chains` tasks are ready at a time); their ends feed one sum.
function chainOfChains(chains, length) {
  const g = new TaskGraph();
  for (let c = 0; c < chains; c++) {
    g.tasks.set(`c${c}-0`, { fn: 'inc', args: [c] });
    for (let i = 1; i < length; i++) g.tasks.set(`c${c}-${i}`, { fn: 'inc', args: [ref(`c${c}-${i - 1}`)] });
  }
  g.tasks.set('total', { fn: 'add', args: Array.from({ length: chains }, (_, c) => ref(`c${c}-${length - 1}`)) });
  return g;
}

async function throughput() {
  const pool = new ThreadPool({ threads });
  const cases = [
    ['independent 100,000', independent(100_000, false)],
    ['independent 100,000 + one 100,000-way sum', independent(100_000, true)],
    ['chain-of-chains 100 x 1,000', chainOfChains(100, 1000)],
    ['one chain of 100,000', chainOfChains(1, 100_000)],
  ];
  const rows = [];
  for (const [name, graph] of cases) {
    const times = [];
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      const keys = graph.has('total') ? ['total'] : [...graph.tasks.keys()];
      const { stats } = await computeWithStats(graph, keys, { scheduler: pool, progressBar: false });
      const ms = performance.now() - t0;
      if (r > 0) times.push({ ms, batches: stats.batches, runMs: stats.elapsedMs });
    }
    const ms = median(times.map((t) => t.ms));
    const runMs = median(times.map((t) => t.runMs));
    rows.push({
      case: `threads scheduler, ${name}`,
      tasks: graph.size,
      'median ms': ms.toFixed(0),
      'tasks/s': Math.round((graph.size / ms) * 1000),
      'tasks/s (run only)': Math.round((graph.size / runMs) * 1000),
      batches: median(times.map((t) => t.batches)),
    });
  }
  await pool.close();

  const bare = new Piscina({
    filename: new URL('./inc_worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  const times = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const all = [];
    for (let i = 0; i < 100_000; i++) all.push(bare.run(i));
    await Promise.all(all);
    if (r > 0) times.push(performance.now() - t0);
  }
  await bare.destroy();
  const ms = median(times);
  rows.push({
    case: 'bare Piscina, one run per task',
    tasks: 100_000,
    'median ms': ms.toFixed(0),
    'tasks/s': Math.round((100_000 / ms) * 1000),
    'tasks/s (run only)': '',
    batches: 100_000,
  });
  report(`Throughput, ${threads} threads (median of ${runs}, after one warm-up run)`, rows);
  for (const name of ['independent 100,000', 'chain-of-chains 100 x 1,000']) {
    const row = rows.find((x) => x.case === `threads scheduler, ${name}`);
    check(
      `${name}: >= 100,000 tasks/s`,
      row['tasks/s'] >= 100_000,
      `${row['tasks/s']} tasks/s (bare Piscina ${rows.at(-1)['tasks/s']} tasks/s)`,
    );
  }
}

// Runs in a child process so that its peak RSS is its own.
function graphMillionChild() {
  const t0 = performance.now();
  // 300,000 chains of 3 tasks (900,000, something for fuse to do) feeding a 4-way tree reduction (100,000):
  // 1,000,000 tasks in all.
  const g = new TaskGraph();
  let level = [];
  for (let c = 0; c < 300_000; c++) {
    g.tasks.set(`load-${c}`, { fn: 'inc', args: [c] });
    g.tasks.set(`clean-${c}`, { fn: 'inc', args: [ref(`load-${c}`)] });
    g.tasks.set(`map-${c}`, { fn: 'inc', args: [ref(`clean-${c}`)] });
    level.push(`map-${c}`);
  }
  for (let d = 0; level.length > 1; d++) {
    const next = [];
    for (let i = 0; i < level.length; i += 4) {
      const key = `sum-${d}-${next.length}`;
      g.tasks.set(key, { fn: 'add', args: level.slice(i, i + 4).map(ref) });
      next.push(key);
    }
    level = next;
  }
  const root = level[0];
  const built = performance.now();
  const prepared = prepareGraph(g, [root]);
  const ordered = performance.now();
  const fused = fuseIndexed(prepared.graph, { keep: [root] });
  const fusedOrdered = prepareGraph(fused, [root]);
  const end = performance.now();
  console.log(
    JSON.stringify({
      tasks: g.size,
      buildMs: built - t0,
      validateCullOrderMs: ordered - built,
      fuseAndReorderMs: end - ordered,
      totalMs: end - t0,
      fusedTasks: fusedOrdered.graph.ids.length,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

function graphMillion() {
  const results = [];
  for (let r = 0; r < Math.min(runs, 3); r++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--only', 'graph1m-child'], {
      encoding: 'utf8',
    });
    results.push(JSON.parse(out));
  }
  const pick = (f) => median(results.map((x) => x[f]));
  const totalMs = pick('totalMs');
  const rssMB = pick('peakRssMB');
  check('1,000,000-task graph: build + optimise + order < 5 s', totalMs < 5000, `${totalMs.toFixed(0)} ms`);
  check('1,000,000-task graph: memory < 1.5 GB', rssMB < 1536, `peak RSS ${rssMB.toFixed(0)} MB`);
  report(
    `Build + validate + cull + order (+ fuse + re-order) of a 1,000,000-task graph (median of ${results.length})`,
    [
      {
        tasks: results[0].tasks,
        'build ms': pick('buildMs').toFixed(0),
        'validate+cull+order ms': pick('validateCullOrderMs').toFixed(0),
        'fuse+re-order ms': pick('fuseAndReorderMs').toFixed(0),
        'total ms': pick('totalMs').toFixed(0),
        'fused tasks': results[0].fusedTasks,
        'peak RSS MB': pick('peakRssMB').toFixed(0),
      },
    ],
  );
}

async function tablePassing() {
  const pool = new ThreadPool({ threads });
  const rows = [];
  for (const shared of [true, false]) {
    const overheads = [];
    for (let r = 0; r <= runs; r++) {
      const g = TaskGraph.from({
        table: { fn: `${OPS}#makeTable`, args: [100_000_000, shared] },
        a: { fn: `${OPS}#touchTable`, args: [ref('table')] },
        b: { fn: `${OPS}#touchTable`, args: [ref('table')] },
      });
      const finish = new Map();
      const onProgress = (e) => {
        if (e.type === 'task-finish') finish.set(e.key, e);
      };
      // One task per batch: the two readers go out at once, so they land on different threads.
      const { values } = await computeWithStats(g, ['a', 'b'], {
        scheduler: pool,
        maxBatchSize: 1,
        onProgress,
        progressBar: false,
      });
      const producerEnd = finish.get('table').end;
      const crossing = values
        .map((v, i) => ({ v, e: finish.get(i === 0 ? 'a' : 'b') }))
        .filter(({ v }) => v.thread !== v.producer);
      if (r > 0 && crossing.length) overheads.push(Math.min(...crossing.map(({ e }) => e.start - producerEnd)));
    }
    rows.push({
      table: `100 MB, ${shared ? 'SharedArrayBuffer' : 'ArrayBuffer (copied)'}`,
      'median overhead ms (producer end -> reader start, other thread)': median(overheads).toFixed(3),
      samples: overheads.length,
    });
  }
  await pool.close();
  report(`Passing a 100 MB table between tasks on different threads (median of ${runs})`, rows);
  const shared = Number(rows[0]['median overhead ms (producer end -> reader start, other thread)']);
  check('100 MB table between threads: < 1 ms overhead', shared < 1, `${shared.toFixed(3)} ms (SharedArrayBuffer)`);
}

function report(title, rows) {
  console.log(`\n${title}`);
  console.table(rows);
  sections.push({ title, rows });
}

function check(name, pass, detail) {
  checks.push(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
}

/** Writes bench/RESULTS-scheduler.md (a full run only: partial runs just print). */
function writeResults() {
  const table = (rows) => {
    const cols = Object.keys(rows[0]);
    return [
      `| ${cols.join(' | ')} |`,
      `| ${cols.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`),
    ].join('\n');
  };
  const text = [
    '# Scheduler benchmark (issue 5)',
    '',
    'Generated by `bench/scheduler.mjs`; do not edit by hand.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Command: \`${['node bench/scheduler.mjs', ...process.argv.slice(2)].join(' ')}\``,
    `- Machine: ${os.cpus()[0]?.model} x ${os.cpus().length}, Node ${process.version}; load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
    '',
    ...sections.flatMap(({ title, rows }) => [`## ${title}`, '', table(rows), '']),
    '## Targets',
    '',
    ...checks.map((c) => `- ${c}`),
    '',
  ].join('\n');
  writeFileSync(new URL('./RESULTS-scheduler.md', import.meta.url), text);
  console.log(`\n${checks.join('\n')}\nwrote bench/RESULTS-scheduler.md`);
}

if (args.only === 'graph1m-child') graphMillionChild();
else {
  if (!args.only || args.only === 'throughput') await throughput();
  if (!args.only || args.only === 'graph') graphMillion();
  if (!args.only || args.only === 'table') await tablePassing();
  if (!args.only) writeResults();
  else console.log(checks.join('\n'));
}
