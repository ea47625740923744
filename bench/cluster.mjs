// Cluster benchmark (issue 12, "Benchmarks"): Tessera's LocalCluster of 2 single-thread worker processes on loopback
// against dask.distributed's LocalCluster of the same shape, in the same run.
//   - map 20k inc + gather, a 100 x 200 chain-of-chains graph, a fan-in-8 tree sum of 20,000 leaves: both systems;
//   - 100,000 trivial tasks through the scheduler (target >= 20,000 tasks/s);
//   - a 256 MB partition (a SharedArrayBuffer-backed Float64Array column) moved between the two workers
//     (target >= 1 GB/s), with Dask moving a 256 MB numpy array the same way, and the bare loopback socket between
//     two Node processes (its ceiling on this machine now);
//   - the group-by of bench/groupby.mjs on the cluster vs the local threads scheduler with 2 threads (target <= 1.3x);
//   - a 1,000,000-task graph: time from compute() to its first task finished on a worker (target <= 10 s; a task
//     finished is later than a task started, so this is an upper bound).
// Figures are medians over --runs runs after a warm-up; the load average is printed and written, as other helpers
// share the machine: quote the ratios.
// Usage: npm run build && node bench/cluster.mjs [--runs 3] [--only map,chains,tree,trivial,transfer,groupby,million]
//        [--no-dask] [--python /usr/bin/python3] [--out bench/RESULTS-cluster.md]
// BENCH_FILE names the group-by's Parquet file (default bench/data/bench-5m-snappy.parquet, made by
// bench/generate.mjs); the group-by is skipped with a message when it is missing.
import { fork, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// The sender of the bare-socket baseline (see socketBaseline): a child process of this script.
if (process.env.CLUSTER_BENCH_SOCKET_SENDER === '1') {
  const bytes = Number(process.env.CLUSTER_BENCH_BYTES);
  const data = Buffer.alloc(bytes, 7);
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', () => socket.write(data));
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  process.on('disconnect', () => process.exit(0));
  await new Promise(() => {});
}

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-dask': { type: 'boolean', default: false },
    python: { type: 'string', default: '/usr/bin/python3' },
    out: { type: 'string', default: fileURLToPath(new URL('./RESULTS-cluster.md', import.meta.url)) },
  },
});
const RUNS = Number(args.runs);
const ONLY = args.only ? new Set(args.only.split(',')) : undefined;
const want = (name) => ONLY === undefined || ONLY.has(name);
const FILE = process.env.BENCH_FILE ?? fileURLToPath(new URL('./data/bench-5m-snappy.parquet', import.meta.url));

const { Client, LocalCluster } = await import('../dist/src/distributed/index.js');
const { TaskGraph } = await import('../dist/src/graph/graph.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ref = (key) => ({ $ref: key });
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const rows = [];
const notes = [];
/** Extra ms of a 256 MB transfer per system, for the ratio. */
const transferMs = {};
const loadStart = load();
console.log(`cluster bench: ${cpus().length} cores, load average ${loadStart}, ${RUNS} runs`);

/**
 * How fast this machine is right now, for reading absolute figures across runs: 1M small objects into a Map, and a
 * 256 MB in-process copy (the floor of any 256 MB transfer). Medians of 3.
 */
function calibrate() {
  const objects = [];
  const copies = [];
  const src = new Uint8Array(256 * 2 ** 20).fill(1);
  const dst = new Uint8Array(src.length);
  for (let r = 0; r < 3; r++) {
    let t0 = performance.now();
    const m = new Map();
    for (let i = 0; i < 1e6; i++) m.set(`k-${i}`, { i, s: 'x', a: null });
    objects.push(performance.now() - t0);
    t0 = performance.now();
    dst.set(src);
    copies.push(performance.now() - t0);
  }
  return { objects: median(objects), copy: median(copies) };
}
const calibration = calibrate();
console.log(
  `calibration: 1M objects into a Map ${calibration.objects.toFixed(0)} ms, 256 MB copy ${calibration.copy.toFixed(0)} ms`,
);

/** Runs `fn` once to warm up, then RUNS times; returns the median of what it returns (ms). */
async function measure(name, fn) {
  await fn(true);
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await fn(false));
  const ms = median(times);
  console.log(`  ${name}: ${times.map((x) => x.toFixed(0)).join(', ')} ms -> median ${ms.toFixed(0)} ms`);
  return ms;
}

