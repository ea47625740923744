// Little-endian bit packing (Encodings.md "Run Length Encoding / Bit-Packing Hybrid", note 1: values fill each
// byte from its least significant bit), the inverse of bitpack.ts. Shared by the RLE/bit-packed hybrid encoder and
// the DELTA_BINARY_PACKED encoder.
//
// Values stream through a 64-bit accumulator that is flushed 32 bits at a time, so every output byte is written
// exactly once and nothing past ceil(count * w / 8) bytes is touched.

/** Packs `count` values of `bitWidth` (0..32) bits, read as u32s at `inPtr`, into ceil(count * bitWidth / 8)
 *  bytes at `outPtr`. Bits of a value above `bitWidth` are dropped. */
export function bitPack32(inPtr: usize, bitWidth: i32, count: i32, outPtr: usize): void {
  if (count <= 0 || bitWidth < 0 || bitWidth > 32) return;
  packBits<u32>(inPtr, <u32>bitWidth, <u32>count, outPtr);
}

/** Packs `count` values of `w` (0..32) bits read as T (u8 or u32) from `src`; returns the end of the output. */
export function packBits<T>(src: usize, w: u32, count: u32, dst: usize): usize {
  if (w === 0 || count === 0) return dst;
  if (w === 8 && sizeof<T>() === 1) {
    memory.copy(dst, src, count);
    return dst + count;
  }
  if (w === 32 && sizeof<T>() === 4) {
    memory.copy(dst, src, (<usize>count) << 2);
    return dst + ((<usize>count) << 2);
  }
  switch (w) {
    case 1:
      return inline.always(packStream<T>(src, 1, count, dst));
    case 2:
      return inline.always(packStream<T>(src, 2, count, dst));
    case 3:
      return inline.always(packStream<T>(src, 3, count, dst));
    case 4:
      return inline.always(packStream<T>(src, 4, count, dst));
    default:
      return packStream<T>(src, w, count, dst);
  }
}

/** The accumulator loop; `w` folds to a constant where the caller inlines it. */
function packStream<T>(src: usize, w: u32, count: u32, dst: usize): usize {
  const mask: u64 = ((<u64>1) << w) - 1;
  let acc: u64 = 0;
  let bits: u32 = 0;
  let p = dst;
  const end = src + <usize>count * sizeof<T>();
  for (let s = src; s < end; s += sizeof<T>()) {
    acc |= (<u64>load<T>(s) & mask) << bits;
    bits += w;
    if (bits >= 32) {
      store<u32>(p, <u32>acc);
      p += 4;
      acc >>= 32;
      bits -= 32;
    }
  }
  while (bits > 0) {
    store<u8>(p, <u8>acc);
    p++;
    acc >>= 8;
    bits = bits > 8 ? bits - 8 : 0;
  }
  return p;
}

/** Packs `count` u64 values of `w` (0..64) bits (wide DELTA_BINARY_PACKED miniblocks); returns the output end. */
export function packBits64(src: usize, w: u32, count: u32, dst: usize): usize {
  if (w === 0 || count === 0) return dst;
  const mask: u64 = w === 64 ? <u64>-1 : ((<u64>1) << w) - 1;
  let acc: u64 = 0;
  let bits: u32 = 0; // always < 32 between values
  let p = dst;
  for (let i: u32 = 0; i < count; i++) {
    const v = load<u64>(src + ((<usize>i) << 3)) & mask;
    acc |= v << bits;
    // The bits of v shifted out of the accumulator (bits < 32, so they fit once acc has moved down by 32).
    let carry: u64 = bits === 0 ? 0 : v >> (64 - bits);
    let total = bits + w;
    while (total >= 32) {
      store<u32>(p, <u32>acc);
      p += 4;
      acc = (acc >> 32) | (carry << 32);
      carry = 0;
      total -= 32;
    }
    bits = total;
  }
  while (bits > 0) {
    store<u8>(p, <u8>acc);
    p++;
    acc >>= 8;
    bits = bits > 8 ? bits - 8 : 0;
  }
  return p;
}
