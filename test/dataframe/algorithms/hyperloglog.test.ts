import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import { sliceColumn } from '../../../src/columnar/slice.js';
import type { Column, DataType } from '../../../src/columnar/types.js';
import { AlgorithmError } from '../../../src/dataframe/algorithms/errors.js';
import { hashColumn, hashOfNull } from '../../../src/dataframe/algorithms/hash.js';
import {
  hllAdd,
  hllCreate,
  hllEstimate,
  hllMerge,
  hllOfColumn,
  hllPrecision,
  hllStandardError,
} from '../../../src/dataframe/algorithms/hyperloglog.js';
import { hllUpdateReference } from '../../kernels/reference/column_hash.js';
import { Random } from '../../kernels/reference/random.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** `distinct` distinct int64 values (an odd multiplier is a bijection mod 2^64), each row repeated 1-3 times. */
function int64Set(distinct: number, seed: number): Column {
  const random = new Random(seed);
  const multiplier = random.bits(64) | 1n;
  const offset = random.bits(64);
  const rows: bigint[] = [];
  for (let i = 0; i < distinct; i++) {
    const v = BigInt.asIntN(64, BigInt(i) * multiplier + offset);
    const copies = 1 + random.below(3);
    for (let c = 0; c < copies; c++) rows.push(v);
  }
  return { type: { kind: 'int64' }, length: rows.length, nullCount: 0, values: BigInt64Array.from(rows) };
}

function float64Set(distinct: number, seed: number): Column {
  const random = new Random(seed);
  const values = new Float64Array(distinct * 2);
  const scale = 1 + random.u32();
  for (let i = 0; i < distinct; i++) {
    values[2 * i] = (i + 0.5) * scale; // distinct: strictly increasing
    values[2 * i + 1] = (random.below(i + 1) + 0.5) * scale; // a duplicate of an earlier value
  }
  return { type: { kind: 'float64' }, length: values.length, nullCount: 0, values };
}

function stringSet(distinct: number, seed: number): Column {
  const random = new Random(seed);
  const prefix = `s${random.u32().toString(36)}-`;
  const rows: (string | null)[] = [];
  for (let i = 0; i < distinct; i++) {
    rows.push(`${prefix}${i}`);
    if (random.below(4) === 0) rows.push(null);
    if (random.below(2) === 0) rows.push(`${prefix}${random.below(i + 1)}`);
  }
  return columnFromValues({ kind: 'utf8' }, rows);
}

// Ten seeded data sets, small to large cardinality, through the three kernel paths (words, floats, bytes). The
// range 2.5m-5m (m = 16384 at p = 14: 40K-80K) is where estimators without bias correction go wrong.
const SETS: { name: string; distinct: number; make: (distinct: number, seed: number) => Column }[] = [
  { name: 'int64', distinct: 1, make: int64Set },
  { name: 'utf8', distinct: 100, make: stringSet },
  { name: 'float64', distinct: 2_000, make: float64Set },
  { name: 'int64', distinct: 12_000, make: int64Set },
  { name: 'utf8', distinct: 30_000, make: stringSet },
  { name: 'int64', distinct: 45_000, make: int64Set },
  { name: 'float64', distinct: 70_000, make: float64Set },
  { name: 'int64', distinct: 150_000, make: int64Set },
  { name: 'float64', distinct: 600_000, make: float64Set },
  { name: 'int64', distinct: 2_000_000, make: int64Set },
];

t.test('estimates on 10 seeded data sets: each within 3 standard errors, mean |error| within one', async (t) => {
  for (const p of [12, 14]) {
    const sigma = hllStandardError(p);
    let sumAbs = 0;
    const lines: string[] = [];
    for (const [i, set] of SETS.entries()) {
      const column = set.make(set.distinct, 1000 + i);
      const estimate = hllEstimate(hllOfColumn(column, p));
      const error = (estimate - set.distinct) / set.distinct;
      sumAbs += Math.abs(error);
      lines.push(`${set.name} n=${set.distinct}: ${estimate.toFixed(1)} (${(error * 100).toFixed(3)}%)`);
      t.ok(Math.abs(error) <= 3 * sigma, `p=${p} ${set.name} ${set.distinct}: |${error}| <= 3 * ${sigma}`);
    }
    t.comment(`p=${p}, standard error ${(sigma * 100).toFixed(3)}%:\n${lines.join('\n')}`);
    t.ok(sumAbs / SETS.length <= sigma, `p=${p}: mean |error| ${sumAbs / SETS.length} <= ${sigma}`);
  }
});

t.test('small cardinalities are (nearly) exact', async (t) => {
  for (const n of [0, 1, 2, 10, 100]) {
    const values = BigInt64Array.from({ length: n }, (_, i) => BigInt(i * 3));
    const estimate = hllEstimate(hllOfColumn({ type: { kind: 'int64' }, length: n, nullCount: 0, values }));
    // Two values share a register with probability about n^2 / 2m: exact up to such collisions.
    t.ok(Math.abs(estimate - n) <= (n <= 10 ? 0.5 : 0.03 * n), `${n} -> ${estimate}`);
  }
});

