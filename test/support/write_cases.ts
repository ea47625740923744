// The columns of the writer conformance matrix: one seeded Arrow column per type the writer accepts, with nulls,
// empty values, NaN, +-0 and the extremes of each type in its first rows, and the Parquet physical type it is
// written as (which decides the encodings that apply to it).
import * as arrow from 'apache-arrow';
import { seededRandom } from './data.js';

/** Parquet physical types, by the names the encoding rules use. */
export type Physical = 'boolean' | 'int32' | 'int64' | 'int96' | 'float' | 'double' | 'byte_array' | 'flba';

/** One column of the matrix. */
export interface ColumnCase {
  readonly field: arrow.Field;
  readonly data: arrow.Data;
  /** Physical type of the leaves (nested columns: of every leaf). */
  readonly physical: Physical;
  readonly nested?: boolean;
}

/** Explicit encodings and the physical types each applies to (Encodings.md). */
export const ENCODING_TYPES = {
  PLAIN: ['boolean', 'int32', 'int64', 'int96', 'float', 'double', 'byte_array', 'flba'],
  RLE: ['boolean'],
  DELTA_BINARY_PACKED: ['int32', 'int64'],
  DELTA_LENGTH_BYTE_ARRAY: ['byte_array'],
  DELTA_BYTE_ARRAY: ['byte_array', 'flba'],
  BYTE_STREAM_SPLIT: ['float', 'double', 'int32', 'int64', 'flba'],
} as const satisfies Record<string, readonly Physical[]>;

export type ExplicitEncoding = keyof typeof ENCODING_TYPES;

/** Seeded generator of the matrix's values. */
class Values {
  private readonly next: () => number;

  constructor(
    readonly rows: number,
    seed: number,
  ) {
    this.next = seededRandom(seed);
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 2 ** 32) * n);
  }

  /** A uniform 64-bit pattern. */
  bits64(): bigint {
    return (BigInt(this.next()) << 32n) | BigInt(this.next());
  }

  /** Validity: row 1 and about one row in `every` are null (never row 0, which holds an extreme). */
  valid(every = 7): boolean[] {
    return Array.from({ length: this.rows }, (_, i) => i !== 1 && (i < 2 || this.int(every) !== 0));
  }

  /** Half the rows from a small set (dictionary-friendly), the others from `wide`. */
  mixed<T>(small: readonly T[], wide: () => T): T[] {
    return Array.from({ length: this.rows }, () => (this.int(2) === 0 ? small[this.int(small.length)]! : wide()));
  }
}

