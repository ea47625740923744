// The uncompressed size of a page comes from its header, which is untrusted: before allocating it, check that
// the compressed bytes could possibly expand that far. Each bound is the format's largest output per input byte.
import { ParquetError } from '../errors.js';
import { CompressionCodec, codecName } from './codec.js';

/** Parquet sizes are thrift i32. */
export const MAX_PAGE_SIZE = 0x7fffffff;

/** Largest output per compressed byte, per codec (undefined: no useful bound, the decoder caps its output). */
const MAX_EXPANSION: Record<number, number | undefined> = {
  // A copy-2 element is 3 bytes and writes up to 64 (format_description.txt, "Copy with 2-byte offset").
  [CompressionCodec.SNAPPY]: 64 / 3,
  // Deflate's longest match (258 bytes) costs at least 2 bits: 1032:1 (RFC 1951 3.2.5; zlib's tech notes).
  [CompressionCodec.GZIP]: 1032,
  // Every 255-byte match-length extension adds 255 bytes of output (lz4_Block_format.md, "Match length").
  [CompressionCodec.LZ4]: 255,
  [CompressionCodec.LZ4_RAW]: 255,
  // An RLE block is a 3-byte header plus one byte and yields up to 128 KiB (RFC 8878 3.1.1.2, Block_Maximum_Size).
  [CompressionCodec.ZSTD]: 131072 / 4,
};

/** Bytes of output a tiny input can always produce regardless of ratio (headers, one short literal). */
const SMALL_OUTPUT_ALLOWANCE = 64;

/** Throws a BAD_PAGE ParquetError unless `uncompressedSize` is a plausible size for `compressedLength` bytes of
 *  `codec` data: a non-negative i32 no larger than the codec's maximum expansion of the input. */
export function checkUncompressedSize(codec: number, compressedLength: number, uncompressedSize: number): void {
  const name = codecName(codec);
  if (!Number.isSafeInteger(uncompressedSize) || uncompressedSize < 0 || uncompressedSize > MAX_PAGE_SIZE) {
    throw new ParquetError('BAD_PAGE', `${name}: invalid uncompressed page size ${uncompressedSize}`);
  }
  if (codec === CompressionCodec.UNCOMPRESSED) {
    if (uncompressedSize !== compressedLength) {
      throw new ParquetError(
        'BAD_PAGE',
        `UNCOMPRESSED: page holds ${compressedLength} bytes but its header says ${uncompressedSize}`,
      );
    }
    return;
  }
  const ratio = MAX_EXPANSION[codec];
  if (ratio === undefined) return;
  const limit = Math.floor(compressedLength * ratio) + SMALL_OUTPUT_ALLOWANCE;
  if (uncompressedSize > limit) {
    throw new ParquetError(
      'BAD_PAGE',
      `${name}: uncompressed page size ${uncompressedSize} is impossible for ${compressedLength} compressed bytes ` +
        `(at most ${limit})`,
    );
  }
}

/** The error for decoded output whose length differs from the page header's uncompressed size. */
export function sizeMismatch(codec: number, actual: number, expected: number): ParquetError {
  return new ParquetError(
    'BAD_PAGE',
    `${codecName(codec)}: decompressed ${actual} bytes, page header says ${expected}`,
  );
}
