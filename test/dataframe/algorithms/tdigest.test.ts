import t, { type Test } from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Column } from '../../../src/columnar/types.js';
import {
  quantileOf,
  TDigest,
  type TDigestData,
  tdigestMerge,
  tdigestOfColumn,
} from '../../../src/dataframe/algorithms/tdigest.js';
import { Random } from '../../kernels/reference/random.js';

const QS = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** How far q is from the rank range of `x` in the sorted data, as a fraction of n (0 when x is a q-quantile). */
function rankError(sorted: Float64Array, x: number, q: number): number {
  const n = sorted.length;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  const atOrBelow = lo;
  // x sits at positions [below, atOrBelow - 1] of 0..n-1 (or between two of them); q's position is q (n - 1).
  const position = q * (n - 1);
  const distance = position < below - 1 ? below - 1 - position : position > atOrBelow ? position - atOrBelow : 0;
  return distance / n;
}

/** The documented bound: half the largest centroid at q under k1, pi sqrt(q (1 - q)) / delta. */
const bound = (q: number, delta: number) => (Math.PI * Math.sqrt(q * (1 - q))) / delta;

/** The exact quantile_cont (DuckDB, numpy "linear"). */
function quantileCont(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const i = Math.floor(position);
  const next = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return sorted[i]! + (position - i) * (next - sorted[i]!);
}

const DATA_SETS: { name: string; make: (random: Random, n: number) => number; discrete?: boolean }[] = [
  { name: 'uniform', make: (r) => r.u32() / 2 ** 32 },
  {
    name: 'normal',
    make: (r) => Math.sqrt(-2 * Math.log((r.u32() + 1) / 2 ** 32)) * Math.cos((2 * Math.PI * r.u32()) / 2 ** 32),
  },
  { name: 'exponential', make: (r) => -Math.log((r.u32() + 1) / 2 ** 32) },
  {
    name: 'lognormal (skewed)',
    make: (r) =>
      Math.exp(3 * Math.sqrt(-2 * Math.log((r.u32() + 1) / 2 ** 32)) * Math.cos((2 * Math.PI * r.u32()) / 2 ** 32)),
  },
  { name: 'duplicates (10 values)', make: (r) => r.below(10), discrete: true },
  { name: 'duplicates (zipf-like)', make: (r) => Math.floor(1 / ((r.u32() + 1) / 2 ** 32)), discrete: true },
];

/** With few distinct values a result may fall between two of them (a centroid mixing 1s and 2s has a mean of 1.4):
 *  then it must lie between the distinct values next to the true quantiles at q +- bound. */
function withinNeighbours(sorted: Float64Array, x: number, q: number, b: number): boolean {
  const n = sorted.length;
  const lo = sorted[Math.max(0, Math.floor((q - b) * (n - 1)))]!;
  const hi = sorted[Math.min(n - 1, Math.ceil((q + b) * (n - 1)))]!;
  let below = lo;
  let above = hi;
  for (const v of sorted) {
    if (v < lo) below = v;
    if (v > hi) {
      above = v;
      break;
    }
  }
  return below <= x && x <= above;
}

function check(t: Test, name: string, sorted: Float64Array, digest: TDigestData, delta: number, discrete: boolean) {
  let worst = 0;
  for (const q of QS) {
    const x = quantileOf(digest, q);
    const error = rankError(sorted, x, q);
    worst = Math.max(worst, error / Math.max(bound(q, delta), 1e-12));
    if (discrete && error > bound(q, delta)) {
      if (!withinNeighbours(sorted, x, q, bound(q, delta))) t.fail(`${name} q=${q}: ${x} not next to the quantile`);
    } else if (error > bound(q, delta) + 1 / sorted.length) {
      t.fail(`${name} q=${q}: rank error ${error} > ${bound(q, delta)}`);
    }
  }
  return worst;
}

