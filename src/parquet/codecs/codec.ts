// Compression codecs of column chunks (parquet.thrift `enum CompressionCodec`).

/** The CompressionCodec values a ColumnMetaData.codec field may hold. */
export const CompressionCodec = {
  UNCOMPRESSED: 0,
  SNAPPY: 1,
  GZIP: 2,
  LZO: 3,
  BROTLI: 4,
  /** Deprecated in parquet.thrift: Hadoop-framed LZ4 in practice, raw LZ4 blocks from older parquet-cpp. */
  LZ4: 5,
  ZSTD: 6,
  LZ4_RAW: 7,
} as const;

/** One of the CompressionCodec values. */
export type CompressionCodecValue = (typeof CompressionCodec)[keyof typeof CompressionCodec];

const NAMES: readonly string[] = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'];

/** The spec's name of a codec value, or `codec <n>` for a value the spec does not define. */
export function codecName(codec: number): string {
  return NAMES[codec] ?? `codec ${codec}`;
}
