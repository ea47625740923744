import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Column, DataType } from '../../../src/columnar/types.js';
import {
  BUCKETS,
  countMergedPairs,
  isPairSet,
  mergePairSets,
  type PairSet,
  pairSetCounts,
  pairSetOfRows,
  pairSetSize,
  splitPairSet,
} from '../../../src/dataframe/algorithms/pair_set.js';
import { hasValueWords, valueWords } from '../../../src/dataframe/algorithms/value_words.js';
import { fromBatches, fromRecords } from '../../../src/dataframe/index.js';
import { Random } from '../../kernels/reference/random.js';

/** Plain-JS reference: distinct non-null values per group, values compared by `key`. */
function referenceCounts(
  groups: readonly number[],
  values: readonly unknown[],
  numGroups: number,
  key: (v: unknown) => string = String,
) {
  const seen = Array.from({ length: numGroups }, () => new Set<string>());
  values.forEach((v, i) => {
    if (v !== null) seen[groups[i]!]!.add(key(v));
  });
  return seen.map((s) => s.size);
}

/** Every pair of `set` once; returns them as strings. */
function pairsOf(set: PairSet): string[] {
  const out: string[] = [];
  for (let i = 0; i < pairSetSize(set); i++) out.push(`${set.group[i]}:${set.lo[i]}:${set.hi[i]}`);
  return out;
}

function randomBigInts(random: Random, count: number, span: number, nullEvery: number): (bigint | null)[] {
  return Array.from({ length: count }, () => {
    if (nullEvery > 0 && random.below(nullEvery) === 0) return null;
    // Values far apart in both halves: some share their low word, some are negative.
    const v = BigInt(random.below(span));
    return random.below(4) === 0 ? -v : random.below(3) === 0 ? v << 32n : v;
  });
}

t.test('pairSetOfRows: each (group, value) pair once, nulls left out, more pairs than one bucket', async (t) => {
  const random = new Random(11);
  const n = 40_000;
  const values = randomBigInts(random, n, 5000, 9);
  const groups = Array.from({ length: n }, () => random.below(13));
  const column = columnFromValues({ kind: 'int64' }, values);
  const set = pairSetOfRows(column, Int32Array.from(groups));
  t.ok(isPairSet(set));
  t.equal(set.offsets.length, BUCKETS + 1);
  const pairs = pairsOf(set);
  t.equal(new Set(pairs).size, pairs.length, 'no pair twice');
  t.ok(pairs.length > 2 * BUCKETS, 'buckets hold several pairs each');
  t.same([...pairSetCounts(set, 13)], referenceCounts(groups, values, 13));
  let ascending = set.offsets[0] === 0;
  for (let b = 0; b < BUCKETS; b++) ascending &&= set.offsets[b + 1]! >= set.offsets[b]!;
  t.ok(ascending, 'bucket offsets ascend from 0');
});

t.test('value words: integers widen, -0 = +0, every NaN one value, uint64 past 2^63 stays distinct', async (t) => {
  const nan2 = new Float64Array(new BigUint64Array([0x7ff0000000000123n]).buffer)[0]!;
  const floats = columnFromValues({ kind: 'float64' }, [0, -0, Number.NaN, nan2, 1.5, null, -1.5, 1.5]);
  const set = pairSetOfRows(floats, new Int32Array(8));
  t.equal(pairSetSize(set), 4, '0, NaN, 1.5, -1.5');
  const f32 = columnFromValues({ kind: 'float32' }, [0, -0, Number.NaN, 2.5, 2.5]);
  t.equal(pairSetSize(pairSetOfRows(f32, new Int32Array(5))), 3);
  const i32 = valueWords(columnFromValues({ kind: 'int32' }, [-7, 7]));
  const i64 = valueWords(columnFromValues({ kind: 'int64' }, [-7n, 7n]));
  t.same([...i32.lo, ...i32.hi], [...i64.lo, ...i64.hi], 'int32 and int64 words agree');
  const u64 = columnFromValues({ kind: 'uint64' }, [2n ** 63n, 2n ** 63n + 1n, 1n, 2n ** 64n - 1n, 1n]);
  t.equal(pairSetSize(pairSetOfRows(u64, new Int32Array(5))), 4);
  const bools = columnFromValues({ kind: 'bool' }, [true, false, null, true]);
  t.equal(pairSetSize(pairSetOfRows(bools, new Int32Array(4))), 2);
  t.ok(hasValueWords({ kind: 'timestamp', unit: 'us' }));
  t.notOk(hasValueWords({ kind: 'utf8' }));
  t.notOk(hasValueWords({ kind: 'decimal', precision: 10, scale: 2, bitWidth: 128 }));
});

