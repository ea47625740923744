// Page decompression for every Parquet codec (parquet-format Compression.md). Pages whose codec has a kernel
// (SNAPPY, LZ4, LZ4_RAW, ZSTD) decompress straight into the kernel arena; the others decompress in JS.
import { type Arena, arena as threadArena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { brotliDecompress } from './brotli.js';
import { CompressionCodec, codecName } from './codec.js';
import { gzipDecompress } from './gzip.js';
import { checkUncompressedSize } from './limits.js';
import { lz4HadoopIntoArena, lz4RawIntoArena } from './lz4.js';
import { snappyIntoArena } from './snappy.js';
import { zstdIntoArena } from './zstd.js';

export { CompressionCodec, type CompressionCodecValue, codecName } from './codec.js';
export { codecHasLevel, compress, DEFAULT_COMPRESSION_LEVEL } from './compress.js';

/** Checks the codec and the header's size before any allocation. */
function validate(codec: number, input: Uint8Array, uncompressedSize: number): void {
  if (codec === CompressionCodec.LZO) throw new ParquetError('UNSUPPORTED', 'unsupported codec LZO');
  if (!Number.isInteger(codec) || codec < 0 || codec > CompressionCodec.LZ4_RAW) {
    throw new ParquetError('UNSUPPORTED', `unsupported codec ${codec}`);
  }
  checkUncompressedSize(codec, input.length, uncompressedSize);
}

/** Decompresses with a JS decoder (codecs without a kernel). */
function decompressInJs(codec: number, input: Uint8Array, uncompressedSize: number): Uint8Array {
  switch (codec) {
    case CompressionCodec.GZIP:
      return gzipDecompress(input, uncompressedSize);
    case CompressionCodec.BROTLI:
      return brotliDecompress(input, uncompressedSize);
    default:
      throw new ParquetError('UNSUPPORTED', `no JS decoder for ${codecName(codec)}`);
  }
}

function hasKernel(codec: number): boolean {
  return (
    codec === CompressionCodec.SNAPPY ||
    codec === CompressionCodec.LZ4 ||
    codec === CompressionCodec.LZ4_RAW ||
    codec === CompressionCodec.ZSTD
  );
}

/** Zero-byte pages carry no codec stream at all (DATA_PAGE_V2 with only levels; empty pages). */
function isEmptyPage(input: Uint8Array, uncompressedSize: number): boolean {
  return input.length === 0 && uncompressedSize === 0;
}

/**
 * Decompresses one page to exactly `uncompressedSize` bytes (the page header's value).
 * Throws ParquetError: BAD_PAGE for corrupt data, a size the input cannot produce, or output of another size;
 * UNSUPPORTED for LZO and codec numbers parquet.thrift does not define.
 */
export function decompress(codec: number, input: Uint8Array, uncompressedSize: number): Uint8Array {
  validate(codec, input, uncompressedSize);
  if (codec === CompressionCodec.UNCOMPRESSED) return input;
  if (isEmptyPage(input, uncompressedSize)) return new Uint8Array(0);
  if (!hasKernel(codec)) return decompressInJs(codec, input, uncompressedSize);
  const arena = threadArena();
  const mark = arena.mark();
  try {
    const ptr = decompressKernelCodec(arena, codec, input, uncompressedSize);
    return arena.u8().slice(ptr, ptr + uncompressedSize);
  } finally {
    arena.release(mark);
  }
}

/**
 * Decompresses one page into `arena` memory and returns the pointer to its `uncompressedSize` bytes.
 * SNAPPY, LZ4, LZ4_RAW and ZSTD decode straight into the arena; other codecs decode in JS and are copied in once.
 * On error nothing stays allocated. Throws like `decompress`.
 */
export function decompressIntoArena(arena: Arena, codec: number, input: Uint8Array, uncompressedSize: number): number {
  validate(codec, input, uncompressedSize);
  if (codec === CompressionCodec.UNCOMPRESSED || isEmptyPage(input, uncompressedSize)) {
    return arena.copyIn(input);
  }
  if (!hasKernel(codec)) return arena.copyIn(decompressInJs(codec, input, uncompressedSize));
  const mark = arena.mark();
  try {
    return decompressKernelCodec(arena, codec, input, uncompressedSize);
  } catch (err) {
    arena.release(mark);
    throw err;
  }
}

function decompressKernelCodec(arena: Arena, codec: number, input: Uint8Array, uncompressedSize: number): number {
  if (codec === CompressionCodec.SNAPPY) return snappyIntoArena(arena, input, uncompressedSize);
  if (codec === CompressionCodec.LZ4_RAW) return lz4RawIntoArena(arena, input, uncompressedSize);
  if (codec === CompressionCodec.ZSTD) return zstdIntoArena(arena, input, uncompressedSize);
  return lz4HadoopIntoArena(arena, input, uncompressedSize);
}
