import * as arrow from 'apache-arrow';
import t from 'tap';
import { arrowColumnType } from '../../../../src/parquet/arrow_types.js';
import { ParquetError } from '../../../../src/parquet/errors.js';
import { ConvertedType, FieldRepetitionType as R, Type } from '../../../../src/parquet/metadata/enums.js';
import { nestedField } from '../../../../src/parquet/read/nested/nested_field.js';
import { ParquetSchema } from '../../../../src/parquet/schema.js';
import { type ArrowSchemaOptions, schemaFromArrow } from '../../../../src/parquet/write/schema/from_arrow.js';
import { decimalByteWidth } from '../../../../src/parquet/write/schema/logical_types.js';

/** The Arrow type our reader gives for the single field of a schema written from `field`. */
function readBack(field: arrow.Field, options: ArrowSchemaOptions = {}): arrow.Field {
  const written = schemaFromArrow(new arrow.Schema([field]), options);
  const schema = new ParquetSchema(written.elements);
  const node = schema.root.children[0]!;
  if (node.columnIndex !== undefined) {
    const { type, metadata } = arrowColumnType(schema.columns[0]!);
    return new arrow.Field(node.name, type, node.repetition === 'OPTIONAL', metadata);
  }
  return nestedField(node, schema).field;
}

const utf8 = new arrow.Utf8();
const mapOf = (entries: arrow.Field): arrow.Map_ => new arrow.Map_(entries as arrow.Field<arrow.Struct>);
const same: [string, arrow.DataType][] = [
  ['bool', new arrow.Bool()],
  ['int8', new arrow.Int8()],
  ['int16', new arrow.Int16()],
  ['int32', new arrow.Int32()],
  ['int64', new arrow.Int64()],
  ['uint8', new arrow.Uint8()],
  ['uint16', new arrow.Uint16()],
  ['uint32', new arrow.Uint32()],
  ['uint64', new arrow.Uint64()],
  ['float16', new arrow.Float16()],
  ['float32', new arrow.Float32()],
  ['float64', new arrow.Float64()],
  ['utf8', utf8],
  ['binary', new arrow.Binary()],
  ['fixed', new arrow.FixedSizeBinary(5)],
  ['date32', new arrow.DateDay()],
  ['time ms', new arrow.TimeMillisecond()],
  ['time us', new arrow.TimeMicrosecond()],
  ['time ns', new arrow.TimeNanosecond()],
  ['timestamp ms', new arrow.TimestampMillisecond()],
  ['timestamp us utc', new arrow.TimestampMicrosecond('UTC')],
  ['timestamp ns', new arrow.TimestampNanosecond()],
  ['decimal(5,2)', new arrow.Decimal(2, 5, 128)],
  ['decimal(38,10)', new arrow.Decimal(10, 38, 128)],
  ['decimal(50,3)', new arrow.Decimal(3, 50, 256)],
  ['struct', new arrow.Struct([new arrow.Field('a', utf8, true), new arrow.Field('b', new arrow.Int32(), false)])],
  ['list', new arrow.List(new arrow.Field('element', new arrow.Int64(), true))],
  ['list of required', new arrow.List(new arrow.Field('element', utf8, false))],
  [
    'list of list of struct',
    new arrow.List(
      new arrow.Field(
        'element',
        new arrow.List(new arrow.Field('element', new arrow.Struct([new arrow.Field('x', utf8, true)]), true)),
        true,
      ),
    ),
  ],
  [
    'map',
    mapOf(
      new arrow.Field(
        'entries',
        new arrow.Struct([new arrow.Field('key', utf8, false), new arrow.Field('value', new arrow.Int32(), true)]),
        false,
      ),
    ),
  ],
];

t.test('every Arrow type the reader can express reads back as itself', async (t) => {
  for (const [name, type] of same) {
    for (const nullable of [true, false]) {
      const back = readBack(new arrow.Field('c', type, nullable));
      t.equal(String(back.type), String(type), `${name} type`);
      t.equal(back.nullable, nullable, `${name} nullable ${nullable}`);
    }
  }
});

