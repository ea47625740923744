// Little-endian bit unpacking, the packing order of Encodings.md "Run Length Encoding / Bit-Packing Hybrid"
// (note 1: values are packed from the least significant bit of each byte). The same packing carries
// DELTA_BINARY_PACKED miniblocks.
//
// The hot loop reads each value with one unaligned 64-bit load: a value of up to 32 bits starting at any bit of
// a byte fits in those 8 bytes. Near the end of the input such a load would pass the last byte the caller owns
// (and, at the top of memory, trap), so the values whose 8-byte window does not fit are read byte by byte.

/** Unpacks `count` values of `bitWidth` (0..32) bits into u32s at `outPtr`, reading ceil(count * bitWidth / 8)
 *  bytes from `inPtr` and never more. */
export function bitUnpack32(inPtr: usize, bitWidth: i32, count: i32, outPtr: usize): void {
  if (count <= 0 || bitWidth < 0 || bitWidth > 32) return;
  unpackBits32(inPtr, <u32>bitWidth, <u32>count, outPtr);
}

/** Bytes holding `count` values of `bitWidth` bits. */
export function packedBytes(count: u64, bitWidth: u32): u64 {
  return (count * bitWidth + 7) >> 3;
}

/** Unpacks `count` values of `w` (0..32) bits; the internal entry point shared by the RLE and delta decoders. */
export function unpackBits32(src: usize, w: u32, count: u32, dst: usize): void {
  if (count === 0) return;
  switch (w) {
    case 0:
      memory.fill(dst, 0, (<usize>count) << 2);
      return;
    case 8:
      widenBytes(src, count, dst);
      return;
    case 16:
      widenShorts(src, count, dst);
      return;
    case 32:
      memory.copy(dst, src, (<usize>count) << 2);
      return;
  }
  // Values [0, fast) have their 8-byte window inside the input: value i starts at byte (i*w)>>3, and that byte
  // plus 8 must not pass the end. Processing in groups of 8 values keeps the bit offset below 2^32 (a group is
  // exactly w bytes).
  const bytes = packedBytes(count, w);
  let groups: u64 = 0;
  if (bytes >= 8) groups = min<u64>((bytes - 8) / w, <u64>(count >> 3));
  let s = src;
  let d = dst;
  switch (w) {
    case 1:
      inline.always(unpackGroups(s, d, groups, 1));
      break;
    case 2:
      inline.always(unpackGroups(s, d, groups, 2));
      break;
    case 3:
      inline.always(unpackGroups(s, d, groups, 3));
      break;
    case 4:
      inline.always(unpackGroups(s, d, groups, 4));
      break;
    case 5:
      inline.always(unpackGroups(s, d, groups, 5));
      break;
    case 6:
      inline.always(unpackGroups(s, d, groups, 6));
      break;
    case 7:
      inline.always(unpackGroups(s, d, groups, 7));
      break;
    case 9:
      inline.always(unpackGroups(s, d, groups, 9));
      break;
    case 10:
      inline.always(unpackGroups(s, d, groups, 10));
      break;
    case 11:
      inline.always(unpackGroups(s, d, groups, 11));
      break;
    case 12:
      inline.always(unpackGroups(s, d, groups, 12));
      break;
    case 13:
      inline.always(unpackGroups(s, d, groups, 13));
      break;
    case 14:
      inline.always(unpackGroups(s, d, groups, 14));
      break;
    case 15:
      inline.always(unpackGroups(s, d, groups, 15));
      break;
    case 17:
      inline.always(unpackGroups(s, d, groups, 17));
      break;
    case 18:
      inline.always(unpackGroups(s, d, groups, 18));
      break;
    case 19:
      inline.always(unpackGroups(s, d, groups, 19));
      break;
    case 20:
      inline.always(unpackGroups(s, d, groups, 20));
      break;
    case 21:
      inline.always(unpackGroups(s, d, groups, 21));
      break;
    case 22:
      inline.always(unpackGroups(s, d, groups, 22));
      break;
    case 23:
      inline.always(unpackGroups(s, d, groups, 23));
      break;
    case 24:
      inline.always(unpackGroups(s, d, groups, 24));
      break;
    default:
      unpackGroups(s, d, groups, w);
      break;
  }
  const done = (<u32>groups) << 3;
  unpackTail(src + <usize>groups * w, w, count - done, dst + ((<usize>done) << 2));
}

