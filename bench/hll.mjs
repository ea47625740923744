// HyperLogLog throughput (values/s per thread, hash + register update fused in one kernel) on 10M-value int64,
// float64 and utf8 columns, the median of several runs; then the estimator's error: the 10 seeded data sets of the
// tests, and bias / RMSE over many seeds per cardinality (each seed hashes the same values independently) next to
// the classic estimator (raw estimate, linear counting below 2.5m) for comparison. Also column hashing and t-digest
// throughput for reference.
// Run: npm run build && node bench/hll.mjs [--quick]
import { hashColumn } from '../dist/src/dataframe/algorithms/hash.js';
import { hllEstimate, hllOfColumn, hllStandardError } from '../dist/src/dataframe/algorithms/hyperloglog.js';
import { tdigestOfColumn } from '../dist/src/dataframe/algorithms/tdigest.js';

const QUICK = process.argv.includes('--quick');
const N = QUICK ? 1_000_000 : 10_000_000;
const RUNS = 7;

let state = 12345;
function next() {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return (state ^ (state >>> 16)) >>> 0;
}

// Each column draws n numbers r in [0, n / 2) (about 0.43 n distinct), marking them to know the exact count.
function draw(n, seen) {
  const r = next() % (n >>> 1);
  seen[r] = 1;
  return r;
}

const countSeen = (seen) => seen.reduce((a, b) => a + b, 0);

function int64Column(n) {
  const values = new BigInt64Array(n);
  const seen = new Uint8Array(n >>> 1);
  for (let i = 0; i < n; i++) values[i] = BigInt(draw(n, seen)) * 2654435761n;
  return { type: { kind: 'int64' }, length: n, nullCount: 0, values, exact: countSeen(seen) };
}

function float64Column(n) {
  const values = new Float64Array(n);
  const seen = new Uint8Array(n >>> 1);
  for (let i = 0; i < n; i++) values[i] = draw(n, seen) / 7;
  return { type: { kind: 'float64' }, length: n, nullCount: 0, values, exact: countSeen(seen) };
}

function utf8Column(n) {
  // "user_<number>" with about n / 2 distinct numbers: 10-14 bytes per value, written as ASCII directly.
  const offsets = new Int32Array(n + 1);
  const data = new Uint8Array(n * 16);
  const prefix = [117, 115, 101, 114, 95];
  const seen = new Uint8Array(n >>> 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (const b of prefix) data[at++] = b;
    const digits = String(draw(n, seen));
    for (let k = 0; k < digits.length; k++) data[at++] = digits.charCodeAt(k);
    offsets[i + 1] = at;
  }
  return {
    type: { kind: 'utf8' },
    length: n,
    nullCount: 0,
    offsets,
    data: data.subarray(0, at),
    exact: countSeen(seen),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median wall and CPU milliseconds of `fn` over RUNS runs (after one warm-up). */
function measure(fn) {
  fn();
  const wall = [];
  const cpu = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const rate = (n, ms) => `${(((n / ms) * 1e3) / 1e6).toFixed(1)}M/s`;

function classicEstimate(registers) {
  const m = registers.length;
  const alpha = 0.7213 / (1 + 1.079 / m);
  let sum = 0;
  let zeros = 0;
  for (const r of registers) {
    sum += 2 ** -r;
    if (r === 0) zeros++;
  }
  const raw = (alpha * m * m) / sum;
  return raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw;
}

const uptime = (await import('node:os')).loadavg();
console.log(`# HyperLogLog bench, ${N.toLocaleString('en')} values per column, median of ${RUNS} runs`);
console.log(`# node ${process.version}, load average ${uptime.map((x) => x.toFixed(2)).join(' ')}`);
console.log();
console.log(
  '| column | HLL add (p=14), wall | values/s per thread (wall) | values/s per thread (CPU time) | estimate | exact |',
);
console.log('|---|---|---|---|---|---|');
const columns = [
  ['int64', int64Column(N)],
  ['float64', float64Column(N)],
  ['utf8 (10-14 bytes)', utf8Column(N)],
];
for (const [name, column] of columns) {
  const t = measure(() => hllOfColumn(column, 14));
  const estimate = Math.round(hllEstimate(hllOfColumn(column, 14)));
  const exact = column.exact;
  console.log(
    `| ${name} | ${t.wall.toFixed(1)} ms | ${rate(N, t.wall)} | ${rate(N, t.cpu)} | ${estimate} | ${exact} (${(((estimate - exact) / exact) * 100).toFixed(2)}%) |`,
  );
}
console.log();
console.log('| other kernels | wall | values/s (wall) | values/s (CPU) |');
console.log('|---|---|---|---|');
for (const [name, fn] of [
  ['hashColumn int64', () => hashColumn(columns[0][1])],
  ['hashColumn utf8', () => hashColumn(columns[2][1])],
  ['t-digest (delta 100) float64', () => tdigestOfColumn(columns[1][1], 100)],
]) {
  const t = measure(fn);
  console.log(`| ${name} | ${t.wall.toFixed(1)} ms | ${rate(N, t.wall)} | ${rate(N, t.cpu)} |`);
}

// Error over many independent sketches: the same n values hashed under different seeds.
console.log();
console.log('## Estimator error at p = 14 (standard error 1.04 / sqrt(m) = 0.8125%), over seeds');
console.log();
console.log(
  '| n | n / m | seeds | bias (improved) | RMSE (improved) | max abs (improved) | bias (classic) | RMSE (classic) |',
);
console.log('|---|---|---|---|---|---|---|---|');
const p = 14;
const m = 2 ** p;
const CARDINALITIES = QUICK
  ? [100, 10_000, 40_000, 100_000]
  : [10, 100, 1_000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 120_000, 1_000_000, 10_000_000];
for (const n of CARDINALITIES) {
  const values = new BigInt64Array(n);
  for (let i = 0; i < n; i++) values[i] = BigInt(i);
  const column = { type: { kind: 'int64' }, length: n, nullCount: 0, values };
  const seeds = n >= 1_000_000 ? 40 : 100;
  const improved = [];
  const classic = [];
  for (let s = 0; s < seeds; s++) {
    const registers = hllOfColumn(column, p, BigInt(s) * 0x9e3779b97f4a7c15n + 1n);
    improved.push((hllEstimate(registers) - n) / n);
    classic.push((classicEstimate(registers) - n) / n);
  }
  const stats = (errors) => {
    const bias = errors.reduce((a, b) => a + b, 0) / errors.length;
    const rmse = Math.sqrt(errors.reduce((a, b) => a + b * b, 0) / errors.length);
    const max = Math.max(...errors.map(Math.abs));
    return { bias, rmse, max };
  };
  const a = stats(improved);
  const b = stats(classic);
  const pct = (x) => `${(x * 100).toFixed(3)}%`;
  console.log(
    `| ${n.toLocaleString('en')} | ${(n / m).toFixed(2)} | ${seeds} | ${pct(a.bias)} | ${pct(a.rmse)} | ${pct(a.max)} | ${pct(b.bias)} | ${pct(b.rmse)} |`,
  );
}
console.log();
console.log(`standard error at p=14: ${(hllStandardError(14) * 100).toFixed(4)}%`);