t.test('types written in another form read back as their pyarrow equivalents', async (t) => {
  const cases: [arrow.DataType, string, ArrowSchemaOptions?][] = [
    [new arrow.DateMillisecond(), String(new arrow.DateDay())],
    [new arrow.TimeSecond(), String(new arrow.TimeMillisecond())],
    [new arrow.TimestampSecond(), String(new arrow.TimestampMillisecond())],
    [new arrow.TimestampSecond('Europe/Paris'), String(new arrow.TimestampMillisecond('UTC'))],
    [new arrow.LargeUtf8(), String(utf8)],
    [new arrow.LargeBinary(), String(new arrow.Binary())],
    [new arrow.DurationMicrosecond(), String(new arrow.Int64())],
    [new arrow.Null(), String(new arrow.Int32())],
    [new arrow.Dictionary(utf8, new arrow.Int32()), String(utf8)],
    [
      new arrow.LargeList(new arrow.Field('element', utf8, true)),
      String(new arrow.List(new arrow.Field('element', utf8))),
    ],
    [
      new arrow.FixedSizeList(3, new arrow.Field('element', utf8, true)),
      String(new arrow.List(new arrow.Field('element', utf8))),
    ],
    // INT96 reads back in microseconds (Spark's and DuckDB's default; pyarrow's is nanoseconds).
    [new arrow.TimestampNanosecond(), String(new arrow.TimestampMicrosecond()), { int96Timestamps: true }],
    [new arrow.Decimal(2, 9, 128), String(new arrow.Decimal(2, 9, 128)), { decimalAsInteger: true }],
    [new arrow.Decimal(2, 18, 128), String(new arrow.Decimal(2, 18, 128)), { decimalAsInteger: true }],
  ];
  for (const [type, expected, options] of cases) {
    t.equal(String(readBack(new arrow.Field('c', type, true), options).type), expected, String(type));
  }
});

t.test('leaf elements carry logical and converted types as parquet-mr writes them', async (t) => {
  const leaf = (type: arrow.DataType, options?: ArrowSchemaOptions, metadata?: Map<string, string>) =>
    schemaFromArrow(new arrow.Schema([new arrow.Field('c', type, true, metadata)]), options).elements[1]!;
  t.match(leaf(utf8), { type: Type.BYTE_ARRAY, logicalType: { type: 'STRING' }, convertedType: ConvertedType.UTF8 });
  t.match(leaf(new arrow.Uint32()), {
    type: Type.INT32,
    logicalType: { type: 'INTEGER', bitWidth: 32, isSigned: false },
    convertedType: ConvertedType.UINT_32,
  });
  t.match(leaf(new arrow.Uint64()), { type: Type.INT64, convertedType: ConvertedType.UINT_64 });
  t.same(leaf(new arrow.Int32()), { name: 'c', repetitionType: R.OPTIONAL, type: Type.INT32 });
  t.match(leaf(new arrow.TimestampMillisecond('UTC')), {
    logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
    convertedType: ConvertedType.TIMESTAMP_MILLIS,
  });
  const local = leaf(new arrow.TimestampNanosecond());
  t.same(local.logicalType, { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'NANOS' });
  t.equal(local.convertedType, undefined);
  t.match(leaf(new arrow.TimestampMicrosecond(), { int96Timestamps: true }), { type: Type.INT96 });
  t.equal(leaf(new arrow.TimestampMicrosecond(), { int96Timestamps: true }).logicalType, undefined);
  t.match(leaf(new arrow.Decimal(2, 5, 128)), {
    type: Type.FIXED_LEN_BYTE_ARRAY,
    typeLength: 3,
    convertedType: ConvertedType.DECIMAL,
    scale: 2,
    precision: 5,
  });
  t.match(leaf(new arrow.Decimal(2, 5, 128), { decimalAsInteger: true }), { type: Type.INT32, precision: 5 });
  t.match(leaf(new arrow.Decimal(2, 12, 128), { decimalAsInteger: true }), { type: Type.INT64, precision: 12 });
  t.match(leaf(new arrow.Decimal(2, 19, 128), { decimalAsInteger: true }), { type: Type.FIXED_LEN_BYTE_ARRAY });
  t.match(leaf(new arrow.Float16()), {
    type: Type.FIXED_LEN_BYTE_ARRAY,
    typeLength: 2,
    logicalType: { type: 'FLOAT16' },
  });
  t.match(leaf(new arrow.Null()), { type: Type.INT32, logicalType: { type: 'UNKNOWN' }, repetitionType: R.OPTIONAL });
  t.match(leaf(new arrow.DateMillisecond()), { type: Type.INT32, convertedType: ConvertedType.DATE });
  t.match(leaf(new arrow.TimeSecond()), { type: Type.INT32, convertedType: ConvertedType.TIME_MILLIS });
  t.match(leaf(new arrow.TimeNanosecond()), { type: Type.INT64, logicalType: { type: 'TIME', unit: 'NANOS' } });
  const uuid = new Map([['ARROW:extension:name', 'arrow.uuid']]);
  t.match(leaf(new arrow.FixedSizeBinary(16), {}, uuid), { typeLength: 16, logicalType: { type: 'UUID' } });
  const json = new Map([['parquet.logical_type', 'JSON']]);
  t.match(leaf(utf8, {}, json), { logicalType: { type: 'JSON' }, convertedType: ConvertedType.JSON });
});

