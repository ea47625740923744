import t from 'tap';
import { columnFromValues } from '../../src/columnar/build.js';
import type { Batch } from '../../src/columnar/types.js';
import { hllOfColumn } from '../../src/dataframe/algorithms/hyperloglog.js';
import { fromBatches, fromRecords, splitBatch } from '../../src/dataframe/create.js';
import {
  hllChunk,
  hllCombine,
  hllEstimate,
  tdigestChunk,
  tdigestCombine,
  tdigestQuantile,
} from '../../src/dataframe/ops/approx.js';
import { opName } from '../../src/ops/registry.js';
import { Random } from '../kernels/reference/random.js';

function table(n: number, seed: number): Batch {
  const random = new Random(seed);
  const keys = Array.from({ length: n }, () => (random.below(20) === 0 ? null : BigInt(random.below(30_000))));
  const prices = Array.from({ length: n }, () => (random.below(50) === 0 ? null : random.u32() / 2 ** 32));
  const cats = Array.from({ length: n }, () => `c${random.below(500)}`);
  return {
    fields: [
      { name: 'key', type: { kind: 'int64' }, nullable: true },
      { name: 'price', type: { kind: 'float64' }, nullable: true },
      { name: 'cat', type: { kind: 'utf8' }, nullable: false },
    ],
    numRows: n,
    columns: [
      columnFromValues({ kind: 'int64' }, keys),
      columnFromValues({ kind: 'float64' }, prices),
      columnFromValues({ kind: 'utf8' }, cats),
    ],
  };
}

const batch = table(100_000, 3);
const exactKeys = new Set(
  Array.from({ length: batch.numRows }, (_, i) => batch.columns[0]!.values![i]).filter(
    (_, i) => (batch.columns[0]!.validity![i >> 3]! >> (i & 7)) & 1,
  ),
).size;
const prices = Float64Array.from(
  Array.from({ length: batch.numRows }, (_, i) => i).filter(
    (i) => (batch.columns[1]!.validity![i >> 3]! >> (i & 7)) & 1,
  ),
  (i) => batch.columns[1]!.values![i] as number,
).sort();

t.test(
  'nuniqueApprox through the tree reduction, on sync and threads, equals the estimate of the whole column',
  async (t) => {
    const df = fromBatches(splitBatch(batch, 20), batch.fields);
    const sync = await df.nuniqueApprox('key').compute({ scheduler: 'sync' });
    const threads = await df.nuniqueApprox('key', { splitEvery: 3 }).compute({ scheduler: 'threads' });
    t.equal(sync, threads, 'same result on both schedulers');
    const { hllEstimate: estimate } = await import('../../src/dataframe/algorithms/hyperloglog.js');
    t.equal(sync, Math.round(estimate(hllOfColumn(batch.columns[0]!))), 'merged partitions = whole column');
    t.ok(Math.abs(sync - exactKeys) / exactKeys <= 3 * (1.04 / 128), `${sync} vs exact ${exactKeys}`);
    const p10 = await df.nuniqueApprox('cat', { precision: 10 }).compute({ scheduler: 'sync' });
    t.ok(Math.abs(p10 - 500) / 500 <= 3 * (1.04 / 32), `cat at p=10: ${p10}`);
    t.throws(() => df.nuniqueApprox('nope'), RangeError);
    t.throws(() => df.nuniqueApprox('key', { precision: 20 }), { code: 'INVALID_ARGUMENT' });
  },
);

t.test(
  'quantile through the tree reduction: one q, several q, sync = threads, within the documented error',
  async (t) => {
    const df = fromBatches(splitBatch(batch, 13), batch.fields);
    const median = await df.quantile('price', 0.5).compute({ scheduler: 'sync' });
    const exactMedian = prices[Math.floor(prices.length / 2)]!;
    t.ok(Math.abs(median - exactMedian) <= Math.PI / 100 / 2, `median ${median} vs ${exactMedian}`);
    const qs = [0, 0.1, 0.5, 0.99, 1];
    const several = await df.quantile('price', qs, { splitEvery: 4 }).compute({ scheduler: 'threads' });
    const again = await df.quantile('price', qs, { splitEvery: 4 }).compute({ scheduler: 'sync' });
    t.same(several, again);
    t.equal(several.length, 5);
    t.equal(several[0], prices[0]);
    t.equal(several[4], prices[prices.length - 1]);
    t.throws(() => df.quantile('cat', 0.5), { code: 'UNSUPPORTED_TYPE' });
    t.throws(() => df.quantile('price', 2), { code: 'INVALID_ARGUMENT' });
  },
);

t.test('empty frames and all-null columns', async (t) => {
  const empty = fromRecords([], { fields: batch.fields });
  t.equal(await empty.nuniqueApprox('key').compute({ scheduler: 'sync' }), 0);
  t.ok(Number.isNaN(await empty.quantile('price', 0.5).compute({ scheduler: 'sync' })));
  const nulls = fromRecords([{ x: null }, { x: null }], {
    fields: [{ name: 'x', type: { kind: 'float64' }, nullable: true }],
  });
  t.equal(await nulls.nuniqueApprox('x').compute({ scheduler: 'sync' }), 0);
  t.ok(Number.isNaN(await nulls.quantile('x', 0.5).compute({ scheduler: 'sync' })));
});

t.test('the ops are registered under stable names and compose by hand', async (t) => {
  for (const op of [hllChunk, hllCombine, hllEstimate, tdigestChunk, tdigestCombine, tdigestQuantile]) {
    t.match(opName(op), /ops\/approx\.(ts|js)#/);
  }
  const parts = splitBatch(batch, 4);
  const registers = hllCombine(parts.map((p) => hllChunk(p, 'key', 12)));
  t.equal(registers.length, 4096);
  t.ok(hllEstimate(registers) > 0);
  t.equal(hllCombine([], 8).length, 256);
  const digest = tdigestCombine(parts.map((p) => tdigestChunk(p, 'price', 100)));
  t.equal(digest.count, prices.length);
  t.equal(tdigestQuantile(digest, 1), prices[prices.length - 1]);
  t.equal(tdigestCombine([], 50).count, 0);
  t.throws(() => hllChunk(parts[0]!, 'missing', 12), { code: 'INVALID_ARGUMENT' });
});