function bitmap(valid: readonly boolean[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((valid.length + 7) >> 3);
  let nullCount = 0;
  valid.forEach((v, i) => {
    if (v) nullBitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  });
  return { nullBitmap, nullCount };
}

/** The extremes come first: row i < specials.length takes specials[i] (row 1 is null anyway). */
function withSpecials<T>(values: T[], specials: readonly T[]): T[] {
  specials.forEach((v, i) => {
    const row = i === 1 ? specials.length : i;
    if (row < values.length) values[row] = v;
  });
  return values;
}

function fixedWidth<T extends arrow.DataType>(
  type: T,
  values: ArrayLike<unknown>,
  valid: readonly boolean[],
  ArrayType: { new (n: number): T['TArray'] } = type.ArrayType,
): arrow.Data<T> {
  const data = new ArrayType(valid.length) as unknown as { [i: number]: unknown };
  for (let i = 0; i < valid.length; i++) data[i] = values[i];
  const props = { type, length: valid.length, data, ...bitmap(valid) };
  return arrow.makeData(props as never) as unknown as arrow.Data<T>;
}

function fromValues<T extends arrow.DataType>(type: T, values: readonly unknown[]): arrow.Data<T> {
  const vector = arrow.vectorFromArray(values as never, type) as arrow.Vector<T>;
  if (vector.data.length !== 1) throw new Error(`${values.length} values built ${vector.data.length} chunks`);
  return vector.data[0]!;
}

function column(
  name: string,
  data: arrow.Data,
  physical: Physical,
  metadata?: Map<string, string>,
  nested = false,
): ColumnCase {
  return { field: new arrow.Field(name, data.type, true, metadata), data, physical, nested };
}

function integerColumn(v: Values, name: string, type: arrow.Int, physical: Physical): ColumnCase {
  const bits = type.bitWidth;
  const signed = type.isSigned;
  if (bits === 64) {
    const min = signed ? -(1n << 63n) : 0n;
    const max = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
    const wide = () => (signed ? BigInt.asIntN(64, v.bits64()) : v.bits64());
    const values = withSpecials(v.mixed([0n, 1n, 42n, 1000n], wide), [
      max,
      0n,
      min,
      signed ? -1n : 1n,
      2n ** 31n,
      max - 1n,
    ]);
    return column(name, fixedWidth(type, values, v.valid()), physical);
  }
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const span = max - min + 1;
  const values = withSpecials(
    v.mixed([0, 1, 7, 100 % max], () => min + v.int(span)),
    [max, 0, min, signed ? -1 : 1, max - 1],
  );
  return column(name, fixedWidth(type, values, v.valid()), physical);
}

const F32_MAX = 3.4028234663852886e38;
const F32_TINY = 1.401298464324817e-45;

function floatColumns(v: Values): ColumnCase[] {
  const f64 = withSpecials(
    v.mixed([0, 1.5, -2.25, 1e-3], () => (v.int(2_000_000) - 1_000_000) / 64),
    [
      Number.NaN,
      0,
      -0,
      0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_VALUE,
      -Number.MIN_VALUE,
      0.1,
    ],
  );
  const f32 = withSpecials(
    v.mixed([0, 1.5, -2.25, 0.5], () => Math.fround((v.int(2_000_000) - 1_000_000) / 64)),
    [Number.NaN, 0, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, F32_MAX, -F32_TINY, Math.fround(0.1)],
  );
  // Half floats: every value here is exact in binary16 (at most 11 significant bits), so no rounding is involved.
  const f16 = withSpecials(
    v.mixed([0, 1.5, -2.25, 0.5], () => (v.int(4096) - 2048) / 8),
    [Number.NaN, 0, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 65504, -65504, 2 ** -24],
  );
  return [
    column('f64', fixedWidth(new arrow.Float64(), f64, v.valid()), 'double'),
    column('f32', fixedWidth(new arrow.Float32(), f32, v.valid()), 'float'),
    column('f16', fromValues(new arrow.Float16(), nullsAt(f16, v.valid())), 'flba'),
  ];
}

function nullsAt<T>(values: readonly T[], valid: readonly boolean[]): (T | null)[] {
  return values.map((x, i) => (valid[i] ? x : null));
}

const WORDS = ['', 'a', 'alpha', 'bravo', 'charlie', 'é', 'naïve café', '日本語', '🦆 duck', 'zz'];

function text(v: Values): string[] {
  const long = `${'long value '.repeat(12)}end`; // > 64 bytes: truncated in the column index
  return withSpecials(
    v.mixed(WORDS, () => `s${v.int(1_000_000)}${'é'.repeat(v.int(4))}`),
    ['', '', long, '\u0000nul', '\u{10FFFF}max', '\u00ff\u00ff'],
  );
}

function bytes(v: Values, width?: number): Uint8Array[] {
  const make = (n: number) => Uint8Array.from({ length: n }, () => v.int(256));
  const values = v.mixed([make(width ?? 0), make(width ?? 3), make(width ?? 1)], () => make(width ?? v.int(20)));
  const w = width ?? 0;
  return withSpecials(values, [new Uint8Array(w).fill(0xff), new Uint8Array(w), new Uint8Array(w), make(width ?? 100)]);
}

function stringColumns(v: Values): ColumnCase[] {
  const utf8 = nullsAt(text(v), v.valid());
  const large = nullsAt(text(v), v.valid());
  const dictionary = nullsAt(
    v.mixed(WORDS, () => 'other'),
    v.valid(),
  );
  return [
    column('utf8', fromValues(new arrow.Utf8(), utf8), 'byte_array'),
    column('large_utf8', fromValues(new arrow.LargeUtf8(), large), 'byte_array'),
    column(
      'dict_utf8',
      fromValues(new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), dictionary),
      'byte_array',
    ),
    column('binary', fromValues(new arrow.Binary(), nullsAt(bytes(v), v.valid())), 'byte_array'),
    column('fixed5', fromValues(new arrow.FixedSizeBinary(5), nullsAt(bytes(v, 5), v.valid())), 'flba'),
    column(
      'uuid',
      fromValues(new arrow.FixedSizeBinary(16), nullsAt(bytes(v, 16), v.valid())),
      'flba',
      new Map([['ARROW:extension:name', 'arrow.uuid']]),
    ),
  ];
}

