// Facts about the Arrow layout of each DataType: which typed array holds its values, how many elements a row
// takes, and the bitmap arithmetic every operation shares.
import type { Column, DataType, ValuesArray } from './types.js';

/** A constructor of one of the value typed arrays. */
export type ValuesConstructor = {
  new (length: number): ValuesArray;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): ValuesArray;
  readonly BYTES_PER_ELEMENT: number;
};

/** The fixed-width storage of a type: the typed array of its `values` and the elements per row. */
export interface FixedLayout {
  readonly array: ValuesConstructor;
  readonly stride: number;
}

const UNIT_IS_64: Record<string, boolean> = { s: false, ms: false, us: true, ns: true };

/** The fixed-width layout of `type`, or undefined for bool (a bitmap), variable-size, nested and null types. */
export function fixedLayout(type: DataType): FixedLayout | undefined {
  const one = (array: ValuesConstructor, stride = 1): FixedLayout => ({ array, stride });
  switch (type.kind) {
    case 'int8':
      return one(Int8Array);
    case 'uint8':
      return one(Uint8Array);
    case 'int16':
      return one(Int16Array);
    case 'uint16':
    case 'float16':
      return one(Uint16Array);
    case 'int32':
    case 'date32':
      return one(Int32Array);
    case 'uint32':
      return one(Uint32Array);
    case 'int64':
    case 'date64':
    case 'timestamp':
    case 'duration':
      return one(BigInt64Array);
    case 'uint64':
      return one(BigUint64Array);
    case 'float32':
      return one(Float32Array);
    case 'float64':
      return one(Float64Array);
    case 'time':
      return one(UNIT_IS_64[type.unit] ? BigInt64Array : Int32Array);
    case 'decimal':
      return one(Uint32Array, type.bitWidth / 32);
    case 'interval':
      return one(Int32Array, type.unit === 'year_month' ? 1 : type.unit === 'day_time' ? 2 : 4);
    case 'fixed_size_binary':
      return one(Uint8Array, type.byteWidth);
    case 'dictionary':
      return fixedLayout(type.index);
    default:
      return undefined;
  }
}

/**
 * True for the scalar number types: integers, floats, and the temporal types stored as integer counts (date, time,
 * timestamp, duration). Not bool, decimal, interval or dictionary: callers that take those say so themselves.
 */
export function isNumberLike(type: DataType): boolean {
  switch (type.kind) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'float16':
    case 'float32':
    case 'float64':
    case 'date32':
    case 'date64':
    case 'time':
    case 'timestamp':
    case 'duration':
      return true;
    default:
      return false;
  }
}

/** True for utf8/binary and their large variants (offsets + bytes). */
export function isBinaryLike(type: DataType): boolean {
  return type.kind === 'utf8' || type.kind === 'binary' || type.kind === 'large_utf8' || type.kind === 'large_binary';
}

/** True for the types whose offsets are 64-bit (BigInt64Array). */
export function hasLargeOffsets(type: DataType): boolean {
  return type.kind === 'large_utf8' || type.kind === 'large_binary' || type.kind === 'large_list';
}

/** Bytes of a bitmap of `bits` bits. */
export function bitmapBytes(bits: number): number {
  return (bits + 7) >> 3;
}

/** Bit `i` of an LSB-first bitmap. */
export function getBit(bitmap: Uint8Array, i: number): boolean {
  return ((bitmap[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Sets bit `i` of an LSB-first bitmap. */
export function setBit(bitmap: Uint8Array, i: number): void {
  bitmap[i >> 3]! |= 1 << (i & 7);
}

/** Whether row `i` of `column` is valid (not null). */
export function isValid(column: Column, i: number): boolean {
  if (column.type.kind === 'null') return false;
  return column.validity === undefined || getBit(column.validity, i);
}

/** Counts the set bits among the first `length` bits of `bitmap`. */
export function countSetBits(bitmap: Uint8Array, length: number): number {
  let count = 0;
  const whole = length >> 3;
  for (let i = 0; i < whole; i++) count += POPCOUNT[bitmap[i]!]!;
  for (let i = whole << 3; i < length; i++) count += (bitmap[i >> 3]! >> (i & 7)) & 1;
  return count;
}

const POPCOUNT = (() => {
  const table = new Uint8Array(256);
  for (let i = 1; i < 256; i++) table[i] = (i & 1) + table[i >> 1]!;
  return table;
})();

/** Copies `count` bits from bit `from` of `src` to bit `to` of `dst` (which must have the target bits zero). */
export function copyBitRange(src: Uint8Array, from: number, dst: Uint8Array, to: number, count: number): void {
  if ((from & 7) === 0 && (to & 7) === 0) {
    const whole = count >> 3;
    dst.set(src.subarray(from >> 3, (from >> 3) + whole), to >> 3);
    for (let i = whole << 3; i < count; i++) if (getBit(src, from + i)) setBit(dst, to + i);
    return;
  }
  for (let i = 0; i < count; i++) if (getBit(src, from + i)) setBit(dst, to + i);
}

/** Offset `i` of a 32- or 64-bit offsets buffer, as a number. */
export function offsetAt(offsets: Int32Array | BigInt64Array, i: number): number {
  return Number(offsets[i]!);
}

/** A bitmap of `length` bits from bit `offset` of `bits`: a view when `offset` is a multiple of 8, else a copy. */
export function sliceBitmap(bits: Uint8Array, offset: number, length: number): Uint8Array {
  if ((offset & 7) === 0) return bits.subarray(offset >> 3, (offset >> 3) + bitmapBytes(length));
  const out = new Uint8Array(bitmapBytes(length));
  copyBitRange(bits, offset, out, 0, length);
  return out;
}