t.test('uuid, JSON and field metadata survive the round trip', async (t) => {
  const uuid = readBack(
    new arrow.Field('u', new arrow.FixedSizeBinary(16), true, new Map([['ARROW:extension:name', 'arrow.uuid']])),
  );
  t.equal(uuid.metadata.get('ARROW:extension:name'), 'arrow.uuid');
  const json = readBack(new arrow.Field('j', utf8, true, new Map([['parquet.logical_type', 'JSON']])));
  t.equal(json.metadata.get('parquet.logical_type'), 'JSON');
});

t.test('nested groups follow the three-level LIST and MAP layouts', async (t) => {
  const type = mapOf(
    new arrow.Field(
      'entries',
      new arrow.Struct([
        new arrow.Field('k', utf8, true),
        new arrow.Field('v', new arrow.List(new arrow.Field('item', new arrow.Int32(), true)), true),
      ]),
      false,
    ),
  );
  const written = schemaFromArrow(new arrow.Schema([new arrow.Field('m', type, true)]));
  t.same(
    written.elements.map((e) => [e.name, e.repetitionType, e.numChildren, e.convertedType, e.logicalType?.type]),
    [
      ['schema', undefined, 1, undefined, undefined],
      ['m', R.OPTIONAL, 1, ConvertedType.MAP, 'MAP'],
      ['key_value', R.REPEATED, 2, undefined, undefined],
      ['key', R.REQUIRED, undefined, ConvertedType.UTF8, 'STRING'],
      ['value', R.OPTIONAL, 1, ConvertedType.LIST, 'LIST'],
      ['list', R.REPEATED, 1, undefined, undefined],
      ['element', R.OPTIONAL, undefined, undefined, undefined],
    ],
  );
  t.same(
    written.leaves.map((l) => [l.name, l.maxDef, l.maxRep, l.columnIndex]),
    [
      ['m.key_value.key', 2, 1, 0],
      ['m.key_value.value.list.element', 5, 2, 1],
    ],
  );
  const reader = new ParquetSchema(written.elements);
  t.same(
    reader.columns.map((c) => [c.name, c.maxDefinitionLevel, c.maxRepetitionLevel]),
    written.leaves.map((l) => [l.name, l.maxDef, l.maxRep]),
  );
});

t.test('field ids come from PARQUET:field_id metadata or the fieldIds option', async (t) => {
  const id = (n: number) => new Map([['PARQUET:field_id', String(n)]]);
  const schema = new arrow.Schema([
    new arrow.Field('a', new arrow.Int32(), true, id(1)),
    new arrow.Field('b', new arrow.List(new arrow.Field('item', utf8, true, id(3))), true, id(2)),
    new arrow.Field('c', utf8, true, id(-1)),
  ]);
  const written = schemaFromArrow(schema, { fieldIds: { c: 7 } });
  t.same(
    written.elements.map((e) => [e.name, e.fieldId]),
    [
      ['schema', undefined],
      ['a', 1],
      ['b', 2],
      ['list', undefined],
      ['element', 3],
      ['c', 7],
    ],
  );
  t.throws(
    () => schemaFromArrow(new arrow.Schema([new arrow.Field('x', utf8, true, new Map([['PARQUET:field_id', 'x']]))])),
    ParquetError,
  );
});

t.test('types without a Parquet form are refused', async (t) => {
  for (const type of [new arrow.Struct([]), new arrow.IntervalDayTime(), new arrow.DenseUnion([0], [])]) {
    t.throws(() => schemaFromArrow(new arrow.Schema([new arrow.Field('x', type, true)])), { code: 'UNSUPPORTED' });
  }
});

t.test('decimal widths are the smallest that hold the precision', async (t) => {
  t.same([1, 2, 3, 4, 5, 9, 10, 18, 19, 38, 76].map(decimalByteWidth), [1, 1, 2, 2, 3, 4, 5, 8, 9, 16, 32]);
});