t.test('quantiles stay within the documented rank error on seeded data sets, single and merged', async (t) => {
  const lines: string[] = [];
  for (const [k, set] of DATA_SETS.entries()) {
    const random = new Random(500 + k);
    const n = 200_000;
    const values = Float64Array.from({ length: n }, () => set.make(random, n));
    const sorted = values.slice().sort();
    for (const delta of [50, 100, 300]) {
      const column: Column = { type: { kind: 'float64' }, length: n, nullCount: 0, values };
      const single = tdigestOfColumn(column, delta);
      t.ok(single.means.length <= delta * 1.1 + 10, `${set.name} delta ${delta}: ${single.means.length} centroids`);
      const worstSingle = check(t, `${set.name} delta ${delta}`, sorted, single, delta, set.discrete === true);
      // Seven partitions of uneven sizes, merged pairwise then together (a tree reduction).
      const cuts = [0, 1, 1000, 30_000, 31_000, 90_000, 150_000, n];
      const parts = cuts
        .slice(1)
        .map((end, i) =>
          tdigestOfColumn({ ...column, length: end - cuts[i]!, values: values.subarray(cuts[i]!, end) }, delta),
        );
      const merged = tdigestMerge([tdigestMerge(parts.slice(0, 3)), tdigestMerge(parts.slice(3))]);
      t.equal(merged.count, n);
      const worstMerged = check(t, `${set.name} merged delta ${delta}`, sorted, merged, delta, set.discrete === true);
      lines.push(
        `${set.name} delta=${delta}: worst error / bound ${worstSingle.toFixed(3)} single, ${worstMerged.toFixed(3)} merged`,
      );
      t.equal(quantileOf(single, 0), sorted[0], 'min exact');
      t.equal(quantileOf(merged, 1), sorted[n - 1], 'max exact');
    }
  }
  t.comment(lines.join('\n'));
  t.pass('all quantiles within bound');
});

t.test('few values: the result is exactly quantile_cont', async (t) => {
  const random = new Random(9);
  const values = Float64Array.from({ length: 40 }, () => random.below(1000) / 10);
  const sorted = values.slice().sort();
  const digest = new TDigest(100);
  digest.addValues(values);
  for (const q of [0, 0.1, 0.25, 0.33, 0.5, 0.9, 1]) t.equal(digest.quantile(q), quantileCont(sorted, q), `q=${q}`);
  t.equal(digest.count, 40);
});

t.test('nulls and NaN are ignored; integer and temporal columns; empty digests', async (t) => {
  const column = columnFromValues({ kind: 'float64' }, [3, null, Number.NaN, 1, 2]);
  const d = tdigestOfColumn(column);
  t.equal(d.count, 3);
  t.equal(quantileOf(d, 0.5), 2);
  t.equal(quantileOf(tdigestOfColumn(columnFromValues({ kind: 'int64' }, [10n, null, 30n, 20n])), 0.5), 20);
  t.equal(quantileOf(tdigestOfColumn(columnFromValues({ kind: 'int16' }, [5, 1, null])), 1), 5);
  t.equal(quantileOf(tdigestOfColumn(columnFromValues({ kind: 'float16' }, [0.5, 1.5])), 0.5), 1);
  t.equal(quantileOf(tdigestOfColumn(columnFromValues({ kind: 'timestamp', unit: 'ms' }, [1000n, 3000n])), 0.5), 2000);
  const empty = tdigestOfColumn(columnFromValues({ kind: 'float64' }, [null]));
  t.equal(empty.count, 0);
  t.ok(Number.isNaN(quantileOf(empty, 0.5)));
  t.ok(Number.isNaN(quantileOf(tdigestMerge([empty, empty]), 0.5)));
  t.equal(quantileOf(tdigestMerge([empty, d]), 0.5), 2);
  t.throws(() => tdigestOfColumn(columnFromValues({ kind: 'utf8' }, ['a'])), { code: 'UNSUPPORTED_TYPE' });
  t.throws(() => quantileOf(d, 1.5), { code: 'INVALID_ARGUMENT' });
  t.throws(() => new TDigest(1), { code: 'INVALID_ARGUMENT' });
});

t.test('a digest survives structured clone and resumes from its data', async (t) => {
  const digest = new TDigest(50);
  digest.addValues(Float64Array.from({ length: 10_000 }, (_, i) => i));
  const data = structuredClone(digest.toData());
  t.equal(quantileOf(data, 0.5), digest.quantile(0.5));
  const resumed = TDigest.fromData(data);
  resumed.addValues(Float64Array.from({ length: 10_000 }, (_, i) => 10_000 + i));
  t.ok(Math.abs(resumed.quantile(0.5) - 9999.5) < 200, `median ${resumed.quantile(0.5)}`);
  t.equal(resumed.count, 20_000);
});
