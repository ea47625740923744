// Turns decoded physical values into Arrow Data of the column's Arrow type. Numeric buffers are handed to Arrow
// as they are (typed-array views over the decoded bytes, no copy); only the logical conversions that change the
// representation (INT96, narrow integers, decimals) produce new buffers.
import * as arrow from 'apache-arrow';
import type { ArrowColumnType } from '../arrow_types.js';
import { ParquetError } from '../errors.js';
import type { PhysicalColumn } from './column_output.js';

/** Arrow Data for a decoded flat column. */
export function toArrowData(column: PhysicalColumn, target: ArrowColumnType, typeLength: number): arrow.Data {
  const { length, nullCount } = column;
  const nullBitmap = column.validity;
  const type = target.type;
  const values = column.values;
  switch (target.conversion) {
    case 'int96':
      return arrow.makeData({
        type: type as arrow.Timestamp,
        length,
        nullCount,
        nullBitmap,
        data: int96ToTimestamps(values!, length, (type as arrow.Timestamp).unit, nullBitmap),
      });
    case 'narrow8': {
      const wide = view(Int32Array, values!, length);
      const data =
        type.typeId === arrow.Type.Int && (type as arrow.Int).isSigned ? new Int8Array(wide) : new Uint8Array(wide);
      return arrow.makeData({ type: type as arrow.Int8, length, nullCount, nullBitmap, data });
    }
    case 'narrow16': {
      const wide = view(Int32Array, values!, length);
      const data = (type as arrow.Int).isSigned ? new Int16Array(wide) : new Uint16Array(wide);
      return arrow.makeData({ type: type as arrow.Int16, length, nullCount, nullBitmap, data });
    }
    case 'decimalFromInt32':
    case 'decimalFromInt64':
    case 'decimalFromBytes': {
      const decimal = type as arrow.Decimal;
      const words = decimal.bitWidth / 32;
      const data =
        target.conversion === 'decimalFromInt32'
          ? decimalFromInt32(view(Int32Array, values!, length), words)
          : target.conversion === 'decimalFromInt64'
            ? decimalFromInt64(view(Int32Array, values!, length * 2), length, words)
            : decimalFromBytes(column, typeLength, words);
      return arrow.makeData({ type: decimal, length, nullCount, nullBitmap, data });
    }
    default:
      return plainData(column, type, typeLength);
  }
}

/**
 * Arrow Data of type `type` (a Dictionary of the column's value type, shared by every batch of a read) for a column
 * decoded with its dictionary kept: int32 indices, the dictionary's values as the dictionary vector.
 */
export function toArrowDictionaryData(
  column: PhysicalColumn,
  type: arrow.Dictionary,
  valueType: ArrowColumnType,
  typeLength: number,
): arrow.Data {
  const dictionary = arrow.makeVector(toArrowData(column.dictionary!, valueType, typeLength));
  const indices = view(Int32Array, column.values!, column.length);
  return arrow.makeData({
    type,
    length: column.length,
    nullCount: column.nullCount,
    nullBitmap: column.validity,
    data: indices,
    dictionary,
  });
}

function plainData(column: PhysicalColumn, type: arrow.DataType, typeLength: number): arrow.Data {
  const { length, nullCount } = column;
  const nullBitmap = column.validity;
  const values = column.values!;
  switch (type.typeId) {
    case arrow.Type.Bool:
      return arrow.makeData({ type: type as arrow.Bool, length, nullCount, nullBitmap, data: values });
    case arrow.Type.Utf8:
    case arrow.Type.Binary:
      return arrow.makeData({
        type: type as arrow.Utf8,
        length,
        nullCount,
        nullBitmap,
        valueOffsets: column.offsets!,
        data: column.bytes!,
      });
    case arrow.Type.FixedSizeBinary:
      return arrow.makeData({ type: type as arrow.FixedSizeBinary, length, nullCount, nullBitmap, data: values });
    case arrow.Type.Float:
    case arrow.Type.Int:
    case arrow.Type.Date:
    case arrow.Type.Time:
    case arrow.Type.Timestamp: {
      // The decoded little-endian values already have the Arrow type's width: view them as its array type.
      const data = view(type.ArrayType as ViewCtor<Int32Array>, values, length);
      return arrow.makeData({ type: type as arrow.Int32, length, nullCount, nullBitmap, data: data as Int32Array });
    }
    default:
      throw new ParquetError('UNSUPPORTED', `no Arrow mapping for type ${type} (type length ${typeLength})`);
  }
}

type ViewCtor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

/** A typed view over decoded bytes (no copy when aligned; the decoder allocates them aligned). */
function view<T>(ctor: ViewCtor<T>, bytes: Uint8Array, length: number): T {
  if (bytes.byteOffset % ctor.BYTES_PER_ELEMENT !== 0) {
    const copy = bytes.slice();
    return new ctor(copy.buffer, 0, length);
  }
  return new ctor(bytes.buffer, bytes.byteOffset, length);
}

