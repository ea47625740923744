// DELTA_BYTE_ARRAY (Encodings.md "Delta Strings"): value i is the first prefixLength[i] bytes of value i - 1
// followed by suffix i. The caller has decoded both length streams (DELTA_BINARY_PACKED) and located the suffix
// bytes (DELTA_LENGTH_BYTE_ARRAY's byte section); this kernel rebuilds the values into Arrow offsets + bytes.

import { INVALID, OVERFLOW, TRUNCATED } from './status';

/** Writes `count` + 1 offsets from `baseOffset` at `outOffsetsPtr` and the values at `outBytesPtr` (capacity
 *  `outCap`). Returns total bytes written; INVALID for a negative length, a prefix longer than the previous value
 *  or an offset past 2^31 - 1; OVERFLOW when `outCap` is too small; TRUNCATED when the suffix bytes run out. */
export function deltaByteArrayAssemble(
  prefixLensPtr: usize,
  suffixLensPtr: usize,
  count: i32,
  suffixPtr: usize,
  suffixLen: i32,
  outOffsetsPtr: usize,
  outBytesPtr: usize,
  outCap: i32,
  baseOffset: i32,
): i32 {
  if (count < 0 || suffixLen < 0 || outCap < 0 || baseOffset < 0) return INVALID;
  let written: usize = 0;
  let suffixAt: usize = 0;
  let previousStart: usize = 0;
  let previousLen: usize = 0;
  store<i32>(outOffsetsPtr, baseOffset);
  for (let i: i32 = 0; i < count; i++) {
    const prefix = load<i32>(prefixLensPtr + ((<usize>i) << 2));
    const suffix = load<i32>(suffixLensPtr + ((<usize>i) << 2));
    if (prefix < 0 || suffix < 0 || <usize>prefix > previousLen) return INVALID;
    if (<usize>suffix > <usize>suffixLen - suffixAt) return TRUNCATED;
    const len = <usize>prefix + <usize>suffix;
    if (len > <usize>outCap - written) return OVERFLOW;
    if (<u64>baseOffset + written + len > 0x7fffffff) return INVALID;
    const out = outBytesPtr + written;
    memory.copy(out, outBytesPtr + previousStart, prefix);
    memory.copy(out + prefix, suffixPtr + suffixAt, suffix);
    suffixAt += suffix;
    previousStart = written;
    previousLen = len;
    written += len;
    store<i32>(outOffsetsPtr + ((<usize>i + 1) << 2), <i32>(<usize>baseOffset + written));
  }
  return <i32>written;
}