/** A decimal column of unscaled values within +-(10^precision - 1), as 128-bit little-endian words. */
function decimalColumn(v: Values, name: string, precision: number, scale: number, physical: Physical): ColumnCase {
  const limit = 10n ** BigInt(precision) - 1n;
  const random = () => {
    const digits = 1 + v.int(precision);
    const magnitude = BigInt.asUintN(128, (v.bits64() << 64n) | v.bits64()) % 10n ** BigInt(digits);
    return v.int(2) ? -magnitude : magnitude;
  };
  const unscaled = withSpecials(v.mixed([0n, 1n, -1n, 12345n % limit], random), [limit, 0n, -limit, 1n, -1n]);
  const valid = v.valid();
  const words = new Uint32Array(valid.length * 4);
  unscaled.forEach((x, i) => {
    const u = BigInt.asUintN(128, x);
    for (let k = 0; k < 4; k++) words[i * 4 + k] = Number((u >> BigInt(32 * k)) & 0xffffffffn);
  });
  const type = new arrow.Decimal(scale, precision, 128);
  return column(name, arrow.makeData({ type, length: valid.length, data: words, ...bitmap(valid) }), physical);
}

const DAY_MS = 86_400_000;

function temporalColumns(v: Values): ColumnCase[] {
  // 1900-01-01 .. 2100-01-01 in days; the specials are the epoch, a day before it, and far dates DuckDB still prints.
  const days = () => v.int(73_049) - 25_567;
  const dates = withSpecials(v.mixed([0, 19_000, -1], days), [2_932_896, 0, -719_162, -1, 1]);
  const date64 = dates.map((d) => BigInt(d) * BigInt(DAY_MS));
  const seconds = () => BigInt(days()) * 86_400n + BigInt(v.int(86_400));
  const stamp = (scale: bigint, sub: () => bigint) => () => seconds() * scale + sub();
  const timestamp = (unit: arrow.TimeUnit, scale: bigint, tz: string | null, name: string) => {
    const values = withSpecials(
      v.mixed(
        [0n, 1n, -1n],
        stamp(scale, () => BigInt(v.int(Number(scale)))),
      ),
      [0n, 0n, -scale, 4_102_444_800n * scale - 1n, 1n],
    );
    return column(name, fixedWidth(new arrow.Timestamp(unit, tz), values, v.valid()), 'int64');
  };
  const timeOfDay = (scale: number) =>
    withSpecials(
      v.mixed([0, 1, 12 * 3600 * scale], () => v.int(86_400 * scale)),
      [86_400 * scale - 1, 0, 0, 1],
    );
  const micros = (scale: bigint) => (x: number) => BigInt(x) * scale;
  const timeUs = timeOfDay(1_000_000).map(micros(1n));
  // Nanosecond times: whole microseconds plus 0..999 ns.
  const timeNs = timeOfDay(1_000_000).map((x) => micros(1000n)(x) + BigInt(v.int(1000)));
  return [
    column('date32', fixedWidth(new arrow.DateDay(), dates, v.valid()), 'int32'),
    column('date64', fixedWidth(new arrow.DateMillisecond(), date64, v.valid()), 'int32'),
    column('time_s', fixedWidth(new arrow.TimeSecond(), timeOfDay(1), v.valid()), 'int32'),
    column('time_ms', fixedWidth(new arrow.TimeMillisecond(), timeOfDay(1000), v.valid()), 'int32'),
    column('time_us', fixedWidth(new arrow.TimeMicrosecond(), timeUs, v.valid()), 'int64'),
    column('time_ns', fixedWidth(new arrow.TimeNanosecond(), timeNs, v.valid()), 'int64'),
    timestamp(arrow.TimeUnit.SECOND, 1n, null, 'ts_s'),
    timestamp(arrow.TimeUnit.MILLISECOND, 1000n, null, 'ts_ms'),
    timestamp(arrow.TimeUnit.MICROSECOND, 1_000_000n, null, 'ts_us'),
    timestamp(arrow.TimeUnit.NANOSECOND, 1_000_000_000n, null, 'ts_ns'),
    timestamp(arrow.TimeUnit.SECOND, 1n, 'UTC', 'ts_s_tz'),
    timestamp(arrow.TimeUnit.MILLISECOND, 1000n, 'UTC', 'ts_ms_tz'),
    timestamp(arrow.TimeUnit.MICROSECOND, 1_000_000n, 'America/New_York', 'ts_us_tz'),
    timestamp(arrow.TimeUnit.NANOSECOND, 1_000_000_000n, '+01:00', 'ts_ns_tz'),
  ];
}

