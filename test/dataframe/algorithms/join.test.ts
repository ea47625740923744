// joinBatches / joinIndices against a nested-loop reference on seeded random keys (exact row pairs and order),
// plus column naming, key type rules and dropDuplicates' local step.
import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Batch, Column, DataType } from '../../../src/columnar/types.js';
import { batchToRecords } from '../../../src/columnar/values.js';
import { distinctRowIndices } from '../../../src/dataframe/algorithms/distinct_rows.js';
import { type JoinHow, joinBatches, joinFields, joinIndices } from '../../../src/dataframe/algorithms/join.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Key = number | string | null;

/** SQL equality of one key value: null never equals; NaN equals NaN (as the join documents). */
function keyEqual(a: Key, b: Key): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a)) return Number.isNaN(b);
  return a === b;
}

/** The documented order: left rows in order with their right matches in order; then unmatched right rows. */
function referenceJoin(left: Key[][], right: Key[][], how: JoinHow): [number, number][] {
  if (how === 'right') return referenceJoin(right, left, 'left').map(([r, l]) => [l, r]);
  const out: [number, number][] = [];
  const matched = new Set<number>();
  left.forEach((lk, l) => {
    let any = false;
    right.forEach((rk, r) => {
      if (lk.every((v, k) => keyEqual(v, rk[k]!))) {
        out.push([l, r]);
        matched.add(r);
        any = true;
      }
    });
    if (!any && how !== 'inner') out.push([l, -1]);
  });
  if (how === 'outer') {
    for (let r = 0; r < right.length; r++) if (!matched.has(r)) out.push([-1, r]);
  }
  return out;
}

function keysOf(columns: Key[][], n: number): Key[][] {
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]!));
}

function randomKeys(next: () => number, n: number, kind: 'int' | 'float' | 'string', distinct: number): Key[] {
  return Array.from({ length: n }, () => {
    if (next() < 0.08) return null;
    const v = Math.floor(next() * distinct);
    if (kind === 'string') return `k${v}`;
    if (kind === 'float') return next() < 0.05 ? Number.NaN : v / 4;
    return v - 3;
  });
}

const TYPES: Record<string, DataType> = {
  int: { kind: 'int32' },
  int64: { kind: 'int64' },
  float: { kind: 'float64' },
  string: { kind: 'utf8' },
};

function column(kind: string, values: Key[]): Column {
  const type = TYPES[kind]!;
  const vs = kind === 'int64' ? values.map((v) => (v === null ? null : BigInt(v as number))) : values;
  return columnFromValues(type, vs);
}

t.test('row pairs equal a nested-loop join on seeded random keys', async (t) => {
  const next = random(42);
  let cases = 0;
  for (let round = 0; round < 24; round++) {
    const nKeys = 1 + (round % 3);
    const kinds = Array.from({ length: nKeys }, (_, k) => (['int', 'float', 'string'] as const)[(round + k) % 3]!);
    const nLeft = Math.floor(next() * 60);
    const nRight = Math.floor(next() * 60);
    const distinct = 1 + Math.floor(next() * 12);
    const lv = kinds.map((k) => randomKeys(next, nLeft, k, distinct));
    const rv = kinds.map((k) => randomKeys(next, nRight, k, distinct));
    // int32 on the left meets int64 on the right in half the rounds.
    const rightKind = (k: string) => (k === 'int' && round % 2 === 0 ? 'int64' : k);
    const lc = kinds.map((k, i) => column(k, lv[i]!));
    const rc = kinds.map((k, i) => column(rightKind(k), rv[i]!));
    for (const how of ['inner', 'left', 'right', 'outer'] as const) {
      const got = joinIndices(lc, rc, how);
      const want = referenceJoin(keysOf(lv, nLeft), keysOf(rv, nRight), how);
      const pairs = Array.from(got.left, (l, i) => [l, got.right[i]!]);
      t.same(pairs, want, `round ${round} ${how} (${kinds.join(',')})`);
      cases++;
    }
  }
  t.equal(cases, 96);
});

