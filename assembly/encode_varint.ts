// ULEB128 and zigzag writers (Encodings.md: varint-encode in the RLE hybrid headers and the DELTA_BINARY_PACKED
// header and block minimum deltas). Callers reserve 10 bytes per varint.

/** Writes `value` as ULEB128 at `p`; returns the position after it. */
export function writeUleb(p: usize, value: u64): usize {
  while (value >= 0x80) {
    store<u8>(p, <u8>(value | 0x80));
    p++;
    value >>= 7;
  }
  store<u8>(p, <u8>value);
  return p + 1;
}

/** Zigzag of a signed 64-bit value (0, -1, 1, -2, ... to 0, 1, 2, 3, ...). */
export function zigzag(value: i64): u64 {
  return <u64>((value << 1) ^ (value >> 63));
}

/** Bytes of the ULEB128 form of `value`. */
export function ulebSize(value: u64): usize {
  return <usize>((70 - clz(value | 1)) / 7);
}
