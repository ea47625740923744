// Runs a block decompression kernel (snappy, LZ4) and its TypeScript reference on the same input, for tests that
// compare the two.
import { arena } from '../../src/kernels/arena.js';

/** A decompression outcome: the status (length or negative KernelStatus) and the bytes written. */
export interface BlockResult {
  status: number;
  out: Uint8Array;
}

type KernelName = 'snappyDecompress' | 'lz4BlockDecompress';

/** Runs kernel `name` on `input` with output capacity `cap`. */
export function runBlockKernel(name: KernelName, input: Uint8Array, cap: number): BlockResult {
  const a = arena();
  const mark = a.mark();
  const inPtr = a.copyIn(input);
  const outPtr = a.alloc(cap);
  const status = a.wasm[name](inPtr, input.length, outPtr, cap);
  const out = a.u8().slice(outPtr, outPtr + Math.max(0, status));
  a.release(mark);
  return { status, out };
}

/** Runs a reference decoder `(input, out) => status` with output capacity `cap`. */
export function runBlockReference(
  reference: (input: Uint8Array, out: Uint8Array) => number,
  input: Uint8Array,
  cap: number,
): BlockResult {
  const out = new Uint8Array(cap);
  const status = reference(input, out);
  return { status, out: out.slice(0, Math.max(0, status)) };
}
