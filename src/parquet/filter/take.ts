// Gathers rows of Arrow data by index into new, contiguous Arrow data: every layout the reader produces
// (fixed width, booleans, variable-length binary, fixed-size binary, decimals, lists and maps over their offsets,
// structs, fixed-size lists).
import * as arrow from 'apache-arrow';
import type { ValuesArray } from '../../columnar/types.js';
import { ParquetError } from '../errors.js';

/** A gather strategy: rows picked by index (here) or by runs (take_runs.ts), copying each buffer layout. */
export interface RowSelection {
  /** Rows selected. */
  readonly length: number;
  /** The selected bits of an LSB bitmap whose row i is bit `offset + i`. */
  bits(bits: Uint8Array, offset: number): Uint8Array;
  /** The selected rows of `stride` values each. */
  strided<T extends ValuesArray>(values: T, stride: number): T;
  /** The selected values of a variable-length layout (offsets + bytes). */
  variable(offsets: Int32Array, bytes: Uint8Array): { valueOffsets: Int32Array; values: Uint8Array };
}

/** The selected rows of flat `data` (no child arrays), or undefined for nested layouts. */
export function takeFlat(data: arrow.Data, selection: RowSelection): arrow.Data | undefined {
  const length = selection.length;
  const type = data.type;
  if (data.typeId === arrow.Type.Null) return arrow.makeData({ type: type as arrow.Null, length, nullCount: length });
  const { nullBitmap, nullCount } = takeValidity(data, selection);
  switch (data.typeId) {
    case arrow.Type.Bool:
      return arrow.makeData({
        type: type as arrow.Bool,
        length,
        nullCount,
        nullBitmap,
        data: selection.bits(data.values as Uint8Array, data.offset),
      });
    case arrow.Type.Utf8:
    case arrow.Type.Binary: {
      const { valueOffsets, values } = selection.variable(data.valueOffsets as Int32Array, data.values as Uint8Array);
      return arrow.makeData({ type: type as arrow.Utf8, length, nullCount, nullBitmap, valueOffsets, data: values });
    }
    case arrow.Type.FixedSizeBinary:
    case arrow.Type.Decimal:
    case arrow.Type.Int:
    case arrow.Type.Float:
    case arrow.Type.Date:
    case arrow.Type.Time:
    case arrow.Type.Timestamp:
    case arrow.Type.Duration:
    case arrow.Type.Interval: {
      const values = selection.strided(data.values as ValuesArray, data.stride);
      return arrow.makeData({ type: type as arrow.Int, length, nullCount, nullBitmap, data: values });
    }
    default:
      return undefined;
  }
}

/** The rows `indices` (each in [0, data.length)) of `data`, in that order. */
export function takeData(data: arrow.Data, indices: Int32Array): arrow.Data {
  const selection = indexSelection(indices);
  const flat = takeFlat(data, selection);
  if (flat) return flat;
  const length = indices.length;
  const { nullBitmap, nullCount } = takeValidity(data, selection);
  const type = data.type;
  switch (data.typeId) {
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

/** The validity bitmap of the selected rows (undefined when none is null). Bitmaps are not sliced by Arrow JS:
 *  bit `data.offset + i` is row i's. */
function takeValidity(data: arrow.Data, selection: RowSelection): { nullBitmap?: Uint8Array; nullCount: number } {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return { nullCount: 0 };
  const nullBitmap = selection.bits(data.nullBitmap, data.offset);
  let valid = 0;
  for (let k = 0; k < selection.length; k++) valid += (nullBitmap[k >> 3]! >> (k & 7)) & 1;
  const nullCount = selection.length - valid;
  return nullCount === 0 ? { nullCount: 0 } : { nullBitmap, nullCount };
}

/** Rows picked by index, in the order given. */
export function indexSelection(indices: Int32Array): RowSelection {
  return {
    length: indices.length,
    bits: (bits, offset) => gatherBits(bits, offset, indices),
    strided: (values, stride) => gatherStrided(values, stride, indices),
    variable: (offsets, bytes) => gatherVariable(offsets, bytes, indices),
  };
}

function gatherBits(bits: Uint8Array, offset: number, indices: Int32Array): Uint8Array {
  const out = new Uint8Array((indices.length + 7) >> 3);
  for (let k = 0; k < indices.length; k++) {
    const i = offset + indices[k]!;
    if ((bits[i >> 3]! >> (i & 7)) & 1) out[k >> 3]! |= 1 << (k & 7);
  }
  return out;
}

function gatherStrided<T extends ValuesArray>(values: T, stride: number, indices: Int32Array): T {
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