/** Every flat column type, each written with its own physical type. */
export function flatColumns(rows: number, seed = 1): ColumnCase[] {
  const v = new Values(rows, seed);
  const bools = v.mixed([true], () => v.int(2) === 1);
  return [
    column('bool', fixedWidth(new arrow.Bool(), [], []), 'boolean'), // replaced below
    integerColumn(v, 'i8', new arrow.Int8(), 'int32'),
    integerColumn(v, 'i16', new arrow.Int16(), 'int32'),
    integerColumn(v, 'i32', new arrow.Int32(), 'int32'),
    integerColumn(v, 'i64', new arrow.Int64(), 'int64'),
    integerColumn(v, 'u8', new arrow.Uint8(), 'int32'),
    integerColumn(v, 'u16', new arrow.Uint16(), 'int32'),
    integerColumn(v, 'u32', new arrow.Uint32(), 'int32'),
    integerColumn(v, 'u64', new arrow.Uint64(), 'int64'),
    ...floatColumns(v),
    ...stringColumns(v),
    decimalColumn(v, 'dec9', 9, 2, 'flba'),
    decimalColumn(v, 'dec18', 18, 4, 'flba'),
    decimalColumn(v, 'dec38', 38, 10, 'flba'),
    ...temporalColumns(v),
  ].map((c) =>
    c.field.name === 'bool' ? column('bool', fromValues(new arrow.Bool(), nullsAt(bools, v.valid())), 'boolean') : c,
  );
}

/** Decimals written as INT32/INT64 (`decimalAsInteger: true`). */
export function integerDecimalColumns(rows: number, seed = 2): ColumnCase[] {
  const v = new Values(rows, seed);
  return [decimalColumn(v, 'dec9_int', 9, 2, 'int32'), decimalColumn(v, 'dec18_int', 18, 4, 'int64')];
}

/** Timestamps written as INT96 (`int96Timestamps: true`): nanosecond values in whole microseconds (DuckDB reads
 *  INT96 at microsecond precision), between 1900 and 2100. */
export function int96Columns(rows: number, seed = 3): ColumnCase[] {
  const v = new Values(rows, seed);
  const micros = () => (BigInt(v.int(73_049) - 25_567) * 86_400n + BigInt(v.int(86_400))) * 1_000_000n;
  const values = withSpecials(
    v.mixed([0n], () => (micros() + BigInt(v.int(1_000_000))) * 1000n),
    [0n, 0n, -1000n, 1000n],
  );
  return [column('ts_int96', fixedWidth(new arrow.Timestamp(arrow.TimeUnit.NANOSECOND), values, v.valid()), 'int96')];
}

