// Mask scans for filter on partitions (src/columnar/filter.ts): a bitmap to the indices of its set bits.
// (A gather kernel for take was measured too: random gathers are bound by memory latency, and with the copies in
// and out of linear memory it was no faster than the JavaScript loop, so take stays in TypeScript.)

/** The positions of the set bits among the first `length` bits of the LSB bitmap at `bitsPtr`, ascending, as i32
 *  at `outPtr`. Returns how many. */
export function bitmapToIndices(bitsPtr: usize, length: u32, outPtr: usize): u32 {
  let n: u32 = 0;
  const words = length >>> 6;
  for (let w: u32 = 0; w < words; w++) {
    let bits = load<u64>(bitsPtr + ((<usize>w) << 3));
    while (bits !== 0) {
      store<u32>(outPtr + ((<usize>n) << 2), (w << 6) | <u32>ctz(bits));
      n++;
      bits &= bits - 1;
    }
  }
  for (let i: u32 = words << 6; i < length; i++) {
    if ((load<u8>(bitsPtr + (i >>> 3)) >>> (i & 7)) & 1) {
      store<u32>(outPtr + ((<usize>n) << 2), i);
      n++;
    }
  }
  return n;
}
