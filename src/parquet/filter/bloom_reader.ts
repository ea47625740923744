// Reads the bloom filter of a column chunk (ColumnMetaData.bloom_filter_offset/length), decrypting it for encrypted
// columns, and turns it into the `absent` test of the chunk's bounds.
import { ParquetError } from '../errors.js';
import type { ParquetFile } from '../file.js';
import { decodeBloomFilterHeader } from '../metadata/decode.js';
import type { ColumnDescriptor } from '../schema.js';
import { plainBytes, SplitBlockBloomFilter } from './bloom_filter.js';
import type { Key, KeyDomain } from './keys.js';
import { xxhash64 } from './xxhash64.js';

/** A bitset larger than this is not trusted (writers cap theirs at 128 MiB, BloomFilter.md). */
const MAX_BITSET_BYTES = 128 << 20;
/** Bytes read for a header when bloom_filter_length is absent (a BloomFilterHeader is about 15 bytes). */
const HEADER_GUESS = 64;

/** A loaded bloom filter: its absence test and the bytes read to get it. */
export interface LoadedBloomFilter {
  readonly absent: (key: Key) => boolean;
  readonly bytesRead: number;
}

/** The bloom filter of `column` in row group `rowGroup`, or undefined when it has none this reader can use. */
export async function loadBloomFilter(
  file: ParquetFile,
  rowGroup: number,
  column: ColumnDescriptor,
  domain: KeyDomain,
): Promise<LoadedBloomFilter | undefined> {
  const meta = file.rowGroups[rowGroup]!.columns[column.columnIndex]!.metaData;
  const offset = meta?.bloomFilterOffset;
  if (meta === undefined || offset === undefined) return undefined;
  const fileSize = file.source.byteLength;
  const length = meta.bloomFilterLength;
  if (!(offset >= 4) || offset >= fileSize || (length !== undefined && !(length > 0 && offset + length <= fileSize))) {
    return undefined;
  }
  const decryptor = file.columnDecryptor(rowGroup, column.columnIndex);
  let bitset: Uint8Array;
  let bytesRead: number;
  if (decryptor) {
    if (length === undefined) return undefined; // the modules' lengths are only known from the metadata
    const bytes = await file.source.read(offset, length);
    bitset = decryptor.bloomFilter(bytes).bitset;
    bytesRead = length;
  } else {
    const head = await file.source.read(offset, length ?? Math.min(HEADER_GUESS, fileSize - offset));
    const { value: header, length: headerLength } = decodeBloomFilterHeader(head);
    const numBytes = header.numBytes;
    if (!(numBytes > 0 && numBytes <= MAX_BITSET_BYTES && offset + headerLength + numBytes <= fileSize)) {
      throw new ParquetError('BAD_METADATA', `bloom filter of ${numBytes} bytes`, { column: column.name });
    }
    bitset =
      headerLength + numBytes <= head.byteLength
        ? head.subarray(headerLength, headerLength + numBytes)
        : await file.source.read(offset + headerLength, numBytes);
    bytesRead = head.byteLength + (headerLength + numBytes <= head.byteLength ? 0 : numBytes);
  }
  const filter = new SplitBlockBloomFilter(bitset);
  return {
    absent: (key) => {
      const bytes = plainBytes(key, column, domain);
      return bytes !== undefined && !filter.mightContain(xxhash64(bytes));
    },
    bytesRead,
  };
}
