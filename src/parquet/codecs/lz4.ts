// LZ4 pages, decompressed by the lz4BlockDecompress kernel straight into the arena.
// - LZ4_RAW (codec 7): one LZ4 block (parquet-format Compression.md, "LZ4_RAW").
// - LZ4 (codec 5, deprecated): parquet-mr wrote Hadoop's Lz4Codec framing; older parquet-cpp wrote a bare block
//   under the same codec. As Compression.md advises, try the Hadoop framing first and fall back to a raw block.
import type { Arena } from '../../kernels/arena.js';
import { CompressionCodec } from './codec.js';
import { kernelFailure } from './kernel-status.js';
import { sizeMismatch } from './limits.js';

/** Spare output bytes so the kernel can finish with wide stores (they land inside the allocation). */
const SLACK = 16;

/** Decompresses an LZ4_RAW page into new arena memory of `uncompressedSize` bytes; returns its pointer. */
export function lz4RawIntoArena(arena: Arena, input: Uint8Array, uncompressedSize: number): number {
  return withInputCopy(arena, input, uncompressedSize, (inPtr, outPtr) => {
    decodeRawBlock(arena, inPtr, input.length, outPtr, uncompressedSize, CompressionCodec.LZ4_RAW);
  });
}

/** Decompresses a codec-5 LZ4 page (Hadoop framing, else a raw block) into new arena memory; returns its pointer. */
export function lz4HadoopIntoArena(arena: Arena, input: Uint8Array, uncompressedSize: number): number {
  return withInputCopy(arena, input, uncompressedSize, (inPtr, outPtr) => {
    if (decodeHadoopFrames(arena, input, inPtr, outPtr, uncompressedSize)) return;
    decodeRawBlock(arena, inPtr, input.length, outPtr, uncompressedSize, CompressionCodec.LZ4);
  });
}

/** Allocates the output, copies the input above it, runs `decode`, then frees the input copy. */
function withInputCopy(
  arena: Arena,
  input: Uint8Array,
  uncompressedSize: number,
  decode: (inPtr: number, outPtr: number) => void,
): number {
  const outPtr = arena.alloc(uncompressedSize + SLACK);
  const inputMark = arena.mark();
  try {
    decode(arena.copyIn(input), outPtr);
  } finally {
    arena.release(inputMark);
  }
  return outPtr;
}

function decodeRawBlock(
  arena: Arena,
  inPtr: number,
  inLen: number,
  outPtr: number,
  uncompressedSize: number,
  codec: number,
): void {
  const status = arena.wasm.lz4BlockDecompress(inPtr, inLen, outPtr, uncompressedSize + SLACK);
  if (status < 0) throw kernelFailure(codec === CompressionCodec.LZ4 ? 'LZ4' : 'LZ4_RAW', status);
  if (status !== uncompressedSize) throw sizeMismatch(codec, status, uncompressedSize);
}

/**
 * Hadoop's BlockCompressorStream layout: repeated [u32 BE uncompressed length of the block][then chunks of
 * (u32 BE compressed length, LZ4 block) until that many bytes are produced]. Returns false, having decided
 * nothing, when the bytes do not follow that layout exactly (the caller then tries a raw block).
 */
function decodeHadoopFrames(
  arena: Arena,
  input: Uint8Array,
  inPtr: number,
  outPtr: number,
  uncompressedSize: number,
): boolean {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let pos = 0;
  let produced = 0;
  while (pos < input.length) {
    if (input.length - pos < 8) return false;
    const blockSize = view.getUint32(pos);
    pos += 4;
    if (blockSize > uncompressedSize - produced) return false;
    const blockEnd = produced + blockSize;
    do {
      if (input.length - pos < 4) return false;
      const chunkLength = view.getUint32(pos);
      pos += 4;
      if (chunkLength === 0 || chunkLength > input.length - pos) return false;
      const room = blockEnd - produced;
      const status = arena.wasm.lz4BlockDecompress(inPtr + pos, chunkLength, outPtr + produced, room + SLACK);
      if (status < 0 || status > room) return false;
      produced += status;
      pos += chunkLength;
    } while (produced < blockEnd);
  }
  return produced === uncompressedSize && pos === input.length;
}