// ---- graphs shared by both systems (built the same way in the Python script below) ----

function chainsGraph(chains, length) {
  const g = new TaskGraph();
  const outputs = [];
  for (let c = 0; c < chains; c++) {
    g.set(`chain-${c}-0`, { fn: 'inc', args: [c] });
    for (let i = 1; i < length; i++) g.set(`chain-${c}-${i}`, { fn: 'inc', args: [ref(`chain-${c}-${i - 1}`)] });
    outputs.push(`chain-${c}-${length - 1}`);
  }
  g.set('chains-total', { fn: 'add', args: outputs.map(ref) });
  return { graph: g, key: 'chains-total', tasks: chains * length + 1 };
}

function treeGraph(leaves, fanIn, prefix = 'tree') {
  const g = new TaskGraph();
  let level = [];
  for (let i = 0; i < leaves; i++) {
    g.set(`${prefix}-0-${i}`, { fn: 'inc', args: [i] });
    level.push(`${prefix}-0-${i}`);
  }
  let depth = 0;
  let tasks = leaves;
  while (level.length > 1) {
    depth++;
    const next = [];
    for (let i = 0; i < level.length; i += fanIn) {
      const key = `${prefix}-${depth}-${next.length}`;
      g.set(key, { fn: 'add', args: level.slice(i, i + fanIn).map(ref) });
      next.push(key);
      tasks++;
    }
    level = next;
  }
  return { graph: g, key: level[0], tasks };
}

// ---- Tessera ----

async function tessera() {
  const cluster = await LocalCluster.start({ workers: 2, threadsPerWorker: 1, forwardStderr: true });
  const client = new Client(cluster);
  await client.ready;
  try {
    if (want('map')) {
      const n = 20_000;
      const ms = await measure('tessera map 20k inc + gather', async (warm) => {
        const t0 = performance.now();
        const futures = client.map(
          'inc',
          Array.from({ length: warm ? 1000 : n }, (_, i) => i),
          { pure: false },
        );
        const values = await client.gather(futures);
        const ms = performance.now() - t0;
        if (values[10] !== 11) throw new Error('map: wrong result');
        for (const f of futures) f.release();
        return ms;
      });
      rows.push(['map 20k inc + gather', 'tessera', n, ms]);
    }
    if (want('chains')) {
      const { graph, key, tasks } = chainsGraph(100, 200);
      const expected = (100 * 99) / 2 + 100 * 200;
      const ms = await measure('tessera 100 x 200 chain-of-chains', async (warm) => {
        const g = warm ? chainsGraph(10, 20) : { graph, key };
        const t0 = performance.now();
        const v = await client.compute(g.graph, g.key);
        if (!warm && v !== expected) throw new Error(`chains: ${v} != ${expected}`);
        return performance.now() - t0;
      });
      rows.push(['100 x 200 chain-of-chains', 'tessera', tasks, ms]);
    }
    if (want('tree')) {
      const { graph, key, tasks } = treeGraph(20_000, 8);
      const expected = (20_000 * 20_001) / 2;
      const ms = await measure('tessera fan-in-8 tree of 20k leaves', async (warm) => {
        const g = warm ? treeGraph(500, 8) : { graph, key };
        const t0 = performance.now();
        const v = await client.compute(g.graph, g.key);
        if (!warm && v !== expected) throw new Error(`tree: ${v} != ${expected}`);
        return performance.now() - t0;
      });
      rows.push(['fan-in-8 tree sum, 20k leaves', 'tessera', tasks, ms]);
    }
    if (want('trivial')) {
      const n = 100_000;
      const ms = await measure('tessera 100k trivial tasks', async (warm) => {
        const t0 = performance.now();
        const futures = client.map(
          'inc',
          Array.from({ length: warm ? 5000 : n }, (_, i) => i),
          { pure: false },
        );
        // Wait for every task to be done on the cluster (no result fetched: this measures the scheduler path).
        await Promise.all(futures.map((f) => f.wait()));
        const ms = performance.now() - t0;
        if (futures.some((f) => f.status !== 'finished')) throw new Error('trivial: a task did not finish');
        for (const f of futures) f.release();
        return ms;
      });
      rows.push(['100k trivial tasks (no gather)', 'tessera', n, ms]);
    }
    if (want('transfer')) await transfer(client);
    if (want('groupby')) await groupby(client);
    if (want('million')) await million(cluster, client);
  } finally {
    await client.close();
    await cluster.close();
  }
}

