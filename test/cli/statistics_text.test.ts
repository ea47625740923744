import t from 'tap';
import { decodeStatisticValue, summarizeStatistics } from '../../src/cli/statistics_text.js';
import { ConvertedType, Type } from '../../src/parquet/metadata/enums.js';
import type { SchemaElement } from '../../src/parquet/metadata/types.js';

function le(size: number, write: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return bytes;
}
const int32 = (v: number) => le(4, (d) => d.setInt32(0, v, true));
const int64 = (v: bigint) => le(8, (d) => d.setBigInt64(0, v, true));
const el = (element: Omit<SchemaElement, 'name'>): SchemaElement => ({ name: 'c', ...element });

t.test('integers, signed and unsigned, exact beyond 2^53 as strings', async (t) => {
  t.equal(decodeStatisticValue(int32(-7), el({ type: Type.INT32 })), -7);
  t.equal(decodeStatisticValue(int32(-1), el({ type: Type.INT32, convertedType: ConvertedType.UINT_32 })), 4294967295);
  t.equal(decodeStatisticValue(int64(-(2n ** 63n)), el({ type: Type.INT64 })), '-9223372036854775808');
  t.equal(decodeStatisticValue(int64(2n ** 53n - 1n), el({ type: Type.INT64 })), 9007199254740991);
  t.equal(
    decodeStatisticValue(
      int64(-1n),
      el({ type: Type.INT64, logicalType: { type: 'INTEGER', bitWidth: 64, isSigned: false } }),
    ),
    '18446744073709551615',
  );
  t.equal(decodeStatisticValue(new Uint8Array([1]), el({ type: Type.BOOLEAN })), true);
  t.equal(decodeStatisticValue(new Uint8Array([0]), el({ type: Type.BOOLEAN })), false);
});

t.test('floats in the shortest form of their width; NaN as a string', async (t) => {
  t.equal(
    decodeStatisticValue(
      le(4, (d) => d.setFloat32(0, 0.1, true)),
      el({ type: Type.FLOAT }),
    ),
    0.1,
  );
  t.equal(
    decodeStatisticValue(
      le(8, (d) => d.setFloat64(0, Number.NaN, true)),
      el({ type: Type.DOUBLE }),
    ),
    'NaN',
  );
  t.equal(
    decodeStatisticValue(
      le(8, (d) => d.setFloat64(0, -2.5, true)),
      el({ type: Type.DOUBLE }),
    ),
    -2.5,
  );
  const half = el({ type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: 2, logicalType: { type: 'FLOAT16' } });
  t.equal(decodeStatisticValue(new Uint8Array([0x66, 0x2e]), half), 0.1);
  t.equal(decodeStatisticValue(new Uint8Array([0x00, 0x7c]), half), 'Infinity');
});

t.test('decimals on every physical type', async (t) => {
  const logicalType = { type: 'DECIMAL', scale: 3, precision: 20 } as const;
  t.equal(decodeStatisticValue(int32(-12340), el({ type: Type.INT32, logicalType })), '-12.340');
  t.equal(decodeStatisticValue(int64(5n), el({ type: Type.INT64, logicalType })), '0.005');
  t.equal(decodeStatisticValue(new Uint8Array([0xff, 0xce]), el({ type: Type.BYTE_ARRAY, logicalType })), '-0.050');
  t.equal(
    decodeStatisticValue(
      new Uint8Array([0, 0, 0, 0x30, 0x39]),
      el({ type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: 5, logicalType }),
    ),
    '12.345',
  );
  t.equal(
    decodeStatisticValue(
      int32(1234),
      el({ type: Type.INT32, convertedType: ConvertedType.DECIMAL, scale: 2, precision: 9 }),
    ),
    '12.34',
  );
});

t.test('dates, times, timestamps, INT96', async (t) => {
  t.equal(decodeStatisticValue(int32(-1), el({ type: Type.INT32, logicalType: { type: 'DATE' } })), '1969-12-31');
  t.equal(
    decodeStatisticValue(
      int32(0),
      el({ type: Type.INT32, logicalType: { type: 'TIME', unit: 'MILLIS', isAdjustedToUTC: true } }),
    ),
    '00:00:00.000',
  );
  t.equal(
    decodeStatisticValue(
      int64(1n),
      el({ type: Type.INT64, logicalType: { type: 'TIME', unit: 'NANOS', isAdjustedToUTC: true } }),
    ),
    '00:00:00.000000001',
  );
  t.equal(
    decodeStatisticValue(
      int64(-1n),
      el({ type: Type.INT64, logicalType: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true } }),
    ),
    '1969-12-31T23:59:59.999999Z',
  );
  t.equal(
    decodeStatisticValue(int64(1000n), el({ type: Type.INT64, convertedType: ConvertedType.TIMESTAMP_MILLIS })),
    '1970-01-01T00:00:01.000Z',
  );
  // 2000-01-01 is Julian day 2451545; 1 hour + 1 ns into the day.
  const int96 = le(12, (d) => {
    d.setBigInt64(0, 3_600_000_000_001n, true);
    d.setInt32(8, 2_451_545, true);
  });
  t.equal(decodeStatisticValue(int96, el({ type: Type.INT96 })), '2000-01-01T01:00:00.000000001');
});

t.test('bytes: strings, UUID, base64; wrong sizes never throw', async (t) => {
  const text = Uint8Array.from(Buffer.from('héllo'));
  t.equal(decodeStatisticValue(text, el({ type: Type.BYTE_ARRAY, convertedType: ConvertedType.UTF8 })), 'héllo');
  t.equal(decodeStatisticValue(text, el({ type: Type.BYTE_ARRAY, logicalType: { type: 'ENUM' } })), 'héllo');
  t.equal(decodeStatisticValue(text, el({ type: Type.BYTE_ARRAY })), 'aMOpbGxv');
  const uuid = Uint8Array.from(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
  t.equal(
    decodeStatisticValue(uuid, el({ type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: 16, logicalType: { type: 'UUID' } })),
    '00112233-4455-6677-8899-aabbccddeeff',
  );
  t.equal(decodeStatisticValue(new Uint8Array([1, 2]), el({ type: Type.INT32 })), 'AQI=');
  t.equal(decodeStatisticValue(new Uint8Array([1, 2]), el({ type: Type.INT96 })), 'AQI=');
  t.equal(decodeStatisticValue(new Uint8Array([]), el({ type: Type.BOOLEAN })), '');
});

t.test('summaries prefer min_value/max_value and flag the deprecated fields', async (t) => {
  const element = el({ type: Type.INT32 });
  t.same(
    summarizeStatistics(
      { min: int32(1), max: int32(2), minValue: int32(3), maxValue: int32(4), nullCount: 5 },
      element,
    ),
    {
      nullCount: 5,
      distinctCount: undefined,
      min: 3,
      max: 4,
      deprecatedMinMax: false,
    },
  );
  t.same(summarizeStatistics({ min: int32(1), max: int32(2) }, element), {
    nullCount: undefined,
    distinctCount: undefined,
    min: 1,
    max: 2,
    deprecatedMinMax: true,
  });
  t.same(summarizeStatistics({ nullCount: 0, distinctCount: 3 }, element), {
    nullCount: 0,
    distinctCount: 3,
    min: undefined,
    max: undefined,
    deprecatedMinMax: false,
  });
});
