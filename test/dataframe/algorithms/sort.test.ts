// The local sort (sortIndices) against a comparison-sort reference on seeded random columns of every supported
// type, several keys at once with mixed directions and both null positions; then divisions from samples and the
// range partitioner.
import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Batch, DataType } from '../../../src/columnar/types.js';
import { valueAt } from '../../../src/columnar/values.js';
import { sortIndices } from '../../../src/dataframe/algorithms/sort.js';
import {
  compareDivisionValues,
  divisionsFromSamples,
  rangePartitionIds,
  sampleSortKey,
} from '../../../src/dataframe/algorithms/sort_divisions.js';
import { Random } from '../../kernels/reference/random.js';

type Maker = (random: Random) => unknown;

const STRINGS = ['', 'a', 'ab', 'a\u0000', 'b', 'é', '\u{1F600}', '\uE000', '\uFFFD', 'zz', 'abcdefgh', 'abcdefgi'];
const TYPES: [string, DataType, Maker][] = [
  ['int8', { kind: 'int8' }, (r) => r.below(256) - 128],
  ['int32', { kind: 'int32' }, (r) => (r.u32() | 0) >> r.below(32)],
  ['uint32', { kind: 'uint32' }, (r) => r.u32() >>> r.below(32)],
  ['int64', { kind: 'int64' }, (r) => BigInt.asIntN(64, r.bits(64)) >> BigInt(r.below(64))],
  ['uint64', { kind: 'uint64' }, (r) => r.bits(64) >> BigInt(r.below(64))],
  ['float32', { kind: 'float32' }, (r) => Math.fround(special(r) ?? (r.u32() - 2 ** 31) / 1024)],
  ['float64', { kind: 'float64' }, (r) => special(r) ?? (r.u32() - 2 ** 31) * 2 ** (r.below(40) - 20)],
  ['float16', { kind: 'float16' }, (r) => special(r) ?? r.below(2000) / 8 - 125],
  ['bool', { kind: 'bool' }, (r) => r.below(2) === 1],
  ['date32', { kind: 'date32' }, (r) => r.below(40000) - 20000],
  ['timestamp', { kind: 'timestamp', unit: 'ms' }, (r) => BigInt(r.below(2 ** 31)) - 2n ** 30n],
  ['utf8', { kind: 'utf8' }, (r) => STRINGS[r.below(STRINGS.length)]! + (r.below(3) ? '' : STRINGS[r.below(12)])],
  ['binary', { kind: 'binary' }, (r) => r.bytes(r.below(9))],
  [
    'dictionary<utf8>',
    { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'utf8' }, ordered: false },
    (r) => STRINGS[r.below(STRINGS.length)],
  ],
  [
    'decimal128',
    { kind: 'decimal', precision: 38, scale: 2, bitWidth: 128 },
    (r) => BigInt.asIntN(128, r.bits(64) << BigInt(r.below(64))) - 2n ** 70n,
  ],
];

function special(r: Random): number | undefined {
  const s = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  return r.below(6) === 0 ? s[r.below(s.length)] : undefined;
}

