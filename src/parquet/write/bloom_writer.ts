// Split-block bloom filters for the writer (parquet-format BloomFilter.md): sizing from the expected number of
// distinct values and false-positive rate, insertion of a column chunk's values in the assembly/bloom.ts kernel,
// and serialization as BloomFilterHeader (thrift compact) followed by the bitset, which ColumnMetaData's
// bloom_filter_offset / bloom_filter_length point at.
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { BloomFilterHeaderSpec } from '../metadata/structs.js';
import { encodeStruct } from '../metadata/thrift_writer.js';
import { hashValuesInArena } from './hash.js';
import type { PhysicalValues } from './leaf_data.js';

const BLOCK_BYTES = 32;
/** BloomFilter.md: writers cap the bitset at 128 MiB (readers such as ours refuse larger ones). */
export const MAX_BLOOM_FILTER_BYTES = 128 << 20;
/** Words per block, each with one bit set per value (BloomFilter.md "Technical Approach": k = 8). */
const BITS_PER_VALUE = 8;

/**
 * Bitset size in bytes for `ndv` distinct values at false-positive probability `fpp` (BloomFilter.md "Sizing an
 * SBBF": m = -k * ndv / ln(1 - fpp^(1/k)) bits with k = 8), rounded up to a power of two between 32 bytes and
 * 128 MiB.
 */
export function bloomFilterBytes(ndv: number, fpp: number): number {
  if (!(fpp > 0 && fpp < 1)) throw new ParquetError('BAD_ARGUMENT', `bloom filter: false-positive rate ${fpp}`);
  if (!(ndv >= 0)) throw new ParquetError('BAD_ARGUMENT', `bloom filter: ${ndv} distinct values`);
  const bits = (-BITS_PER_VALUE * ndv) / Math.log(1 - fpp ** (1 / BITS_PER_VALUE));
  const bytes = Math.min(Math.max(bits / 8, BLOCK_BYTES), MAX_BLOOM_FILTER_BYTES);
  return Math.min(2 ** Math.ceil(Math.log2(bytes)), MAX_BLOOM_FILTER_BYTES);
}

/** Builds one column chunk's split-block bloom filter. */
export class BloomFilterBuilder {
  readonly numBytes: number;
  private readonly bitset: Uint8Array;

  /** An empty filter of `numBytes` (a multiple of 32 up to 128 MiB; bloomFilterBytes gives a good size). */
  constructor(numBytes: number) {
    if (
      !Number.isInteger(numBytes) ||
      numBytes < BLOCK_BYTES ||
      numBytes > MAX_BLOOM_FILTER_BYTES ||
      numBytes % BLOCK_BYTES !== 0
    ) {
      throw new ParquetError('BAD_ARGUMENT', `bloom filter of ${numBytes} bytes`);
    }
    this.numBytes = numBytes;
    this.bitset = new Uint8Array(numBytes);
  }

  /**
   * Inserts every value (hashed as BloomFilter.md requires: XXH64 of the PLAIN bytes, byte arrays without their
   * length). Each call passes over the whole bitset once, so insert a chunk's values in few calls — or only its
   * dictionary, which holds every distinct value.
   */
  insertValues(values: PhysicalValues): void {
    const a = arena();
    const mark = a.mark();
    try {
      const { ptr, count } = hashValuesInArena(a, values);
      this.insertInArena(ptr, count);
    } finally {
      a.release(mark);
    }
  }

  /** Inserts values by their XXH64 hashes (seed 0). */
  insertHashes(hashes: BigUint64Array): void {
    const a = arena();
    const mark = a.mark();
    try {
      const ptr = a.copyIn(new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength));
      this.insertInArena(ptr, hashes.length);
    } finally {
      a.release(mark);
    }
  }

  /** The bitset (little-endian 32-bit words, 32-byte blocks), shared with the builder. */
  get bits(): Uint8Array {
    return this.bitset;
  }

  /** BloomFilterHeader (BLOCK, XXHASH, UNCOMPRESSED) followed by the bitset, as stored in the file. */
  serialize(): Uint8Array {
    const header = encodeStruct(BloomFilterHeaderSpec, {
      numBytes: this.numBytes,
      algorithm: { type: 'BLOCK' },
      hash: { type: 'XXHASH' },
      compression: { type: 'UNCOMPRESSED' },
    });
    const out = new Uint8Array(header.length + this.numBytes);
    out.set(header);
    out.set(this.bitset, header.length);
    return out;
  }

  private insertInArena(hashesPtr: number, count: number): void {
    if (count === 0) return;
    const a = arena();
    const bitsetPtr = a.copyIn(this.bitset);
    a.wasm.bloomInsert(bitsetPtr, this.numBytes / BLOCK_BYTES, hashesPtr, count);
    this.bitset.set(a.u8().subarray(bitsetPtr, bitsetPtr + this.numBytes));
  }
}