/** Nested columns: lists, structs, maps and lists of lists with nulls and empties at every level. */
export function nestedColumns(rows: number, seed = 4): ColumnCase[] {
  const v = new Values(rows, seed);
  const maybe = <T>(make: () => T, every = 6): T | null => (v.int(every) === 0 ? null : make());
  const list = <T>(make: () => T, max = 5): T[] => Array.from({ length: v.int(max + 1) }, make);
  const int = () => v.int(2001) - 1000;
  const str = () => WORDS[v.int(WORDS.length)]!;
  const rowsOf = <T>(make: () => T, specials: readonly T[]) =>
    withSpecials(Array.from({ length: rows }, make), specials);

  const listInt = new arrow.List(new arrow.Field('item', new arrow.Int32(), true));
  const pair = new arrow.Struct([
    new arrow.Field('a', new arrow.Int32(), true),
    new arrow.Field('b', new arrow.Utf8(), true),
  ]);
  const listStruct = new arrow.List(new arrow.Field('item', pair, true));
  const record = new arrow.Struct([
    new arrow.Field('x', new arrow.Int64(), true),
    new arrow.Field('y', new arrow.Utf8(), true),
    new arrow.Field('z', new arrow.Float64(), false),
    new arrow.Field('inner', new arrow.Struct([new arrow.Field('w', new arrow.Int32(), true)]), true),
  ]);
  const entries = new arrow.Struct([
    new arrow.Field('key', new arrow.Utf8(), false),
    new arrow.Field('value', new arrow.Int32(), true),
  ]);
  const map = new arrow.Map_(new arrow.Field('entries', entries, false) as never);
  const listList = new arrow.List(new arrow.Field('item', listInt, true));
  const listUtf8 = new arrow.List(new arrow.Field('item', new arrow.Utf8(), true));
  const fixedList = new arrow.FixedSizeList(3, new arrow.Field('item', new arrow.Float64(), true));

  const pairValue = () => ({ a: maybe(int), b: maybe(str) });
  const recordValue = () => ({
    x: maybe(() => BigInt(int()) * 1_000_000_007n),
    y: maybe(str),
    z: int() / 4,
    inner: maybe(() => ({ w: maybe(int) })),
  });
  const mapValue = () => new Map(list(() => [`k${v.int(50)}`, maybe(int)] as [string, number | null], 4));
  return [
    column(
      'l_int',
      fromValues(
        listInt,
        rowsOf(() => maybe(() => list(() => maybe(int))), [[], null, [null], [1]]),
      ),
      'int32',
      undefined,
      true,
    ),
    column(
      'l_struct',
      fromValues(
        listStruct,
        rowsOf(() => maybe(() => list(() => maybe(pairValue), 3)), [[], null, [null], [{ a: null, b: '' }]]),
      ),
      'int32',
      undefined,
      true,
    ),
    column(
      's',
      fromValues(
        record,
        rowsOf(() => maybe(recordValue), [recordValue(), null]),
      ),
      'int64',
      undefined,
      true,
    ),
    column(
      'm',
      fromValues(
        map,
        rowsOf(() => maybe(mapValue), [new Map(), null]),
      ),
      'int32',
      undefined,
      true,
    ),
    column(
      'l_l_int',
      fromValues(
        listList,
        rowsOf(
          () => maybe(() => list(() => maybe(() => list(() => maybe(int), 3)), 3)),
          [[], null, [null], [[]], [[null]]],
        ),
      ),
      'int32',
      undefined,
      true,
    ),
    column(
      'l_utf8',
      fromValues(
        listUtf8,
        rowsOf(() => maybe(() => list(() => maybe(str))), [[''], null, []]),
      ),
      'byte_array',
      undefined,
      true,
    ),
    column(
      'fl_f64',
      fromValues(
        fixedList,
        rowsOf(() => maybe(() => [int() / 2, maybe(() => int() / 8), 0]), [null]),
      ),
      'double',
      undefined,
      true,
    ),
  ];
}

