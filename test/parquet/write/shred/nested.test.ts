// Shredding lists, structs and maps with a null, an empty value and a null element at every level, worked by hand
// from the level rules of parquet-format's README ("Nested Encoding").
import * as arrow from 'apache-arrow';
import t from 'tap';
import { batchOf, column, levelsOf, shredOwn, valuesOf } from './helpers.js';

const int32 = new arrow.Int32();
const utf8 = new arrow.Utf8();
const listOf = (type: arrow.DataType, nullable = true) => new arrow.List(new arrow.Field('item', type, nullable));

t.test('optional list of optional int32: null list, empty list, null element', async (t) => {
  const data = column([[1, null, 2], null, [], [null], [3]], listOf(int32));
  const { leaves } = shredOwn(batchOf({ c: { data } }));
  const [leaf] = leaves;
  t.same(levelsOf(leaf!), { def: [3, 2, 3, 0, 1, 2, 3], rep: [0, 1, 1, 0, 0, 0, 0] });
  t.same(valuesOf(leaf!), [1, 2, 3]);
  t.equal(leaf!.numRows, 5);
  t.equal(leaf!.numLevels, 7);
});

t.test('required list of required strings', async (t) => {
  const data = column([['a', 'b'], [], ['c']], listOf(utf8, false));
  const { leaves } = shredOwn(batchOf({ c: { data, nullable: false } }));
  t.same(levelsOf(leaves[0]!), { def: [1, 1, 0, 1], rep: [0, 1, 0, 0] });
  t.same(valuesOf(leaves[0]!), ['a', 'b', 'c']);
});

t.test('list of lists, optional at every level', async (t) => {
  const data = column([[[1, 2], []], [[3]], [null], [], null, [[null]]], listOf(listOf(int32)));
  const { leaves } = shredOwn(batchOf({ c: { data } }));
  t.same(levelsOf(leaves[0]!), { def: [5, 5, 3, 5, 2, 1, 0, 4], rep: [0, 2, 1, 0, 0, 0, 0, 0] });
  t.same(valuesOf(leaves[0]!), [1, 2, 3]);
});

t.test('optional struct with an optional and a required member; a null struct may hide a null member', async (t) => {
  const type = new arrow.Struct([new arrow.Field('a', int32, true), new arrow.Field('b', utf8, false)]);
  const data = column([{ a: 1, b: 'x' }, null, { a: null, b: 'y' }], type);
  const { leaves } = shredOwn(batchOf({ s: { data } }));
  t.same(levelsOf(leaves[0]!), { def: [2, 0, 1] });
  t.same(valuesOf(leaves[0]!), [1]);
  t.same(levelsOf(leaves[1]!), { def: [1, 0, 1] });
  t.same(valuesOf(leaves[1]!), ['x', 'y']);
});

t.test('list of structs of lists', async (t) => {
  const inner = new arrow.Struct([new arrow.Field('xs', listOf(int32), true), new arrow.Field('n', utf8, true)]);
  const data = column([[{ xs: [1], n: 'p' }, null, { xs: null, n: null }], [{ xs: [], n: 'q' }], null], listOf(inner));
  const { schema, leaves } = shredOwn(batchOf({ l: { data } }));
  t.same(
    schema.leaves.map((l) => [l.name, l.maxDef, l.maxRep]),
    [
      ['l.list.element.xs.list.element', 6, 2],
      ['l.list.element.n', 4, 1],
    ],
  );
  // xs: [1] -> 6; null struct -> 2; xs null -> 3; xs [] -> 4; row 3 null list -> 0
  t.same(levelsOf(leaves[0]!), { def: [6, 2, 3, 4, 0], rep: [0, 1, 1, 0, 0] });
  t.same(valuesOf(leaves[0]!), [1]);
  t.same(levelsOf(leaves[1]!), { def: [4, 2, 3, 4, 0], rep: [0, 1, 1, 0, 0] });
  t.same(valuesOf(leaves[1]!), ['p', 'q']);
});

