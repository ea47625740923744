// SNAPPY pages: raw snappy blocks (no framing), decompressed by the snappyDecompress kernel straight into the
// arena. The block's varint preamble must equal the page header's uncompressed size.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { CompressionCodec } from './codec.js';
import { kernelFailure } from './kernel-status.js';
import { sizeMismatch } from './limits.js';

/** Reads the uncompressed length a snappy block declares (its leading varint), or -1 if it is malformed. */
export function snappyDeclaredLength(input: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < 5 && i < input.length; i++) {
    const b = input[i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return value;
  }
  return -1;
}

/** Decompresses a snappy block into new arena memory of `uncompressedSize` bytes; returns its pointer. */
export function snappyIntoArena(arena: Arena, input: Uint8Array, uncompressedSize: number): number {
  const declared = snappyDeclaredLength(input);
  if (declared < 0) throw new ParquetError('BAD_PAGE', 'SNAPPY: malformed length preamble');
  if (declared !== uncompressedSize) throw sizeMismatch(CompressionCodec.SNAPPY, declared, uncompressedSize);
  // Output first, then the input above it: releasing back to `inputMark` frees the compressed copy only.
  // The 16 spare bytes let the kernel finish with wide stores instead of byte loops.
  const capacity = uncompressedSize + 16;
  const outPtr = arena.alloc(capacity);
  const inputMark = arena.mark();
  const inPtr = arena.copyIn(input);
  const status = arena.wasm.snappyDecompress(inPtr, input.length, outPtr, capacity);
  arena.release(inputMark);
  return checkedOutput(status, outPtr, uncompressedSize);
}

/** Decompresses the snappy block already in arena memory at `inPtr` (no copy in); returns the output's pointer. */
export function snappyAtIntoArena(arena: Arena, inPtr: number, inLength: number, uncompressedSize: number): number {
  const declared = snappyDeclaredLength(arena.view(Uint8Array, inPtr, Math.min(5, inLength)));
  if (declared < 0) throw new ParquetError('BAD_PAGE', 'SNAPPY: malformed length preamble');
  if (declared !== uncompressedSize) throw sizeMismatch(CompressionCodec.SNAPPY, declared, uncompressedSize);
  const capacity = uncompressedSize + 16;
  const outPtr = arena.alloc(capacity);
  return checkedOutput(arena.wasm.snappyDecompress(inPtr, inLength, outPtr, capacity), outPtr, uncompressedSize);
}

function checkedOutput(status: number, outPtr: number, uncompressedSize: number): number {
  if (status < 0) throw kernelFailure('SNAPPY', status);
  if (status !== uncompressedSize) throw sizeMismatch(CompressionCodec.SNAPPY, status, uncompressedSize);
  return outPtr;
}
