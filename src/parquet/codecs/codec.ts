// Compression codecs of column chunks: the parquet.thrift enum (defined once, in metadata/enums.ts) and names.
import { CompressionCodec, enumName } from '../metadata/enums.js';

export { CompressionCodec };

/** One of the CompressionCodec values. LZ4 (5) is deprecated in parquet.thrift: Hadoop-framed LZ4 in practice,
 *  raw LZ4 blocks from older parquet-cpp. */
export type CompressionCodecValue = (typeof CompressionCodec)[keyof typeof CompressionCodec];

/** The spec's name of a codec value, or `codec <n>` for a value the spec does not define. */
export function codecName(codec: number): string {
  const name = enumName(CompressionCodec, codec);
  return name.startsWith('UNKNOWN') ? `codec ${codec}` : name;
}
