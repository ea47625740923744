// The Dremel paper's Document example (section 2, figure 2-3): shredding the two sample records must give
// exactly the column stripes the paper lists, levels and values.
import * as arrow from 'apache-arrow';
import t from 'tap';
import { FieldRepetitionType as R, Type } from '../../../../src/parquet/metadata/enums.js';
import type { SchemaElement } from '../../../../src/parquet/metadata/types.js';
import type { LeafData } from '../../../../src/parquet/write/leaf_data.js';
import { schemaFromParquet } from '../../../../src/parquet/write/schema/from_parquet.js';
import { shredBatch } from '../../../../src/parquet/write/shred/shred.js';

const UTF8 = 0;
// message Document { required int64 DocId; optional group Links { repeated int64 Backward; repeated int64 Forward; }
//   repeated group Name { repeated group Language { required string Code; optional string Country; }
//   optional string Url; } }
const elements: SchemaElement[] = [
  { name: 'Document', numChildren: 3 },
  { name: 'DocId', type: Type.INT64, repetitionType: R.REQUIRED },
  { name: 'Links', repetitionType: R.OPTIONAL, numChildren: 2 },
  { name: 'Backward', type: Type.INT64, repetitionType: R.REPEATED },
  { name: 'Forward', type: Type.INT64, repetitionType: R.REPEATED },
  { name: 'Name', repetitionType: R.REPEATED, numChildren: 2 },
  { name: 'Language', repetitionType: R.REPEATED, numChildren: 2 },
  { name: 'Code', type: Type.BYTE_ARRAY, repetitionType: R.REQUIRED, convertedType: UTF8 },
  { name: 'Country', type: Type.BYTE_ARRAY, repetitionType: R.OPTIONAL, convertedType: UTF8 },
  { name: 'Url', type: Type.BYTE_ARRAY, repetitionType: R.OPTIONAL, convertedType: UTF8 },
];

const int64List = new arrow.List(new arrow.Field('item', new arrow.Int64(), false));
const linksType = new arrow.Struct([
  new arrow.Field('Backward', int64List, false),
  new arrow.Field('Forward', int64List, false),
]);
const languageType = new arrow.Struct([
  new arrow.Field('Code', new arrow.Utf8(), false),
  new arrow.Field('Country', new arrow.Utf8(), true),
]);
const nameType = new arrow.List(
  new arrow.Field(
    'item',
    new arrow.Struct([
      new arrow.Field('Language', new arrow.List(new arrow.Field('item', languageType, false)), false),
      new arrow.Field('Url', new arrow.Utf8(), true),
    ]),
    false,
  ),
);

function documentBatch(): arrow.RecordBatch {
  const docId = arrow.vectorFromArray([10n, 20n], new arrow.Int64());
  const links = arrow.vectorFromArray(
    [
      { Backward: [], Forward: [20n, 40n, 60n] },
      { Backward: [10n, 30n], Forward: [80n] },
    ],
    linksType,
  );
  const name = arrow.vectorFromArray(
    [
      [
        {
          Language: [
            { Code: 'en-us', Country: 'us' },
            { Code: 'en', Country: null },
          ],
          Url: 'http://A',
        },
        { Language: [], Url: 'http://B' },
        { Language: [{ Code: 'en-gb', Country: 'gb' }], Url: null },
      ],
      [{ Language: [], Url: 'http://C' }],
    ],
    nameType,
  );
  const schema = new arrow.Schema([
    new arrow.Field('DocId', docId.type, false),
    new arrow.Field('Links', links.type, true),
    new arrow.Field('Name', name.type, false),
  ]);
  return new arrow.RecordBatch(
    schema,
    arrow.makeData({
      type: new arrow.Struct(schema.fields),
      length: 2,
      nullCount: 0,
      children: [docId.data[0]!, links.data[0]!, name.data[0]!],
    }),
  );
}

function strings(leaf: LeafData): string[] {
  if (leaf.values.kind !== 'byte_array') throw new Error(leaf.values.kind);
  const { offsets, data } = leaf.values;
  const out: string[] = [];
  for (let i = 0; i + 1 < offsets.length; i++)
    out.push(Buffer.from(data.subarray(offsets[i]!, offsets[i + 1]!)).toString());
  return out;
}

function int64s(leaf: LeafData): bigint[] {
  if (leaf.values.kind !== 'int64') throw new Error(leaf.values.kind);
  return [...leaf.values.data];
}

t.test('Document example: column stripes of the Dremel paper', async (t) => {
  const schema = schemaFromParquet(elements);
  t.same(
    schema.leaves.map((l) => [l.name, l.maxRep, l.maxDef]),
    [
      ['DocId', 0, 0],
      ['Links.Backward', 1, 2],
      ['Links.Forward', 1, 2],
      ['Name.Language.Code', 2, 2],
      ['Name.Language.Country', 2, 3],
      ['Name.Url', 1, 2],
    ],
  );
  const [docId, backward, forward, code, country, url] = shredBatch(documentBatch(), schema);
  t.same(int64s(docId!), [10n, 20n]);
  t.equal(docId!.defLevels, undefined);
  t.equal(docId!.repLevels, undefined);

  t.same(int64s(backward!), [10n, 30n]);
  t.same([...backward!.repLevels!], [0, 0, 1]);
  t.same([...backward!.defLevels!], [1, 2, 2]);

  t.same(int64s(forward!), [20n, 40n, 60n, 80n]);
  t.same([...forward!.repLevels!], [0, 1, 1, 0]);
  t.same([...forward!.defLevels!], [2, 2, 2, 2]);

  t.same(strings(code!), ['en-us', 'en', 'en-gb']);
  t.same([...code!.repLevels!], [0, 2, 1, 1, 0]);
  t.same([...code!.defLevels!], [2, 2, 1, 2, 1]);

  t.same(strings(country!), ['us', 'gb']);
  t.same([...country!.repLevels!], [0, 2, 1, 1, 0]);
  t.same([...country!.defLevels!], [3, 2, 1, 3, 1]);

  t.same(strings(url!), ['http://A', 'http://B', 'http://C']);
  t.same([...url!.repLevels!], [0, 1, 1, 0]);
  t.same([...url!.defLevels!], [2, 2, 1, 2]);
  for (const leaf of [docId, backward, forward, code, country, url]) t.equal(leaf!.numRows, 2);
});