/** Columns whose every value is null (flat, nested, dictionary-friendly types), and non-nullable columns. */
export function nullAndRequiredColumns(rows: number, seed = 5): ColumnCase[] {
  const v = new Values(rows, seed);
  const none = Array.from({ length: rows }, () => false);
  const required = (name: string, data: arrow.Data, physical: Physical, nested = false): ColumnCase => ({
    field: new arrow.Field(name, data.type, false),
    data,
    physical,
    nested,
  });
  const ints = Array.from({ length: rows }, () => v.int(1000));
  const all = Array.from({ length: rows }, () => true);
  const pair = new arrow.Struct([
    new arrow.Field('a', new arrow.Int32(), false),
    new arrow.Field('b', new arrow.Utf8(), true),
  ]);
  return [
    column('null_i32', fixedWidth(new arrow.Int32(), [], none), 'int32'),
    column(
      'null_utf8',
      fromValues(
        new arrow.Utf8(),
        none.map(() => null),
      ),
      'byte_array',
    ),
    column(
      'null_list',
      fromValues(
        new arrow.List(new arrow.Field('item', new arrow.Int32(), true)),
        none.map(() => null),
      ),
      'int32',
      undefined,
      true,
    ),
    required('req_i64', fixedWidth(new arrow.Int64(), ints.map(BigInt), all), 'int64'),
    required('req_utf8', fromValues(new arrow.Utf8(), text(v)), 'byte_array'),
    required(
      'req_f64',
      fixedWidth(
        new arrow.Float64(),
        ints.map((x) => x / 8),
        all,
      ),
      'double',
    ),
    required(
      'req_struct',
      fromValues(
        pair,
        ints.map((a, i) => ({ a, b: i % 3 ? `b${a}` : null })),
      ),
      'int32',
      true,
    ),
    required(
      'req_list',
      fromValues(
        new arrow.List(new arrow.Field('item', new arrow.Int32(), false)),
        ints.map((a) => Array.from({ length: a % 4 }, (_, k) => a + k)),
      ),
      'int32',
      true,
    ),
  ];
}

/** An Arrow table of `columns` (one record batch). */
export function tableOf(columns: readonly ColumnCase[]): arrow.Table {
  const schema = new arrow.Schema(columns.map((c) => c.field));
  const length = columns[0]?.data.length ?? 0;
  const struct = arrow.makeData({
    type: new arrow.Struct(schema.fields),
    length,
    nullCount: 0,
    children: columns.map((c) => c.data),
  });
  return new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]);
}

/** A leaf column of a case: its dotted Parquet path (three-level lists and maps, as the writer lays them out) and
 *  physical type. */
export interface CaseLeaf {
  readonly path: string;
  readonly physical: Physical;
}

/** The leaves of `c`. */
export function leavesOf(c: ColumnCase): CaseLeaf[] {
  if (!c.nested) return [{ path: c.field.name, physical: c.physical }];
  const out: CaseLeaf[] = [];
  const walk = (type: arrow.DataType, path: string) => {
    if (arrow.DataType.isList(type) || arrow.DataType.isFixedSizeList(type)) {
      walk(type.children[0]!.type, `${path}.list.element`);
    } else if (arrow.DataType.isMap(type)) {
      const [key, value] = type.children[0]!.type.children;
      walk(key!.type, `${path}.key_value.key`);
      walk(value!.type, `${path}.key_value.value`);
    } else if (arrow.DataType.isStruct(type)) {
      for (const child of type.children) walk(child.type, `${path}.${child.name}`);
    } else {
      out.push({ path, physical: leafPhysical(type) });
    }
  };
  walk(c.field.type, c.field.name);
  return out;
}

function leafPhysical(type: arrow.DataType): Physical {
  if (arrow.DataType.isBool(type)) return 'boolean';
  if (arrow.DataType.isInt(type)) return type.bitWidth === 64 ? 'int64' : 'int32';
  if (arrow.DataType.isFloat(type)) {
    return type.precision === arrow.Precision.DOUBLE
      ? 'double'
      : type.precision === arrow.Precision.SINGLE
        ? 'float'
        : 'flba';
  }
  if (arrow.DataType.isUtf8(type) || arrow.DataType.isLargeUtf8(type) || arrow.DataType.isBinary(type))
    return 'byte_array';
  throw new Error(`no physical type for nested leaf ${type}`);
}

/** Per-leaf options asking for `encoding` on every leaf it applies to, and the columns with at least one such leaf. */
export function encodingPlan(
  encoding: ExplicitEncoding,
  columns: readonly ColumnCase[],
): { columns: ColumnCase[]; options: Record<string, { encoding: ExplicitEncoding }> } {
  const types: readonly Physical[] = ENCODING_TYPES[encoding];
  const options: Record<string, { encoding: ExplicitEncoding }> = {};
  const chosen = columns.filter((c) => {
    const leaves = leavesOf(c).filter((leaf) => types.includes(leaf.physical));
    for (const leaf of leaves) options[leaf.path] = { encoding };
    return leaves.length > 0;
  });
  return { columns: chosen, options };
}
