import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Column, DataType } from '../../../src/columnar/types.js';
import {
  distinctPairCounts,
  distinctPairRows,
  remapIds,
  valueIds,
} from '../../../src/dataframe/algorithms/distinct_pairs.js';
import { Random } from '../../kernels/reference/random.js';

const valid = (column: Column, row: number) =>
  column.nullCount === 0 || ((column.validity![row >> 3]! >> (row & 7)) & 1) === 1;

/** Plain-JS reference: first rows of distinct (a, b) pairs among valid rows, and counts per a. */
function pairsReference(a: Int32Array, b: Int32Array, na: number, isValid: (row: number) => boolean) {
  const seen = new Set<string>();
  const rows: number[] = [];
  const counts = new Float64Array(na);
  for (let i = 0; i < a.length; i++) {
    if (!isValid(i)) continue;
    const key = `${a[i]},${b[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(i);
    counts[a[i]!]! += 1;
  }
  return { rows, counts: [...counts] };
}

function randomInts(random: Random, type: DataType, count: number, lo: number, span: number, nullEvery: number) {
  const values: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    values.push(nullEvery > 0 && random.below(nullEvery) === 0 ? null : lo + random.below(span));
  }
  return columnFromValues(type, values);
}

t.test('valueIds: equal values get equal ids, distinct values distinct ids, ids dense', async (t) => {
  const random = new Random(7);
  const cases: [DataType, number, number, number][] = [
    [{ kind: 'int32' }, -50, 300, 0], // offset path (kernel), negative values
    [{ kind: 'int32' }, 1000, 2000, 5], // with nulls
    [{ kind: 'int32' }, -(2 ** 30), 2 ** 31 - 1, 0], // range too wide: hashed
    [{ kind: 'date32' }, 18000, 400, 3],
    [{ kind: 'int16' }, -300, 600, 4], // narrow path
    [{ kind: 'uint8' }, 0, 256, 0],
    [{ kind: 'int64' }, -9, 40, 6], // hashed
  ];
  for (const [type, lo, span, nullEvery] of cases) {
    const column = randomInts(random, type, 5000, lo, span, nullEvery);
    const { ids, numGroups } = valueIds(column);
    const idOf = new Map<string, number>();
    let ok = true;
    for (let i = 0; i < column.length; i++) {
      if (!valid(column, i)) continue;
      const key = String(column.values![i]);
      const id = ids[i]!;
      if (id < 0 || id >= numGroups) ok = false;
      if (idOf.has(key) ? idOf.get(key) !== id : [...idOf.values()].includes(id)) ok = false;
      idOf.set(key, id);
    }
    t.ok(ok, `${type.kind} ${lo}+${span} nulls 1/${nullEvery}: consistent ids below ${numGroups}`);
    for (let i = 0; i < column.length; i++) {
      if (!valid(column, i) && (ids[i]! < 0 || ids[i]! >= numGroups)) ok = false;
    }
    t.ok(ok, 'null rows keep ids in range');
  }
  const allNull = columnFromValues({ kind: 'int32' }, [null, null, null]);
  t.same(valueIds(allNull).numGroups, 1, 'all-null column: one id');
});

t.test('distinctPairRows and distinctPairCounts match a reference, dense and hashed', async (t) => {
  const random = new Random(11);
  for (const [na, nb, count] of [
    [5, 40, 3000],
    [50, 100_000, 20_000],
    [20_000, 20_000, 20_000], // 4e8 pairs: past the bitmap limit, grouped instead
  ] as const) {
    const a = Int32Array.from({ length: count }, () => random.below(na));
    const b = Int32Array.from({ length: count }, () => random.below(Math.min(nb, 60)) * Math.floor(nb / 60));
    const validity = new Uint8Array((count + 7) >> 3);
    for (let i = 0; i < count; i++) if (random.below(4) !== 0) validity[i >> 3]! |= 1 << (i & 7);
    const isValid = (row: number) => ((validity[row >> 3]! >> (row & 7)) & 1) === 1;
    const expected = pairsReference(a, b, na, isValid);
    t.same([...distinctPairRows(a, na, b, nb, validity)], expected.rows, `rows ${na}x${nb}`);
    t.same([...distinctPairCounts(a, na, b, nb, validity)], expected.counts, `counts ${na}x${nb}`);
    const all = pairsReference(a, b, na, () => true);
    t.same([...distinctPairCounts(a, na, b, nb)], all.counts, `counts ${na}x${nb} without validity`);
  }
  t.same([...distinctPairCounts(new Int32Array(0), 3, new Int32Array(0), 3)], [0, 0, 0], 'no rows');
});

t.test('remapIds gathers through a table at an offset into a slot of the output', async (t) => {
  const table = Int32Array.from([9, 8, 7, 6, 5, 4]);
  const out = new Int32Array(6).fill(-1);
  remapIds(table, 2, Int32Array.from([0, 3, 1]), out, 2);
  t.same([...out], [-1, -1, 7, 4, 6, -1]);
  remapIds(table, 0, new Int32Array(0), out, 0);
  t.same(out[0], -1, 'empty index writes nothing');
});
