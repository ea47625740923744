// Invalid input is a ParquetError naming the column and the row: nulls in required fields (at any depth), decimals
// past their precision, values outside an explicit schema's types, missing columns.
import * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import { ParquetError } from '../../../../src/parquet/errors.js';
import { ConvertedType, FieldRepetitionType as R, Type } from '../../../../src/parquet/metadata/enums.js';
import type { SchemaElement } from '../../../../src/parquet/metadata/types.js';
import { schemaFromParquet } from '../../../../src/parquet/write/schema/from_parquet.js';
import { shredBatch } from '../../../../src/parquet/write/shred/shred.js';
import { batchOf, column, shredOwn, valuesOf } from './helpers.js';

const int32 = new arrow.Int32();
const utf8 = new arrow.Utf8();

function rejects(t: Test, fn: () => unknown, code: string, column: string, row?: number): void {
  try {
    fn();
    t.fail('expected a ParquetError');
  } catch (err) {
    t.type(err, ParquetError);
    const e = err as ParquetError;
    t.equal(e.code, code, e.message);
    t.equal(e.context.column, column, e.message);
    if (row !== undefined) t.equal(e.context.row, row, e.message);
    if (row !== undefined) t.match(e.message, `row ${row}`);
  }
}

t.test('a null in a non-nullable top-level field', async (t) => {
  const data = column([1, 2, null, 4], int32);
  rejects(t, () => shredOwn(batchOf({ c: { data, nullable: false } })), 'INVALID_VALUE', 'c', 2);
  rejects(t, () => shredOwn(batchOf({ c: { data, nullable: false } }), { firstRow: 100 }), 'INVALID_VALUE', 'c', 102);
});

t.test('a null in a required member of a present struct, but not under a null one', async (t) => {
  const type = new arrow.Struct([new arrow.Field('a', int32, true), new arrow.Field('b', utf8, false)]);
  const hidden = column([{ a: 1, b: 'x' }, null], type);
  t.doesNotThrow(() => shredOwn(batchOf({ s: { data: hidden } })));
  const shown = column(
    [
      { a: 1, b: 'x' },
      { a: 2, b: null },
    ],
    type,
  );
  rejects(t, () => shredOwn(batchOf({ s: { data: shown } })), 'INVALID_VALUE', 's.b', 1);
});

t.test('a null element in a list of required elements', async (t) => {
  const type = new arrow.List(new arrow.Field('item', int32, false));
  const data = column([[1], [], null, [2, 3, null]], type);
  rejects(t, () => shredOwn(batchOf({ l: { data } })), 'INVALID_VALUE', 'l.list.element', 3);
});

t.test('a null map key', async (t) => {
  const entries = new arrow.Struct([new arrow.Field('key', utf8, true), new arrow.Field('value', int32, true)]);
  const type = new arrow.Map_(new arrow.Field('entries', entries, false) as arrow.Field<arrow.Struct>);
  const data = column([new Map([['a', 1]]), new Map([[null, 2]])], type);
  rejects(t, () => shredOwn(batchOf({ m: { data } })), 'INVALID_VALUE', 'm.key_value.key', 1);
});

t.test('a decimal past its precision', async (t) => {
  const words = Uint32Array.of(999, 0, 0, 0, 1000, 0, 0, 0);
  const data = arrow.makeData({ type: new arrow.Decimal(1, 3, 128), length: 2, data: words }) as arrow.Data;
  rejects(t, () => shredOwn(batchOf({ d: { data } })), 'INVALID_VALUE', 'd', 1);
  const negative = Uint32Array.of(0, 0, 0, 0, -1000 >>> 0, 0xffffffff, 0xffffffff, 0xffffffff);
  const neg = arrow.makeData({ type: new arrow.Decimal(1, 3, 128), length: 2, data: negative }) as arrow.Data;
  rejects(t, () => shredOwn(batchOf({ d: { data: neg } })), 'INVALID_VALUE', 'd', 1);
  // inside a list: the row of the list, not the index of the value
  const list = arrow.makeData({
    type: new arrow.List(new arrow.Field('item', new arrow.Decimal(1, 3, 128), true)),
    length: 2,
    nullCount: 0,
    valueOffsets: Int32Array.of(0, 0, 2),
    child: data,
  } as never) as arrow.Data;
  rejects(t, () => shredOwn(batchOf({ l: { data: list } })), 'INVALID_VALUE', 'l.list.element', 1);
});

const explicit = (element: Omit<SchemaElement, 'name'>): SchemaElement[] => [
  { name: 'schema', numChildren: 1 },
  { name: 'c', repetitionType: R.OPTIONAL, ...element },
];