/** `groups` groups of 8 values; `w` is a constant after inlining, so shifts and masks fold. */
function unpackGroups(src: usize, dst: usize, groups: u64, w: u32): void {
  const mask: u64 = ((<u64>1) << w) - 1;
  for (let g: u64 = 0; g < groups; g++) {
    store<u32>(dst, <u32>(load<u64>(src) & mask));
    store<u32>(dst, <u32>((load<u64>(src + ((w * 1) >> 3)) >> ((w * 1) & 7)) & mask), 4);
    store<u32>(dst, <u32>((load<u64>(src + ((w * 2) >> 3)) >> ((w * 2) & 7)) & mask), 8);
    store<u32>(dst, <u32>((load<u64>(src + ((w * 3) >> 3)) >> ((w * 3) & 7)) & mask), 12);
    store<u32>(dst, <u32>((load<u64>(src + ((w * 4) >> 3)) >> ((w * 4) & 7)) & mask), 16);
    store<u32>(dst, <u32>((load<u64>(src + ((w * 5) >> 3)) >> ((w * 5) & 7)) & mask), 20);
    store<u32>(dst, <u32>((load<u64>(src + ((w * 6) >> 3)) >> ((w * 6) & 7)) & mask), 24);
    store<u32>(dst, <u32>((load<u64>(src + ((w * 7) >> 3)) >> ((w * 7) & 7)) & mask), 28);
    src += w;
    dst += 32;
  }
}

/** The last values, read through a bit buffer one byte at a time so nothing past the input is touched. */
function unpackTail(src: usize, w: u32, count: u32, dst: usize): void {
  const mask: u64 = ((<u64>1) << w) - 1;
  let buffer: u64 = 0;
  let buffered: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    while (buffered < w) {
      buffer |= (<u64>load<u8>(src)) << buffered;
      src++;
      buffered += 8;
    }
    store<u32>(dst, <u32>(buffer & mask));
    buffer >>= w;
    buffered -= w;
    dst += 4;
  }
}

function widenBytes(src: usize, count: u32, dst: usize): void {
  let i: u32 = 0;
  for (; i + 16 <= count; i += 16) {
    const v = v128.load(src + i);
    const lo = i16x8.extend_low_i8x16_u(v);
    const hi = i16x8.extend_high_i8x16_u(v);
    const d = dst + ((<usize>i) << 2);
    v128.store(d, i32x4.extend_low_i16x8_u(lo));
    v128.store(d, i32x4.extend_high_i16x8_u(lo), 16);
    v128.store(d, i32x4.extend_low_i16x8_u(hi), 32);
    v128.store(d, i32x4.extend_high_i16x8_u(hi), 48);
  }
  for (; i < count; i++) store<u32>(dst + ((<usize>i) << 2), load<u8>(src + i));
}

function widenShorts(src: usize, count: u32, dst: usize): void {
  let i: u32 = 0;
  for (; i + 8 <= count; i += 8) {
    const v = v128.load(src + ((<usize>i) << 1));
    const d = dst + ((<usize>i) << 2);
    v128.store(d, i32x4.extend_low_i16x8_u(v));
    v128.store(d, i32x4.extend_high_i16x8_u(v), 16);
  }
  for (; i < count; i++) store<u32>(dst + ((<usize>i) << 2), load<u16>(src + ((<usize>i) << 1)));
}

/** Unpacks `count` values of `w` (33..64) bits into u64s at `dst` (wide DELTA_BINARY_PACKED miniblocks), reading
 *  ceil(count * w / 8) bytes and never more. */
export function unpackBits64(src: usize, w: u32, count: u32, dst: usize): void {
  const mask: u64 = w === 64 ? <u64>-1 : ((<u64>1) << w) - 1;
  const bytes = packedBytes(count, w);
  let bit: u64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const at = bit >> 3;
    const s = <u32>(bit & 7);
    let v: u64;
    if (at + 9 <= bytes) {
      v = load<u64>(src + <usize>at) >> s;
      if (s + w > 64) v |= (<u64>load<u8>(src + <usize>at + 8)) << (64 - s);
    } else {
      v = readWideValue(src, bit, w);
    }
    store<u64>(dst + ((<usize>i) << 3), v & mask);
    bit += w;
  }
}

/** One value of `w` bits at bit `bit`, byte by byte. */
function readWideValue(src: usize, bit: u64, w: u32): u64 {
  let v: u64 = 0;
  let got: u32 = 0;
  while (got < w) {
    const off = <u32>(bit & 7);
    const take = min<u32>(8 - off, w - got);
    const byte = (<u64>load<u8>(src + <usize>(bit >> 3)) >> off) & (((<u64>1) << take) - 1);
    v |= byte << got;
    got += take;
    bit += take;
  }
  return v;
}