t.test('dictionary columns: values through codes, different dictionaries agree, bad codes refused', async (t) => {
  const dict = (dictionary: Column, codes: (number | null)[]): Column => {
    const validity = new Uint8Array(Math.ceil(codes.length / 8));
    codes.forEach((c, i) => {
      if (c !== null) validity[i >> 3]! |= 1 << (i & 7);
    });
    const nulls = codes.filter((c) => c === null).length;
    const type: DataType = { kind: 'dictionary', index: { kind: 'int32' }, value: dictionary.type, ordered: false };
    return {
      type,
      length: codes.length,
      nullCount: nulls,
      validity: nulls > 0 ? validity : undefined,
      values: Int32Array.from(codes, (c): number => c ?? 0),
      dictionary,
    };
  };
  const a = dict(columnFromValues({ kind: 'float64' }, [-0, Number.NaN, 3]), [0, 1, 2, null, 0]);
  const b = dict(columnFromValues({ kind: 'float64' }, [3, 0, 4]), [0, 1, 2, 2]);
  const sa = pairSetOfRows(a, new Int32Array(5));
  const sb = pairSetOfRows(b, new Int32Array(4));
  t.equal(pairSetSize(sa), 3);
  const counts = countMergedPairs([sa, sb], { ids: new Int32Array([0, 0]), offsets: [0, 1] }, 1);
  t.same([...counts], [4], '0, NaN, 3, 4');
  const bad = dict(columnFromValues({ kind: 'int32' }, [1]), [0, 5]);
  t.throws(() => pairSetOfRows(bad, new Int32Array(2)), /dictionary code 5 at row 1/);
});

t.test('many partials merged in a tree and counted equal the reference; groups renumbered', async (t) => {
  const random = new Random(5);
  const n = 60_000;
  const numGroups = 50;
  const values = randomBigInts(random, n, 20_000, 17);
  const groups = Array.from({ length: n }, () => random.below(numGroups));
  // 37 partitions of uneven sizes (some empty), each with its own group numbering (order of first appearance).
  const cuts = [0, ...Array.from({ length: 36 }, () => random.below(n + 1)).sort((x, y) => x - y), n];
  const partials: { set: PairSet; keys: number[] }[] = [];
  for (let p = 0; p + 1 < cuts.length; p++) {
    const rows = Array.from({ length: cuts[p + 1]! - cuts[p]! }, (_, i) => cuts[p]! + i);
    const keys: number[] = [];
    const local = new Map<number, number>();
    const ids = Int32Array.from(rows, (r) => {
      const g = groups[r]!;
      if (!local.has(g)) {
        local.set(g, keys.length);
        keys.push(g);
      }
      return local.get(g)!;
    });
    const column = columnFromValues(
      { kind: 'int64' },
      rows.map((r) => values[r]),
    );
    partials.push({ set: pairSetOfRows(column, ids), keys });
  }
  const remapOf = (parts: readonly { keys: number[] }[]) => {
    const offsets: number[] = [];
    const ids: number[] = [];
    for (const p of parts) {
      offsets.push(ids.length);
      ids.push(...p.keys);
    }
    return { ids: Int32Array.from(ids), offsets };
  };
  // Level 1: groups of 5 merged into sets keyed by the global group number; level 2: counted.
  const level: { set: PairSet; keys: number[] }[] = [];
  for (let i = 0; i < partials.length; i += 5) {
    const parts = partials.slice(i, i + 5);
    const keys = Array.from({ length: numGroups }, (_, g) => g);
    level.push({
      set: mergePairSets(
        parts.map((p) => p.set),
        remapOf(parts),
      ),
      keys,
    });
  }
  const expected = referenceCounts(groups, values, numGroups);
  t.same(
    [
      ...countMergedPairs(
        level.map((p) => p.set),
        remapOf(level),
        numGroups,
      ),
    ],
    expected,
  );
  const all = mergePairSets(
    level.map((p) => p.set),
    remapOf(level),
  );
  const pairs = pairsOf(all);
  t.equal(new Set(pairs).size, pairs.length, 'merged set has each pair once');
  t.same([...pairSetCounts(all, numGroups)], expected);
  // Split by group parity into two sets, groups renumbered within each piece.
  const pieces = Int32Array.from({ length: numGroups }, (_, g) => g % 2);
  const local = Int32Array.from({ length: numGroups }, (_, g) => g >> 1);
  const [even, odd] = splitPairSet(all, pieces, local, 2);
  t.same(
    [...pairSetCounts(even!, 25)],
    expected.filter((_, g) => g % 2 === 0),
  );
  t.same(
    [...pairSetCounts(odd!, 25)],
    expected.filter((_, g) => g % 2 === 1),
  );
  t.throws(() => mergePairSets([all], { ids: new Int32Array(50), offsets: [] }), /1 pair sets but 0 group offsets/);
});

