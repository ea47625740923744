// Every Arrow type's conversion to its column's physical form (schema from the Arrow schema).
import * as arrow from 'apache-arrow';
import t from 'tap';
import type { ArrowSchemaOptions } from '../../../../src/parquet/write/schema/from_arrow.js';
import { schemaFromArrow } from '../../../../src/parquet/write/schema/from_arrow.js';
import { shredBatch } from '../../../../src/parquet/write/shred/shred.js';
import { batchOf, column, valuesOf } from './helpers.js';

function physical(data: arrow.Data, options: ArrowSchemaOptions = {}, metadata?: Map<string, string>) {
  const batch = batchOf({ c: { data, ...(metadata ? { metadata } : {}) } });
  const leaf = shredBatch(batch, schemaFromArrow(batch.schema, options))[0]!;
  return { kind: leaf.values.kind, values: valuesOf(leaf) };
}

t.test('integers widen to INT32 or keep their 64-bit pattern', async (t) => {
  t.same(physical(column([-128, 127, null], new arrow.Int8())), { kind: 'int32', values: [-128, 127] });
  t.same(physical(column([255, 0], new arrow.Uint8())), { kind: 'int32', values: [255, 0] });
  t.same(physical(column([-32768, 65535 - 65536], new arrow.Int16())), { kind: 'int32', values: [-32768, -1] });
  t.same(physical(column([65535], new arrow.Uint16())), { kind: 'int32', values: [65535] });
  t.same(physical(column([4294967295, 1], new arrow.Uint32())), { kind: 'int32', values: [-1, 1] });
  t.same(physical(column([-(2n ** 63n), 5n], new arrow.Int64())), { kind: 'int64', values: [-(2n ** 63n), 5n] });
  t.same(physical(column([2n ** 64n - 1n, 2n ** 63n], new arrow.Uint64())), {
    kind: 'int64',
    values: [-1n, -(2n ** 63n)],
  });
});

t.test('booleans and floats', async (t) => {
  t.same(physical(column([true, null, false, true], new arrow.Bool())), { kind: 'boolean', values: [1, 0, 1] });
  t.same(physical(column([1.5, null, -0], new arrow.Float32())), { kind: 'float', values: [1.5, -0] });
  t.same(physical(column([Number.NaN, 2.25], new arrow.Float64())), { kind: 'double', values: [Number.NaN, 2.25] });
  // float16 1.0 = 0x3c00, -2.0 = 0xc000, little-endian
  const halves = arrow.makeData({ type: new arrow.Float16(), length: 2, data: Uint16Array.of(0x3c00, 0xc000) });
  t.same(physical(halves as arrow.Data), {
    kind: 'fixed_len_byte_array',
    values: [
      [0x00, 0x3c],
      [0x00, 0xc0],
    ],
  });
});

t.test('dates, times and timestamps in Parquet units', async (t) => {
  const days = arrow.makeData({ type: new arrow.DateDay(), length: 3, data: Int32Array.of(0, -1, 19000) });
  t.same(physical(days as arrow.Data), { kind: 'int32', values: [0, -1, 19000] });
  const date64 = arrow.makeData({
    type: new arrow.DateMillisecond(),
    length: 3,
    data: BigInt64Array.of(86_400_000n * 3n, -1n, -86_400_000n),
  });
  t.same(physical(date64 as arrow.Data), { kind: 'int32', values: [3, -1, -1] });
  const timeS = arrow.makeData({ type: new arrow.TimeSecond(), length: 2, data: Int32Array.of(1, 86399) });
  t.same(physical(timeS as arrow.Data), { kind: 'int32', values: [1000, 86399000] });
  const timeUs = arrow.makeData({ type: new arrow.TimeMicrosecond(), length: 1, data: BigInt64Array.of(5n) });
  t.same(physical(timeUs as arrow.Data), { kind: 'int64', values: [5n] });
  const tsS = arrow.makeData({ type: new arrow.TimestampSecond('UTC'), length: 2, data: BigInt64Array.of(1n, -2n) });
  t.same(physical(tsS as arrow.Data), { kind: 'int64', values: [1000n, -2000n] });
  const tsNs = arrow.makeData({ type: new arrow.TimestampNanosecond(), length: 1, data: BigInt64Array.of(7n) });
  t.same(physical(tsNs as arrow.Data), { kind: 'int64', values: [7n] });
  const duration = arrow.makeData({ type: new arrow.DurationMillisecond(), length: 1, data: BigInt64Array.of(-9n) });
  t.same(physical(duration as arrow.Data), { kind: 'int64', values: [-9n] });
});

