import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Column, DataType } from '../../../src/columnar/types.js';
import { groupIdPairs, groupIds } from '../../../src/dataframe/algorithms/group_ids.js';
import { groupIdsReference } from '../../kernels/reference/group_ids.js';
import { Random } from '../../kernels/reference/random.js';

function randomColumn(random: Random, type: DataType, count: number, distinct: number, nullEvery: number): Column {
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    if (nullEvery > 0 && random.below(nullEvery) === 0) {
      values.push(null);
      continue;
    }
    // Skewed: half of the rows hit key 0.
    const k = random.below(2) === 0 ? 0 : random.below(distinct);
    switch (type.kind) {
      case 'utf8':
        values.push(k === 1 ? '' : `key-${k}-${'x'.repeat(k % 13)}`);
        break;
      case 'int64':
        values.push(BigInt(k) * 0x100000001n - 5n);
        break;
      case 'float64':
        values.push(k === 1 ? Number.NaN : k === 2 ? -0 : k === 3 ? 0 : k / 7);
        break;
      case 'bool':
        values.push(k % 2 === 0);
        break;
      default:
        values.push(k - 3);
    }
  }
  return columnFromValues(type, values);
}

const TYPES: DataType[] = [
  { kind: 'int32' },
  { kind: 'int64' },
  { kind: 'float64' },
  { kind: 'utf8' },
  { kind: 'int8' },
  { kind: 'bool' },
];

t.test('single-column group ids equal the reference (numeric, string, nulls, NaN, skew)', async (t) => {
  const random = new Random(11);
  for (const type of TYPES) {
    for (const count of [0, 1, 7, 5000]) {
      for (const distinct of [1, 3, 300, 100000]) {
        for (const nullEvery of [0, 5]) {
          const column = randomColumn(random, type, count, distinct, nullEvery);
          const got = groupIds([column]);
          const want = groupIdsReference([column]);
          const label = `${type.kind} n=${count} d=${distinct} nulls=${nullEvery}`;
          t.equal(got.numGroups, want.numGroups, `${label}: groups`);
          t.same(Array.from(got.ids), want.ids, `${label}: ids`);
          t.same(Array.from(got.firstRow), want.firstRow, `${label}: first rows`);
        }
      }
    }
  }
});

t.test('integer keys in a narrow range (direct addressing) equal the reference', async (t) => {
  const random = new Random(13);
  const cases: [DataType, (k: number) => unknown][] = [
    [{ kind: 'int32' }, (k) => k * 2 - 2 ** 31 + 7], // range near the i32 minimum
    [{ kind: 'int32' }, (k) => 2 ** 31 - 1 - k], // ... and the maximum
    [{ kind: 'int64' }, (k) => BigInt(k) - 2n ** 62n],
    [{ kind: 'timestamp', unit: 'us' }, (k) => 1_700_000_000_000_000n + BigInt(k)],
    [{ kind: 'date32' }, (k) => 19000 + k],
  ];
  for (const [type, value] of cases) {
    for (const [count, span, nullEvery] of [
      [5000, 4000, 0],
      [5000, 9000, 3],
      [3, 1, 0],
    ] as const) {
      const values = Array.from({ length: count }, () =>
        nullEvery > 0 && random.below(nullEvery) === 0 ? null : value(random.below(span)),
      );
      const column = columnFromValues(type, values);
      const got = groupIds([column]);
      const want = groupIdsReference([column]);
      const label = `${type.kind} n=${count} span=${span} nulls=${nullEvery}`;
      t.equal(got.numGroups, want.numGroups, `${label}: groups`);
      t.same(Array.from(got.ids), want.ids, `${label}: ids`);
      t.same(Array.from(got.firstRow), want.firstRow, `${label}: first rows`);
    }
  }
  const allNull = groupIds([columnFromValues({ kind: 'int64' }, [null, null])]);
  t.same([allNull.numGroups, ...allNull.ids], [1, 0, 0], 'all null: one group');
});

t.test('multi-column keys group by the tuple', async (t) => {
  const random = new Random(12);
  for (const count of [1, 100, 20000]) {
    const a = randomColumn(random, { kind: 'utf8' }, count, 20, 7);
    const b = randomColumn(random, { kind: 'int32' }, count, 30, 9);
    const c = randomColumn(random, { kind: 'float64' }, count, 5, 0);
    const got = groupIds([a, b, c]);
    const want = groupIdsReference([a, b, c]);
    t.equal(got.numGroups, want.numGroups);
    t.same(Array.from(got.ids), want.ids);
    t.same(Array.from(got.firstRow), want.firstRow);
  }
});

t.test('groupIdPairs groups pairs of ids', async (t) => {
  const first = Int32Array.from([0, 1, 0, 1, 0, 2]);
  const second = Int32Array.from([5, 5, 5, 6, 7, 5]);
  const got = groupIdPairs(first, second);
  t.equal(got.numGroups, 5);
  t.same(Array.from(got.ids), [0, 1, 0, 2, 3, 4]);
  t.same(Array.from(got.firstRow), [0, 1, 3, 4, 5]);
});

t.test('radix-partitioned group ids (many distinct keys, past one table) equal the reference', async (t) => {
  const random = new Random(17);
  const count = 300_000; // above RADIX_GROUP_MIN_ROWS
  // Wide, sparse ranges so that direct addressing does not apply; a quarter of the keys repeat.
  const key = (): number => (random.below(4) === 0 ? random.below(1000) : random.below(2 ** 30)) * 7;
  const cases: [DataType, (k: number) => unknown][] = [
    [{ kind: 'int64' }, (k) => BigInt(k) * 0x100000001n - 5n],
    [{ kind: 'int32' }, (k) => (k % 2 ** 31) - 2 ** 30],
    [{ kind: 'float64' }, (k) => (k % 50 === 0 ? Number.NaN : k % 50 === 1 ? -0 : k % 50 === 2 ? 0 : k / 3)],
  ];
  for (const [type, value] of cases) {
    for (const nullEvery of [0, 9]) {
      const values = Array.from({ length: count }, () =>
        nullEvery > 0 && random.below(nullEvery) === 0 ? null : value(key()),
      );
      const column = columnFromValues(type, values);
      const got = groupIds([column]);
      const want = groupIdsReference([column]);
      const label = `${type.kind} nulls=${nullEvery}`;
      t.ok(want.numGroups > count / 2, `${label}: many groups`);
      t.equal(got.numGroups, want.numGroups, `${label}: groups`);
      t.same(Array.from(got.ids), want.ids, `${label}: ids`);
      t.same(Array.from(got.firstRow), want.firstRow, `${label}: first rows`);
    }
  }
  // Two key columns: the packed (id, id) pairs take the radix path too.
  const a = columnFromValues(
    { kind: 'int64' },
    Array.from({ length: count }, () => BigInt(key())),
  );
  const b = columnFromValues(
    { kind: 'int32' },
    Array.from({ length: count }, () => random.below(3)),
  );
  const got = groupIds([a, b]);
  const want = groupIdsReference([a, b]);
  t.equal(got.numGroups, want.numGroups, 'two columns: groups');
  t.same(Array.from(got.ids), want.ids, 'two columns: ids');
  t.same(Array.from(got.firstRow), want.firstRow, 'two columns: first rows');
});
