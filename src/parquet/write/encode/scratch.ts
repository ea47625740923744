// Shared plumbing of the encoders: kernel scratch memory scoped to one call, and kernel results turned into
// ParquetErrors. Encoders copy their inputs into the arena once, run a kernel into an output sized from an upper
// bound, and copy the result out once before the scratch memory is released.
import { KernelStatus } from '../../../kernels/abi.js';
import { type Arena, arena } from '../../../kernels/arena.js';
import { ParquetError } from '../../errors.js';

/** Runs `fn` with this thread's arena and frees everything it allocated afterwards. */
export function withScratch<T>(fn: (a: Arena) => T): T {
  const a = arena();
  const mark = a.mark();
  try {
    return fn(a);
  } finally {
    a.release(mark);
  }
}

/** The bytes of a typed array (a view, no copy). */
export function bytesOf(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Copies `values` into the arena; returns the pointer. */
export function copyInView(a: Arena, values: ArrayBufferView): number {
  return a.copyIn(bytesOf(values));
}

/** Returns `result` if the kernel succeeded, else throws: Invalid is the caller's input (BAD_ARGUMENT), Overflow
 *  would be a wrong output bound here (an internal error, reported as such). */
export function checkEncoded(result: number, what: string): number {
  if (result >= 0) return result;
  if (result === KernelStatus.Invalid) throw new ParquetError('BAD_ARGUMENT', `${what}: invalid input`);
  throw new Error(`${what}: encoder kernel failed with status ${result} (output bound too small)`);
}

/** Byte-array values as stored: the bytes the offsets cover, which start at offsets[0]. */
export function coveredBytes(offsets: Int32Array, data: Uint8Array): Uint8Array {
  const n = offsets.length - 1;
  if (n < 0) throw new ParquetError('BAD_ARGUMENT', 'byte array offsets are empty (need count + 1 entries)');
  const start = offsets[0]!;
  const end = offsets[n]!;
  if (start < 0 || end < start || end > data.length) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      `byte array offsets [${start}, ${end}) outside data of ${data.length} bytes`,
    );
  }
  return data.subarray(start, end);
}
