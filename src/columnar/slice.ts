// Row ranges of columns and batches, as views: buffers are shared with the source (bitmaps starting mid-byte are
// the one exception: ours start at bit 0, so those are copied).
import { countSetBits, fixedLayout, sliceBitmap } from './layout.js';
import type { Batch, Column } from './types.js';

/** Rows [start, end) of `column` (clamped to its length), sharing its buffers. */
export function sliceColumn(column: Column, start: number, end: number = column.length): Column {
  const from = Math.max(0, Math.min(start, column.length));
  const to = Math.max(from, Math.min(end, column.length));
  const length = to - from;
  if (from === 0 && length === column.length) return column;
  const { type } = column;
  if (type.kind === 'null') return { type, length, nullCount: length };
  let validity: Uint8Array | undefined;
  let nullCount = 0;
  if (column.validity && column.nullCount > 0) {
    validity = sliceBitmap(column.validity, from, length);
    nullCount = length - countSetBits(validity, length);
    if (nullCount === 0) validity = undefined;
  }
  const base = validity ? { type, length, nullCount, validity } : { type, length, nullCount };
  switch (type.kind) {
    case 'bool':
      return { ...base, values: sliceBitmap(column.values as Uint8Array, from, length) };
    case 'utf8':
    case 'binary':
    case 'large_utf8':
    case 'large_binary':
      return { ...base, offsets: column.offsets!.subarray(from, to + 1), data: column.data! };
    case 'list':
    case 'large_list':
    case 'map':
      return { ...base, offsets: column.offsets!.subarray(from, to + 1), children: column.children! };
    case 'fixed_size_list': {
      const size = type.listSize;
      return { ...base, children: [sliceColumn(column.children![0]!, from * size, to * size)] };
    }
    case 'struct':
      return { ...base, children: column.children!.map((child) => sliceColumn(child, from, to)) };
    case 'dictionary':
      return { ...base, values: column.values!.subarray(from, to), dictionary: column.dictionary! };
    default: {
      const stride = fixedLayout(type)!.stride;
      return { ...base, values: column.values!.subarray(from * stride, to * stride) };
    }
  }
}

/** Rows [start, end) of `batch`, sharing its buffers. */
export function sliceBatch(batch: Batch, start: number, end: number = batch.numRows): Batch {
  const from = Math.max(0, Math.min(start, batch.numRows));
  const to = Math.max(from, Math.min(end, batch.numRows));
  return { fields: batch.fields, numRows: to - from, columns: batch.columns.map((c) => sliceColumn(c, from, to)) };
}