t.test('INT96 timestamps: nanoseconds of the day, then the Julian day', async (t) => {
  const ts = arrow.makeData({
    type: new arrow.TimestampMicrosecond(),
    length: 2,
    data: BigInt64Array.of(1_000_000n, -1n),
  });
  const { kind, values } = physical(ts as arrow.Data, { int96Timestamps: true });
  t.equal(kind, 'int96');
  const decode = (bytes: number[]) => {
    const view = new DataView(Uint8Array.from(bytes).buffer);
    return [view.getBigInt64(0, true), view.getInt32(8, true)];
  };
  t.same(decode(values[0] as number[]), [1_000_000_000n, 2440588]);
  t.same(decode(values[1] as number[]), [86_400_000_000_000n - 1000n, 2440587]);
});

function decimals(values: bigint[], precision: number, scale: number): arrow.Data {
  const words = new Uint32Array(values.length * 4);
  values.forEach((v, i) => {
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number(BigInt.asUintN(32, v >> BigInt(32 * w)));
  });
  return arrow.makeData({
    type: new arrow.Decimal(scale, precision, 128),
    length: values.length,
    data: words,
  }) as arrow.Data;
}

t.test('decimals: big-endian two-s complement of the minimal width, or integers on request', async (t) => {
  t.same(physical(decimals([256n, -1n, 99999n, -99999n], 5, 2)), {
    kind: 'fixed_len_byte_array',
    values: [
      [0, 1, 0],
      [0xff, 0xff, 0xff],
      [0x01, 0x86, 0x9f],
      [0xfe, 0x79, 0x61],
    ],
  });
  t.same(physical(decimals([-5n, 999999999n], 9, 0), { decimalAsInteger: true }), {
    kind: 'int32',
    values: [-5, 999999999],
  });
  const big = 10n ** 18n - 1n;
  t.same(physical(decimals([big, -big, 3n], 18, 4), { decimalAsInteger: true }), {
    kind: 'int64',
    values: [big, -big, 3n],
  });
  const wide = 10n ** 38n - 1n;
  const { values } = physical(decimals([wide, -wide], 38, 0));
  t.equal((values[0] as number[]).length, 16);
  const asBigInt = (bytes: number[]) => BigInt.asIntN(128, BigInt(`0x${Buffer.from(bytes).toString('hex')}`));
  t.equal(asBigInt(values[0] as number[]), wide);
  t.equal(asBigInt(values[1] as number[]), -wide);
});

t.test('byte arrays: strings, binaries, large and dictionary-encoded ones, fixed-size and uuid', async (t) => {
  t.same(physical(column(['ab', null, '', 'héllo'], new arrow.Utf8())), {
    kind: 'byte_array',
    values: ['ab', '', 'héllo'],
  });
  t.same(physical(column(['x', 'yz'], new arrow.LargeUtf8())), { kind: 'byte_array', values: ['x', 'yz'] });
  const dict = column(['a', 'b', null, 'a', 'c'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
  t.same(physical(dict), { kind: 'byte_array', values: ['a', 'b', 'a', 'c'] });
  const fixed = arrow.makeData({ type: new arrow.FixedSizeBinary(2), length: 2, data: Uint8Array.of(1, 2, 3, 4) });
  t.same(physical(fixed as arrow.Data), {
    kind: 'fixed_len_byte_array',
    values: [
      [1, 2],
      [3, 4],
    ],
  });
  const uuid = arrow.makeData({ type: new arrow.FixedSizeBinary(16), length: 1, data: new Uint8Array(16).fill(7) });
  const meta = new Map([['ARROW:extension:name', 'arrow.uuid']]);
  t.same(physical(uuid as arrow.Data, {}, meta), { kind: 'fixed_len_byte_array', values: [new Array(16).fill(7)] });
});

t.test('a sliced string column shares its bytes with absolute offsets', async (t) => {
  const data = arrow.vectorFromArray(['aa', 'bb', 'cc'], new arrow.Utf8()).slice(1).data[0]! as arrow.Data;
  const batch = batchOf({ c: { data, nullable: false } });
  const leaf = shredBatch(batch, schemaFromArrow(batch.schema))[0]!;
  if (leaf.values.kind !== 'byte_array') throw new Error('not bytes');
  t.equal(leaf.values.offsets[0], 2);
  t.same(valuesOf(leaf), ['bb', 'cc']);
});
