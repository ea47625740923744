// Buffer allocation for new columns. Results default to SharedArrayBuffer memory: a Batch handed to another thread
// (a task result or input) then shares its buffers instead of copying them (see src/scheduler/README.md).
import { bitmapBytes, fixedLayout, hasLargeOffsets, type ValuesConstructor } from './layout.js';
import type { DataType, ValuesArray } from './types.js';

/** Whether new buffers go to SharedArrayBuffer (the default) or to ordinary ArrayBuffer memory. */
export interface AllocOptions {
  readonly shared?: boolean;
}

/** A zero-filled typed array of `length` elements, on a SharedArrayBuffer unless `shared` is false. */
export function allocArray<T extends ValuesArray>(
  array: { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; readonly BYTES_PER_ELEMENT: number },
  length: number,
  options: AllocOptions = {},
): T {
  const bytes = length * array.BYTES_PER_ELEMENT;
  const buffer = options.shared === false ? new ArrayBuffer(bytes) : new SharedArrayBuffer(bytes);
  return new array(buffer, 0, length);
}

/** A zero-filled bitmap of `bits` bits (all null / all false). */
export function allocBitmap(bits: number, options?: AllocOptions): Uint8Array {
  return allocArray(Uint8Array, bitmapBytes(bits), options);
}

/** Zero-filled `values` for `length` rows of a fixed-width type (bool: a bitmap). Throws for other types. */
export function allocShared(type: DataType, length: number, options?: AllocOptions): ValuesArray {
  if (type.kind === 'bool') return allocBitmap(length, options);
  const layout = fixedLayout(type);
  if (!layout) throw new TypeError(`allocShared: ${type.kind} has no fixed-width values buffer`);
  return allocArray(
    layout.array as ValuesConstructor & { new (b: ArrayBufferLike, o?: number, l?: number): ValuesArray },
    length * layout.stride,
    options,
  );
}

/** Zero-filled offsets (`length + 1` entries) for a variable-size type: BigInt64Array for the large types. */
export function allocOffsets(type: DataType, length: number, options?: AllocOptions): Int32Array | BigInt64Array {
  return hasLargeOffsets(type)
    ? allocArray(BigInt64Array, length + 1, options)
    : allocArray(Int32Array, length + 1, options);
}
