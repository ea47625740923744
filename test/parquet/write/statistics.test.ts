import t, { type Test } from 'tap';
import { statisticKey } from '../../../src/parquet/filter/bounds.js';
import { compareKeys, type Key, type KeyDomain, keyDomain } from '../../../src/parquet/filter/keys.js';
import { FieldRepetitionType, Type } from '../../../src/parquet/metadata/enums.js';
import type { SchemaElement } from '../../../src/parquet/metadata/types.js';
import { type ColumnDescriptor, ParquetSchema } from '../../../src/parquet/schema.js';
import { type PhysicalValues, physicalLength } from '../../../src/parquet/write/leaf_data.js';
import {
  compareBoundValues,
  computeBounds,
  mergeBounds,
  type StatOrder,
} from '../../../src/parquet/write/statistics.js';
import { Random } from '../../kernels/reference/random.js';

const optional = FieldRepetitionType.OPTIONAL;
const elements: SchemaElement[] = [
  { name: 'root', numChildren: 14 },
  { name: 'b', type: Type.BOOLEAN, repetitionType: optional },
  { name: 'i32', type: Type.INT32, repetitionType: optional },
  {
    name: 'u32',
    type: Type.INT32,
    repetitionType: optional,
    logicalType: { type: 'INTEGER', bitWidth: 32, isSigned: false },
  },
  { name: 'i64', type: Type.INT64, repetitionType: optional },
  {
    name: 'u64',
    type: Type.INT64,
    repetitionType: optional,
    logicalType: { type: 'INTEGER', bitWidth: 64, isSigned: false },
  },
  { name: 'f', type: Type.FLOAT, repetitionType: optional },
  { name: 'd', type: Type.DOUBLE, repetitionType: optional },
  { name: 's', type: Type.BYTE_ARRAY, repetitionType: optional, logicalType: { type: 'STRING' } },
  { name: 'fixed', type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: 5, repetitionType: optional },
  {
    name: 'dec_bytes',
    type: Type.BYTE_ARRAY,
    repetitionType: optional,
    logicalType: { type: 'DECIMAL', scale: 2, precision: 30 },
  },
  {
    name: 'dec_fixed',
    type: Type.FIXED_LEN_BYTE_ARRAY,
    typeLength: 9,
    repetitionType: optional,
    logicalType: { type: 'DECIMAL', scale: 2, precision: 20 },
  },
  {
    name: 'dec32',
    type: Type.INT32,
    repetitionType: optional,
    logicalType: { type: 'DECIMAL', scale: 2, precision: 9 },
  },
  {
    name: 'dec64',
    type: Type.INT64,
    repetitionType: optional,
    logicalType: { type: 'DECIMAL', scale: 2, precision: 18 },
  },
  {
    name: 'half',
    type: Type.FIXED_LEN_BYTE_ARRAY,
    typeLength: 2,
    repetitionType: optional,
    logicalType: { type: 'FLOAT16' },
  },
];
const schema = new ParquetSchema(elements);
const column = (name: string): ColumnDescriptor => schema.columns.find((c) => c.name === name)!;
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** PLAIN bytes of value i (byte arrays without length; booleans one byte). */
function plainValue(values: PhysicalValues, i: number): Uint8Array {
  if (values.kind === 'byte_array') return values.data.subarray(values.offsets[i], values.offsets[i + 1]);
  const width = bytesOf(values.data).length / physicalLength(values);
  return bytesOf(values.data).subarray(i * width, (i + 1) * width);
}

/** IEEE half bits to a number. */
function halfToNumber(bytes: Uint8Array): number {
  const bits = bytes[0]! | (bytes[1]! << 8);
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (exp === 0 ? frac * 2 ** -24 : (1 + frac / 1024) * 2 ** (exp - 15));
}

/** The reader's key of a PLAIN bound, float16 decoded here (the reader's filters do not support it). */
function readKey(bytes: Uint8Array, name: string): Key | undefined {
  if (name === 'half') {
    const v = halfToNumber(bytes);
    return Number.isNaN(v) ? undefined : v;
  }
  const c = column(name);
  const domain: KeyDomain = keyDomain(c);
  return statisticKey(bytes, c, domain);
}

/** Checks computeBounds against the min/max of the reader's keys of every value. */
function checkBounds(t: Test, name: string, values: PhysicalValues, order: StatOrder): void {
  let lo: Key | undefined;
  let hi: Key | undefined;
  for (let i = 0; i < physicalLength(values); i++) {
    const key = readKey(plainValue(values, i), name);
    if (key === undefined) continue;
    if (lo === undefined || compareKeys(key, lo) < 0) lo = key;
    if (hi === undefined || compareKeys(key, hi) > 0) hi = key;
  }
  const bounds = computeBounds(values, order);
  if (lo === undefined || hi === undefined) {
    t.equal(bounds, undefined, `${name}: no bounds`);
    return;
  }
  if (!bounds) {
    t.fail(`${name}: bounds missing`);
    return;
  }
  const min = readKey(bounds.min, name)!;
  const max = readKey(bounds.max, name)!;
  t.equal(compareKeys(min, lo), 0, `${name}: min ${String(min)} = ${String(lo)}`);
  t.equal(compareKeys(max, hi), 0, `${name}: max ${String(max)} = ${String(hi)}`);
  const isFloat = name === 'f' || name === 'd' || name === 'half';
  if (isFloat && min === 0) t.ok(Object.is(min, -0), `${name}: a zero minimum is -0`);
  if (isFloat && max === 0) t.ok(Object.is(max, 0), `${name}: a zero maximum is +0`);
}

