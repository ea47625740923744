// PLAIN BYTE_ARRAY (Encodings.md "Plain": a 4-byte little-endian length, then the bytes) to Arrow offsets +
// bytes, and plain lengths (DELTA_LENGTH_BYTE_ARRAY's decoded lengths) to offsets.

import { INVALID, TRUNCATED } from './status';

const I32_MAX: i64 = 0x7fffffff;

/** Decodes `count` values: `count` + 1 i32 offsets at `offsetsPtr` from `baseOffset`, the bytes back to back at
 *  `bytesPtr` (capacity `inLen`, which the bytes can never exceed). Returns bytes consumed, TRUNCATED when a length
 *  passes the end of the input, or INVALID when an offset would pass 2^31 - 1. */
export function plainByteArrayDecode(
  inPtr: usize,
  inLen: i32,
  count: i32,
  offsetsPtr: usize,
  bytesPtr: usize,
  baseOffset: i32,
): i32 {
  if (inLen < 0 || count < 0 || baseOffset < 0) return INVALID;
  const end = inPtr + inLen;
  const outEnd = bytesPtr + inLen;
  let p = inPtr;
  let out = bytesPtr;
  store<i32>(offsetsPtr, baseOffset);
  for (let i: i32 = 0; i < count; i++) {
    if (end - p < 4) return TRUNCATED;
    const len = <usize>load<u32>(p);
    p += 4;
    if (len > end - p) return TRUNCATED;
    copyValue(out, p, len, end, outEnd);
    p += len;
    out += len;
    const offset = <i64>baseOffset + <i64>(out - bytesPtr);
    if (offset > I32_MAX) return INVALID;
    store<i32>(offsetsPtr + ((<usize>i + 1) << 2), <i32>offset);
  }
  return <i32>(p - inPtr);
}

/**
 * Decodes like plainByteArrayDecode but moves the bytes to the front of the input itself (each value lands at or
 * before where it was read, 4 bytes earlier per value decoded), so no second buffer of the page's size is touched:
 * on a one-page 24 MB string chunk that is 20 MB less kernel memory first-touched and streamed through the caches.
 * The bytes start at `inPtr`; returns bytes consumed or the same statuses.
 */
export function plainByteArrayCompact(inPtr: usize, inLen: i32, count: i32, offsetsPtr: usize, baseOffset: i32): i32 {
  if (inLen < 0 || count < 0 || baseOffset < 0) return INVALID;
  const end = inPtr + inLen;
  let p = inPtr;
  let out = inPtr;
  store<i32>(offsetsPtr, baseOffset);
  for (let i: i32 = 0; i < count; i++) {
    if (end - p < 4) return TRUNCATED;
    const len = <usize>load<u32>(p);
    p += 4;
    if (len > end - p) return TRUNCATED;
    // Two 16-byte moves are safe once the write position trails the read position by 32 bytes (after 8 values):
    // they then cannot reach bytes not read yet. Before that, and for long values, memory.copy (which allows
    // overlap) moves exactly `len` bytes.
    if (len <= 32 && p - out >= 32 && p + 32 <= end) {
      v128.store(out, v128.load(p));
      v128.store(out, v128.load(p, 16), 16);
    } else {
      memory.copy(out, p, len);
    }
    p += len;
    out += len;
    const offset = <i64>baseOffset + <i64>(out - inPtr);
    if (offset > I32_MAX) return INVALID;
    store<i32>(offsetsPtr + ((<usize>i + 1) << 2), <i32>offset);
  }
  return <i32>(p - inPtr);
}

/** Copies `len` bytes; short values with 32 bytes of room on both sides go as two 16-byte moves, which beats
 *  memory.copy's call overhead on the short strings typical of Parquet columns. */
function copyValue(dst: usize, src: usize, len: usize, srcEnd: usize, dstEnd: usize): void {
  if (len <= 32 && src + 32 <= srcEnd && dst + 32 <= dstEnd) {
    v128.store(dst, v128.load(src));
    v128.store(dst, v128.load(src, 16), 16);
  } else {
    memory.copy(dst, src, len);
  }
}

/** Turns `count` i32 lengths into `count` + 1 offsets at `outPtr` from `baseOffset`; returns the total length, or
 *  INVALID for a negative length or an offset past 2^31 - 1. */
export function lengthsToOffsets(lensPtr: usize, count: i32, outPtr: usize, baseOffset: i32): i32 {
  if (count < 0 || baseOffset < 0) return INVALID;
  let offset: i64 = baseOffset;
  store<i32>(outPtr, baseOffset);
  for (let i: i32 = 0; i < count; i++) {
    const len = load<i32>(lensPtr + ((<usize>i) << 2));
    if (len < 0) return INVALID;
    offset += len;
    if (offset > I32_MAX) return INVALID;
    store<i32>(outPtr + ((<usize>i + 1) << 2), <i32>offset);
  }
  return <i32>(offset - baseOffset);
}