t.test('merged partition registers equal the registers of the union', async (t) => {
  const column = int64Set(50_000, 7);
  const whole = hllOfColumn(column, 14);
  const cuts = [0, 1, 10_000, 33_333, 70_001, column.length];
  const parts = cuts.slice(1).map((end, i) => hllOfColumn(sliceColumn(column, cuts[i]!, end), 14));
  t.ok(sameBytes(hllMerge(parts), whole), 'merge of 5 partitions');
  t.ok(sameBytes(hllMerge([...parts].reverse()), whole), 'in any order');
  t.ok(sameBytes(hllMerge([whole, ...parts]), whole), 'idempotent');
  // Overlapping partitions (the same values twice) change nothing either.
  const again = hllAdd(hllOfColumn(sliceColumn(column, 0, 40_000), 14), sliceColumn(column, 20_000));
  t.ok(sameBytes(again, whole), 'adding columns in turn');
  t.throws(() => hllMerge([hllCreate(12), hllCreate(14)]), AlgorithmError);
  t.throws(() => hllMerge([]), AlgorithmError);
});

t.test('nulls are ignored; all-null and empty columns estimate 0', async (t) => {
  const values = [1n, null, 2n, null, 3n, 2n];
  const withNulls = hllOfColumn(columnFromValues({ kind: 'int64' }, values));
  t.ok(sameBytes(withNulls, hllOfColumn(columnFromValues({ kind: 'int64' }, [1n, 2n, 3n]))));
  t.equal(Math.round(hllEstimate(withNulls)), 3);
  t.equal(hllEstimate(hllOfColumn(columnFromValues({ kind: 'utf8' }, [null, null]))), 0);
  t.equal(hllEstimate(hllOfColumn({ type: { kind: 'null' }, length: 4, nullCount: 4 })), 0);
  t.equal(hllEstimate(hllOfColumn(columnFromValues({ kind: 'float64' }, []))), 0);
  const structType: DataType = { kind: 'struct', children: [{ name: 'a', type: { kind: 'int32' }, nullable: true }] };
  const structs = hllOfColumn(columnFromValues(structType, [{ a: 1 }, null, { a: 2 }, { a: 1 }]));
  t.equal(Math.round(hllEstimate(structs)), 2, 'null struct rows not counted');
});

t.test('values count by meaning: integer widths, dictionaries, -0/+0 and NaN', async (t) => {
  const ints = [5, 6, 7, 5, -1];
  const r32 = hllOfColumn(columnFromValues({ kind: 'int32' }, ints));
  t.ok(sameBytes(r32, hllOfColumn(columnFromValues({ kind: 'int64' }, ints.map(BigInt)))));
  t.ok(sameBytes(r32, hllOfColumn(columnFromValues({ kind: 'int8' }, ints))));
  const strings = ['a', 'b', null, 'a', 'c'];
  const dictType: DataType = { kind: 'dictionary', index: { kind: 'int16' }, value: { kind: 'utf8' }, ordered: false };
  t.ok(
    sameBytes(
      hllOfColumn(columnFromValues(dictType, strings)),
      hllOfColumn(columnFromValues({ kind: 'utf8' }, strings)),
    ),
  );
  const floats = hllOfColumn(columnFromValues({ kind: 'float32' }, [0, -0, Number.NaN, -Number.NaN, 1]));
  t.equal(Math.round(hllEstimate(floats)), 3);
});

t.test('registers equal the reference update over hashColumn, for every kernel path', async (t) => {
  const random = new Random(31);
  const columns: Column[] = [
    columnFromValues(
      { kind: 'int64' },
      Array.from({ length: 70_000 }, () => (random.below(9) ? random.bits(40) : null)),
    ),
    columnFromValues({ kind: 'bool' }, [true, null, false]),
    columnFromValues(
      { kind: 'utf8' },
      Array.from({ length: 70_000 }, (_, i) => (i % 11 ? `v${random.below(9000)}` : null)),
    ),
    columnFromValues({ kind: 'list', child: { name: 'x', type: { kind: 'int32' }, nullable: true } }, [
      [1, 2],
      null,
      [],
      [3],
    ]),
  ];
  for (const column of columns) {
    for (const seed of [0n, 77n]) {
      const p = 10;
      const expected = new Uint8Array(1 << p);
      const nullHash = hashOfNull(seed);
      for (const h of hashColumn(column, seed)) if (h !== nullHash) hllUpdateReference(expected, p, h);
      t.ok(sameBytes(hllOfColumn(column, p, seed), expected), `${column.type.kind} seed ${seed}`);
    }
  }
});

t.test('precision is checked', async (t) => {
  t.equal(hllCreate().length, 16384);
  t.equal(hllPrecision(hllCreate(4)), 4);
  t.equal(hllCreate(18).length, 1 << 18);
  for (const bad of [3, 19, 14.5]) t.throws(() => hllCreate(bad), { code: 'INVALID_ARGUMENT' });
  t.throws(() => hllEstimate(new Uint8Array(100)), { code: 'INVALID_ARGUMENT' });
  const overflowing = hllCreate(14);
  overflowing[0] = 60;
  t.throws(() => hllEstimate(overflowing), { code: 'INVALID_ARGUMENT' }, 'a register above 64 - p + 1');
  t.equal(hllStandardError(14).toFixed(5), (1.04 / 128).toFixed(5));
});