function batch(columns: Record<string, [string, Key[]]>): Batch {
  const names = Object.keys(columns);
  const cols = names.map((n) => column(columns[n]![0], columns[n]![1]));
  return {
    fields: names.map((n, i) => ({ name: n, type: cols[i]!.type, nullable: true })),
    numRows: cols[0]!.length,
    columns: cols,
  };
}

t.test('columns are named as pandas names them; shared keys are coalesced', async (t) => {
  const left = batch({ k: ['int', [1, 2, null]], v: ['string', ['a', 'b', 'c']], w: ['int', [7, 8, 9]] });
  const right = batch({ k: ['int64', [2, 3]], v: ['string', ['B', 'C']], z: ['float', [0.5, 1.5]] });
  const outer = joinBatches(left, right, ['k'], ['k'], 'outer');
  t.same(
    outer.fields.map((f) => [f.name, f.type.kind]),
    [
      ['k', 'int64'],
      ['v_x', 'utf8'],
      ['w', 'int32'],
      ['v_y', 'utf8'],
      ['z', 'float64'],
    ],
  );
  t.same(batchToRecords(outer), [
    { k: 1n, v_x: 'a', w: 7, v_y: null, z: null },
    { k: 2n, v_x: 'b', w: 8, v_y: 'B', z: 0.5 },
    { k: null, v_x: 'c', w: 9, v_y: null, z: null },
    { k: 3n, v_x: null, w: null, v_y: 'C', z: 1.5 },
  ]);
  const renamed = batch({ key: ['int', [2, 2]], v: ['string', ['x', 'y']] });
  const byName = joinBatches(left, renamed, ['k'], ['key'], 'inner', ['_l', '_r']);
  t.same(
    byName.fields.map((f) => f.name),
    ['k', 'v_l', 'w', 'key', 'v_r'],
  );
  t.same(batchToRecords(byName), [
    { k: 2, v_l: 'b', w: 8, key: 2, v_r: 'x' },
    { k: 2, v_l: 'b', w: 8, key: 2, v_r: 'y' },
  ]);
  t.throws(() => joinFields(left.fields, right.fields, ['k'], ['z'], 'inner'), /different types/);
  t.throws(() => joinFields(left.fields, right.fields, ['nope'], ['k'], 'inner'), /no left column "nope"/);
  t.throws(() => joinFields(left.fields, right.fields, ['k', 'v'], ['k'], 'inner'), /2 left keys but 1 right/);
  const nulls = batch({ k: ['int', [null, null]] });
  t.same(
    batchToRecords(joinBatches(nulls, nulls, ['k'], ['k'], 'outer')).map((r) => r.k),
    [null, null, null, null],
    'null keys never match, not even each other',
  );
  const empty = joinBatches(batch({ k: ['int', []] }), right, ['k'], ['k'], 'right');
  t.same(
    batchToRecords(empty).map((r) => r.k),
    [2n, 3n],
  );
});

t.test('distinct row indices: first or last of each group, nulls and NaN equal', async (t) => {
  const b = batch({
    a: ['float', [1, Number.NaN, null, 1, Number.NaN, null, 2, -0, 0]],
    s: ['string', ['x', 'y', 'z', 'x', 'y', 'z', 'x', 'q', 'q']],
  });
  t.same(Array.from(distinctRowIndices(b, ['a', 's'], 'first')), [0, 1, 2, 6, 7]);
  t.same(Array.from(distinctRowIndices(b, ['a', 's'], 'last')), [3, 4, 5, 6, 8]);
  t.same(Array.from(distinctRowIndices(b, ['s'], 'last')), [4, 5, 6, 8]);
});