const UNIT_NAMES: Record<arrow.TimeUnit, string> = {
  [arrow.TimeUnit.SECOND]: 's',
  [arrow.TimeUnit.MILLISECOND]: 'ms',
  [arrow.TimeUnit.MICROSECOND]: 'us',
  [arrow.TimeUnit.NANOSECOND]: 'ns',
};

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return q * b > a ? q - 1n : q;
};

/**
 * INT96 timestamps: 8 bytes nanoseconds within the day, then 4 bytes Julian day (both little-endian), to int64 in
 * `unit` since the epoch.
 *
 * The instant is Spark's reading of the 96 bits: (day - epoch day) * µs per day + nanos / 1000 in wrapping int64
 * microseconds, plus the sub-microsecond nanos. The wrap is not ours to remove: Spark's writer computes the Julian
 * microseconds in int64 and wraps past year ~290000 (parquet-testing's int96_from_spark row 5 holds Julian day
 * -105862232 for +290000-12-30T23:00Z), and its reader's wrap undoes it. Coarser units floor that instant; an
 * instant that does not fit int64 in `unit` (beyond 1677-2262 in nanoseconds) is an error naming the row, never a
 * wrapped date.
 */
function int96ToTimestamps(
  bytes: Uint8Array,
  length: number,
  unit: arrow.TimeUnit,
  validity: Uint8Array | undefined,
): BigInt64Array {
  const out = new BigInt64Array(length);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const JULIAN_EPOCH = 2440588; // Julian day number of 1970-01-01
  for (let i = 0; i < length; i++) {
    if (validity && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue; // null slots hold unspecified bytes
    const nanos = dv.getBigInt64(i * 12, true);
    const day = dv.getInt32(i * 12 + 8, true);
    const wholeMicros = floorDiv(nanos, 1000n);
    const micros = BigInt.asIntN(64, BigInt(day - JULIAN_EPOCH) * 86_400_000_000n + wholeMicros);
    let value: bigint;
    if (unit === arrow.TimeUnit.MICROSECOND) value = micros;
    else if (unit === arrow.TimeUnit.MILLISECOND) value = floorDiv(micros, 1000n);
    else if (unit === arrow.TimeUnit.SECOND) value = floorDiv(micros, 1_000_000n);
    else {
      value = micros * 1000n + (nanos - wholeMicros * 1000n);
      if (BigInt.asIntN(64, value) !== value) {
        throw new ParquetError(
          'INVALID_VALUE',
          `INT96 timestamp (Julian day ${day}, ${nanos} ns of the day) does not fit int64 ${UNIT_NAMES[unit]}; ` +
            "read it with int96TimestampUnit 'us'",
          { row: i },
        );
      }
    }
    out[i] = value;
  }
  return out;
}

function decimalFromInt32(values: Int32Array, words: number): Uint32Array {
  const out = new Uint32Array(values.length * words);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const sign = v < 0 ? 0xffffffff : 0;
    out[i * words] = v >>> 0;
    for (let w = 1; w < words; w++) out[i * words + w] = sign;
  }
  return out;
}

function decimalFromInt64(pairs: Int32Array, length: number, words: number): Uint32Array {
  const out = new Uint32Array(length * words);
  for (let i = 0; i < length; i++) {
    const hi = pairs[i * 2 + 1]!;
    const sign = hi < 0 ? 0xffffffff : 0;
    out[i * words] = pairs[i * 2]! >>> 0;
    out[i * words + 1] = hi >>> 0;
    for (let w = 2; w < words; w++) out[i * words + w] = sign;
  }
  return out;
}

/** Big-endian two's complement byte strings (any length) to little-endian 32-bit words, sign-extended. */
function decimalFromBytes(column: PhysicalColumn, typeLength: number, words: number): Uint32Array {
  const { length } = column;
  const out = new Uint32Array(length * words);
  const outBytes = new Uint8Array(out.buffer);
  const width = words * 4;
  for (let i = 0; i < length; i++) {
    let start: number;
    let end: number;
    let src: Uint8Array;
    if (column.offsets) {
      src = column.bytes!;
      start = column.offsets[i]!;
      end = column.offsets[i + 1]!;
    } else {
      src = column.values!;
      start = i * typeLength;
      end = start + typeLength;
    }
    if (end === start) continue; // a null slot (or an empty value, read as 0)
    const negative = (src[start]! & 0x80) !== 0;
    const n = end - start;
    if (n > width) {
      for (let k = start; k < end - width; k++) {
        if (src[k] !== (negative ? 0xff : 0)) {
          throw new ParquetError('BAD_ENCODING', `decimal value of ${n} bytes does not fit ${width * 8} bits`);
        }
      }
    }
    const base = i * width;
    for (let k = 0; k < width; k++) {
      const srcIndex = end - 1 - k;
      outBytes[base + k] = srcIndex >= start ? src[srcIndex]! : negative ? 0xff : 0;
    }
  }
  return out;
}
