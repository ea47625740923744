// Min/max bounds of a page or column chunk for Statistics.min_value/max_value and the column index, PLAIN-encoded
// (byte arrays without their length), in the sort order parquet.thrift `ColumnOrder` (TypeDefinedOrder) gives the
// column's logical type. The scans run in the assembly/min_max.ts kernels.
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import type { PhysicalValues } from './leaf_data.js';
import { copyValuesIn } from './values_in_arena.js';

/**
 * How a column's values are ordered for statistics: signed integers (and booleans, false < true), unsigned
 * integers (UINT_8..UINT_64) and unsigned byte-wise strings (the default for BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY),
 * IEEE floats (float, double, or `float16` for FLOAT16 in a 2-byte FLBA), `decimal` (big-endian two's complement
 * byte arrays; INT32/INT64 decimals are `signed`), or `none` when the type has no defined order (INT96, INTERVAL).
 */
export type StatOrder = 'signed' | 'unsigned' | 'float16' | 'decimal' | 'none';

/** PLAIN-encoded smallest and largest value. */
export interface ValueBounds {
  readonly min: Uint8Array;
  readonly max: Uint8Array;
}

/**
 * The min and max of `values` in `order`, PLAIN-encoded; undefined when there is no value to bound (no values, only
 * NaNs) or the order is `none`. Floats ignore NaN and write a zero minimum as -0 and a zero maximum as +0
 * (parquet.thrift ColumnOrder), so readers that compare with either zero stay correct. Binary bounds are not
 * truncated here (see truncate.ts).
 */
export function computeBounds(values: PhysicalValues, order: StatOrder): ValueBounds | undefined {
  if (order === 'none' || values.kind === 'int96') return undefined;
  checkOrder(values, order);
  if (values.kind === 'boolean') return booleanBounds(values.data);
  const a = arena();
  const mark = a.mark();
  try {
    const v = copyValuesIn(a, values);
    if (v.count === 0) return undefined;
    const out = a.alloc(32);
    switch (values.kind) {
      case 'int32':
        a.wasm.minMaxInt32(v.dataPtr, v.count, order === 'unsigned' ? 1 : 0, out);
        return split(a.u8().slice(out, out + 8), 4);
      case 'int64':
        a.wasm.minMaxInt64(v.dataPtr, v.count, order === 'unsigned' ? 1 : 0, out);
        return split(a.u8().slice(out, out + 16), 8);
      case 'float': {
        if (a.wasm.minMaxFloat32(v.dataPtr, v.count, out) === 0) return undefined;
        const [lo, hi] = a.view(Float32Array, out, 2);
        return { min: floatBytes(lo === 0 ? -0 : lo!, 4), max: floatBytes(hi === 0 ? 0 : hi!, 4) };
      }
      case 'double': {
        if (a.wasm.minMaxFloat64(v.dataPtr, v.count, out) === 0) return undefined;
        const [lo, hi] = a.view(Float64Array, out, 2);
        return { min: floatBytes(lo === 0 ? -0 : lo!, 8), max: floatBytes(hi === 0 ? 0 : hi!, 8) };
      }
      case 'fixed_len_byte_array': {
        if (order === 'float16') {
          if (a.wasm.minMaxFloat16(v.dataPtr, v.count, out) === 0) return undefined;
          const [lo, hi] = a.view(Uint16Array, out, 2);
          return { min: halfBytes(isHalfZero(lo!) ? 0x8000 : lo!), max: halfBytes(isHalfZero(hi!) ? 0 : hi!) };
        }
        a.wasm.minMaxFixedBytes(v.dataPtr, v.count, v.width, order === 'decimal' ? 1 : 0, out);
        const [lo, hi] = a.view(Int32Array, out, 2);
        const u8 = a.u8();
        const at = (i: number) => u8.slice(v.dataPtr + i * v.width, v.dataPtr + (i + 1) * v.width);
        return { min: at(lo!), max: at(hi!) };
      }
      case 'byte_array': {
        a.wasm.minMaxByteArray(v.offsetsPtr, v.count, v.dataPtr, v.base, order === 'decimal' ? 1 : 0, out);
        const [lo, hi] = a.view(Int32Array, out, 2);
        const { offsets, data } = values;
        return { min: data.slice(offsets[lo!], offsets[lo! + 1]), max: data.slice(offsets[hi!], offsets[hi! + 1]) };
      }
    }
  } finally {
    a.release(mark);
  }
}

