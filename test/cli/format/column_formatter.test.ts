import {
  Binary,
  Bool,
  type Data,
  type DataType,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeUtf8,
  List,
  Map_,
  makeData,
  Null,
  Struct,
  TimeMicrosecond,
  TimeMillisecond,
  TimeNanosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import t from 'tap';
import { columnFormatter } from '../../../src/cli/format/column_formatter.js';

/** Validity bitmap (LSB first) with bit i set when valid[i]. */
function bitmap(valid: boolean[]): Uint8Array {
  const bits = new Uint8Array(Math.ceil(valid.length / 8) || 1);
  valid.forEach((v, i) => {
    if (v) bits[i >> 3]! |= 1 << (i & 7);
  });
  return bits;
}

/** JSON and text of every row of `data` through a formatter for a field of its type. */
function formatAll(data: Data, metadata = new Map<string, string>()): { json: string[]; text: (string | null)[] } {
  const formatter = columnFormatter(new Field('x', data.type, true, metadata));
  const json: string[] = [];
  const text: (string | null)[] = [];
  for (let i = 0; i < data.length; i++) {
    json.push(formatter.json(data, i));
    text.push(formatter.text(data, i));
  }
  return { json, text };
}

function fixed<T extends DataType>(type: T, values: ArrayLike<number | bigint>, valid?: boolean[]): Data<T> {
  return makeData({
    type,
    length: valid?.length ?? values.length,
    data: values,
    nullBitmap: valid ? bitmap(valid) : undefined,
  } as never) as Data<T>;
}

function utf8Offsets(strings: string[]): { offsets: Int32Array; bytes: Uint8Array } {
  const encoded = strings.map((s) => Buffer.from(s, 'utf8'));
  const offsets = new Int32Array(strings.length + 1);
  encoded.forEach((b, i) => {
    offsets[i + 1] = offsets[i]! + b.length;
  });
  return { offsets, bytes: Uint8Array.from(Buffer.concat(encoded)) };
}

t.test('booleans, with nulls and a sliced chunk', async (t) => {
  const data = makeData({
    type: new Bool(),
    length: 4,
    data: bitmap([true, false, true, true]),
    nullBitmap: bitmap([true, true, false, true]),
  });
  t.same(formatAll(data).json, ['true', 'false', 'null', 'true']);
  t.same(formatAll(data).text, ['true', 'false', null, 'true']);
  t.same(formatAll(data.slice(1, 3)).json, ['false', 'null', 'true']);
});

t.test('integers of every width print exactly', async (t) => {
  t.same(formatAll(fixed(new Int8(), new Int8Array([-128, 127, 0]))).json, ['-128', '127', '0']);
  t.same(formatAll(fixed(new Int16(), new Int16Array([-32768, 32767]))).json, ['-32768', '32767']);
  t.same(formatAll(fixed(new Int32(), new Int32Array([-2147483648, 2147483647, 0]), [true, true, false])).json, [
    '-2147483648',
    '2147483647',
    'null',
  ]);
  t.same(formatAll(fixed(new Int64(), new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 0n]))).json, [
    '-9223372036854775808',
    '9223372036854775807',
    '0',
  ]);
  t.same(formatAll(fixed(new Uint8(), new Uint8Array([255]))).json, ['255']);
  t.same(formatAll(fixed(new Uint16(), new Uint16Array([65535]))).json, ['65535']);
  t.same(formatAll(fixed(new Uint32(), new Uint32Array([4294967295]))).json, ['4294967295']);
  t.same(formatAll(fixed(new Uint64(), new BigUint64Array([2n ** 64n - 1n, 0n]))).json, ['18446744073709551615', '0']);
  t.same(formatAll(fixed(new Int64(), new BigInt64Array([5n, 6n, 7n])).slice(1, 1)).json, ['6']);
});

t.test('floats: shortest form of their width, non-finite as strings, -0', async (t) => {
  const doubles = fixed(
    new Float64(),
    new Float64Array([0.1, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, 0]),
    [true, true, true, true, true, true, false],
  );
  t.same(formatAll(doubles).json, ['0.1', '-0', '"NaN"', '"Infinity"', '"-Infinity"', '1e+300', 'null']);
  t.same(formatAll(doubles).text, ['0.1', '-0', 'NaN', 'Infinity', '-Infinity', '1e+300', null]);
  t.same(formatAll(fixed(new Float32(), new Float32Array([0.1, 1.5, Number.NaN]))).json, ['0.1', '1.5', '"NaN"']);
  // binary16: 1, -2, 0.1 (nearest), +inf, NaN, -0
  t.same(formatAll(fixed(new Float16(), new Uint16Array([0x3c00, 0xc000, 0x2e66, 0x7c00, 0x7e00, 0x8000]))).json, [
    '1',
    '-2',
    '0.1',
    '"Infinity"',
    '"NaN"',
    '-0',
  ]);
});

