// LZ4_RAW compression for the writer: one LZ4 block per page (parquet-format Compression.md, "LZ4_RAW"), by
// the lz4BlockCompress kernel.
import { arena } from '../../kernels/arena.js';
import { compressWithKernel } from './block-compress.js';

/** Compresses `input` (or the concatenation of its parts) into one LZ4 block (no frame), as LZ4_RAW pages hold. */
export function lz4RawCompress(input: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const wasm = arena().wasm;
  return compressWithKernel(
    'LZ4_RAW',
    input,
    (n) => wasm.lz4MaxCompressedLength(n),
    (inPtr, inLen, outPtr) => wasm.lz4BlockCompress(inPtr, inLen, outPtr),
  );
}
