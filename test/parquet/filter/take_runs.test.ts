import * as arrow from 'apache-arrow';
import t from 'tap';

import { takeData } from '../../../src/parquet/filter/take.js';
import {
  composeRuns,
  indicesOfRuns,
  runsLength,
  runsOfIndices,
  takeRuns,
} from '../../../src/parquet/filter/take_runs.js';

/** A seeded generator (mulberry32), so failures repeat. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ascending distinct indices below `n`, kept with probability `p` in stretches (runs of several lengths). */
function someIndices(next: () => number, n: number, p: number): Int32Array {
  const out: number[] = [];
  let keep = false;
  for (let i = 0; i < n; i++) {
    if (next() < 0.2) keep = next() < p;
    if (keep) out.push(i);
  }
  return Int32Array.from(out);
}

t.test('runs of indices and back', async (t) => {
  t.same([...runsOfIndices(Int32Array.of())], []);
  t.same([...runsOfIndices(Int32Array.of(3))], [3, 4]);
  t.same([...runsOfIndices(Int32Array.of(0, 1, 2, 5, 7, 8))], [0, 3, 5, 6, 7, 9]);
  const next = random(7);
  for (let k = 0; k < 50; k++) {
    const indices = someIndices(next, 200, 0.5);
    const runs = runsOfIndices(indices);
    t.equal(runsLength(runs), indices.length);
    t.same([...indicesOfRuns(runs)], [...indices]);
  }
});

t.test('composeRuns maps positions among selected rows to the whole', async (t) => {
  const into = Int32Array.of(10, 20, 30, 35, 50, 60);
  t.same([...composeRuns(Int32Array.of(0, 25), into)], [10, 20, 30, 35, 50, 60]);
  t.same([...composeRuns(Int32Array.of(5, 12), into)], [15, 20, 30, 32]);
  t.same([...composeRuns(Int32Array.of(14, 16), into)], [34, 35, 50, 51]);
  t.same([...composeRuns(Int32Array.of(0, 1, 9, 11, 24, 25), into)], [10, 11, 19, 20, 30, 31, 59, 60]);
  t.same([...composeRuns(Int32Array.of(), into)], []);
  const next = random(11);
  for (let k = 0; k < 50; k++) {
    const whole = indicesOfRuns(runsOfIndices(someIndices(next, 300, 0.6)));
    const into2 = runsOfIndices(whole);
    const picked = someIndices(next, whole.length, 0.5);
    const expected = Array.from(picked, (i) => whole[i]!);
    t.same([...indicesOfRuns(composeRuns(runsOfIndices(picked), into2))], expected);
  }
});

function vectorsOf(next: () => number, n: number): arrow.Vector[] {
  const maybe = <T>(v: T) => (next() < 0.2 ? null : v);
  const ints = Array.from({ length: n }, () => maybe(Math.floor(next() * 1000) - 500));
  const bigs = Array.from({ length: n }, () => maybe(BigInt(Math.floor(next() * 1e9)) - 500_000_000n));
  const strs = Array.from({ length: n }, (_, i) => maybe('x'.repeat(Math.floor(next() * 40)) + i));
  const bools = Array.from({ length: n }, () => maybe(next() < 0.5));
  const doubles = Array.from({ length: n }, () => next());
  return [
    arrow.vectorFromArray(ints, new arrow.Int32()),
    arrow.vectorFromArray(bigs, new arrow.Int64()),
    arrow.vectorFromArray(strs, new arrow.Utf8()),
    arrow.vectorFromArray(bools, new arrow.Bool()),
    arrow.vectorFromArray(doubles, new arrow.Float64()),
    arrow.vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : [i, i + 1])),
      new arrow.List(new arrow.Field('item', new arrow.Int32(), true)),
    ),
  ];
}

t.test('takeRuns gives the rows takeData gives, for each flat layout (and nested by fallback)', async (t) => {
  const next = random(3);
  for (let k = 0; k < 20; k++) {
    const n = 1 + Math.floor(next() * 300);
    for (const vector of vectorsOf(next, n)) {
      const data = vector.data[0]!;
      const indices = someIndices(next, n, k % 2 === 0 ? 0.9 : 0.3);
      const expected = new arrow.Vector([takeData(data, indices)]);
      const actual = new arrow.Vector([takeRuns(data, runsOfIndices(indices))]);
      t.equal(actual.length, indices.length);
      t.same(JSON.stringify([...actual], replacer), JSON.stringify([...expected], replacer), String(data.type));
    }
  }
});

t.test('takeRuns of every row is the data itself; of no row is empty', async (t) => {
  const data = arrow.vectorFromArray(['a', null, 'ccc'], new arrow.Utf8()).data[0]!;
  t.equal(takeRuns(data, Int32Array.of(0, 3)), data);
  const none = takeRuns(data, Int32Array.of());
  t.equal(none.length, 0);
  t.same([...new arrow.Vector([takeRuns(data, Int32Array.of(1, 3))])], [null, 'ccc']);
});

t.test('one long run is taken as a view; the rows are the same as copied', async (t) => {
  const next = random(5);
  for (const vector of vectorsOf(next, 100)) {
    const data = vector.data[0]!;
    for (const [start, end] of [
      [10, 90],
      [0, 60],
      [49, 100],
      [30, 40],
    ] as const) {
      const indices = indicesOfRuns(Int32Array.of(start, end));
      const expected = new arrow.Vector([takeData(data, indices)]);
      const actual = new arrow.Vector([takeRuns(data, Int32Array.of(start, end))]);
      t.same(
        JSON.stringify([...actual], replacer),
        JSON.stringify([...expected], replacer),
        `${data.type} ${start}-${end}`,
      );
    }
  }
});

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value && typeof value === 'object' && 'toArray' in value) return [...(value as arrow.Vector)];
  return value;
}
