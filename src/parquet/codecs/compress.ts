// Page compression for the writer (parquet-format Compression.md): one entry point over every codec the writer
// can produce. SNAPPY and LZ4_RAW run in kernels; GZIP and BROTLI in node:zlib; ZSTD in zstd-codec.
import { ParquetError } from '../errors.js';
import { CompressionCodec, codecName } from './codec.js';
import { lz4RawCompress } from './lz4-compress.js';
import { snappyCompress } from './snappy-compress.js';
import { brotliCompress, gzipCompress } from './zlib-compress.js';
import { zstdCompress } from './zstd-compress.js';

/**
 * Default levels, as arrow-rs (parquet-wasm's writer) uses them: GzipLevel 6 (zlib's default), BrotliLevel 1,
 * ZstdLevel 1 (also pyarrow's ZSTD default).
 */
export const DEFAULT_COMPRESSION_LEVEL: Readonly<Record<number, number>> = {
  [CompressionCodec.GZIP]: 6,
  [CompressionCodec.BROTLI]: 1,
  [CompressionCodec.ZSTD]: 1,
};

/** Whether `codec` takes a compression level (GZIP, BROTLI, ZSTD). */
export function codecHasLevel(codec: number): boolean {
  return DEFAULT_COMPRESSION_LEVEL[codec] !== undefined;
}

/**
 * Compresses one page body with `codec` (a CompressionCodec value) at `level` (GZIP 0..9, BROTLI 0..11, ZSTD
 * -131072..22; default DEFAULT_COMPRESSION_LEVEL). `input` may be given in parts (a page's levels and values),
 * compressed as their concatenation: the kernel codecs then copy each part once, into wasm memory.
 * UNCOMPRESSED returns `input` itself (the parts joined).
 * Throws ParquetError: UNSUPPORTED for LZO, the deprecated LZ4 (write LZ4_RAW instead) and unknown codecs;
 * BAD_ARGUMENT for a level out of range or a level given to a codec without levels.
 */
export function compress(codec: number, input: Uint8Array | readonly Uint8Array[], level?: number): Uint8Array {
  if (level !== undefined && !codecHasLevel(codec)) {
    throw new ParquetError('BAD_ARGUMENT', `${codecName(codec)} has no compression level (got ${level})`);
  }
  switch (codec) {
    case CompressionCodec.UNCOMPRESSED:
      return joined(input);
    case CompressionCodec.SNAPPY:
      return snappyCompress(input);
    case CompressionCodec.LZ4_RAW:
      return lz4RawCompress(input);
    case CompressionCodec.GZIP:
      return gzipCompress(joined(input), level ?? DEFAULT_COMPRESSION_LEVEL[codec]!);
    case CompressionCodec.BROTLI:
      return brotliCompress(joined(input), level ?? DEFAULT_COMPRESSION_LEVEL[codec]!);
    case CompressionCodec.ZSTD:
      return zstdCompress(joined(input), level ?? DEFAULT_COMPRESSION_LEVEL[codec]!);
    case CompressionCodec.LZ4:
      throw new ParquetError('UNSUPPORTED', 'writing the deprecated LZ4 codec is not supported; use LZ4_RAW');
    default:
      throw new ParquetError('UNSUPPORTED', `writing ${codecName(codec)} is not supported`);
  }
}

/** The bytes of `input`, its parts concatenated. */
function joined(input: Uint8Array | readonly Uint8Array[]): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input.length === 1) return input[0] as Uint8Array;
  return Buffer.concat(input as Uint8Array[]);
}
