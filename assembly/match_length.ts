// The match extension both block compressors (snappy_compress.ts, lz4_compress.ts) run after finding a candidate.

/** Length of the common prefix of [a, ...) and [b, ...) with b < limit; a < b. Eight bytes per step: the first
 *  differing byte is the lowest set byte of the XOR (little-endian loads). */
export function matchLength(a: usize, b: usize, limit: usize): usize {
  const start = b;
  while (b + 8 <= limit) {
    const x = load<u64>(a) ^ load<u64>(b);
    if (x !== 0) return b - start + <usize>(ctz(x) >>> 3);
    a += 8;
    b += 8;
  }
  while (b < limit && load<u8>(a) === load<u8>(b)) {
    a++;
    b++;
  }
  return b - start;
}
