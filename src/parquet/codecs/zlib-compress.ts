// GZIP and BROTLI compression for the writer, by node:zlib's synchronous encoders.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ParquetError } from '../errors.js';

/** A gzip member (RFC 1952) at `level` 0..9. */
export function gzipCompress(input: Uint8Array, level: number): Uint8Array {
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new ParquetError('BAD_ARGUMENT', `GZIP: compression level ${level} is outside 0..9`);
  }
  return asUint8Array(gzipSync(input, { level }));
}

/** A brotli stream (RFC 7932) at quality `level` 0..11. */
export function brotliCompress(input: Uint8Array, level: number): Uint8Array {
  if (!Number.isInteger(level) || level < 0 || level > 11) {
    throw new ParquetError('BAD_ARGUMENT', `BROTLI: compression level ${level} is outside 0..11`);
  }
  return asUint8Array(
    brotliCompressSync(input, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: level,
        // The size hint lets the encoder pick its window and block sizes for the page rather than for a stream.
        [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
      },
    }),
  );
}

/** node:zlib returns Buffers, often slices of a larger pooled allocation; hand out plain Uint8Arrays. */
function asUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