/**
 * Awaits `promise`, but after `ms` prints the scheduler's view (identity) and fails naming `what`: a step that
 * stalls ends the run with a diagnosis instead of holding the benchmark lock.
 */
async function deadline(client, what, promise, ms = 120_000) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(async () => {
      const id = await Promise.race([client.identity(), new Promise((r) => setTimeout(() => r('no answer'), 5000))]);
      reject(new Error(`${what}: no result after ${ms} ms; scheduler: ${JSON.stringify(id)}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A 256 MB column scattered to worker A, then read by a task on B (transfer) and by one on A (no transfer). */
async function transfer(client) {
  const [a, b] = await client.workerAddresses();
  const bytes = 256 * 2 ** 20;
  const onA = [];
  const onB = [];
  for (let i = 0; i <= RUNS; i++) {
    const column = new Float64Array(new SharedArrayBuffer(bytes));
    column[column.length - 1] = i;
    const [data] = await deadline(client, 'transfer: scatter', client.scatter([column], { workers: [a] }));
    let t0 = performance.now();
    const localLen = await deadline(
      client,
      'transfer: task on A',
      client.submit('len', data, { workers: [a], pure: false }),
    );
    const local = performance.now() - t0;
    t0 = performance.now();
    const remoteLen = await deadline(
      client,
      'transfer: task on B',
      client.submit('len', data, { workers: [b], pure: false }),
    );
    const remote = performance.now() - t0;
    if (localLen !== column.length || remoteLen !== column.length) throw new Error('transfer: wrong length');
    data.release();
    if (i === 0) continue; // warm-up
    onA.push(local);
    onB.push(remote);
  }
  const extra = Math.max(1e-3, median(onB) - median(onA));
  const gbps = bytes / 1e9 / (extra / 1000);
  console.log(
    `  tessera 256 MB transfer: task on A ${median(onA).toFixed(0)} ms, on B ${median(onB).toFixed(0)} ms -> ${gbps.toFixed(2)} GB/s`,
  );
  rows.push(['256 MB partition A -> B (extra time of a task on B)', 'tessera', 1, extra]);
  transferMs.tessera = extra;
  notes.push(
    `256 MB transfer: ${gbps.toFixed(2)} GB/s (${(bytes / 2 ** 20).toFixed(0)} MiB in ${extra.toFixed(0)} ms: median time of a task reading it on the other worker minus on its holder; target >= 1 GB/s: ${gbps >= 1 ? 'met' : 'NOT met'}).`,
  );
}

/**
 * The bare loopback socket on this machine now, for the transfer's ceiling: a child process writes 256 MB of
 * Buffers on request; this process reads them (a) through 'data' events, dropping the chunks (the socket alone),
 * (b) with `onread` straight into a new SharedArrayBuffer per transfer (what Tessera's receive path does).
 */
async function socketBaseline() {
  const bytes = 256 * 2 ** 20;
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, CLUSTER_BENCH_SOCKET_SENDER: '1', CLUSTER_BENCH_BYTES: String(bytes) },
  });
  const port = await new Promise((r) => child.once('message', r));
  const result = {};
  try {
    for (const mode of ['data events', 'onread into a new SharedArrayBuffer']) {
      let got = 0;
      let done = () => {};
      let target = null;
      const scratch = Buffer.allocUnsafe(65536);
      const onread = {
        buffer: () => (target !== null && got < bytes ? target.subarray(got) : scratch),
        callback: (n) => {
          got += n;
          if (got >= bytes) done();
        },
      };
      const socket = netConnect(
        mode === 'data events' ? { port, host: '127.0.0.1' } : { port, host: '127.0.0.1', onread },
      );
      socket.on('data', (chunk) => {
        got += chunk.length;
        if (got >= bytes) done();
      });
      await new Promise((r) => socket.once('connect', r));
      socket.setNoDelay(true);
      const ms = await measure(`bare socket 256 MB, ${mode}`, async () => {
        got = 0;
        if (mode !== 'data events') target = new Uint8Array(new SharedArrayBuffer(bytes));
        const t0 = performance.now();
        await new Promise((r) => {
          done = r;
          socket.write('g');
        });
        return performance.now() - t0;
      });
      socket.destroy();
      result[mode] = ms;
      rows.push([`256 MB over a bare loopback socket, ${mode}`, 'node', 1, ms]);
    }
  } finally {
    child.kill();
  }
  const gb = (ms) => (bytes / 1e9 / (ms / 1000)).toFixed(2);
  notes.push(
    `bare loopback socket, 256 MiB between two Node processes: ${gb(result['data events'])} GB/s with data events (chunks dropped), ${gb(result['onread into a new SharedArrayBuffer'])} GB/s read straight into a new SharedArrayBuffer (the ceiling of Tessera's receive path).`,
  );
}

/** bench/groupby.mjs's query: on the cluster vs the threads scheduler with 2 threads in this process. */
async function groupby(client) {
  if (!existsSync(FILE)) {
    notes.push(`group-by: skipped, ${FILE} is missing (make it with node bench/generate.mjs, or set BENCH_FILE).`);
    console.log(`  group-by skipped: no ${FILE}`);
    return;
  }
  const { readParquet } = await import('../dist/src/dataframe/index.js');
  const { ThreadPool } = await import('../dist/src/scheduler/index.js');
  const query = async (scheduler) => {
    const df = await readParquet(FILE, { columns: ['cat', 'price', 'qty', 'key'] });
    const table = await df
      .groupby('cat')
      .agg({ '*': 'count', price: 'sum', qty: 'mean', key: 'nunique' })
      .compute({ scheduler, progressBar: false });
    return table.numRows;
  };
  const remote = await measure('tessera group-by on the cluster', async () => {
    const t0 = performance.now();
    if ((await query(client)) !== 50) throw new Error('group-by: expected 50 groups');
    return performance.now() - t0;
  });
  const preload = [new URL('../dist/src/dataframe/index.js', import.meta.url).href];
  const pool = new ThreadPool({ threads: 2, preload });
  let local;
  try {
    local = await measure('tessera group-by, threads scheduler (2 threads)', async () => {
      const t0 = performance.now();
      if ((await query(pool)) !== 50) throw new Error('group-by: expected 50 groups');
      return performance.now() - t0;
    });
  } finally {
    await pool.close();
  }
  rows.push(['group-by (bench/groupby.mjs) on the cluster', 'tessera', 1, remote]);
  rows.push(['group-by, local threads scheduler, 2 threads', 'tessera', 1, local]);
  const ratio = remote / local;
  notes.push(
    `group-by: cluster / local threads = ${ratio.toFixed(2)}x (target <= 1.3x: ${ratio <= 1.3 ? 'met' : 'NOT met'}).`,
  );
}

/** A 1,000,000-task graph from a second client: time until a task finished on a worker; then that client leaves. */
async function million(cluster, observer) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const { graph, key, tasks } = treeGraph(875_000, 8, `m${run}`);
    const client = new Client(cluster);
    await client.ready;
    const t0 = performance.now();
    const done = client.compute(graph, key).catch(() => {});
    let ms = Number.NaN;
    for (;;) {
      const id = await deadline(observer, '1M-task graph: identity', observer.identity(), 60_000);
      const keys = Object.values(id.workers).reduce((s, w) => s + w.keys, 0);
      if (keys > 0) {
        ms = performance.now() - t0;
        break;
      }
      if (performance.now() - t0 > 120_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(`  tessera ${tasks}-task graph: first task finished after ${ms.toFixed(0)} ms`);
    times.push(ms);
    await client.close();
    void done;
    // The next run starts once the scheduler has forgotten this graph (forgetting a million tasks takes seconds;
    // a run that overlapped it would time the cleanup of the previous one).
    const until = performance.now() + 60_000;
    while ((await deadline(observer, '1M-task graph: identity', observer.identity(), 60_000)).tasks > 0) {
      if (performance.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const ms = median(times);
  rows.push(['1M-task graph: compute() to first task finished', 'tessera', 1, ms]);
  notes.push(
    `1M-task graph: first task finished ${(ms / 1000).toFixed(1)} s after compute() (median of ${times.map((t) => (t / 1000).toFixed(1)).join(', ')} s; target <= 10 s: ${ms <= 10_000 ? 'met' : 'NOT met'}).`,
  );
}

// ---- Dask, in the same run ----

const DASK = `
import json, sys, time, statistics
from operator import add
from dask.distributed import Client, LocalCluster

RUNS = int(sys.argv[1]); ONLY = set(sys.argv[2].split(',')) if sys.argv[2] else None
want = lambda n: ONLY is None or n in ONLY
def inc(x): return x + 1
def chains(n, length):
    d = {}
    outs = []
    for c in range(n):
        d[f'chain-{c}-0'] = (inc, c)
        for i in range(1, length): d[f'chain-{c}-{i}'] = (inc, f'chain-{c}-{i-1}')
        outs.append(f'chain-{c}-{length-1}')
    d['chains-total'] = (sum, outs)
    return d, 'chains-total'
def tree(leaves, fan):
    d = {}
    level = []
    for i in range(leaves):
        d[f'tree-0-{i}'] = (inc, i); level.append(f'tree-0-{i}')
    depth = 0
    while len(level) > 1:
        depth += 1; nxt = []
        for i in range(0, len(level), fan):
            k = f'tree-{depth}-{len(nxt)}'; d[k] = (sum, level[i:i+fan]); nxt.append(k)
        level = nxt
    return d, level[0]
def measure(fn):
    fn(True)
    ts = []
    for _ in range(RUNS):
        t0 = time.perf_counter(); fn(False); ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts), ts
if __name__ == '__main__':
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    out = {}
    if want('map'):
        def run(warm):
            fs = client.map(inc, range(1000 if warm else 20000), pure=False)
            assert client.gather(fs)[10] == 11
        out['map'] = measure(run)
    if want('chains'):
        def run(warm):
            d, k = chains(10, 20) if warm else chains(100, 200)
            client.get(d, k)
        out['chains'] = measure(run)
    if want('tree'):
        def run(warm):
            d, k = tree(500, 8) if warm else tree(20000, 8)
            client.get(d, k)
        out['tree'] = measure(run)
    if want('transfer'):
        import numpy as np
        a, b = sorted(client.scheduler_info()['workers'])[:2]
        n = 256 * 2**20 // 8
        on_a, on_b = [], []
        for i in range(RUNS + 1):
            arr = np.zeros(n); arr[-1] = i
            [fut] = client.scatter([arr], workers=[a], hash=False)
            t0 = time.perf_counter(); la = client.submit(len, fut, workers=[a], pure=False).result()
            ta = (time.perf_counter() - t0) * 1000
            t0 = time.perf_counter(); lb = client.submit(len, fut, workers=[b], pure=False).result()
            tb = (time.perf_counter() - t0) * 1000
            assert la == n and lb == n
            fut.release(); del arr
            if i: on_a.append(ta); on_b.append(tb)
        out['transfer'] = [max(1e-3, statistics.median(on_b) - statistics.median(on_a)), on_b]
    client.close(); cluster.close()
    print('RESULT ' + json.dumps(out))
`;

function dask() {
  const DASK_WORKLOADS = ['map', 'chains', 'tree', 'transfer'];
  const only = [...(ONLY ?? DASK_WORKLOADS)].filter((x) => DASK_WORKLOADS.includes(x));
  if (only.length === 0) return;
  const check = spawnSync(args.python, ['-c', 'import distributed'], { encoding: 'utf8' });
  if (check.status !== 0) {
    notes.push(
      `dask: not run, \`${args.python} -c "import distributed"\` failed (apt-get install python3-distributed).`,
    );
    return;
  }
  const version = spawnSync(args.python, ['-c', 'import distributed; print(distributed.__version__)'], {
    encoding: 'utf8',
  }).stdout.trim();
  console.log(`dask.distributed ${version}:`);
  const run = spawnSync(args.python, ['-c', DASK, String(RUNS), only.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 1_800_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    notes.push(`dask: failed (${run.status}): ${run.stderr.slice(-500)}`);
    return;
  }
  const res = JSON.parse(line.slice(7));
  const tasks = { map: 20_000, chains: 20_001, tree: treeGraph(20_000, 8).tasks };
  const names = {
    map: 'map 20k inc + gather',
    chains: '100 x 200 chain-of-chains',
    tree: 'fan-in-8 tree sum, 20k leaves',
  };
  const transfer = res.transfer;
  delete res.transfer;
  if (transfer) {
    const [ms, onB] = transfer;
    const gbps = (256 * 2 ** 20) / 1e9 / (ms / 1000);
    console.log(
      `  dask 256 MB transfer (numpy): task on B ${onB.map((x) => x.toFixed(0)).join(', ')} ms -> ${gbps.toFixed(2)} GB/s`,
    );
    rows.push(['256 MB partition A -> B (extra time of a task on B)', `dask ${version}`, 1, ms]);
    transferMs.dask = ms;
    notes.push(`dask 256 MB transfer (a numpy array of float64, same measure): ${gbps.toFixed(2)} GB/s.`);
  }
  for (const [k, [ms, ts]] of Object.entries(res)) {
    console.log(`  dask ${names[k]}: ${ts.map((x) => x.toFixed(0)).join(', ')} ms -> median ${ms.toFixed(0)} ms`);
    rows.push([names[k], `dask ${version}`, tasks[k], ms]);
  }
}

console.log('tessera:');
if (want('transfer')) await socketBaseline();
await tessera();
if (!args['no-dask']) dask();
const loadEnd = load();

// ---- report ----

const perSecond = (r) => (r[2] > 1 ? `${Math.round(r[2] / (r[3] / 1000)).toLocaleString('en-US')}` : '');
const lines = [
  '# Cluster benchmark (bench/cluster.mjs)',
  '',
  `2 worker processes x 1 thread on loopback, for both systems; medians of ${RUNS} runs after a warm-up.`,
  `Machine: ${cpus().length} cores, shared with other jobs: load average ${loadStart} at the start, ${loadEnd} at the end.`,
  `Calibration at the start (this process, medians of 3): 1M small objects into a Map ${calibration.objects.toFixed(0)} ms; 256 MB in-process copy ${calibration.copy.toFixed(0)} ms (${(0.268 / (calibration.copy / 1000)).toFixed(2)} GB/s).`,
  'Absolute figures move with the load; compare the two systems within this run.',
  '',
  '| workload | system | tasks | median ms | tasks/s |',
  '|---|---|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r[0]} | ${r[1]} | ${r[2] > 1 ? r[2].toLocaleString('en-US') : ''} | ${r[3].toFixed(0)} | ${perSecond(r)} |`,
  ),
  '',
];
const ratioLines = [];
for (const name of ['map 20k inc + gather', '100 x 200 chain-of-chains', 'fan-in-8 tree sum, 20k leaves']) {
  const ours = rows.find((r) => r[0] === name && r[1] === 'tessera');
  const theirs = rows.find((r) => r[0] === name && r[1].startsWith('dask'));
  if (ours && theirs) ratioLines.push(`- ${name}: Tessera ${(theirs[3] / ours[3]).toFixed(1)}x dask's throughput.`);
}
const trivial = rows.find((r) => r[0].startsWith('100k trivial'));
if (trivial) {
  const rate = trivial[2] / (trivial[3] / 1000);
  ratioLines.push(
    `- 100k trivial tasks: ${Math.round(rate).toLocaleString('en-US')} tasks/s (target >= 20,000: ${rate >= 20_000 ? 'met' : 'NOT met'}).`,
  );
}
if (transferMs.tessera && transferMs.dask) {
  ratioLines.push(`- 256 MB transfer: Tessera ${(transferMs.dask / transferMs.tessera).toFixed(1)}x dask's speed.`);
}
lines.push('## Ratios and targets', '', ...ratioLines, ...notes.map((n) => `- ${n}`), '');
writeFileSync(args.out, `${lines.join('\n')}\n`);
console.log(`\n${lines.join('\n')}`);
process.exit(0);
