// The byte-array parts of DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (Encodings.md "Delta-length byte array",
// "Delta Strings"): value lengths from Arrow offsets, and the split of each value into the length of the prefix it
// shares with the previous value and the suffix that follows. The length streams are then DELTA_BINARY_PACKED by
// encode_delta.ts.

import { copyValue } from './encode_plain';
import { INVALID, OVERFLOW } from './status';

/** Writes the `count` lengths offsets[i + 1] - offsets[i] as i32s at `outPtr`; returns their sum, or INVALID if
 *  an offset goes backwards. */
export function byteArrayLengths(offsetsPtr: usize, count: i32, outPtr: usize): i32 {
  if (count < 0) return INVALID;
  let prev = load<i32>(offsetsPtr);
  const first = prev;
  for (let i: i32 = 0; i < count; i++) {
    const next = load<i32>(offsetsPtr + ((<usize>i + 1) << 2));
    if (next < prev) return INVALID;
    store<i32>(outPtr + ((<usize>i) << 2), next - prev);
    prev = next;
  }
  return prev - first;
}

/** Splits `count` values into prefix lengths (i32 at `prefixPtr`), suffix lengths (i32 at `suffixLenPtr`) and the
 *  suffix bytes, back to back at `suffixPtr` (capacity `suffixCap`). Values are byte arrays (offsets at
 *  `offsetsPtr`, count + 1 of them, relative to `baseOffset` = the offset of the byte at `dataPtr`) when `width` is
 *  0, else `width`-byte fixed values back to back at `dataPtr`. Returns the suffix bytes written, INVALID for
 *  offsets that go backwards or below the base, OVERFLOW when the suffixes do not fit. */
export function deltaByteArraySplit(
  offsetsPtr: usize,
  dataPtr: usize,
  baseOffset: i32,
  count: i32,
  width: i32,
  prefixPtr: usize,
  suffixLenPtr: usize,
  suffixPtr: usize,
  suffixCap: i32,
): i32 {
  if (count < 0 || width < 0 || suffixCap < 0) return INVALID;
  const fixed = width > 0;
  let dataEnd: usize;
  if (fixed) {
    dataEnd = dataPtr + <usize>count * width;
  } else {
    if (count > 0 && load<i32>(offsetsPtr) < baseOffset) return INVALID;
    dataEnd = dataPtr + <usize>(load<i32>(offsetsPtr + ((<usize>count) << 2)) - baseOffset);
  }
  const outEnd = suffixPtr + <usize>suffixCap;
  let out = suffixPtr;
  let prevPtr: usize = dataPtr;
  let prevLen: usize = 0;
  for (let i: i32 = 0; i < count; i++) {
    let ptr: usize;
    let len: usize;
    if (fixed) {
      ptr = dataPtr + <usize>i * width;
      len = <usize>width;
    } else {
      const start = load<i32>(offsetsPtr + ((<usize>i) << 2));
      const end = load<i32>(offsetsPtr + ((<usize>i + 1) << 2));
      if (end < start) return INVALID;
      ptr = dataPtr + <usize>(start - baseOffset);
      len = <usize>(end - start);
    }
    const prefix = commonPrefix(prevPtr, ptr, min<usize>(prevLen, len));
    const suffix = len - prefix;
    if (outEnd - out < suffix) return OVERFLOW;
    store<i32>(prefixPtr + ((<usize>i) << 2), <i32>prefix);
    store<i32>(suffixLenPtr + ((<usize>i) << 2), <i32>suffix);
    copyValue(out, ptr + prefix, suffix, dataEnd, outEnd);
    out += suffix;
    prevPtr = ptr;
    prevLen = len;
  }
  return <i32>(out - suffixPtr);
}

/** Length of the common prefix of the `n` bytes at `a` and at `b`, 8 bytes at a time. */
function commonPrefix(a: usize, b: usize, n: usize): usize {
  let k: usize = 0;
  while (k + 8 <= n) {
    const diff = load<u64>(a + k) ^ load<u64>(b + k);
    if (diff !== 0) return k + <usize>(ctz(diff) >> 3);
    k += 8;
  }
  while (k < n && load<u8>(a + k) === load<u8>(b + k)) k++;
  return k;
}
