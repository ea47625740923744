import t from 'tap';
import {
  groupAnyAll,
  groupCounts,
  groupFirstLastRows,
  groupM2,
  groupMinMax,
  groupSums,
} from '../../src/dataframe/algorithms/group_kernels.js';
import { groupMinMaxReference, groupSumsReference, validAt } from './reference/group_aggregate.js';
import { Random } from './reference/random.js';

function randomCase(random: Random, count: number, numGroups: number, withNulls: boolean) {
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) ids[i] = random.below(2) === 0 ? 0 : random.below(numGroups);
  let validity: Uint8Array | undefined;
  if (withNulls) {
    validity = new Uint8Array((count + 7) >> 3);
    for (let i = 0; i < count; i++) if (random.below(4) !== 0) validity[i >> 3]! |= 1 << (i & 7);
  }
  return { ids, validity };
}

const CASES: [number, number, boolean][] = [
  [0, 1, false],
  [1, 1, true],
  [1000, 7, true],
  [5000, 300, false],
  [5000, 3000, true],
];

t.test('sums and counts match the reference (f64 with NaN, i64 wrapping, i32 into i64)', async (t) => {
  const random = new Random(21);
  for (const [count, numGroups, withNulls] of CASES) {
    const { ids, validity } = randomCase(random, count, numGroups, withNulls);
    const f64 = Float64Array.from({ length: count }, () =>
      random.below(100) === 0 ? Number.NaN : (random.u32() - 2 ** 31) / 1000,
    );
    const i64 = BigInt64Array.from({ length: count }, () => BigInt.asIntN(64, random.bits(64)));
    const i32 = Int32Array.from({ length: count }, () => random.u32() | 0);
    for (const [label, acc, values] of [
      ['f64', { kind: 'f64' as const, values: f64 }, f64],
      ['i64', { kind: 'i64' as const, values: i64 }, i64],
      ['i32', { kind: 'i32' as const, values: i32 }, i32],
    ] as const) {
      const got = groupSums(acc, ids, validity, numGroups);
      const want = groupSumsReference(values, validity, ids, numGroups);
      const wantSums = label === 'i32' ? want.sums.map((s) => BigInt(s)) : want.sums;
      t.same(Array.from(got.counts), want.counts, `${label} n=${count} counts`);
      if (label === 'f64') {
        const bad = (wantSums as number[]).findIndex((s, g) => {
          const x = got.sums[g] as number;
          return Number.isNaN(s) ? !Number.isNaN(x) : Math.abs(x - s) > 1e-6 * Math.max(1, Math.abs(s));
        });
        t.equal(bad, -1, `${label} n=${count} sums`);
      } else t.same(Array.from(got.sums as BigInt64Array), wantSums, `${label} n=${count} sums`);
      t.same(Array.from(groupCounts(ids, validity, numGroups)), want.counts, `${label} n=${count} groupCounts`);
    }
  }
});

t.test('min and max match the reference (NaN greatest, as DuckDB)', async (t) => {
  const random = new Random(22);
  for (const [count, numGroups, withNulls] of CASES) {
    const { ids, validity } = randomCase(random, count, numGroups, withNulls);
    const f64 = Float64Array.from({ length: count }, () =>
      random.below(20) === 0 ? Number.NaN : (random.u32() - 2 ** 31) / 7,
    );
    const i64 = BigInt64Array.from({ length: count }, () => BigInt.asIntN(64, random.bits(64)));
    const i32 = Int32Array.from({ length: count }, () => random.u32() | 0);
    for (const acc of [
      { kind: 'f64' as const, values: f64 },
      { kind: 'i64' as const, values: i64 },
      { kind: 'i32' as const, values: i32 },
    ]) {
      const got = groupMinMax(acc, ids, validity, numGroups);
      const want = groupMinMaxReference(acc.values, validity, ids, numGroups);
      for (let g = 0; g < numGroups; g++) {
        if (want.mins[g] === undefined) continue;
        if (!Object.is(got.mins[g], want.mins[g]) || !Object.is(got.maxs[g], want.maxs[g])) {
          t.fail(
            `${acc.kind} n=${count} group ${g}: ${got.mins[g]}..${got.maxs[g]} != ${want.mins[g]}..${want.maxs[g]}`,
          );
        }
      }
    }
  }
  t.pass('compared');
});

t.test('m2, first/last and any/all match plain loops', async (t) => {
  const random = new Random(23);
  for (const [count, numGroups, withNulls] of CASES) {
    const { ids, validity } = randomCase(random, count, numGroups, withNulls);
    const values = Float64Array.from({ length: count }, () => random.below(1000) / 10 + 1e6);
    const means = Float64Array.from({ length: numGroups }, () => 1e6 + random.below(100));
    const m2 = groupM2(values, ids, validity, means);
    const wantM2 = new Float64Array(numGroups);
    const first = new Int32Array(numGroups).fill(-1);
    const last = new Int32Array(numGroups).fill(-1);
    const bits = new Uint8Array((count + 7) >> 3);
    for (let i = 0; i < count; i++) if (random.below(3) === 0) bits[i >> 3]! |= 1 << (i & 7);
    const any = new Uint8Array(numGroups);
    const all = new Uint8Array(numGroups).fill(1);
    for (let i = 0; i < count; i++) {
      if (!validAt(validity, i)) continue;
      const g = ids[i]!;
      wantM2[g]! += (values[i]! - means[g]!) ** 2;
      if (first[g] === -1) first[g] = i;
      last[g] = i;
      if (validAt(bits, i)) any[g] = 1;
      else all[g] = 0;
    }
    t.ok(
      m2.every((x, g) => Math.abs(x - wantM2[g]!) <= 1e-9 * Math.max(1, wantM2[g]!)),
      `m2 n=${count}`,
    );
    const rows = groupFirstLastRows(ids, validity, numGroups);
    t.same(Array.from(rows.first), Array.from(first), `first n=${count}`);
    t.same(Array.from(rows.last), Array.from(last), `last n=${count}`);
    const anyAll = groupAnyAll(bits, ids, validity, numGroups);
    t.same(Array.from(anyAll.any), Array.from(any), `any n=${count}`);
    t.same(Array.from(anyAll.all), Array.from(all), `all n=${count}`);
  }
});