t.test(
  'many distinct wide keys: every match found, none invented (exact key comparison in the hash table)',
  async (t) => {
    const next = random(7);
    const n = 40000;
    const big = () => BigInt(Math.floor(next() * 2 ** 20)) * 1000003n + BigInt(Math.floor(next() * 4));
    const lv = Array.from({ length: n }, big);
    const rv = Array.from({ length: n }, big);
    const lc = columnFromValues({ kind: 'int64' }, lv);
    const rc = columnFromValues({ kind: 'int64' }, rv);
    const rightRows = new Map<bigint, number[]>();
    rv.forEach((v, r) => {
      rightRows.set(v, [...(rightRows.get(v) ?? []), r]);
    });
    const want: number[] = [];
    lv.forEach((v, l) => {
      for (const r of rightRows.get(v) ?? []) want.push(l, r);
    });
    const got = joinIndices([lc], [rc], 'inner');
    const pairs: number[] = [];
    for (let i = 0; i < got.left.length; i++) pairs.push(got.left[i]!, got.right[i]!);
    t.ok(want.length > 0);
    t.equal(JSON.stringify(pairs), JSON.stringify(want));
  },
);

/** `values` dictionary-encoded over `dictionary` (which may repeat values, hold a null, and hold unused entries). */
function dictionaryColumn(values: Key[], dictionary: Key[]): Column {
  const codes = new Int32Array(values.length);
  const validity = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) {
      nullCount++;
      return;
    }
    // The last entry holding the value, so a repeated value is reached through both of its entries.
    const at = i % 2 === 0 ? dictionary.indexOf(v) : dictionary.lastIndexOf(v);
    codes[i] = at;
    validity[i >> 3]! |= 1 << (i & 7);
  });
  return {
    type: { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'utf8' }, ordered: false },
    length: values.length,
    nullCount,
    validity,
    values: codes,
    dictionary: columnFromValues({ kind: 'utf8' }, dictionary),
  };
}

t.test(
  'dictionary keys: differing dictionaries on each side, repeated and null entries, plain other side',
  async (t) => {
    const next = random(7);
    let cases = 0;
    for (let round = 0; round < 16; round++) {
      const distinct = 2 + Math.floor(next() * 10);
      const nLeft = 20 + Math.floor(next() * 80);
      const nRight = Math.floor(next() * 40);
      const lv = randomKeys(next, nLeft, 'string', distinct);
      const rv = randomKeys(next, nRight, 'string', distinct);
      const values = (vs: Key[]) => [...new Set(vs.filter((v) => v !== null))];
      // Each side's own dictionary: its values in another order, one value twice, a null entry and an unused value.
      const lDict = [...values(lv).reverse(), null, 'unused', ...values(lv).slice(0, 1)];
      const rDict = ['zz', ...values(rv), ...values(rv).slice(-1)];
      const left = dictionaryColumn(lv, lDict);
      const rightSides = [dictionaryColumn(rv, rDict), columnFromValues({ kind: 'utf8' }, rv)];
      for (const right of rightSides) {
        for (const how of ['inner', 'left', 'right', 'outer'] as const) {
          const got = joinIndices([left], [right], how);
          const want = referenceJoin(keysOf([lv], nLeft), keysOf([rv], nRight), how);
          t.same(
            Array.from(got.left, (l, i) => [l, got.right[i]!]),
            want,
            `round ${round} ${how} (${right.type.kind})`,
          );
          // Two keys: the dictionary key beside an int key.
          const li = randomKeys(next, nLeft, 'int', 3);
          const ri = randomKeys(next, nRight, 'int', 3);
          const two = joinIndices([left, column('int', li)], [right, column('int', ri)], how);
          const want2 = referenceJoin(keysOf([lv, li], nLeft), keysOf([rv, ri], nRight), how);
          t.same(
            Array.from(two.left, (l, i) => [l, two.right[i]!]),
            want2,
            `round ${round} ${how} two keys`,
          );
          cases++;
        }
      }
    }
    t.equal(cases, 128);
  },
);