/** Rejects an order that makes no sense for the physical type (a caller bug, not a data error). */
function checkOrder(values: PhysicalValues, order: StatOrder): void {
  const ok =
    values.kind === 'fixed_len_byte_array'
      ? order !== 'signed' && (order !== 'float16' || values.width === 2)
      : values.kind === 'byte_array'
        ? order === 'unsigned' || order === 'decimal'
        : values.kind === 'float' || values.kind === 'double'
          ? order === 'signed'
          : order === 'signed' || order === 'unsigned' || order === 'decimal';
  if (!ok) throw new ParquetError('BAD_ARGUMENT', `statistics: order ${order} does not apply to ${values.kind} values`);
}

function booleanBounds(data: Uint8Array): ValueBounds | undefined {
  if (data.length === 0) return undefined;
  const hasFalse = data.indexOf(0) >= 0;
  const hasTrue = hasFalse ? data.indexOf(1) >= 0 : true;
  return { min: Uint8Array.of(hasFalse ? 0 : 1), max: Uint8Array.of(hasTrue ? 1 : 0) };
}

/** Splits the kernel's [min, max] output of two `width`-byte values. */
function split(bytes: Uint8Array, width: number): ValueBounds {
  return { min: bytes.slice(0, width), max: bytes.slice(width, 2 * width) };
}

function floatBytes(value: number, width: 4 | 8): Uint8Array {
  const out = new Uint8Array(width);
  const view = new DataView(out.buffer);
  if (width === 4) view.setFloat32(0, value, true);
  else view.setFloat64(0, value, true);
  return out;
}

function isHalfZero(bits: number): boolean {
  return (bits & 0x7fff) === 0;
}

function halfBytes(bits: number): Uint8Array {
  return Uint8Array.of(bits & 0xff, bits >>> 8);
}

/**
 * Orders two PLAIN-encoded bounds of `kind` values in `order` (negative, zero, positive): what a writer needs to
 * fold page bounds into chunk bounds. Float bounds never hold NaN; -0 sorts before +0.
 */
export function compareBoundValues(
  a: Uint8Array,
  b: Uint8Array,
  kind: PhysicalValues['kind'],
  order: StatOrder,
): number {
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sign = (x: number | bigint, y: number | bigint) => (x < y ? -1 : x > y ? 1 : 0);
  switch (kind) {
    case 'boolean':
      return a[0]! - b[0]!;
    case 'int32':
      return order === 'unsigned'
        ? sign(va.getUint32(0, true), vb.getUint32(0, true))
        : sign(va.getInt32(0, true), vb.getInt32(0, true));
    case 'int64':
      return order === 'unsigned'
        ? sign(va.getBigUint64(0, true), vb.getBigUint64(0, true))
        : sign(va.getBigInt64(0, true), vb.getBigInt64(0, true));
    case 'float':
      return compareFloats(va.getFloat32(0, true), vb.getFloat32(0, true));
    case 'double':
      return compareFloats(va.getFloat64(0, true), vb.getFloat64(0, true));
    default:
      if (order === 'float16') return sign(halfKey(va.getUint16(0, true)), halfKey(vb.getUint16(0, true)));
      if (order === 'decimal') return sign(bigEndianSigned(a), bigEndianSigned(b));
      return Buffer.compare(a, b);
  }
}

/** The bounds covering both `a` and `b` (either may be undefined: no values). */
export function mergeBounds(
  a: ValueBounds | undefined,
  b: ValueBounds | undefined,
  kind: PhysicalValues['kind'],
  order: StatOrder,
): ValueBounds | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    min: compareBoundValues(b.min, a.min, kind, order) < 0 ? b.min : a.min,
    max: compareBoundValues(b.max, a.max, kind, order) > 0 ? b.max : a.max,
  };
}

/** Numeric order with -0 below +0. */
function compareFloats(x: number, y: number): number {
  if (x !== y) return x < y ? -1 : 1;
  return x === 0 ? Number(!Object.is(x, -0)) - Number(!Object.is(y, -0)) : 0;
}

function halfKey(bits: number): number {
  return bits & 0x8000 ? ~bits & 0xffff : bits | 0x8000;
}

function bigEndianSigned(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return bytes.length > 0 && bytes[0]! & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}