t.test('decimal128 and decimal256: exact strings with the scale digits', async (t) => {
  const words = (values: bigint[], wordCount: number): Uint32Array => {
    const out = new Uint32Array(values.length * wordCount);
    values.forEach((v, i) => {
      let u = BigInt.asUintN(wordCount * 32, v);
      for (let k = 0; k < wordCount; k++) {
        out[i * wordCount + k] = Number(u & 0xffffffffn);
        u >>= 32n;
      }
    });
    return out;
  };
  const d128 = makeData({
    type: new Decimal(3, 10, 128),
    length: 6,
    data: words([-12340n, 5n, -50n, 0n, 10n ** 38n - 1n, 1n], 4),
    nullBitmap: bitmap([true, true, true, true, true, false]),
  });
  t.same(formatAll(d128).json, ['"-12.340"', '"0.005"', '"-0.050"', '"0.000"', `"${'9'.repeat(35)}.999"`, 'null']);
  t.same(formatAll(d128).text, ['-12.340', '0.005', '-0.050', '0.000', `${'9'.repeat(35)}.999`, null]);
  const scale2 = makeData({ type: new Decimal(2, 5, 128), length: 1, data: words([-5n], 4) });
  t.same(formatAll(scale2).json, ['"-0.05"']);
  const scale0 = makeData({ type: new Decimal(0, 5, 128), length: 2, data: words([12n, -7n], 4) });
  t.same(formatAll(scale0).json, ['"12"', '"-7"']);
  const big = -(10n ** 75n) + 1n;
  const d256 = makeData({ type: new Decimal(10, 76, 256), length: 2, data: words([big, 2n ** 200n], 8) });
  t.same(formatAll(d256).json, [
    `"-${'9'.repeat(65)}.${'9'.repeat(10)}"`,
    `"${(2n ** 200n).toString().slice(0, -10)}.${(2n ** 200n).toString().slice(-10)}"`,
  ]);
  t.same(formatAll(d128.slice(1, 1)).json, ['"0.005"']);
});

t.test('dates, times and timestamps', async (t) => {
  t.same(
    formatAll(fixed(new DateDay(), new Int32Array([0, -1, 11016, -719529, 0]), [true, true, true, true, false])).json,
    ['"1970-01-01"', '"1969-12-31"', '"2000-02-29"', '"-000001-12-31"', 'null'],
  );
  t.same(formatAll(fixed(new DateMillisecond(), new BigInt64Array([86_400_000n, -86_400_000n]))).json, [
    '"1970-01-02"',
    '"1969-12-31"',
  ]);
  t.same(formatAll(fixed(new TimeMillisecond(), new Int32Array([0, 45_296_789]))).json, [
    '"00:00:00.000"',
    '"12:34:56.789"',
  ]);
  t.same(formatAll(fixed(new TimeMicrosecond(), new BigInt64Array([0n, 86_399_999_999n]))).json, [
    '"00:00:00.000000"',
    '"23:59:59.999999"',
  ]);
  t.same(formatAll(fixed(new TimeNanosecond(), new BigInt64Array([1n]))).json, ['"00:00:00.000000001"']);
  t.same(formatAll(fixed(new TimestampMillisecond('UTC'), new BigInt64Array([0n, -1n]))).json, [
    '"1970-01-01T00:00:00.000Z"',
    '"1969-12-31T23:59:59.999Z"',
  ]);
  t.same(formatAll(fixed(new TimestampMicrosecond(null), new BigInt64Array([1_700_000_000_123_456n]))).json, [
    '"2023-11-14T22:13:20.123456"',
  ]);
  t.same(formatAll(fixed(new TimestampNanosecond(), new BigInt64Array([-(2n ** 63n)]))).json, [
    '"1677-09-21T00:12:43.145224192"',
  ]);
  t.same(formatAll(fixed(new TimestampSecond('+01:00'), new BigInt64Array([86_400n]))).json, [
    '"1970-01-02T00:00:00Z"',
  ]);
  t.same(formatAll(fixed(new TimestampMicrosecond('UTC'), new BigInt64Array([9_223_372_036_854_775_807n]))).json, [
    '"+294247-01-10T04:00:54.775807Z"',
  ]);
});

t.test('strings: JSON-escaped in ndjson, raw as text', async (t) => {
  const strings = ['plain', 'quote " and \\', 'line\nbreak', 'héllo ✓ 😀', '', '\u0001'];
  const { offsets, bytes } = utf8Offsets(strings);
  const data = makeData({ type: new Utf8(), length: 6, valueOffsets: offsets, data: bytes });
  t.same(
    formatAll(data).json,
    strings.map((s) => JSON.stringify(s)),
  );
  t.same(formatAll(data).text, strings);
  t.same(formatAll(data.slice(2, 2)).text, ['line\nbreak', 'héllo ✓ 😀']);
  const withNull = makeData({
    type: new Utf8(),
    length: 2,
    valueOffsets: new Int32Array([0, 1, 1]),
    data: new Uint8Array([0x61]),
    nullBitmap: bitmap([true, false]),
  });
  t.same(formatAll(withNull).json, ['"a"', 'null']);
  const large = makeData({
    type: new LargeUtf8(),
    length: 2,
    valueOffsets: new BigInt64Array([0n, 1n, 3n]),
    data: Uint8Array.from(Buffer.from('abc')),
  });
  t.same(formatAll(large).json, ['"a"', '"bc"']);
});