t.test('map with null values, a null map and an empty map', async (t) => {
  const type = new arrow.Map_(
    new arrow.Field(
      'entries',
      new arrow.Struct([new arrow.Field('key', utf8, false), new arrow.Field('value', int32, true)]),
      false,
    ) as arrow.Field<arrow.Struct>,
  );
  const data = column(
    [
      new Map<string, number | null>([
        ['a', 1],
        ['b', null],
      ]),
      null,
      new Map(),
      new Map([['c', 3]]),
    ],
    type,
  );
  const { leaves } = shredOwn(batchOf({ m: { data } }));
  t.same(levelsOf(leaves[0]!), { def: [2, 2, 0, 1, 2], rep: [0, 1, 0, 0, 0] });
  t.same(valuesOf(leaves[0]!), ['a', 'b', 'c']);
  t.same(levelsOf(leaves[1]!), { def: [3, 2, 0, 1, 3], rep: [0, 1, 0, 0, 0] });
  t.same(valuesOf(leaves[1]!), [1, 3]);
});

t.test('fixed-size and large lists shred like lists', async (t) => {
  const fixed = column([[1, 2], null, [3, null]], new arrow.FixedSizeList(2, new arrow.Field('item', int32, true)));
  const { leaves } = shredOwn(batchOf({ f: { data: fixed } }));
  t.same(levelsOf(leaves[0]!), { def: [3, 3, 0, 3, 2], rep: [0, 1, 0, 0, 1] });
  t.same(valuesOf(leaves[0]!), [1, 2, 3]);

  const small = column([['a'], [], null, ['b', 'c']], listOf(utf8));
  const list = small as arrow.Data<arrow.List>;
  const large = arrow.makeData({
    type: new arrow.LargeList(new arrow.Field('item', utf8, true)),
    length: list.length,
    nullCount: list.nullCount,
    nullBitmap: list.nullBitmap,
    valueOffsets: BigInt64Array.from(list.valueOffsets as Int32Array, (v) => BigInt(v)),
    child: list.children[0]!,
  } as never) as arrow.Data;
  const out = shredOwn(batchOf({ l: { data: large } })).leaves;
  t.same(levelsOf(out[0]!), { def: [3, 1, 0, 3, 3], rep: [0, 0, 0, 0, 1] });
  t.same(valuesOf(out[0]!), ['a', 'b', 'c']);
});

t.test('a sliced batch: offsets that do not start at 0, bitmaps from an odd bit', async (t) => {
  const lists = arrow.vectorFromArray([[9], [8, 7], [1, null], null, [], [2], [4], [5]], listOf(int32)).slice(2);
  const flat = arrow.vectorFromArray([5, null, 6, null, 7, 8, null, 9, 10, 11, null, 12], int32).slice(3, 9);
  const strings = arrow.vectorFromArray(['zz', 'a', null, 'bc', 'd', null, 'e', 'f', 'g'], utf8).slice(1, 7);
  const batch = batchOf({
    l: { data: lists.data[0]! as arrow.Data },
    f: { data: flat.data[0]! as arrow.Data },
    s: { data: strings.data[0]! as arrow.Data },
  });
  const { leaves } = shredOwn(batch);
  t.same(levelsOf(leaves[0]!), { def: [3, 2, 0, 1, 3, 3, 3], rep: [0, 1, 0, 0, 0, 0, 0] });
  t.same(valuesOf(leaves[0]!), [1, 2, 4, 5]);
  // flat: [null, 7, 8, null, 9, 10]
  t.same(levelsOf(leaves[1]!), { def: [0, 1, 1, 0, 1, 1] });
  t.same(valuesOf(leaves[1]!), [7, 8, 9, 10]);
  // strings: ['a', null, 'bc', 'd', null, 'e']
  t.same(levelsOf(leaves[2]!), { def: [1, 0, 1, 1, 0, 1] });
  t.same(valuesOf(leaves[2]!), ['a', 'bc', 'd', 'e']);
});

