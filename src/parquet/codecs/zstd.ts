// ZSTD pages (RFC 8878), decompressed by the zstdDecompress kernel (assembly/zstd.ts) straight into the arena: the
// page's output is also every frame's window, so nothing is reserved beyond the page header's size whatever window
// a frame declares, and a zip bomb stops at that size.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { CompressionCodec } from './codec.js';
import { sizeMismatch } from './limits.js';

/** Why the kernel stopped, by its negative status (assembly/zstd_state.ts). */
const REASONS: Record<number, string> = {
  [-1]: 'compressed data ends in the middle of a frame',
  [-2]: 'corrupt data',
  [-3]: 'decompressed data larger than the page header says',
  [-4]: 'the frame needs a dictionary (non-zero Dictionary_ID), which Parquet pages cannot carry',
  [-5]: 'content checksum mismatch',
  [-6]: "the frame's decoded size differs from its Frame_Content_Size",
  [-7]: 'not a zstd frame (bad magic number)',
  [-8]: 'reserved bit or block type set',
  [-9]: 'a match offset reaches before the start of its frame',
  [-10]: 'invalid Huffman tree description',
  [-11]: 'invalid FSE table description',
  [-12]: 'a bitstream does not end where its last symbol does',
  [-13]: 'treeless literals or a repeated table with no previous one in the frame',
  [-14]: 'a block or its literals exceed 128 KiB',
  [-15]: 'sequences ask for more literals than the block holds',
};

/** The BAD_PAGE error for a negative kernel status, saying where in the page the decoder stopped. */
export function zstdFailure(status: number, offset: number): ParquetError {
  const reason = REASONS[status] ?? `kernel status ${status}`;
  return new ParquetError('BAD_PAGE', `ZSTD: ${reason} (at byte ${offset} of the compressed page)`);
}

/**
 * Decompresses the zstd frames already in arena memory at `inPtr` (a local file's chunk, read there) into new arena
 * memory of `uncompressedSize` bytes, without copying the input in; returns the output's pointer. The kernel's wide
 * loads read up to zstdSlack() bytes past the input and never write there: the output, allocated above everything
 * (the input included), guarantees those bytes exist. Throws like zstdIntoArena.
 */
export function zstdAtIntoArena(arena: Arena, inPtr: number, inLength: number, uncompressedSize: number): number {
  const wasm = arena.wasm;
  const outPtr = arena.alloc(uncompressedSize + wasm.zstdSlack());
  const status = wasm.zstdDecompress(inPtr, inLength, outPtr, uncompressedSize);
  if (status < 0) throw zstdFailure(status, wasm.zstdErrorOffset());
  if (status !== uncompressedSize) throw sizeMismatch(CompressionCodec.ZSTD, status, uncompressedSize);
  return outPtr;
}

/** Decompresses the zstd frames of a page into new arena memory of `uncompressedSize` bytes; returns its pointer.
 *  Throws BAD_PAGE for corrupt data or output of another size than `uncompressedSize`. */
export function zstdIntoArena(arena: Arena, input: Uint8Array, uncompressedSize: number): number {
  const wasm = arena.wasm;
  const slack = wasm.zstdSlack();
  // Output first, then the input above it: releasing back to `inputMark` frees the compressed copy only.
  const outPtr = arena.alloc(uncompressedSize + slack);
  const inputMark = arena.mark();
  const inPtr = arena.alloc(input.length + slack);
  arena.u8().set(input, inPtr);
  arena.bytesCopied += input.length;
  const status = wasm.zstdDecompress(inPtr, input.length, outPtr, uncompressedSize);
  arena.release(inputMark);
  if (status < 0) throw zstdFailure(status, wasm.zstdErrorOffset());
  if (status !== uncompressedSize) throw sizeMismatch(CompressionCodec.ZSTD, status, uncompressedSize);
  return outPtr;
}
