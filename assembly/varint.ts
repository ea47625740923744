// ULEB128 and zigzag (Encodings.md, note 2 of the RLE section and the DELTA_BINARY_PACKED header). A reader
// returns the value and leaves the position after it in `varintEnd`, or sets `varintStatus` to a negative
// status; globals avoid allocating a result object under the stub runtime.

import { INVALID, TRUNCATED } from './status';

/** Position after the last varint read. */
export let varintEnd: usize = 0;
/** 0 after a successful read, else TRUNCATED or INVALID. */
export let varintStatus: i32 = 0;

/** Reads a ULEB128 of at most `maxBytes` bytes (5 for 32-bit values, 10 for 64-bit) from [p, end). */
export function readUleb(p: usize, end: usize, maxBytes: u32): u64 {
  let value: u64 = 0;
  let shift: u64 = 0;
  for (let i: u32 = 0; i < maxBytes; i++) {
    if (p >= end) {
      varintStatus = TRUNCATED;
      return 0;
    }
    const byte = <u64>load<u8>(p);
    p++;
    value |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      varintEnd = p;
      varintStatus = 0;
      return value;
    }
    shift += 7;
  }
  varintStatus = INVALID;
  return 0;
}

/** Decodes a zigzag-encoded integer (0, -1, 1, -2, ... stored as 0, 1, 2, 3, ...). */
export function unzigzag(n: u64): i64 {
  return <i64>(n >>> 1) ^ -(<i64>(n & 1));
}
