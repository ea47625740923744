// Split-block bloom filter insertion one hash at a time (parquet-format BloomFilter.md "Technical Approach"): the
// reference for assembly/bloom.ts.

const SALT = [0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31];

/** Sets the bits of `hash` in `bitset` (whole 32-byte blocks of little-endian u32 words). */
export function bloomInsertReference(bitset: Uint8Array, hash: bigint): void {
  const blocks = BigInt(Math.floor(bitset.length / 32));
  const block = Number(((hash >> 32n) * blocks) >> 32n);
  const key = Number(hash & 0xffffffffn);
  const view = new DataView(bitset.buffer, bitset.byteOffset, bitset.byteLength);
  for (let i = 0; i < 8; i++) {
    const bit = Math.imul(key, SALT[i]!) >>> 27;
    const at = block * 32 + i * 4;
    view.setUint32(at, (view.getUint32(at, true) | (1 << bit)) >>> 0, true);
  }
}
