// GZIP pages (RFC 1952). A page may hold several gzip members back to back (parquet-testing's
// concatenated_gzip_members.parquet); node:zlib's gunzip continues through every member. unzip also accepts a
// zlib (RFC 1950) header, which some old writers produced under this codec.
import { unzipSync } from 'node:zlib';
import { CompressionCodec } from './codec.js';
import { cappedZlibOptions, runZlibDecoder } from './zlib-output.js';

/** Decompresses a GZIP page to exactly `uncompressedSize` bytes, or throws a BAD_PAGE ParquetError. */
export function gzipDecompress(input: Uint8Array, uncompressedSize: number): Uint8Array {
  return runZlibDecoder(CompressionCodec.GZIP, uncompressedSize, () =>
    unzipSync(input, cappedZlibOptions(uncompressedSize)),
  );
}