/** DuckDB's order of two non-null values: NaN above numbers, -0 = +0, strings and bytes by bytes. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
}

function referenceOrder(batch: Batch, ascending: boolean[], naPosition: 'first' | 'last'): number[] {
  const values = batch.columns.map((c) => Array.from({ length: batch.numRows }, (_, i) => valueAt(c, i)));
  const rows = Array.from({ length: batch.numRows }, (_, i) => i);
  return rows.sort((x, y) => {
    for (let k = 0; k < values.length; k++) {
      const a = values[k]![x];
      const b = values[k]![y];
      if (a === null || b === null) {
        if (a === b) continue;
        return (a === null ? 1 : -1) * (naPosition === 'last' ? 1 : -1);
      }
      const c = compareValues(a, b);
      if (c !== 0) return ascending[k] ? c : -c;
    }
    return 0;
  });
}

function randomBatch(random: Random, picks: number[], n: number): Batch {
  const fields = picks.map((p, k) => ({ name: `k${k}`, type: TYPES[p]![1], nullable: true }));
  const columns = picks.map((p) => {
    const make = TYPES[p]![2];
    // A small pool of values makes ties, so later keys and stability matter.
    const pool = Array.from({ length: 1 + random.below(40) }, () => make(random));
    return columnFromValues(
      TYPES[p]![1],
      Array.from({ length: n }, () => (random.below(8) === 0 ? null : pool[random.below(pool.length)])),
    );
  });
  return { fields, numRows: n, columns };
}

t.test('sortIndices equals a stable comparison sort, per type and for mixed keys', async (t) => {
  const random = new Random(2024);
  for (let p = 0; p < TYPES.length; p++) {
    for (const naPosition of ['last', 'first'] as const) {
      for (const ascending of [true, false]) {
        const batch = randomBatch(random, [p], 300);
        const got = sortIndices(batch, ['k0'], [ascending], naPosition).join();
        t.equal(
          got,
          referenceOrder(batch, [ascending], naPosition).join(),
          `${TYPES[p]![0]} asc=${ascending} ${naPosition}`,
        );
      }
    }
  }
  for (let round = 0; round < 30; round++) {
    const picks = Array.from({ length: 1 + random.below(3) }, () => random.below(TYPES.length));
    const ascending = picks.map(() => random.below(2) === 0);
    const naPosition = random.below(2) ? 'first' : 'last';
    const batch = randomBatch(random, picks, random.below(2) ? 500 : random.below(4));
    const by = picks.map((_, k) => `k${k}`);
    const label = `${picks.map((p) => TYPES[p]![0]).join(',')} asc=${ascending} ${naPosition} n=${batch.numRows}`;
    t.equal(
      sortIndices(batch, by, ascending, naPosition).join(),
      referenceOrder(batch, ascending, naPosition).join(),
      label,
    );
  }
});

t.test('sortIndices rejects unsortable columns and bad arguments', async (t) => {
  const list = { kind: 'list', child: { name: 'x', type: { kind: 'int32' }, nullable: true } } as const;
  const batch: Batch = {
    fields: [{ name: 'l', type: list, nullable: true }],
    numRows: 0,
    columns: [columnFromValues(list, [])],
  };
  t.throws(() => sortIndices(batch, ['l']), /cannot sort by a column of type list/);
  t.throws(() => sortIndices(batch, ['nope']), /no column "nope"/);
  t.throws(() => sortIndices(randomBatch(new Random(1), [0, 1], 3), ['k0', 'k1'], [true]), /2 keys/);
});

t.test('divisions from samples: weighted quantiles, repeats collapsed, min and max exact', async (t) => {
  const column = (values: unknown[]) => columnFromValues({ kind: 'float64' }, values);
  const a = sampleSortKey(column([5, 1, null, Number.NaN, 3, 9, 7]), 2);
  t.same(a.values, [1, 5, 9], 'min, median, max of the non-missing values');
  t.equal(a.weight, 5 / 3);
  t.same(sampleSortKey(column([null, Number.NaN]), 10), { values: [], weight: 0 });
  const uniform = sampleSortKey(column(Array.from({ length: 1000 }, (_, i) => i)), 100);
  t.same(divisionsFromSamples([uniform], 4), [0, 250, 500, 749, 999]);
  const skewed = sampleSortKey(column(Array.from({ length: 1000 }, (_, i) => (i < 900 ? 1 : i))), 100);
  t.same(divisionsFromSamples([skewed], 4), [1, 999], 'a value holding 90% collapses the boundaries');
  t.same(divisionsFromSamples([sampleSortKey(column([4, 4]), 10)], 3), [4, 4], 'one distinct value');
  t.same(divisionsFromSamples([], 3), []);
  const strings = columnFromValues({ kind: 'utf8' }, ['\uE000', '\u{1F600}', 'a']);
  t.same(sampleSortKey(strings, 4).values, ['a', '\uE000', '\u{1F600}'], 'strings in UTF-8 byte order');
  t.ok(compareDivisionValues('\u{1F600}', '\uFFFD') > 0);
});

t.test('range partition ids: binary search, ties together, nulls at the chosen end, descending reversed', async (t) => {
  const c = columnFromValues({ kind: 'int32' }, [-5, 0, 9, 10, 10, 19, 20, 25, null]);
  const d = [0, 10, 20];
  t.same(Array.from(rangePartitionIds(c, d, true, 'last')), [0, 0, 0, 1, 1, 1, 1, 1, 1]);
  t.same(Array.from(rangePartitionIds(c, d, true, 'first')), [0, 0, 0, 1, 1, 1, 1, 1, 0]);
  t.same(Array.from(rangePartitionIds(c, d, false, 'last')), [1, 1, 1, 0, 0, 0, 0, 0, 1]);
  t.same(Array.from(rangePartitionIds(c, [], true, 'last')), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const f = columnFromValues({ kind: 'float64' }, [Number.NaN, -0, 1]);
  t.same(Array.from(rangePartitionIds(f, [0, 0.5, 1, 2], true, 'first')), [2, 0, 2], 'NaN above every number');
  const words = ['b', null, 'a', '\u{1F600}', 'bb', '\uE000', 'c', 'b'];
  const sd = ['a', 'b', 'c', '\uE000'];
  const utf8 = columnFromValues({ kind: 'utf8' }, words);
  const dict = columnFromValues(
    { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'utf8' }, ordered: false },
    words,
  );
  t.same(Array.from(rangePartitionIds(utf8, sd, true, 'first')), [1, 0, 0, 2, 1, 2, 2, 1], 'strings by UTF-8 bytes');
  t.same(Array.from(rangePartitionIds(dict, sd, false, 'last')), [1, 2, 2, 0, 1, 0, 0, 1], 'dictionary = its values');
  const big = columnFromValues({ kind: 'int64' }, [1n, 2n ** 40n, null]);
  t.same(Array.from(rangePartitionIds(big, [0n, 5n, 2n ** 50n], true, 'last')), [0, 1, 1]);
});