function byteArrays(list: Uint8Array[]): PhysicalValues {
  const offsets = new Int32Array(list.length + 1);
  list.forEach((v, i) => {
    offsets[i + 1] = offsets[i]! + v.length;
  });
  return { kind: 'byte_array', offsets, data: Buffer.concat(list) };
}

/** Big-endian two's complement of `value` in `width` bytes. */
function bigEndian(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let v = BigInt.asUintN(width * 8, value);
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

t.test('bounds agree with the reader for every order, on seeded random values', async (t) => {
  const random = new Random(31);
  for (const n of [1, 2, 3, 7, 8, 9, 33, 1000]) {
    const pickI32 = () =>
      [0, -1, 1, 0x7fffffff, -0x80000000][random.below(8)] ?? (random.u32() | 0) >> random.below(32);
    const pickI64 = () =>
      [0n, -1n, (1n << 63n) - 1n, -(1n << 63n)][random.below(8)] ??
      BigInt.asIntN(64, random.bits(64)) >> BigInt(random.below(64));
    const pickFloat = () =>
      [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324][random.below(12)] ??
      (random.u32() - 2 ** 31) / (1 + random.below(1000));
    checkBounds(t, 'b', { kind: 'boolean', data: Uint8Array.from({ length: n }, () => random.below(2)) }, 'signed');
    const i32 = Int32Array.from({ length: n }, pickI32);
    checkBounds(t, 'i32', { kind: 'int32', data: i32 }, 'signed');
    checkBounds(t, 'u32', { kind: 'int32', data: i32 }, 'unsigned');
    checkBounds(t, 'dec32', { kind: 'int32', data: i32 }, 'signed');
    const i64 = BigInt64Array.from({ length: n }, pickI64);
    checkBounds(t, 'i64', { kind: 'int64', data: i64 }, 'signed');
    checkBounds(t, 'u64', { kind: 'int64', data: i64 }, 'unsigned');
    checkBounds(t, 'dec64', { kind: 'int64', data: i64 }, 'signed');
    checkBounds(t, 'f', { kind: 'float', data: Float32Array.from({ length: n }, pickFloat) }, 'signed');
    checkBounds(t, 'd', { kind: 'double', data: Float64Array.from({ length: n }, pickFloat) }, 'signed');
    const strings = Array.from({ length: n }, () => random.bytes(random.below(6)).map((b) => (b & 1 ? b : 0x61)));
    checkBounds(t, 's', byteArrays(strings), 'unsigned');
    checkBounds(t, 'fixed', { kind: 'fixed_len_byte_array', width: 5, data: random.bytes(5 * n) }, 'unsigned');
    const decimals = Array.from(
      { length: n },
      () => BigInt.asIntN(70, random.bits(64) << 6n) >> BigInt(random.below(70)),
    );
    const minimal = (v: bigint) => {
      let width = 1;
      while (BigInt.asIntN(width * 8, v) !== v) width++;
      return bigEndian(v, width + random.below(2)); // sometimes sign-extended by a byte
    };
    checkBounds(t, 'dec_bytes', byteArrays(decimals.map(minimal)), 'decimal');
    checkBounds(
      t,
      'dec_fixed',
      { kind: 'fixed_len_byte_array', width: 9, data: Buffer.concat(decimals.map((v) => bigEndian(v, 9))) },
      'decimal',
    );
    const halves = Uint16Array.from(
      { length: n },
      () => [0x7e00, 0x0000, 0x8000, 0x7c00, 0xfc00, 0xfe01][random.below(12)] ?? random.u32() & 0xffff,
    );
    checkBounds(t, 'half', { kind: 'fixed_len_byte_array', width: 2, data: bytesOf(halves) }, 'float16');
  }
});

t.test('floats: NaN only gives no bounds, zeros give -0 and +0', async (t) => {
  t.equal(computeBounds({ kind: 'double', data: Float64Array.of(Number.NaN, Number.NaN) }, 'signed'), undefined);
  t.equal(computeBounds({ kind: 'float', data: new Float32Array(20).fill(Number.NaN) }, 'signed'), undefined);
  const zeros = computeBounds({ kind: 'double', data: new Float64Array(20) }, 'signed')!;
  t.ok(Object.is(new DataView(zeros.min.buffer).getFloat64(0, true), -0));
  t.ok(Object.is(new DataView(zeros.max.buffer).getFloat64(0, true), 0));
  const negZeros = computeBounds({ kind: 'float', data: new Float32Array(3).fill(-0) }, 'signed')!;
  t.ok(Object.is(new DataView(negZeros.max.buffer).getFloat32(0, true), 0));
  const halfNaN = computeBounds({ kind: 'fixed_len_byte_array', width: 2, data: Uint8Array.of(0, 0x7e) }, 'float16');
  t.equal(halfNaN, undefined);
  const halfZero = computeBounds({ kind: 'fixed_len_byte_array', width: 2, data: Uint8Array.of(0, 0) }, 'float16')!;
  t.same([...halfZero.min, ...halfZero.max], [0, 0x80, 0, 0]);
});

t.test('no values, INT96 and order none give no bounds; wrong orders throw', async (t) => {
  t.equal(computeBounds({ kind: 'int32', data: new Int32Array(0) }, 'signed'), undefined);
  t.equal(computeBounds({ kind: 'boolean', data: new Uint8Array(0) }, 'signed'), undefined);
  t.equal(
    computeBounds({ kind: 'byte_array', offsets: Int32Array.of(3), data: new Uint8Array(5) }, 'unsigned'),
    undefined,
  );
  t.equal(computeBounds({ kind: 'int96', data: new Uint8Array(24) }, 'signed'), undefined);
  t.equal(computeBounds({ kind: 'int32', data: Int32Array.of(1) }, 'none'), undefined);
  t.throws(() => computeBounds({ kind: 'double', data: Float64Array.of(1) }, 'unsigned'), { code: 'BAD_ARGUMENT' });
  t.throws(() => computeBounds({ kind: 'fixed_len_byte_array', width: 3, data: new Uint8Array(3) }, 'float16'), {
    code: 'BAD_ARGUMENT',
  });
});

t.test('byte arrays: a page subarray of the chunk offsets, empty strings', async (t) => {
  const text = new TextEncoder();
  const words = ['pear', '', 'apple', 'zebra', 'apples', 'z'];
  const all = byteArrays(words.map((w) => text.encode(w))) as {
    kind: 'byte_array';
    offsets: Int32Array;
    data: Uint8Array;
  };
  const b = computeBounds(all, 'unsigned')!;
  t.same(Buffer.from(b.min).toString(), '');
  t.same(Buffer.from(b.max).toString(), 'zebra');
  const page = computeBounds({ kind: 'byte_array', offsets: all.offsets.subarray(2, 5), data: all.data }, 'unsigned')!;
  t.same(Buffer.from(page.min).toString(), 'apple');
  t.same(Buffer.from(page.max).toString(), 'zebra');
});

t.test('mergeBounds folds page bounds into the chunk bounds', async (t) => {
  const random = new Random(32);
  const cases: [PhysicalValues, StatOrder][] = [
    [{ kind: 'int32', data: Int32Array.from({ length: 300 }, () => random.u32() | 0) }, 'unsigned'],
    [{ kind: 'int64', data: BigInt64Array.from({ length: 300 }, () => BigInt.asIntN(64, random.bits(64))) }, 'signed'],
    [
      {
        kind: 'double',
        data: Float64Array.from({ length: 300 }, (_, i) => (i % 50 === 0 ? -0 : random.u32() - 2 ** 31)),
      },
      'signed',
    ],
    [{ kind: 'fixed_len_byte_array', width: 3, data: random.bytes(900) }, 'decimal'],
    [{ kind: 'fixed_len_byte_array', width: 2, data: random.bytes(600) }, 'float16'],
    [{ kind: 'fixed_len_byte_array', width: 4, data: random.bytes(1200) }, 'unsigned'],
  ];
  for (const [values, order] of cases) {
    let merged: ReturnType<typeof computeBounds>;
    for (let start = 0; start < 300; start += 70) {
      const page = sliceValues(values, start, Math.min(300, start + 70));
      merged = mergeBounds(merged, computeBounds(page, order), values.kind, order);
    }
    const whole = computeBounds(values, order)!;
    t.equal(compareBoundValues(merged!.min, whole.min, values.kind, order), 0, `${values.kind} ${order} min`);
    t.equal(compareBoundValues(merged!.max, whole.max, values.kind, order), 0, `${values.kind} ${order} max`);
  }
});

function sliceValues(values: PhysicalValues, start: number, end: number): PhysicalValues {
  switch (values.kind) {
    case 'fixed_len_byte_array':
      return { ...values, data: values.data.subarray(start * values.width, end * values.width) };
    case 'int32':
      return { kind: 'int32', data: values.data.subarray(start, end) };
    case 'int64':
      return { kind: 'int64', data: values.data.subarray(start, end) };
    case 'double':
      return { kind: 'double', data: values.data.subarray(start, end) };
    default:
      throw new Error('not used');
  }
}
