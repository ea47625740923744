// Keeping the rows a boolean mask selects. SQL semantics: a null mask entry drops the row, as WHERE does.
import type { AllocOptions } from './alloc.js';
import { bitmapToIndicesKernel, KERNEL_MIN_ROWS } from './kernels.js';
import { countSetBits, getBit } from './layout.js';
import { takeBatch, takeColumn } from './take.js';
import type { Batch, Column } from './types.js';

/** A selection: a bool Column (nulls drop rows) or a plain LSB bitmap with one bit per row. */
export type Mask = Column | Uint8Array;

/** The indices of the rows `mask` keeps, ascending. */
export function maskToIndices(mask: Mask, length: number): Int32Array {
  let bits: Uint8Array;
  let validity: Uint8Array | undefined;
  if (mask instanceof Uint8Array) bits = mask;
  else {
    if (mask.type.kind !== 'bool') throw new TypeError(`filter: the mask is ${mask.type.kind}, not bool`);
    if (mask.length !== length) throw new RangeError(`filter: mask has ${mask.length} rows, data ${length}`);
    bits = mask.values as Uint8Array;
    validity = mask.nullCount > 0 ? mask.validity : undefined;
  }
  if (validity) {
    const combined = new Uint8Array((length + 7) >> 3);
    for (let i = 0; i < combined.length; i++) combined[i] = bits[i]! & validity[i]!;
    bits = combined;
  }
  if (length >= KERNEL_MIN_ROWS) return bitmapToIndicesKernel(bits, length);
  const out = new Int32Array(countSetBits(bits, length));
  let p = 0;
  const whole = length >> 3;
  for (let byte = 0; byte < whole; byte++) {
    let b = bits[byte]!;
    while (b !== 0) {
      const low = 31 - Math.clz32(b & -b);
      out[p++] = (byte << 3) | low;
      b &= b - 1;
    }
  }
  for (let i = whole << 3; i < length; i++) if (getBit(bits, i)) out[p++] = i;
  return out;
}

/** The rows of `column` that `mask` keeps. */
export function filterColumn(column: Column, mask: Mask, options?: AllocOptions): Column {
  const indices = maskToIndices(mask, column.length);
  return indices.length === column.length ? column : takeColumn(column, indices, options);
}

/** The rows of `batch` that `mask` keeps (the batch itself when it keeps them all). */
export function filterBatch(batch: Batch, mask: Mask, options?: AllocOptions): Batch {
  const indices = maskToIndices(mask, batch.numRows);
  return indices.length === batch.numRows ? batch : takeBatch(batch, indices, options);
}
