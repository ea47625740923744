// PLAIN encoding (Encodings.md "Plain") of the types that are not a plain byte copy: BOOLEAN (bit-packed, LSB
// first) and BYTE_ARRAY (4-byte little-endian length, then the bytes, per value).

import { INVALID, OVERFLOW } from './status';

/** Packs `count` booleans (one byte each, nonzero = true) at `inPtr` into ceil(count / 8) bytes at `outPtr`. */
export function packBooleans(inPtr: usize, count: i32, outPtr: usize): void {
  if (count <= 0) return;
  const n = <usize>count;
  const zero = i8x16.splat(0);
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) {
    // bitmask takes the top bit of each lane; `ne` makes a lane all ones for any nonzero byte.
    store<u16>(outPtr + (i >> 3), <u16>i8x16.bitmask(i8x16.ne(v128.load(inPtr + i), zero)));
  }
  let byte: u32 = 0;
  for (; i < n; i++) {
    if (load<u8>(inPtr + i) !== 0) byte |= 1 << (<u32>(i & 7));
    if ((i & 7) === 7) {
      store<u8>(outPtr + (i >> 3), <u8>byte);
      byte = 0;
    }
  }
  if ((n & 7) !== 0) store<u8>(outPtr + (n >> 3), <u8>byte);
}

/** Writes `count` byte arrays as PLAIN: value i is the bytes [offsets[i], offsets[i + 1]) of the data at `dataPtr`,
 *  whose first byte is offset `baseOffset` (i32 offsets at `offsetsPtr`, count + 1 of them). Writes at most
 *  `outCap` bytes at `outPtr`; returns the bytes written, INVALID for offsets that go backwards or below the base,
 *  OVERFLOW when the output does not fit. */
export function plainByteArrayEncode(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  baseOffset: i32,
  outPtr: usize,
  outCap: i32,
): i32 {
  if (count < 0 || outCap < 0) return INVALID;
  const outEnd = outPtr + <usize>outCap;
  let out = outPtr;
  let start = load<i32>(offsetsPtr);
  if (start < baseOffset) return INVALID;
  const dataEnd = dataPtr + <usize>(load<i32>(offsetsPtr + ((<usize>count) << 2)) - baseOffset);
  for (let i: i32 = 0; i < count; i++) {
    const end = load<i32>(offsetsPtr + ((<usize>i + 1) << 2));
    if (end < start) return INVALID;
    const len = <usize>(end - start);
    if (outEnd - out < 4 || outEnd - out - 4 < len) return OVERFLOW;
    store<u32>(out, <u32>len);
    out += 4;
    copyValue(out, dataPtr + <usize>(start - baseOffset), len, dataEnd, outEnd);
    out += len;
    start = end;
  }
  return <i32>(out - outPtr);
}

/** Copies `len` bytes; short values with 32 bytes of room on both sides go as two 16-byte moves, which beats
 *  memory.copy's call overhead on the short strings typical of Parquet columns. */
export function copyValue(dst: usize, src: usize, len: usize, srcEnd: usize, dstEnd: usize): void {
  if (len <= 32 && src + 32 <= srcEnd && dst + 32 <= dstEnd) {
    v128.store(dst, v128.load(src));
    v128.store(dst, v128.load(src, 16), 16);
  } else {
    memory.copy(dst, src, len);
  }
}
