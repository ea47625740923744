// How the writer orders min/max values (PLAIN bytes, as Statistics and ColumnIndex store them): which order a column
// follows (parquet.thrift ColumnOrder / the logical types' sort orders) and a comparison of two encoded bounds,
// used for the column index's boundary_order.
import { ConvertedType, Type } from '../metadata/enums.js';
import type { SchemaElement } from '../metadata/types.js';

/** Sort order of a column's statistics; 'none' where the spec leaves it undefined (INT96, INTERVAL). */
export type StatOrder = 'signed' | 'unsigned' | 'float16' | 'decimal' | 'none';

/** The order statistics of a leaf with this schema element follow. */
export function statOrderOf(element: SchemaElement): StatOrder {
  const logical = element.logicalType;
  switch (element.type) {
    case Type.INT32:
    case Type.INT64:
      if (logical?.type === 'INTEGER') return logical.isSigned ? 'signed' : 'unsigned';
      return element.convertedType !== undefined &&
        element.convertedType >= ConvertedType.UINT_8 &&
        element.convertedType <= ConvertedType.UINT_64
        ? 'unsigned'
        : 'signed';
    case Type.INT96:
      return 'none';
    case Type.BYTE_ARRAY:
    case Type.FIXED_LEN_BYTE_ARRAY:
      if (logical?.type === 'DECIMAL' || element.convertedType === ConvertedType.DECIMAL) return 'decimal';
      if (logical?.type === 'FLOAT16') return 'float16';
      if (element.convertedType === ConvertedType.INTERVAL) return 'none';
      return 'unsigned';
    default:
      return 'signed'; // BOOLEAN (false < true), FLOAT, DOUBLE
  }
}

/** True when byte-array bounds of this element are UTF-8 text (truncation must respect character boundaries). */
export function isUtf8(element: SchemaElement): boolean {
  const logical = element.logicalType?.type;
  return (
    logical === 'STRING' ||
    logical === 'JSON' ||
    logical === 'ENUM' ||
    element.convertedType === ConvertedType.UTF8 ||
    element.convertedType === ConvertedType.JSON ||
    element.convertedType === ConvertedType.ENUM
  );
}

/** Compares two PLAIN-encoded bounds of a column with physical type `type` under `order` (negative: a < b). */
export function compareBounds(a: Uint8Array, b: Uint8Array, type: number, order: StatOrder): number {
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (type) {
    case Type.BOOLEAN:
      return (a[0] ?? 0) - (b[0] ?? 0);
    case Type.INT32:
      return order === 'unsigned'
        ? va.getUint32(0, true) - vb.getUint32(0, true)
        : va.getInt32(0, true) - vb.getInt32(0, true);
    case Type.INT64: {
      const x = order === 'unsigned' ? va.getBigUint64(0, true) : va.getBigInt64(0, true);
      const y = order === 'unsigned' ? vb.getBigUint64(0, true) : vb.getBigInt64(0, true);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Type.FLOAT:
      return va.getFloat32(0, true) - vb.getFloat32(0, true);
    case Type.DOUBLE:
      return va.getFloat64(0, true) - vb.getFloat64(0, true);
    default:
      if (order === 'decimal') return compareBigEndianSigned(a, b);
      if (order === 'float16') return halfToNumber(va.getUint16(0, true)) - halfToNumber(vb.getUint16(0, true));
      return compareUnsignedBytes(a, b);
  }
}

function compareUnsignedBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Big-endian two's complement integers of possibly different lengths (DECIMAL on byte arrays). */
function compareBigEndianSigned(a: Uint8Array, b: Uint8Array): number {
  const sign = (x: Uint8Array): number => ((x[0] ?? 0) & 0x80 ? -1 : 0);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    // Sign-extend the shorter value on the left.
    const ai = i - (n - a.length);
    const bi = i - (n - b.length);
    const x = ai < 0 ? sign(a) & 0xff : (a[ai] as number);
    const y = bi < 0 ? sign(b) & 0xff : (b[bi] as number);
    if (x === y) continue;
    if (i === 0) return ((x << 24) >> 24) - ((y << 24) >> 24); // the top byte carries the sign
    return x - y;
  }
  return 0;
}

/** IEEE 754 binary16 to a number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
