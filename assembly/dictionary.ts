// Dictionary gathers (Encodings.md "Dictionary Encoding"): data pages hold indices into the dictionary page's
// values. Indices are validated in one SIMD pass before any gather, so a bad index leaves the output untouched
// and the gather loops run without a bounds check per value.

import { INVALID, OVERFLOW } from './status';

/** True when every one of `count` u32 indices is below `dictCount`. */
export function indicesInRange(indicesPtr: usize, count: u32, dictCount: u32): bool {
  if (dictCount === 0) return count === 0;
  let highest = i32x4.splat(0);
  let i: u32 = 0;
  for (; i + 16 <= count; i += 16) {
    const p = indicesPtr + ((<usize>i) << 2);
    highest = i32x4.max_u(highest, i32x4.max_u(v128.load(p), v128.load(p, 16)));
    highest = i32x4.max_u(highest, i32x4.max_u(v128.load(p, 32), v128.load(p, 48)));
  }
  let top = max<u32>(
    max<u32>(i32x4.extract_lane(highest, 0), i32x4.extract_lane(highest, 1)),
    max<u32>(i32x4.extract_lane(highest, 2), i32x4.extract_lane(highest, 3)),
  );
  for (; i < count; i++) top = max<u32>(top, load<u32>(indicesPtr + ((<usize>i) << 2)));
  return top < dictCount;
}

/** out[i] = dict[indices[i]] for `width`-byte values; returns 0, or INVALID (nothing written) if an index is
 *  >= `dictCount`. */
export function dictGatherFixed(
  indicesPtr: usize,
  count: i32,
  dictPtr: usize,
  dictCount: i32,
  width: i32,
  outPtr: usize,
): i32 {
  if (count < 0 || dictCount < 0 || width < 0) return INVALID;
  const n = <u32>count;
  if (!indicesInRange(indicesPtr, n, <u32>dictCount)) return INVALID;
  switch (width) {
    case 1:
      for (let i: u32 = 0; i < n; i++)
        store<u8>(outPtr + i, load<u8>(dictPtr + load<u32>(indicesPtr + ((<usize>i) << 2))));
      break;
    case 2:
      for (let i: u32 = 0; i < n; i++) {
        store<u16>(
          outPtr + ((<usize>i) << 1),
          load<u16>(dictPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 1)),
        );
      }
      break;
    case 4:
      for (let i: u32 = 0; i < n; i++) {
        store<u32>(
          outPtr + ((<usize>i) << 2),
          load<u32>(dictPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 2)),
        );
      }
      break;
    case 8:
      for (let i: u32 = 0; i < n; i++) {
        store<u64>(
          outPtr + ((<usize>i) << 3),
          load<u64>(dictPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 3)),
        );
      }
      break;
    case 16:
      for (let i: u32 = 0; i < n; i++) {
        v128.store(
          outPtr + ((<usize>i) << 4),
          v128.load(dictPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 4)),
        );
      }
      break;
    default: {
      const w = <usize>width;
      for (let i: u32 = 0; i < n; i++) {
        memory.copy(outPtr + <usize>i * w, dictPtr + <usize>load<u32>(indicesPtr + ((<usize>i) << 2)) * w, w);
      }
    }
  }
  return 0;
}

/** Pass 1 of a byte-array gather: `count` + 1 offsets at `outOffsetsPtr` from `baseOffset`, following the
 *  dictionary's `dictCount` + 1 offsets. Returns the total byte length, INVALID for an index >= `dictCount`, or
 *  OVERFLOW when an offset would pass 2^31 - 1. */
export function dictGatherBytesOffsets(
  indicesPtr: usize,
  count: i32,
  dictOffsetsPtr: usize,
  dictCount: i32,
  outOffsetsPtr: usize,
  baseOffset: i32,
): i32 {
  if (count < 0 || dictCount < 0 || baseOffset < 0) return INVALID;
  if (!indicesInRange(indicesPtr, <u32>count, <u32>dictCount)) return INVALID;
  // Lengths are at most 2^31 each, so a u64 sum of 2^31 of them cannot wrap; it is checked once at the end.
  let offset: u64 = <u64>baseOffset;
  store<i32>(outOffsetsPtr, baseOffset);
  for (let i: i32 = 0; i < count; i++) {
    const at = dictOffsetsPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 2);
    offset += <u64>(<u32>(load<i32>(at, 4) - load<i32>(at)));
    store<i32>(outOffsetsPtr + ((<usize>i + 1) << 2), <i32>offset);
  }
  if (offset > 0x7fffffff) return OVERFLOW;
  return <i32>(offset - <u64>baseOffset);
}

/** Pass 2: the bytes of each indexed value back to back at `outBytesPtr` (indices validated by pass 1). */
export function dictGatherBytesCopy(
  indicesPtr: usize,
  count: i32,
  dictOffsetsPtr: usize,
  dictBytesPtr: usize,
  outBytesPtr: usize,
): void {
  let out = outBytesPtr;
  for (let i: i32 = 0; i < count; i++) {
    const at = dictOffsetsPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 2);
    const start = load<i32>(at);
    let len = <usize>(load<i32>(at, 4) - start);
    let src = dictBytesPtr + <usize>start;
    if (len > 32) {
      memory.copy(out, src, len);
      out += len;
      continue;
    }
    // Short values: word moves that stay inside the value (the output has no slack past the last one).
    while (len >= 8) {
      store<u64>(out, load<u64>(src));
      out += 8;
      src += 8;
      len -= 8;
    }
    if (len >= 4) {
      store<u32>(out, load<u32>(src));
      out += 4;
      src += 4;
      len -= 4;
    }
    while (len > 0) {
      store<u8>(out, load<u8>(src));
      out++;
      src++;
      len--;
    }
  }
}

/**
 * Pass 2 with wide moves: each value of up to 32 bytes is two 16-byte moves whatever its length, so that lengths
 * varying from value to value cost no mispredicted branches (the plain copy above spent 8% of a read of the bench
 * file's 50-value string column there). The caller reserves 32 bytes past the output and 32 readable bytes past
 * the dictionary's bytes; bytes written past a value are overwritten by the next one or fall in that slack.
 */
export function dictGatherBytesCopyWide(
  indicesPtr: usize,
  count: i32,
  dictOffsetsPtr: usize,
  dictBytesPtr: usize,
  outBytesPtr: usize,
): void {
  let out = outBytesPtr;
  for (let i: i32 = 0; i < count; i++) {
    const at = dictOffsetsPtr + ((<usize>load<u32>(indicesPtr + ((<usize>i) << 2))) << 2);
    const start = load<i32>(at);
    const len = <usize>(load<i32>(at, 4) - start);
    const src = dictBytesPtr + <usize>start;
    if (len <= 32) {
      v128.store(out, v128.load(src));
      v128.store(out, v128.load(src, 16), 16);
    } else {
      memory.copy(out, src, len);
    }
    out += len;
  }
}