t.test('binary and fixed-size binary as base64, UUID canonical', async (t) => {
  const binary = makeData({
    type: new Binary(),
    length: 3,
    valueOffsets: new Int32Array([0, 3, 3, 5]),
    data: new Uint8Array([0xff, 0x00, 0x10, 0x41, 0x42]),
    nullBitmap: bitmap([true, true, false]),
  });
  t.same(formatAll(binary).json, ['"/wAQ"', '""', 'null']);
  const fsb = makeData({ type: new FixedSizeBinary(12), length: 2, data: new Uint8Array(24).fill(1) });
  t.same(formatAll(fsb).json, ['"AQEBAQEBAQEBAQEB"', '"AQEBAQEBAQEBAQEB"']);
  const uuidBytes = Uint8Array.from(
    Buffer.from('00112233445566778899aabbccddeeff' + 'f0e0d0c0b0a090807060504030201000', 'hex'),
  );
  const uuids = makeData({ type: new FixedSizeBinary(16), length: 2, data: uuidBytes });
  const uuidMeta = new Map([['ARROW:extension:name', 'arrow.uuid']]);
  t.same(formatAll(uuids, uuidMeta).json, [
    '"00112233-4455-6677-8899-aabbccddeeff"',
    '"f0e0d0c0-b0a0-9080-7060-504030201000"',
  ]);
  t.same(formatAll(uuids.slice(1, 1), uuidMeta).text, ['f0e0d0c0-b0a0-9080-7060-504030201000']);
  t.same(formatAll(uuids).json, ['"ABEiM0RVZneImaq7zN3u/w=="', '"8ODQwLCgkIBwYFBAMCAQAA=="']);
});

t.test('null type', async (t) => {
  const data = makeData({ type: new Null(), length: 2 });
  t.same(formatAll(data), { json: ['null', 'null'], text: [null, null] });
});

t.test('lists, structs and maps nest recursively', async (t) => {
  const int32 = fixed(new Int32(), new Int32Array([1, 2, 3, 0, 5]), [true, true, true, false, true]);
  const listType = new List(new Field('element', new Int32(), true));
  const list = makeData({
    type: listType,
    length: 4,
    valueOffsets: new Int32Array([0, 2, 2, 5, 5]),
    child: int32,
    nullBitmap: bitmap([true, true, true, false]),
  });
  t.same(formatAll(list).json, ['[1,2]', '[]', '[3,null,5]', 'null']);
  t.same(formatAll(list).text, ['[1,2]', '[]', '[3,null,5]', null]);
  t.same(formatAll(list.slice(2, 1)).json, ['[3,null,5]']);

  const { offsets, bytes } = utf8Offsets(['a"', 'b', 'c']);
  const names = makeData({ type: new Utf8(), length: 3, valueOffsets: offsets, data: bytes });
  const ids = fixed(new Int64(), new BigInt64Array([1n, 2n ** 62n, 3n]));
  const structType = new Struct([new Field('name', new Utf8(), true), new Field('id', new Int64(), true)]);
  const struct = makeData({
    type: structType,
    length: 3,
    children: [names, ids],
    nullBitmap: bitmap([true, false, true]),
  });
  t.same(formatAll(struct).json, ['{"name":"a\\"","id":1}', 'null', '{"name":"c","id":3}']);
  t.same(formatAll(struct.slice(2, 1)).json, ['{"name":"c","id":3}']);

  const listOfStruct = makeData({
    type: new List(new Field('element', structType, true)),
    length: 2,
    valueOffsets: new Int32Array([0, 1, 3]),
    child: struct,
  });
  t.same(formatAll(listOfStruct).json, ['[{"name":"a\\"","id":1}]', '[null,{"name":"c","id":3}]']);

  const entriesType = new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]);
  const entries = makeData({ type: entriesType, length: 3, children: [names, int32.slice(2, 3)] });
  const map = makeData({
    type: new Map_(new Field('entries', entriesType, false)),
    length: 3,
    valueOffsets: new Int32Array([0, 2, 2, 3]),
    child: entries,
  });
  t.same(formatAll(map).json, ['[{"key":"a\\"","value":3},{"key":"b","value":null}]', '[]', '[{"key":"c","value":5}]']);

  const fixedList = makeData({
    type: new FixedSizeList(2, new Field('element', new Int32(), true)),
    length: 2,
    child: int32.slice(0, 4),
  });
  t.same(formatAll(fixedList).json, ['[1,2]', '[3,null]']);
});

t.test('dictionary-encoded strings', async (t) => {
  const vector = vectorFromArray(['x', 'y', null, 'x']);
  t.ok(vector.type instanceof Dictionary);
  const vectorData = vector.data[0]!;
  t.same(formatAll(vectorData).json, ['"x"', '"y"', 'null', '"x"']);
  t.same(formatAll(vectorData).text, ['x', 'y', null, 'x']);
});
