// A literal repeated over n rows, built with fills instead of per-row encoding (a literal is evaluated once per
// batch, so this is on the hot path of every `col('x').gt(3)`).
import { allocArray, allocBitmap, allocOffsets, allocShared } from '../../columnar/alloc.js';
import { columnFromValues } from '../../columnar/build.js';
import { fixedLayout, isBinaryLike } from '../../columnar/layout.js';
import type { Column, DataType } from '../../columnar/types.js';

/** `value` (a JS value as columnFromValues takes it) repeated `length` times as a column of `type`. */
export function broadcast(type: DataType, value: unknown, length: number): Column {
  if (type.kind === 'null') return { type, length, nullCount: length };
  if (value === null || value === undefined) {
    const layout = fixedLayout(type);
    if (!layout && type.kind !== 'bool') return columnFromValues(type, new Array(length).fill(null));
    return { type, length, nullCount: length, validity: allocBitmap(length), values: allocShared(type, length) };
  }
  if (type.kind === 'bool') {
    const values = allocBitmap(length);
    if (value === true) values.fill(255);
    return { type, length, nullCount: 0, values };
  }
  if (isBinaryLike(type)) {
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : (value as Uint8Array);
    const offsets = allocOffsets(type, length);
    const data = allocArray(Uint8Array, bytes.length * length);
    if (offsets instanceof BigInt64Array) for (let i = 1; i <= length; i++) offsets[i] = BigInt(i * bytes.length);
    else for (let i = 1; i <= length; i++) offsets[i] = i * bytes.length;
    if (length > 0 && bytes.length > 0) {
      data.set(bytes, 0);
      for (let filled = bytes.length; filled < data.length; filled *= 2) data.copyWithin(filled, 0, filled);
    }
    return { type, length, nullCount: 0, offsets, data };
  }
  const layout = fixedLayout(type);
  if (layout && layout.stride === 1 && type.kind !== 'float16' && type.kind !== 'decimal') {
    const values = allocShared(type, length);
    const big = values instanceof BigInt64Array || values instanceof BigUint64Array;
    (values as Float64Array).fill((big ? BigInt(value as bigint) : Number(value)) as number);
    return { type, length, nullCount: 0, values };
  }
  // Anything else (decimals, float16, nested): per-row encoding.
  return columnFromValues(type, new Array(length).fill(value));
}
