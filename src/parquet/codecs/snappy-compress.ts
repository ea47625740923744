// SNAPPY compression for the writer: one raw snappy block per page (no framing), by the snappyCompress kernel.
import { arena } from '../../kernels/arena.js';
import { compressWithKernel } from './block-compress.js';

/** Compresses `input` (or the concatenation of its parts) into one raw snappy block. */
export function snappyCompress(input: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const wasm = arena().wasm;
  return compressWithKernel(
    'SNAPPY',
    input,
    (n) => wasm.snappyMaxCompressedLength(n),
    (inPtr, inLen, outPtr) => wasm.snappyCompress(inPtr, inLen, outPtr),
  );
}