t.test('groupby nunique on many partitions (combine trees, splitOut) equals a plain count', async (t) => {
  const random = new Random(3);
  const n = 30_000;
  const records = Array.from({ length: n }, (_, i) => ({
    k: `k${random.below(40)}`,
    v: i % 11 === 0 ? null : random.below(9000) - 4500,
    f: i % 13 === 0 ? Number.NaN : i % 7 === 0 ? -0 : random.below(300) / 4,
  }));
  const numGroups = 40;
  const group = records.map((r) => Number(r.k.slice(1)));
  const expectedV = referenceCounts(
    group,
    records.map((r) => r.v),
    numGroups,
  );
  const expectedF = referenceCounts(
    group,
    records.map((r) => r.f),
    numGroups,
    (x) => String(Object.is(x, -0) ? 0 : x),
  );
  const df = fromRecords(records, { npartitions: 23 });
  for (const options of [{}, { splitEvery: 3 }, { splitOut: 3, splitEvery: 4 }]) {
    const out = await df.groupby('k').agg({ v: 'nunique', f: 'nunique' }, options).compute();
    const rows = out.toArray().map((r) => r.toJSON() as { k: string; v_nunique: number; f_nunique: number });
    t.equal(rows.length, numGroups);
    for (const r of rows) {
      const g = Number(r.k.slice(1));
      t.equal(Number(r.v_nunique), expectedV[g], `v ${r.k} ${JSON.stringify(options)}`);
      t.equal(Number(r.f_nunique), expectedF[g], `f ${r.k} ${JSON.stringify(options)}`);
    }
  }
});

t.test('partials of small-integer pairs (bitmap) and of radix pair sets combine into exact counts', async (t) => {
  const random = new Random(9);
  // First half: values in a narrow range (the bitmap path); second half: the same values plus wide ones (pair sets).
  const records = Array.from({ length: 4000 }, (_, i) => ({
    k: `k${random.below(7)}`,
    v: i < 2000 || random.below(2) === 0 ? random.below(300) : random.below(2 ** 30) - 2 ** 29,
  }));
  const group = records.map((r) => Number(r.k.slice(1)));
  const expected = referenceCounts(
    group,
    records.map((r) => r.v),
    7,
  );
  // int32 values in four partitions: the narrow ones become bitmap pairs, the wide ones pair sets.
  const fields = [
    { name: 'k', type: { kind: 'utf8' } as DataType, nullable: false },
    { name: 'v', type: { kind: 'int32' } as DataType, nullable: false },
  ];
  const batches = [0, 1, 2, 3].map((p) => {
    const part = records.slice(p * 1000, (p + 1) * 1000);
    return {
      fields,
      numRows: part.length,
      columns: [
        columnFromValues(
          { kind: 'utf8' },
          part.map((r) => r.k),
        ),
        columnFromValues(
          { kind: 'int32' },
          part.map((r) => r.v),
        ),
      ],
    };
  });
  const df = fromBatches(batches, fields);
  for (const options of [{}, { splitEvery: 2 }]) {
    const out = await df.groupby('k').agg({ v: 'nunique' }, options).compute();
    const rows = out.toArray().map((r) => r.toJSON() as { k: string; v_nunique: number });
    t.same(
      rows.map((r) => Number(r.v_nunique)),
      rows.map((r) => expected[Number(r.k.slice(1))]),
      JSON.stringify(options),
    );
  }
});
