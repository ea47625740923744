// BROTLI pages (RFC 7932), via node:zlib.
import { brotliDecompressSync } from 'node:zlib';
import { CompressionCodec } from './codec.js';
import { cappedZlibOptions, runZlibDecoder } from './zlib-output.js';

/** Decompresses a BROTLI page to exactly `uncompressedSize` bytes, or throws a BAD_PAGE ParquetError. */
export function brotliDecompress(input: Uint8Array, uncompressedSize: number): Uint8Array {
  return runZlibDecoder(CompressionCodec.BROTLI, uncompressedSize, () =>
    brotliDecompressSync(input, cappedZlibOptions(uncompressedSize)),
  );
}
