// Spreading dense (non-null only) values into Arrow slots: Parquet stores only the values that are present, and
// Arrow keeps one slot per row, with null slots zeroed (fixed width) or empty (offsets).

import { readBits } from './bits';

/** Copies `width`-byte values from `densePtr` to the slots whose validity bit [bitOffset, bitOffset + count) is
 *  set, zero-filling the other slots; writes `count` slots at `outPtr`. */
export function spreadFixed(
  densePtr: usize,
  validityPtr: usize,
  bitOffset: u32,
  count: u32,
  width: u32,
  outPtr: usize,
): void {
  const vEnd = validityPtr + ((<usize>bitOffset + count + 7) >>> 3);
  let src = densePtr;
  let dst = outPtr;
  for (let i: u32 = 0; i < count; i += 8) {
    const n = min<u32>(8, count - i);
    const bit = bitOffset + i;
    const mask = readBits(validityPtr + (bit >>> 3), bit & 7, n, vEnd);
    const full = ((<u32>1) << n) - 1;
    if (mask === full) {
      const bytes = <usize>n * width;
      memory.copy(dst, src, bytes);
      src += bytes;
      dst += bytes;
    } else if (mask === 0) {
      const bytes = <usize>n * width;
      memory.fill(dst, 0, bytes);
      dst += bytes;
    } else if (width === 4) {
      for (let k: u32 = 0; k < n; k++) {
        const valid = (mask >>> k) & 1;
        store<u32>(dst, valid ? load<u32>(src) : 0);
        src += valid << 2;
        dst += 4;
      }
    } else if (width === 8) {
      for (let k: u32 = 0; k < n; k++) {
        const valid = (mask >>> k) & 1;
        store<u64>(dst, valid ? load<u64>(src) : 0);
        src += valid << 3;
        dst += 8;
      }
    } else {
      for (let k: u32 = 0; k < n; k++) {
        if ((mask >>> k) & 1) {
          memory.copy(dst, src, width);
          src += width;
        } else {
          memory.fill(dst, 0, width);
        }
        dst += width;
      }
    }
  }
}

/** Spreads dense i32 offsets (one more than the non-null values) to `count` + 1 offsets at `outPtr`: a null slot
 *  repeats the previous offset, so it reads as an empty value. */
export function spreadOffsets(
  denseOffsetsPtr: usize,
  validityPtr: usize,
  bitOffset: u32,
  count: u32,
  outPtr: usize,
): void {
  let k: usize = 0;
  store<i32>(outPtr, load<i32>(denseOffsetsPtr));
  for (let i: u32 = 0; i < count; i++) {
    const bit = bitOffset + i;
    k += (load<u8>(validityPtr + (bit >>> 3)) >>> (bit & 7)) & 1;
    store<i32>(outPtr + ((<usize>i + 1) << 2), load<i32>(denseOffsetsPtr + (k << 2)));
  }
}
