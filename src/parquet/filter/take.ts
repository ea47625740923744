// Gathers rows of Arrow data by index into new, contiguous Arrow data: every layout the reader produces
// (fixed width, booleans, variable-length binary, fixed-size binary, decimals, lists and maps over their offsets,
// structs, fixed-size lists).
import * as arrow from 'apache-arrow';
import { ParquetError } from '../errors.js';

/** The rows `indices` (each in [0, data.length)) of `data`, in that order. */
export function takeData(data: arrow.Data, indices: Int32Array): arrow.Data {
  const length = indices.length;
  const { nullBitmap, nullCount } = takeValidity(data, indices);
  const type = data.type;
  switch (data.typeId) {
    case arrow.Type.Null:
      return arrow.makeData({ type: type as arrow.Null, length, nullCount: length });
    case arrow.Type.Bool:
      return arrow.makeData({
        type: type as arrow.Bool,
        length,
        nullCount,
        nullBitmap,
        data: gatherBits(data.values as Uint8Array, data.offset, indices),
      });
    case arrow.Type.Utf8:
    case arrow.Type.Binary: {
      const { valueOffsets, values } = gatherVariable(
        data.valueOffsets as Int32Array,
        data.values as Uint8Array,
        indices,
      );
      return arrow.makeData({ type: type as arrow.Utf8, length, nullCount, nullBitmap, valueOffsets, data: values });
    }
    case arrow.Type.FixedSizeBinary:
      return arrow.makeData({
        type: type as arrow.FixedSizeBinary,
        length,
        nullCount,
        nullBitmap,
        data: gatherStrided(data.values as Uint8Array, data.stride, indices),
      });
    case arrow.Type.Decimal:
      return arrow.makeData({
        type: type as arrow.Decimal,
        length,
        nullCount,
        nullBitmap,
        data: gatherStrided(data.values as Uint32Array, data.stride, indices),
      });
    case arrow.Type.Int:
    case arrow.Type.Float:
    case arrow.Type.Date:
    case arrow.Type.Time:
    case arrow.Type.Timestamp:
    case arrow.Type.Duration:
    case arrow.Type.Interval: {
      const values = gatherStrided(data.values as Int32Array, data.stride, indices);
      return arrow.makeData({ type: type as arrow.Int, length, nullCount, nullBitmap, data: values });
    }
    case arrow.Type.Struct:
      return arrow.makeData({
        type: type as arrow.Struct,
        length,
        nullCount,
        nullBitmap,
        children: data.children.map((child) => takeData(child, indices)),
      });
    case arrow.Type.List:
    case arrow.Type.Map: {
      const offsets = data.valueOffsets as Int32Array;
      const valueOffsets = new Int32Array(length + 1);
      let total = 0;
      for (let k = 0; k < length; k++) {
        const i = indices[k]!;
        total += offsets[i + 1]! - offsets[i]!;
        valueOffsets[k + 1] = total;
      }
      const childRows = new Int32Array(total);
      for (let k = 0, p = 0; k < length; k++) {
        const i = indices[k]!;
        for (let r = offsets[i]!; r < offsets[i + 1]!; r++) childRows[p++] = r;
      }
      const child = takeData(data.children[0]!, childRows);
      return arrow.makeData({ type: type as arrow.List, length, nullCount, nullBitmap, valueOffsets, child });
    }
    case arrow.Type.FixedSizeList: {
      const size = (type as arrow.FixedSizeList).listSize;
      const childRows = new Int32Array(length * size);
      for (let k = 0; k < length; k++) for (let j = 0; j < size; j++) childRows[k * size + j] = indices[k]! * size + j;
      const child = takeData(data.children[0]!, childRows);
      return arrow.makeData({ type: type as arrow.FixedSizeList, length, nullCount, nullBitmap, child });
    }
    default:
      throw new ParquetError('UNSUPPORTED', `filter: cannot take rows of Arrow type ${String(type)}`);
  }
}

/** The validity bitmap of the taken rows (undefined when none is null). Bitmaps are not sliced by Arrow JS:
 *  bit `data.offset + i` is row i's. */
function takeValidity(data: arrow.Data, indices: Int32Array): { nullBitmap?: Uint8Array; nullCount: number } {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return { nullCount: 0 };
  const nullBitmap = gatherBits(data.nullBitmap, data.offset, indices);
  let valid = 0;
  for (let k = 0; k < indices.length; k++) valid += (nullBitmap[k >> 3]! >> (k & 7)) & 1;
  const nullCount = indices.length - valid;
  return nullCount === 0 ? { nullCount: 0 } : { nullBitmap, nullCount };
}

function gatherBits(bits: Uint8Array, offset: number, indices: Int32Array): Uint8Array {
  const out = new Uint8Array((indices.length + 7) >> 3);
  for (let k = 0; k < indices.length; k++) {
    const i = offset + indices[k]!;
    if ((bits[i >> 3]! >> (i & 7)) & 1) out[k >> 3]! |= 1 << (k & 7);
  }
  return out;
}

type Gatherable =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

function gatherStrided<T extends Gatherable>(values: T, stride: number, indices: Int32Array): T {
  const Ctor = values.constructor as new (n: number) => T;
  const out = new Ctor(indices.length * stride);
  if (stride === 1) {
    const src = values as unknown as number[];
    const dst = out as unknown as number[];
    for (let k = 0; k < indices.length; k++) dst[k] = src[indices[k]!]!;
    return out;
  }
  for (let k = 0; k < indices.length; k++)
    out.set(values.subarray(indices[k]! * stride, (indices[k]! + 1) * stride) as never, k * stride);
  return out;
}

function gatherVariable(
  offsets: Int32Array,
  bytes: Uint8Array,
  indices: Int32Array,
): { valueOffsets: Int32Array; values: Uint8Array } {
  const valueOffsets = new Int32Array(indices.length + 1);
  let total = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    total += offsets[i + 1]! - offsets[i]!;
    valueOffsets[k + 1] = total;
  }
  const values = new Uint8Array(total);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    values.set(bytes.subarray(offsets[i]!, offsets[i + 1]!), valueOffsets[k]!);
  }
  return { valueOffsets, values };
}
