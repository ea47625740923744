// Arrow tables of every type the partition model covers, built by apache-arrow's own builders (so the round-trip
// tests compare against Arrow's reading of Arrow's layout, not ours).
import * as arrow from 'apache-arrow';

const f = (name: string, type: arrow.DataType, nullable = true) => new arrow.Field(name, type, nullable);

/** [column name, Arrow type, values (with nulls)]. */
export const ARROW_CASES: [string, arrow.DataType, unknown[]][] = [
  ['i8', new arrow.Int8(), [1, null, -128, 127, 0]],
  ['i16', new arrow.Int16(), [1, null, -32768, 32767, 0]],
  ['i32', new arrow.Int32(), [1, null, -(2 ** 31), 2 ** 31 - 1, 0]],
  ['i64', new arrow.Int64(), [1n, null, -(2n ** 63n), 2n ** 63n - 1n, 0n]],
  ['u8', new arrow.Uint8(), [1, null, 255, 0, 7]],
  ['u16', new arrow.Uint16(), [1, null, 65535, 0, 7]],
  ['u32', new arrow.Uint32(), [1, null, 2 ** 32 - 1, 0, 7]],
  ['u64', new arrow.Uint64(), [1n, null, 2n ** 64n - 1n, 0n, 7n]],
  ['f16', new arrow.Float16(), [1.5, null, -0.25, 65504, Number.NaN]],
  ['f32', new arrow.Float32(), [1.5, null, Number.NaN, Number.NEGATIVE_INFINITY, -0]],
  ['f64', new arrow.Float64(), [1.5, null, Number.NaN, Number.POSITIVE_INFINITY, 1e300]],
  ['bool', new arrow.Bool(), [true, null, false, true, true]],
  ['utf8', new arrow.Utf8(), ['a', null, '', 'héllo wörld', '日本語🦆']],
  ['large_utf8', new arrow.LargeUtf8(), ['a', null, '', 'ß', 'x'.repeat(40)]],
  [
    'binary',
    new arrow.Binary(),
    [new Uint8Array([1, 2]), null, new Uint8Array(0), new Uint8Array([255]), new Uint8Array([0])],
  ],
  [
    'large_binary',
    new arrow.LargeBinary(),
    [new Uint8Array([1]), null, new Uint8Array(0), new Uint8Array([9, 9]), new Uint8Array([0])],
  ],
  [
    'fsb',
    new arrow.FixedSizeBinary(3),
    [
      new Uint8Array([1, 2, 3]),
      null,
      new Uint8Array([0, 0, 0]),
      new Uint8Array([9, 8, 7]),
      new Uint8Array([255, 0, 1]),
    ],
  ],
  [
    'dec128',
    new arrow.Decimal(2, 10, 128),
    [
      new Uint32Array([1, 0, 0, 0]),
      null,
      new Uint32Array([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]),
      new Uint32Array([5, 6, 7, 8]),
      new Uint32Array(4),
    ],
  ],
  [
    'dec256',
    new arrow.Decimal(2, 60, 256),
    [
      new Uint32Array([1, 0, 0, 0, 0, 0, 0, 0]),
      null,
      new Uint32Array(8).fill(0xffffffff),
      new Uint32Array([1, 2, 3, 4, 5, 6, 7, 8]),
      new Uint32Array(8),
    ],
  ],
  [
    'date32',
    new arrow.DateDay(),
    [
      new Date(0),
      null,
      new Date(Date.UTC(2024, 1, 29)),
      new Date(Date.UTC(1900, 0, 1)),
      new Date(Date.UTC(2100, 11, 31)),
    ],
  ],
  [
    'date64',
    new arrow.DateMillisecond(),
    [new Date(0), null, new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(1900, 0, 1)), new Date(86_400_000)],
  ],
  ['time_s', new arrow.TimeSecond(), [0, null, 86399, 3600, 1]],
  ['time_ms', new arrow.TimeMillisecond(), [0, null, 86_399_999, 3_600_000, 1]],
  ['time_us', new arrow.TimeMicrosecond(), [0n, null, 86_399_999_999n, 1n, 2n]],
  ['time_ns', new arrow.TimeNanosecond(), [0n, null, 86_399_999_999_999n, 1n, 2n]],
  ['ts_ms', new arrow.TimestampMillisecond(), [0, null, 1_700_000_000_000, -1, 86_400_000]],
  ['ts_us_utc', new arrow.TimestampMicrosecond('UTC'), [0, null, 1_700_000_000_000, -1, 86_400_000]],
  ['ts_ns_tz', new arrow.TimestampNanosecond('Europe/Paris'), [0, null, 1_700_000_000_000, -1, 86_400_000]],
  ['ts_s', new arrow.TimestampSecond(), [0, null, 1_700_000_000_000, -1000, 86_400_000]],
  ['duration', new arrow.DurationMillisecond(), [1n, null, -5n, 0n, 7n]],
  [
    'interval_dt',
    new arrow.IntervalDayTime(),
    [new Int32Array([1, 2]), null, new Int32Array([3, 4]), new Int32Array([0, 0]), new Int32Array([-1, 5])],
  ],
  [
    'interval_mdn',
    new arrow.IntervalMonthDayNano(),
    [new Int32Array([1, 2, 3, 0]), null, new Int32Array([3, 4, 5, 0]), new Int32Array(4), new Int32Array([1, 1, 1, 1])],
  ],
  ['list', new arrow.List(f('item', new arrow.Int32())), [[1, 2], null, [], [null, 3], [4]]],
  ['large_list', new arrow.LargeList(f('item', new arrow.Utf8())), [['a'], null, [], ['b', null], ['c', 'd']]],
  ['fsl', new arrow.FixedSizeList(2, f('item', new arrow.Float64())), [[1, 2], null, [3, null], [5, 6], [7, 8]]],
  [
    'list_of_list',
    new arrow.List(f('item', new arrow.List(f('item', new arrow.Int16())))),
    [[[1], [2, 3]], null, [[]], [null], [[4]]],
  ],
  [
    'struct',
    new arrow.Struct([f('a', new arrow.Int32()), f('b', new arrow.Utf8())]),
    [{ a: 1, b: 'x' }, null, { a: null, b: 'y' }, { a: 3, b: null }, { a: 4, b: 'z' }],
  ],
  [
    'map',
    new arrow.Map_(
      new arrow.Field(
        'entries',
        new arrow.Struct<{ key: arrow.Utf8; value: arrow.Int32 }>([
          new arrow.Field('key', new arrow.Utf8(), false),
          new arrow.Field('value', new arrow.Int32(), true),
        ]),
        false,
      ),
    ),
    [
      new Map([['a', 1]]),
      null,
      new Map(),
      new Map([
        ['b', null],
        ['c', 3],
      ]),
      new Map([['d', 4]]),
    ],
  ],
  ['dict', new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), ['a', null, 'a', 'b', 'c']],
  ['dict8', new arrow.Dictionary(new arrow.Int64(), new arrow.Int8()), [5n, null, 5n, 6n, 5n]],
  ['null', new arrow.Null(), [null, null, null, null, null]],
];

/** One table with a column per case. */
export function arrowCasesTable(): arrow.Table {
  const columns: Record<string, arrow.Vector> = {};
  for (const [name, type, values] of ARROW_CASES) columns[name] = arrow.vectorFromArray(values as never, type as never);
  return new arrow.Table(columns);
}

/** Arrow's reading of a value, as comparable text (bigints, typed arrays, rows and NaN made explicit). */
export function arrowValueText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<number>, String).join(',')}]`;
  return String(v);
}

/** Every value of every column of `table` as text, by column name. */
export function arrowTableText(table: arrow.Table): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    // Timestamps as their stored int64s: Vector.get converts to milliseconds as a number, which throws past 2^53 ms
    // (int96_from_spark's year 290000, a valid microsecond value).
    out[field.name] = arrow.DataType.isTimestamp(field.type)
      ? vector.data.flatMap((d) =>
          Array.from({ length: d.length }, (_, i) => (d.getValid(i) ? String((d.values as BigInt64Array)[i]) : 'null')),
        )
      : [...vector].map(arrowValueText);
  }
  return out;
}
