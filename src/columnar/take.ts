// Gathering rows by index into new columns (SharedArrayBuffer by default). A negative index makes a null row, so
// a join can take its unmatched rows in the same pass.
import { type AllocOptions, allocArray, allocBitmap, allocOffsets, allocShared } from './alloc.js';
import { fixedLayout, getBit, isBinaryLike, offsetAt, setBit } from './layout.js';
import type { Batch, Column, DataType, ValuesArray } from './types.js';

type Words = Uint8Array | Uint16Array | Int32Array;

/** The same bytes as the widest integer words whose size divides `bytesPerRow`, so a gather copies bit patterns
 *  (floats included: no NaN canonicalisation) a word at a time. */
function asWords(values: ValuesArray, bytesPerRow: number): { words: Words; perRow: number } {
  const { buffer, byteOffset, byteLength } = values;
  if (bytesPerRow % 4 === 0 && byteOffset % 4 === 0) {
    return { words: new Int32Array(buffer, byteOffset, byteLength >> 2), perRow: bytesPerRow >> 2 };
  }
  if (bytesPerRow % 2 === 0 && byteOffset % 2 === 0) {
    return { words: new Uint16Array(buffer, byteOffset, byteLength >> 1), perRow: bytesPerRow >> 1 };
  }
  return { words: new Uint8Array(buffer, byteOffset, byteLength), perRow: bytesPerRow };
}

function gatherFixed(column: Column, indices: Int32Array, options?: AllocOptions): ValuesArray {
  const layout = fixedLayout(column.type)!;
  const out = allocShared(column.type, indices.length, options);
  const bytesPerRow = layout.array.BYTES_PER_ELEMENT * layout.stride;
  const src = asWords(column.values!, bytesPerRow);
  const dst = asWords(out, bytesPerRow);
  const per = src.perRow === dst.perRow ? src.perRow : 0;
  const s = per
    ? src.words
    : new Uint8Array(column.values!.buffer, column.values!.byteOffset, column.values!.byteLength);
  const d = per ? dst.words : new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const w = per || bytesPerRow;
  if (w === 1) {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (i >= 0) d[k] = s[i]!;
    }
  } else if (w === 2) {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (i >= 0) {
        d[2 * k] = s[2 * i]!;
        d[2 * k + 1] = s[2 * i + 1]!;
      }
    }
  } else {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (i >= 0) for (let j = 0; j < w; j++) d[k * w + j] = s[i * w + j]!;
    }
  }
  return out;
}

function gatherBits(bits: Uint8Array, indices: Int32Array, options?: AllocOptions): Uint8Array {
  const out = allocBitmap(indices.length, options);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (i >= 0 && getBit(bits, i)) setBit(out, k);
  }
  return out;
}

/** Output offsets for the taken rows, and the source ranges (start, end pairs) they cover. */
function gatherOffsets(column: Column, indices: Int32Array, options?: AllocOptions) {
  const src = column.offsets!;
  const offsets = allocOffsets(column.type, indices.length, options);
  const ranges = new Float64Array(indices.length * 2);
  let total = 0;
  if (src instanceof Int32Array && offsets instanceof Int32Array) {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (i >= 0) {
        const start = src[i]!;
        const end = src[i + 1]!;
        ranges[2 * k] = start;
        ranges[2 * k + 1] = end;
        total += end - start;
      }
      offsets[k + 1] = total;
    }
    if (total > 0x7fffffff) throw new RangeError(`takeColumn: ${total} bytes exceed the 2 GiB of 32-bit offsets`);
    return { offsets, ranges, total };
  }
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (i >= 0) {
      const start = offsetAt(src, i);
      const end = offsetAt(src, i + 1);
      ranges[2 * k] = start;
      ranges[2 * k + 1] = end;
      total += end - start;
    }
    offsets[k + 1] = offsets instanceof BigInt64Array ? BigInt(total) : total;
  }
  if (!(offsets instanceof BigInt64Array) && total > 0x7fffffff) {
    throw new RangeError(`takeColumn: ${total} bytes exceed the 2 GiB of 32-bit offsets`);
  }
  return { offsets, ranges, total };
}

function childIndices(ranges: Float64Array, total: number): Int32Array {
  const rows = new Int32Array(total);
  let p = 0;
  for (let k = 0; k < ranges.length; k += 2) for (let r = ranges[k]!; r < ranges[k + 1]!; r++) rows[p++] = r;
  return rows;
}

/** The rows `indices` of `column`, in that order (indices < 0 become null rows; others must be < length). */
export function takeColumn(column: Column, indices: Int32Array, options?: AllocOptions): Column {
  const { type } = column;
  const length = indices.length;
  if (type.kind === 'null') return { type, length, nullCount: length };
  let validity: Uint8Array | undefined;
  let valid = 0;
  const hasNegative = indices.some((i) => i < 0);
  if (column.nullCount > 0 || hasNegative) {
    validity = allocBitmap(length, options);
    for (let k = 0; k < length; k++) {
      const i = indices[k]!;
      if (i >= 0 && (!column.validity || getBit(column.validity, i))) {
        setBit(validity, k);
        valid++;
      }
    }
    if (valid === length) validity = undefined;
  } else valid = length;
  const base: { type: DataType; length: number; nullCount: number; validity?: Uint8Array } = {
    type,
    length,
    nullCount: length - valid,
  };
  if (validity) base.validity = validity;
  if (type.kind === 'bool') return { ...base, values: gatherBits(column.values as Uint8Array, indices, options) };
  if (isBinaryLike(type)) {
    const { offsets, ranges, total } = gatherOffsets(column, indices, options);
    const data = allocArray(Uint8Array, total, options);
    const src = column.data!;
    let at = 0;
    for (let k = 0; k < ranges.length; k += 2) {
      const start = ranges[k]!;
      const n = ranges[k + 1]! - start;
      if (n > 16) data.set(src.subarray(start, start + n), at);
      else for (let j = 0; j < n; j++) data[at + j] = src[start + j]!;
      at += n;
    }
    return { ...base, offsets, data };
  }
  switch (type.kind) {
    case 'list':
    case 'large_list':
    case 'map': {
      const { offsets, ranges, total } = gatherOffsets(column, indices, options);
      return { ...base, offsets, children: [takeColumn(column.children![0]!, childIndices(ranges, total), options)] };
    }
    case 'fixed_size_list': {
      const size = type.listSize;
      const rows = new Int32Array(length * size);
      for (let k = 0; k < length; k++) {
        const i = indices[k]!;
        for (let j = 0; j < size; j++) rows[k * size + j] = i < 0 ? -1 : i * size + j;
      }
      return { ...base, children: [takeColumn(column.children![0]!, rows, options)] };
    }
    case 'struct':
      return { ...base, children: column.children!.map((child) => takeColumn(child, indices, options)) };
    case 'dictionary':
      return { ...base, values: gatherFixed(column, indices, options), dictionary: column.dictionary! };
    default:
      return { ...base, values: gatherFixed(column, indices, options) };
  }
}

/** The rows `indices` of every column of `batch` (see takeColumn). */
export function takeBatch(batch: Batch, indices: Int32Array, options?: AllocOptions): Batch {
  for (let k = 0; k < indices.length; k++) {
    if (indices[k]! >= batch.numRows) {
      throw new RangeError(`takeBatch: index ${indices[k]} out of range for ${batch.numRows} rows`);
    }
  }
  return {
    fields: batch.fields,
    numRows: indices.length,
    columns: batch.columns.map((c) => takeColumn(c, indices, options)),
  };
}
