// Explicit Parquet schemas: the write tree follows the reader's recognition of lists and maps, including the
// backward-compatible forms of LogicalTypes.md, and shreds Arrow data to the file's levels.
import * as arrow from 'apache-arrow';
import t from 'tap';
import { ConvertedType, FieldRepetitionType as R, Type } from '../../../../src/parquet/metadata/enums.js';
import type { SchemaElement } from '../../../../src/parquet/metadata/types.js';
import { schemaFromArrow } from '../../../../src/parquet/write/schema/from_arrow.js';
import { schemaFromParquet } from '../../../../src/parquet/write/schema/from_parquet.js';
import type { WriteNode } from '../../../../src/parquet/write/schema/write_schema.js';
import { shredBatch } from '../../../../src/parquet/write/shred/shred.js';
import { batchOf, column, levelsOf, valuesOf } from '../shred/helpers.js';

/** A compact picture of a write tree: kind, optional, def, rep. */
function shape(node: WriteNode): unknown {
  const base = [node.kind, node.name, node.optional, node.def, node.rep];
  switch (node.kind) {
    case 'leaf':
      return base;
    case 'struct':
      return [...base, node.children.map(shape)];
    case 'list':
      return [...base, node.elementPath, shape(node.element)];
    case 'map':
      return [...base, shape(node.key), shape(node.value)];
  }
}

t.test('a schema written from Arrow reads back as the same write tree', async (t) => {
  const utf8 = new arrow.Utf8();
  const schema = new arrow.Schema([
    new arrow.Field('l', new arrow.List(new arrow.Field('item', new arrow.Int32(), true)), true),
    new arrow.Field('s', new arrow.Struct([new arrow.Field('a', utf8, false)]), true),
    new arrow.Field(
      'm',
      new arrow.Map_(
        new arrow.Field(
          'entries',
          new arrow.Struct([new arrow.Field('key', utf8, false), new arrow.Field('value', utf8, true)]),
          false,
        ) as arrow.Field<arrow.Struct>,
      ),
      false,
    ),
  ]);
  const fromArrow = schemaFromArrow(schema);
  const fromParquet = schemaFromParquet(fromArrow.elements);
  t.same(fromParquet.fields.map(shape), fromArrow.fields.map(shape));
  t.same(fromParquet.leaves, fromArrow.leaves);
});

t.test('legacy lists: a bare repeated field, two-level lists, and a key-only map', async (t) => {
  const elements: SchemaElement[] = [
    { name: 'schema', numChildren: 3 },
    { name: 'bare', type: Type.INT32, repetitionType: R.REPEATED },
    { name: 'two', repetitionType: R.OPTIONAL, convertedType: ConvertedType.LIST, numChildren: 1 },
    { name: 'array', type: Type.INT32, repetitionType: R.REPEATED },
    { name: 'keys', repetitionType: R.OPTIONAL, convertedType: ConvertedType.MAP, numChildren: 1 },
    { name: 'map', repetitionType: R.REPEATED, numChildren: 1 },
    { name: 'key', type: Type.INT32, repetitionType: R.REQUIRED },
  ];
  const schema = schemaFromParquet(elements);
  t.same(schema.fields.map(shape), [
    ['list', 'bare', false, 0, 0, [], ['leaf', 'bare', false, 1, 1]],
    ['list', 'two', true, 1, 0, ['array'], ['leaf', 'array', false, 2, 1]],
    ['list', 'keys', true, 1, 0, ['map', 'key'], ['leaf', 'key', false, 2, 1]],
  ]);
  const list = new arrow.List(new arrow.Field('item', new arrow.Int32(), false));
  const batch = batchOf({
    bare: { data: column([[1, 2], []], list), nullable: false },
    two: { data: column([null, [3]], list) },
    keys: { data: column([[4], []], list) },
  });
  const [bare, two, keys] = shredBatch(batch, schema);
  t.same(levelsOf(bare!), { def: [1, 1, 0], rep: [0, 1, 0] });
  t.same(valuesOf(bare!), [1, 2]);
  t.same(levelsOf(two!), { def: [0, 2], rep: [0, 0] });
  t.same(valuesOf(two!), [3]);
  t.same(levelsOf(keys!), { def: [2, 1], rep: [0, 0] });
});

t.test('an invalid tree is BAD_SCHEMA', async (t) => {
  t.throws(() => schemaFromParquet([]), { code: 'BAD_SCHEMA' });
  t.throws(
    () =>
      schemaFromParquet([
        { name: 'schema', numChildren: 1 },
        { name: 'g', repetitionType: R.OPTIONAL, numChildren: 0 },
      ]),
    { code: 'BAD_SCHEMA' },
  );
  t.throws(
    () =>
      schemaFromParquet([
        { name: 'schema', numChildren: 1 },
        { name: 'l', repetitionType: R.OPTIONAL, convertedType: ConvertedType.LIST, numChildren: 1 },
        { name: 'x', type: Type.INT32, repetitionType: R.OPTIONAL },
      ]),
    { code: 'BAD_SCHEMA' },
  );
});