t.test('explicit schema: values converted and range-checked to the column type', async (t) => {
  const int64s = arrow.makeData({ type: new arrow.Int64(), length: 3, data: BigInt64Array.of(1n, -5n, 2n ** 40n) });
  const int32Column = schemaFromParquet(explicit({ type: Type.INT32 }));
  rejects(t, () => shredBatch(batchOf({ c: { data: int64s as arrow.Data } }), int32Column), 'INVALID_VALUE', 'c', 2);
  const fits = arrow.makeData({ type: new arrow.Int64(), length: 2, data: BigInt64Array.of(1n, -5n) });
  t.same(valuesOf(shredBatch(batchOf({ c: { data: fits as arrow.Data } }), int32Column)[0]!), [1, -5]);

  const uint8Column = schemaFromParquet(
    explicit({
      type: Type.INT32,
      convertedType: ConvertedType.UINT_8,
      logicalType: { type: 'INTEGER', bitWidth: 8, isSigned: false },
    }),
  );
  rejects(t, () => shredBatch(batchOf({ c: { data: column([3, -1], int32) } }), uint8Column), 'INVALID_VALUE', 'c', 1);
  rejects(t, () => shredBatch(batchOf({ c: { data: column([256], int32) } }), uint8Column), 'INVALID_VALUE', 'c', 0);

  const uint64s = arrow.makeData({ type: new arrow.Uint64(), length: 2, data: BigUint64Array.of(1n, 2n ** 63n) });
  const int64Column = schemaFromParquet(explicit({ type: Type.INT64 }));
  rejects(t, () => shredBatch(batchOf({ c: { data: uint64s as arrow.Data } }), int64Column), 'INVALID_VALUE', 'c', 1);

  // nanoseconds into a MILLIS column must be whole milliseconds
  const millis = schemaFromParquet(
    explicit({ type: Type.INT64, logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } }),
  );
  const ns = arrow.makeData({
    type: new arrow.TimestampNanosecond(),
    length: 2,
    data: BigInt64Array.of(2_000_000n, 1n),
  });
  rejects(t, () => shredBatch(batchOf({ c: { data: ns as arrow.Data } }), millis), 'INVALID_VALUE', 'c', 1);
  const us = arrow.makeData({ type: new arrow.TimestampMicrosecond(), length: 1, data: BigInt64Array.of(3000n) });
  t.same(valuesOf(shredBatch(batchOf({ c: { data: us as arrow.Data } }), millis)[0]!), [3n]);

  const fixed3 = schemaFromParquet(explicit({ type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: 3 }));
  rejects(
    t,
    () => shredBatch(batchOf({ c: { data: column(['abc', 'de'], new arrow.Binary()) } }), fixed3),
    'INVALID_VALUE',
    'c',
    1,
  );
});

t.test('explicit schema: a missing column or an Arrow type that cannot fit', async (t) => {
  const schema = schemaFromParquet(explicit({ type: Type.INT32 }));
  rejects(t, () => shredBatch(batchOf({ other: { data: column([1], int32) } }), schema), 'BAD_ARGUMENT', 'c');
  rejects(t, () => shredBatch(batchOf({ c: { data: column(['x'], utf8) } }), schema), 'BAD_ARGUMENT', 'c');
  const struct = schemaFromParquet([
    { name: 'schema', numChildren: 1 },
    { name: 's', repetitionType: R.OPTIONAL, numChildren: 1 },
    { name: 'x', repetitionType: R.OPTIONAL, type: Type.INT32 },
  ]);
  const wrongMember = column([{ y: 1 }], new arrow.Struct([new arrow.Field('y', int32, true)]));
  rejects(t, () => shredBatch(batchOf({ s: { data: wrongMember } }), struct), 'BAD_ARGUMENT', 's.x');
});

t.test(
  'explicit schema: an OPTIONAL column accepts a non-nullable Arrow field, a REQUIRED one refuses nulls',
  async (t) => {
    const required = schemaFromParquet([
      { name: 'schema', numChildren: 1 },
      { name: 'c', repetitionType: R.REQUIRED, type: Type.INT32 },
    ]);
    t.same(valuesOf(shredBatch(batchOf({ c: { data: column([1, 2], int32) } }), required)[0]!), [1, 2]);
    rejects(t, () => shredBatch(batchOf({ c: { data: column([1, null], int32) } }), required), 'INVALID_VALUE', 'c', 1);
    const optional = schemaFromParquet(explicit({ type: Type.INT32 }));
    const leaf = shredBatch(batchOf({ c: { data: column([1, 2], int32), nullable: false } }), optional)[0]!;
    t.same([...leaf.defLevels!], [1, 1]);
  },
);
