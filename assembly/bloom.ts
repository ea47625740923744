// Split-block bloom filter insertion (parquet-format BloomFilter.md "Technical Approach"): a 64-bit hash picks a
// 32-byte block with its upper half and, through eight odd salts, one bit in each of the block's eight 32-bit words
// with its lower half.

const SALTS = memory.data<u32>([
  0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31,
]);

/** Sets the bits of `count` u64 hashes at `hashesPtr` in the bitset of `numBlocks` 32-byte blocks at `bitsetPtr`. */
export function bloomInsert(bitsetPtr: usize, numBlocks: i32, hashesPtr: usize, count: i32): void {
  if (numBlocks <= 0) return;
  const salts = v128.load(SALTS);
  const salts2 = v128.load(SALTS, 16);
  const blocks = <u64>numBlocks;
  for (let i: usize = 0; i < <usize>count; i++) {
    const hash = load<u64>(hashesPtr + (i << 3));
    const block = bitsetPtr + ((<usize>(((hash >> 32) * blocks) >> 32)) << 5);
    const key = i32x4.splat(<i32>hash);
    // bit = (key * salt) >>> 27, mask = 1 << bit: SIMD multiplies, then the variable shifts lane by lane.
    const bitsLo = i32x4.shr_u(i32x4.mul(key, salts), 27);
    const bitsHi = i32x4.shr_u(i32x4.mul(key, salts2), 27);
    const masksLo = i32x4(
      1 << i32x4.extract_lane(bitsLo, 0),
      1 << i32x4.extract_lane(bitsLo, 1),
      1 << i32x4.extract_lane(bitsLo, 2),
      1 << i32x4.extract_lane(bitsLo, 3),
    );
    const masksHi = i32x4(
      1 << i32x4.extract_lane(bitsHi, 0),
      1 << i32x4.extract_lane(bitsHi, 1),
      1 << i32x4.extract_lane(bitsHi, 2),
      1 << i32x4.extract_lane(bitsHi, 3),
    );
    v128.store(block, v128.or(v128.load(block), masksLo));
    v128.store(block, v128.or(v128.load(block, 16), masksHi), 16);
  }
}

/** Writes 1 at `outPtr + i` when hash i might be in the bitset, 0 when it certainly is not. */
export function bloomCheck(bitsetPtr: usize, numBlocks: i32, hashesPtr: usize, count: i32, outPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    const hash = load<u64>(hashesPtr + (i << 3));
    let found: u32 = 1;
    if (numBlocks > 0) {
      const block = bitsetPtr + ((<usize>(((hash >> 32) * <u64>numBlocks) >> 32)) << 5);
      const key = <u32>hash;
      for (let w: usize = 0; w < 8; w++) {
        const bit = (key * load<u32>(SALTS + (w << 2))) >>> 27;
        found &= (load<u32>(block + (w << 2)) >>> bit) & 1;
      }
    }
    store<u8>(outPtr + i, <u8>found);
  }
}
