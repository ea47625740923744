// How a column reaches the hashing kernels: rows go into the thread's arena in chunks of CHUNK_ROWS, so a 10M-row
// column costs a few hundred KiB of wasm memory (which never shrinks) and each chunk is hashed while it is still in
// cache. Top-level chunks start at multiples of 8 rows, so their bitmaps are views, not copies.
import { sliceBitmap } from '../../columnar/layout.js';
import type { Column, DataType } from '../../columnar/types.js';
import { float16ToNumber } from '../../columnar/values.js';
import { HashValueKind } from '../../kernels/abi.js';
import type { Arena } from '../../kernels/arena.js';
import { AlgorithmError } from './errors.js';

/** Rows per chunk copied into the arena (a multiple of 8). */
export const CHUNK_ROWS = 1 << 16;

/** The kernel value kind of a type hashed as one 64-bit word per row (integers, floats, bool, temporal types), or
 *  undefined for the others. float16 is converted to f64 on the way in. */
export function wordKind(type: DataType): number | undefined {
  switch (type.kind) {
    case 'bool':
      return HashValueKind.Bool;
    case 'int8':
      return HashValueKind.I8;
    case 'uint8':
      return HashValueKind.U8;
    case 'int16':
      return HashValueKind.I16;
    case 'uint16':
      return HashValueKind.U16;
    case 'int32':
    case 'date32':
      return HashValueKind.I32;
    case 'uint32':
      return HashValueKind.U32;
    case 'int64':
    case 'uint64':
    case 'date64':
    case 'timestamp':
    case 'duration':
      return HashValueKind.I64;
    case 'time':
      return type.unit === 's' || type.unit === 'ms' ? HashValueKind.I32 : HashValueKind.I64;
    case 'interval':
      return type.unit === 'year_month' ? HashValueKind.I32 : undefined;
    case 'float16':
    case 'float64':
      return HashValueKind.F64;
    case 'float32':
      return HashValueKind.F32;
    default:
      return undefined;
  }
}

/** Calls `fn` for consecutive row ranges [from, to) of at most CHUNK_ROWS covering [0, length). */
export function forEachChunk(length: number, fn: (from: number, to: number) => void): void {
  for (let from = 0; from < length; from += CHUNK_ROWS) fn(from, Math.min(length, from + CHUNK_ROWS));
}

/** Copies the validity bits of rows [from, to) (shifted to bit 0) into the arena; 0 when the column has no nulls. */
export function copyValidityChunk(a: Arena, column: Column, from: number, to: number): number {
  if (column.nullCount === 0 || column.validity === undefined) return 0;
  return a.copyIn(sliceBitmap(column.validity, from, to - from));
}

/** Copies rows [from, to) of a word-kind column's values (see wordKind) into the arena; returns the pointer. */
export function copyWordsChunk(a: Arena, column: Column, from: number, to: number): number {
  const values = column.values;
  if (!values) throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} column without values`);
  if (column.type.kind === 'bool') return a.copyIn(sliceBitmap(values as Uint8Array, from, to - from));
  if (column.type.kind === 'float16') {
    const ptr = a.alloc((to - from) * 8);
    const out = a.view(Float64Array, ptr, to - from);
    for (let i = from; i < to; i++) out[i - from] = float16ToNumber(values[i] as number);
    return ptr;
  }
  return a.copyIn(bytesOf(values, from, to));
}

/** Pointers of a chunk of byte strings in the arena: i32 offsets relative to `base` into `dataLen` bytes. */
export interface BytesChunk {
  readonly offsetsPtr: number;
  readonly dataPtr: number;
  readonly dataLen: number;
  readonly base: number;
}

/** Copies the offsets (as i32) and bytes of rows [from, to) of a utf8/binary column into the arena. */
export function copyBytesChunk(a: Arena, column: Column, from: number, to: number): BytesChunk {
  const { offsets, data } = column;
  if (!offsets || !data) throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} column without offsets`);
  if (offsets instanceof Int32Array) {
    const base = offsets[from]!;
    if (base < 0 || base > data.length) {
      throw new AlgorithmError(
        'MALFORMED_COLUMN',
        `${column.type.kind} offset ${base} outside its ${data.length} bytes`,
      );
    }
    // The kernels check every offset against dataLen, so a bad later offset ends in a status, not a bad read.
    const end = Math.max(base, Math.min(offsets[to]!, data.length));
    const offsetsPtr = a.copyIn(bytesOf(offsets, from, to + 1));
    return { offsetsPtr, dataPtr: a.copyIn(data.subarray(base, end)), dataLen: end - base, base };
  }
  // 64-bit offsets: rebased to the chunk's first byte, which must leave them below 2^31.
  const first = Number(offsets[from]!);
  const last = Number(offsets[to]!);
  if (last - first > 0x7fffffff || first < 0 || last > data.length) {
    throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} offsets ${first}..${last} out of range`);
  }
  const offsetsPtr = a.alloc((to - from + 1) * 4);
  const rebased = a.view(Int32Array, offsetsPtr, to - from + 1);
  for (let i = from; i <= to; i++) rebased[i - from] = Number(offsets[i]! - offsets[from]!);
  return { offsetsPtr, dataPtr: a.copyIn(data.subarray(first, last)), dataLen: last - first, base: 0 };
}

/** The bytes of elements [from, to) of a typed array. */
export function bytesOf(array: ArrayBufferView & { readonly BYTES_PER_ELEMENT: number }, from: number, to: number) {
  const width = array.BYTES_PER_ELEMENT;
  return new Uint8Array(array.buffer, array.byteOffset + from * width, (to - from) * width);
}