t.test('flat optional columns: levels from validity bits over many bytes', async (t) => {
  const values: (number | null)[] = [];
  let seed = 7;
  for (let i = 0; i < 1000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    // runs of all-valid and all-null bytes as well as mixed ones
    const region = Math.floor(i / 64) % 3;
    const isNull = region === 0 ? false : region === 1 ? seed % 3 === 0 : true;
    values.push(isNull ? null : i);
  }
  for (const offset of [0, 3]) {
    const data = arrow.vectorFromArray(values, int32).slice(offset).data[0]! as arrow.Data;
    const { leaves } = shredOwn(batchOf({ c: { data } }));
    const expected = values.slice(offset);
    t.same(
      levelsOf(leaves[0]!).def,
      expected.map((v) => (v === null ? 0 : 1)),
    );
    t.same(
      valuesOf(leaves[0]!),
      expected.filter((v) => v !== null),
    );
  }
  const none = column([1, 2, 3], int32);
  t.same(levelsOf(shredOwn(batchOf({ c: { data: none } })).leaves[0]!), { def: [1, 1, 1] });
  t.same(levelsOf(shredOwn(batchOf({ c: { data: none, nullable: false } })).leaves[0]!), {});
  const allNull = column([null, null], int32);
  const leaf = shredOwn(batchOf({ c: { data: allNull } })).leaves[0]!;
  t.same(levelsOf(leaf), { def: [0, 0] });
  t.same(valuesOf(leaf), []);
});

t.test('a column of the Null type is all nulls', async (t) => {
  const data = arrow.makeData({ type: new arrow.Null(), length: 3 }) as arrow.Data;
  const { leaves } = shredOwn(batchOf({ n: { data, nullable: false } }));
  t.same(levelsOf(leaves[0]!), { def: [0, 0, 0] });
  t.same(valuesOf(leaves[0]!), []);
});

t.test('large nested and dictionary columns (gathered in kernels) match a plain computation', async (t) => {
  const rows: ((number | null)[] | null)[] = [];
  for (let i = 0; i < 3000; i++) {
    if (i % 17 === 0) rows.push(null);
    else rows.push(Array.from({ length: i % 5 }, (_, k) => ((i + k) % 7 === 0 ? null : i * 10 + k)));
  }
  const ints = column(rows, listOf(int32));
  const strs = column(
    rows.map((r) => (r === null ? null : r.map((v) => (v === null ? null : `s${v}`)))),
    listOf(utf8),
  );
  const { leaves } = shredOwn(batchOf({ i: { data: ints }, s: { data: strs } }));
  const flat = rows.flatMap((r) => r ?? []).filter((v) => v !== null) as number[];
  t.ok(flat.length > 4096);
  t.same(valuesOf(leaves[0]!), flat);
  t.same(
    valuesOf(leaves[1]!),
    flat.map((v) => `s${v}`),
  );
  t.same(leaves[0]!.defLevels, leaves[1]!.defLevels);

  const words = Array.from({ length: 6000 }, (_, i) => (i % 11 === 0 ? null : `w${i % 37}`));
  const dict = column(words, new arrow.Dictionary(utf8, new arrow.Int32()));
  const dictLeaf = shredOwn(batchOf({ d: { data: dict } })).leaves[0]!;
  t.same(
    valuesOf(dictLeaf),
    words.filter((w) => w !== null),
  );
  const doubles = Array.from({ length: 6000 }, (_, i) => (i % 3 === 0 ? null : i / 4));
  const dictDoubles = column(doubles, new arrow.Dictionary(new arrow.Float64(), new arrow.Int32()));
  t.same(
    valuesOf(shredOwn(batchOf({ d: { data: dictDoubles } })).leaves[0]!),
    doubles.filter((v) => v !== null),
  );
});
