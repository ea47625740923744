// The wasm side of filter: the mask scan runs in a kernel (assembly/gather.ts) once the mask is large enough that
// copying it into linear memory costs less than the JavaScript loop (1M rows: 5 ms vs 10 ms here).
import { arena } from '../kernels/arena.js';

/** Below this many rows the JavaScript loops win (copy-in/copy-out overhead). */
export const KERNEL_MIN_ROWS = 4096;

/** The positions of the set bits among the first `length` bits of `bits`. */
export function bitmapToIndicesKernel(bits: Uint8Array, length: number): Int32Array {
  const a = arena();
  const mark = a.mark();
  try {
    const bytes = (length + 7) >> 3;
    const bitsPtr = a.alloc(bytes);
    a.u8().fill(0, bitsPtr, bitsPtr + bytes); // a short bitmap reads as zeros past its end
    a.u8().set(bits.subarray(0, bytes), bitsPtr);
    const outPtr = a.alloc(length * 4);
    const n = a.wasm.bitmapToIndices(bitsPtr, length, outPtr);
    return a.view(Int32Array, outPtr, n).slice();
  } finally {
    a.release(mark);
  }
}
