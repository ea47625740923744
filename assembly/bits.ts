// Bit-level copies over Arrow-style LSB-first bitmaps. Every write is confined to the bytes that cover the
// destination bit range, and bits of those bytes outside the range keep their value: bitmaps of consecutive
// pages are appended into one column buffer, so a page must not clobber its neighbours' bits.

/** Copies `count` bits from bit `srcBitOffset` of `srcPtr` to bit `dstBitOffset` of `dstPtr` (LSB first). */
export function copyBits(srcPtr: usize, srcBitOffset: u32, dstPtr: usize, dstBitOffset: u32, count: u32): void {
  if (count === 0) return;
  let src = srcPtr + (srcBitOffset >>> 3);
  let s: u32 = srcBitOffset & 7;
  let dst = dstPtr + (dstBitOffset >>> 3);
  const d: u32 = dstBitOffset & 7;
  const srcEnd = src + ((<usize>s + count + 7) >>> 3);

  // Head: fill the partial first destination byte.
  if (d !== 0) {
    const n = min<u32>(8 - d, count);
    writeBits(dst, d, n, readBits(src, s, n, srcEnd));
    s += n;
    src += s >>> 3;
    s &= 7;
    dst++;
    count -= n;
  }
  if (s === 0) {
    // Byte-aligned on both sides: a plain byte copy.
    const bytes = count >>> 3;
    memory.copy(dst, src, bytes);
    src += bytes;
    dst += bytes;
    count &= 7;
  } else {
    // 32 destination bits per step from a 64-bit window, while the window stays inside the source.
    while (count >= 32 && src + 8 <= srcEnd) {
      store<u32>(dst, <u32>(load<u64>(src) >>> s));
      src += 4;
      dst += 4;
      count -= 32;
    }
    while (count >= 8) {
      store<u8>(dst, <u8>readBits(src, s, 8, srcEnd));
      src++;
      dst++;
      count -= 8;
    }
  }
  if (count > 0) writeBits(dst, 0, count, readBits(src, s, count, srcEnd));
}

/** Reads `n` (<= 25) bits starting at bit `s` (< 8) of `p`, touching no byte at or past `end`. */
export function readBits(p: usize, s: u32, n: u32, end: usize): u32 {
  let v: u32 = 0;
  const bytes = (s + n + 7) >>> 3;
  for (let i: u32 = 0; i < bytes && p + i < end; i++) v |= (<u32>load<u8>(p + i)) << (i << 3);
  return (v >>> s) & (((<u32>1) << n) - 1);
}

/** Writes the low `n` bits of `v` at bit `d` of the byte at `p` (d + n <= 8), keeping the other bits. */
export function writeBits(p: usize, d: u32, n: u32, v: u32): void {
  const mask = ((((<u32>1) << n) - 1) << d) & 0xff;
  store<u8>(p, (<u32>load<u8>(p) & ~mask) | ((v << d) & mask));
}

/** Sets (`value` true) or clears `count` bits from bit `bitOffset` of `ptr`. */
export function fillBits(ptr: usize, bitOffset: u32, count: u32, value: bool): void {
  if (count === 0) return;
  let p = ptr + (bitOffset >>> 3);
  const d = bitOffset & 7;
  const ones: u32 = value ? 0xff : 0;
  if (d !== 0) {
    const n = min<u32>(8 - d, count);
    writeBits(p, d, n, ones);
    p++;
    count -= n;
  }
  const bytes = count >>> 3;
  memory.fill(p, <u8>ones, bytes);
  p += bytes;
  count &= 7;
  if (count > 0) writeBits(p, 0, count, ones);
}

/** Spreads dense bits (from bit `denseBitOffset` of `densePtr`) into the slots [bitOffset, bitOffset + count) of
 *  the validity bitmap, writing slot i at bit `outBitOffset` + i of `outPtr`; null slots become 0. */
export function spreadBits(
  densePtr: usize,
  denseBitOffset: u32,
  validityPtr: usize,
  bitOffset: u32,
  count: u32,
  outPtr: usize,
  outBitOffset: u32,
): void {
  let dense = denseBitOffset;
  let slot = bitOffset;
  let out = outBitOffset;
  let remaining = count;
  while (remaining > 0) {
    const d = out & 7;
    const n = min<u32>(8 - d, remaining);
    let acc: u32 = 0;
    for (let k: u32 = 0; k < n; k++) {
      const v = slot + k;
      if ((load<u8>(validityPtr + (v >>> 3)) >>> (v & 7)) & 1) {
        acc |= ((<u32>load<u8>(densePtr + (dense >>> 3)) >>> (dense & 7)) & 1) << k;
        dense++;
      }
    }
    writeBits(outPtr + (out >>> 3), d, n, acc);
    slot += n;
    out += n;
    remaining -= n;
  }
}
