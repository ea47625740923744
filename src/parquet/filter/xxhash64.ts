// XXH64 (seed 0) of one literal, the hash of Parquet's split-block bloom filters (parquet-format BloomFilter.md,
// "Hash Function"), computed by the writer's kernel so that reader and writer cannot disagree.
import { hashByteArrays } from '../write/hash.js';

/** The XXH64 hash of `bytes` with seed 0, as an unsigned 64-bit bigint. */
export function xxhash64(bytes: Uint8Array): bigint {
  return hashByteArrays(Int32Array.of(0, bytes.length), bytes)[0]!;
}
