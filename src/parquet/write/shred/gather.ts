// Picks the non-null values of an Arrow buffer out by position (the live indexes shredding found), or takes them
// all when every slot holds a value (`positions` undefined: no copy where the layout allows). Large gathers run in
// the reader's dictionary-gather kernels (assembly/dictionary.ts): positions are indexes into the array as a
// dictionary's indexes are into the dictionary.

import type { ValuesArray } from '../../../columnar/types.js';
import { arena } from '../../../kernels/arena.js';

/** Below this many values, a JavaScript loop costs less than copying the input into kernel memory. */
const KERNEL_MIN_VALUES = 4096;

/** Typed arrays the gather functions copy element by element. */
export type NumericArray = ValuesArray;

/** Positions of the values to take, or undefined for all `count` slots in order. */
export type Positions = Int32Array | undefined;

/** Elements `positions` of `values` (or its first `count`), as the same kind of array. */
export function gatherNumeric<T extends NumericArray>(values: T, positions: Positions, count: number): T {
  if (!positions) return values.subarray(0, count) as T;
  const ctor = values.constructor as new (n: number) => T;
  if (positions.length >= KERNEL_MIN_VALUES) {
    const width = values.BYTES_PER_ELEMENT;
    const bytes = gatherFixedInKernel(
      new Uint8Array(values.buffer, values.byteOffset, count * width),
      width,
      positions,
      count,
    );
    const typed = ctor as unknown as new (buffer: ArrayBuffer, offset: number, length: number) => T;
    return new typed(bytes.buffer as ArrayBuffer, 0, positions.length);
  }
  const out = new ctor(positions.length);
  // Both branches are the same loop; splitting them keeps each monomorphic (number vs bigint elements).
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const src = values as BigInt64Array;
    const dst = out as BigInt64Array;
    for (let k = 0; k < positions.length; k++) dst[k] = src[positions[k]!]!;
  } else {
    const src = values as Int32Array;
    const dst = out as Int32Array;
    for (let k = 0; k < positions.length; k++) dst[k] = src[positions[k]!]!;
  }
  return out;
}

/** Bits of an Arrow bitmap (from bit `bitOffset`) at `positions`, one byte (0/1) per value. */
export function gatherBits(bitmap: Uint8Array, bitOffset: number, positions: Positions, count: number): Uint8Array {
  const n = positions ? positions.length : count;
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const bit = bitOffset + (positions ? positions[k]! : k);
    out[k] = (bitmap[bit >>> 3]! >>> (bit & 7)) & 1;
  }
  return out;
}

/** Fixed-width values of `width` bytes at `positions` (or the first `count`), packed. */
export function gatherFixedBytes(data: Uint8Array, width: number, positions: Positions, count: number): Uint8Array {
  if (!positions) return data.subarray(0, count * width);
  if (positions.length >= KERNEL_MIN_VALUES) return gatherFixedInKernel(data, width, positions, count);
  const out = new Uint8Array(positions.length * width);
  for (let k = 0; k < positions.length; k++) {
    const start = positions[k]! * width;
    out.set(data.subarray(start, start + width), k * width);
  }
  return out;
}

/** Variable-length values (Arrow offsets + data) at `positions` as fresh offsets from 0 and packed bytes; without
 *  positions, the first `count` values keep sharing the input (absolute offsets). */
export function gatherBytes(
  offsets: Int32Array,
  data: Uint8Array,
  positions: Positions,
  count: number,
): { offsets: Int32Array; data: Uint8Array } {
  if (!positions) return { offsets: offsets.subarray(0, count + 1), data };
  if (positions.length >= KERNEL_MIN_VALUES) return gatherBytesInKernel(offsets, data, positions, count);
  const n = positions.length;
  const outOffsets = new Int32Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const p = positions[k]!;
    total += offsets[p + 1]! - offsets[p]!;
    outOffsets[k + 1] = total;
  }
  const out = new Uint8Array(total);
  for (let k = 0; k < n; k++) {
    const p = positions[k]!;
    const start = offsets[p]!;
    const end = offsets[p + 1]!;
    // Short values are copied byte by byte: a subarray + set per value costs more than the copy.
    if (end - start < 16) {
      let o = outOffsets[k]!;
      for (let i = start; i < end; i++) out[o++] = data[i]!;
    } else {
      out.set(data.subarray(start, end), outOffsets[k]!);
    }
  }
  return { offsets: outOffsets, data: out };
}

/** 64-bit Arrow offsets (LargeUtf8, LargeBinary) as 32-bit ones relative to the first, with the data from there;
 *  undefined if the values span more than 2^31 - 1 bytes (more than a Parquet page could ever hold). */
export function narrowOffsets(
  offsets: BigInt64Array,
  data: Uint8Array,
  count: number,
): { offsets: Int32Array; data: Uint8Array } | undefined {
  const out = new Int32Array(count + 1);
  const base = offsets[0] ?? 0n;
  for (let i = 0; i <= count; i++) {
    const v = offsets[i]! - base;
    if (v < 0n || v > 0x7fffffffn) return undefined;
    out[i] = Number(v);
  }
  return { offsets: out, data: data.subarray(Number(base)) };
}

/** `width`-byte values at `positions` of `count` values, gathered by the dictGatherFixed kernel. */
function gatherFixedInKernel(data: Uint8Array, width: number, positions: Int32Array, count: number): Uint8Array {
  const a = arena();
  const mark = a.mark();
  try {
    const dataPtr = a.copyIn(data.subarray(0, count * width));
    const positionsPtr = a.copyIn(new Uint8Array(positions.buffer, positions.byteOffset, positions.byteLength));
    const outPtr = a.alloc(positions.length * width);
    const status = a.wasm.dictGatherFixed(positionsPtr, positions.length, dataPtr, count, width, outPtr);
    if (status < 0) throw new RangeError('gather position out of range');
    return a.u8().slice(outPtr, outPtr + positions.length * width);
  } finally {
    a.release(mark);
  }
}

/** Byte arrays at `positions`, gathered by the dictGatherBytesOffsets / dictGatherBytesCopy kernels. */
function gatherBytesInKernel(
  offsets: Int32Array,
  data: Uint8Array,
  positions: Int32Array,
  count: number,
): { offsets: Int32Array; data: Uint8Array } {
  const a = arena();
  const mark = a.mark();
  try {
    const first = offsets[0]!;
    const offsetsPtr = a.alloc((count + 1) * 4);
    const rebased = a.view(Int32Array, offsetsPtr, count + 1);
    for (let i = 0; i <= count; i++) rebased[i] = offsets[i]! - first;
    const bytesPtr = a.copyIn(data.subarray(first, offsets[count]!));
    const positionsPtr = a.copyIn(new Uint8Array(positions.buffer, positions.byteOffset, positions.byteLength));
    const n = positions.length;
    const outOffsetsPtr = a.alloc((n + 1) * 4);
    const total = a.wasm.dictGatherBytesOffsets(positionsPtr, n, offsetsPtr, count, outOffsetsPtr, 0);
    if (total < 0) throw new RangeError('gather position out of range, or values past 2 GiB');
    const outBytesPtr = a.alloc(total);
    a.wasm.dictGatherBytesCopy(positionsPtr, n, offsetsPtr, bytesPtr, outBytesPtr);
    return {
      offsets: a.view(Int32Array, outOffsetsPtr, n + 1).slice(),
      data: a.u8().slice(outBytesPtr, outBytesPtr + total),
    };
  } finally {
    a.release(mark);
  }
}
