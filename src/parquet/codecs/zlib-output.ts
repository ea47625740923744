// Shared handling of node:zlib's synchronous decoders: cap the output at the page header's size (a zip bomb
// stops there instead of allocating what it claims) and turn zlib's errors into ParquetErrors.
import { ParquetError } from '../errors.js';
import { codecName } from './codec.js';
import { sizeMismatch } from './limits.js';

/** Output chunk size: one chunk for typical pages, bounded so a lying header cannot reserve much up front. */
const MAX_CHUNK = 8 << 20;

/** Options for a zlib sync call that may produce at most `uncompressedSize` bytes. */
export function cappedZlibOptions(uncompressedSize: number): { maxOutputLength: number; chunkSize: number } {
  return {
    // zlib rejects 0; one extra byte is how an over-long stream is detected.
    maxOutputLength: uncompressedSize + 1,
    chunkSize: Math.min(Math.max(uncompressedSize + 1, 64 * 1024), MAX_CHUNK),
  };
}

/** Runs a zlib decoder, checking the output length against the header and converting failures. */
export function runZlibDecoder(codec: number, uncompressedSize: number, decode: () => Uint8Array): Uint8Array {
  let out: Uint8Array;
  try {
    out = decode();
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ParquetError(
        'BAD_PAGE',
        `${codecName(codec)}: decompressed data larger than the page header's ${uncompressedSize} bytes`,
        {},
        { cause: err },
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new ParquetError('BAD_PAGE', `${codecName(codec)}: corrupt data (${message})`, {}, { cause: err });
  }
  if (out.length !== uncompressedSize) throw sizeMismatch(codec, out.length, uncompressedSize);
  return out;
}
