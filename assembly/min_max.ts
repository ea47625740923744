// Minimum and maximum of a page's or chunk's values for Statistics.min_value/max_value and the column index, in
// the sort orders of parquet.thrift `ColumnOrder` (TypeDefinedOrder): signed or unsigned integers, IEEE floats with
// NaN ignored, float16, and byte strings compared unsigned-lexicographically or as big-endian two's complement
// (decimals). Every kernel here expects count >= 1.

import { INVALID } from './status';

const SIGN64: u64 = 0x8000000000000000;

/** Writes the min and max (i32 each) of `count` i32s at `ptr`, compared signed or (`unsigned` != 0) unsigned.
 *  `outPtr` needs 32 bytes of scratch. */
export function minMaxInt32(ptr: usize, count: i32, unsigned: i32, outPtr: usize): void {
  const n = <usize>count;
  let lo = load<i32>(ptr);
  let hi = lo;
  let i: usize = 0;
  if (n >= 8) {
    let vlo = v128.load(ptr);
    let vhi = vlo;
    if (unsigned) {
      for (i = 4; i + 4 <= n; i += 4) {
        const v = v128.load(ptr + (i << 2));
        vlo = i32x4.min_u(vlo, v);
        vhi = i32x4.max_u(vhi, v);
      }
    } else {
      for (i = 4; i + 4 <= n; i += 4) {
        const v = v128.load(ptr + (i << 2));
        vlo = i32x4.min_s(vlo, v);
        vhi = i32x4.max_s(vhi, v);
      }
    }
    // Reduce the lanes through the scratch at outPtr (extract_lane takes only constant lanes).
    store<v128>(outPtr, vlo);
    store<v128>(outPtr, vhi, 16);
    lo = load<i32>(outPtr);
    hi = load<i32>(outPtr, 16);
    for (let k: usize = 1; k < 4; k++) {
      const a = load<i32>(outPtr + (k << 2));
      const b = load<i32>(outPtr + (k << 2), 16);
      if (unsigned) {
        if (<u32>a < <u32>lo) lo = a;
        if (<u32>b > <u32>hi) hi = b;
      } else {
        if (a < lo) lo = a;
        if (b > hi) hi = b;
      }
    }
  }
  for (; i < n; i++) {
    const v = load<i32>(ptr + (i << 2));
    if (unsigned) {
      if (<u32>v < <u32>lo) lo = v;
      if (<u32>v > <u32>hi) hi = v;
    } else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  store<i32>(outPtr, lo);
  store<i32>(outPtr, hi, 4);
}

/** Writes the min and max (i64 each) of `count` i64s at `ptr`, compared signed or (`unsigned` != 0) unsigned. */
export function minMaxInt64(ptr: usize, count: i32, unsigned: i32, outPtr: usize): void {
  const n = <usize>count;
  // Unsigned order is signed order with the sign bit flipped.
  const flip: u64 = unsigned ? SIGN64 : 0;
  let lo = <i64>(load<u64>(ptr) ^ flip);
  let hi = lo;
  let i: usize = 0;
  if (n >= 4) {
    const vflip = i64x2.splat(<i64>flip);
    let vlo = v128.xor(v128.load(ptr), vflip);
    let vhi = vlo;
    for (i = 2; i + 2 <= n; i += 2) {
      const v = v128.xor(v128.load(ptr + (i << 3)), vflip);
      vlo = v128.bitselect(v, vlo, i64x2.gt_s(vlo, v));
      vhi = v128.bitselect(v, vhi, i64x2.gt_s(v, vhi));
    }
    const l0 = i64x2.extract_lane(vlo, 0);
    const l1 = i64x2.extract_lane(vlo, 1);
    const h0 = i64x2.extract_lane(vhi, 0);
    const h1 = i64x2.extract_lane(vhi, 1);
    lo = min<i64>(l0, l1);
    hi = max<i64>(h0, h1);
  }
  for (; i < n; i++) {
    const v = <i64>(load<u64>(ptr + (i << 3)) ^ flip);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  store<u64>(outPtr, <u64>lo ^ flip);
  store<u64>(outPtr, <u64>hi ^ flip, 8);
}

/** Writes the min and max (f32 each) of the non-NaN f32s among `count` at `ptr`; returns 0 when all are NaN. */
export function minMaxFloat32(ptr: usize, count: i32, outPtr: usize): i32 {
  const n = <usize>count;
  let i: usize = 0;
  // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
  while (i < n && isNaN(load<f32>(ptr + (i << 2)))) i++;
  if (i === n) return 0;
  let lo = load<f32>(ptr + (i << 2));
  let hi = lo;
  i++;
  if (i + 8 <= n) {
    // pmin(acc, x) = x < acc ? x : acc, and likewise pmax: a NaN x never replaces the accumulator.
    let vlo = f32x4.splat(lo);
    let vhi = vlo;
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(ptr + (i << 2));
      vlo = f32x4.pmin(vlo, v);
      vhi = f32x4.pmax(vhi, v);
    }
    lo = min<f32>(min<f32>(f32x4.extract_lane(vlo, 0), f32x4.extract_lane(vlo, 1)), lo);
    lo = min<f32>(min<f32>(f32x4.extract_lane(vlo, 2), f32x4.extract_lane(vlo, 3)), lo);
    hi = max<f32>(max<f32>(f32x4.extract_lane(vhi, 0), f32x4.extract_lane(vhi, 1)), hi);
    hi = max<f32>(max<f32>(f32x4.extract_lane(vhi, 2), f32x4.extract_lane(vhi, 3)), hi);
  }
  for (; i < n; i++) {
    const v = load<f32>(ptr + (i << 2));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  store<f32>(outPtr, lo);
  store<f32>(outPtr, hi, 4);
  return 1;
}

/** Writes the min and max (f64 each) of the non-NaN f64s among `count` at `ptr`; returns 0 when all are NaN. */
export function minMaxFloat64(ptr: usize, count: i32, outPtr: usize): i32 {
  const n = <usize>count;
  let i: usize = 0;
  // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
  while (i < n && isNaN(load<f64>(ptr + (i << 3)))) i++;
  if (i === n) return 0;
  let lo = load<f64>(ptr + (i << 3));
  let hi = lo;
  i++;
  if (i + 4 <= n) {
    let vlo = f64x2.splat(lo);
    let vhi = vlo;
    for (; i + 2 <= n; i += 2) {
      const v = v128.load(ptr + (i << 3));
      vlo = f64x2.pmin(vlo, v);
      vhi = f64x2.pmax(vhi, v);
    }
    lo = min<f64>(min<f64>(f64x2.extract_lane(vlo, 0), f64x2.extract_lane(vlo, 1)), lo);
    hi = max<f64>(max<f64>(f64x2.extract_lane(vhi, 0), f64x2.extract_lane(vhi, 1)), hi);
  }
  for (; i < n; i++) {
    const v = load<f64>(ptr + (i << 3));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  store<f64>(outPtr, lo);
  store<f64>(outPtr, hi, 8);
  return 1;
}

/** IEEE half-precision bits as an unsigned integer in numeric order (NaN excluded by the caller). */
function float16Key(bits: u32): u32 {
  return bits & 0x8000 ? ~bits & 0xffff : bits | 0x8000;
}

/** Writes the bits (u16 each) of the min and max non-NaN float16 among `count` little-endian halves at `ptr`;
 *  returns 0 when all are NaN. */
export function minMaxFloat16(ptr: usize, count: i32, outPtr: usize): i32 {
  let found = false;
  let lo: u32 = 0;
  let hi: u32 = 0;
  let loKey: u32 = 0;
  let hiKey: u32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    const bits = <u32>load<u16>(ptr + (i << 1));
    if ((bits & 0x7fff) > 0x7c00) continue;
    const key = float16Key(bits);
    if (!found || key < loKey) {
      lo = bits;
      loKey = key;
    }
    if (!found || key > hiKey) {
      hi = bits;
      hiKey = key;
    }
    found = true;
  }
  if (!found) return 0;
  store<u16>(outPtr, <u16>lo);
  store<u16>(outPtr, <u16>hi, 2);
  return 1;
}

/** Orders byte strings a and b: unsigned lexicographic, or (`signed`) as big-endian two's complement integers of
 *  any length (the empty string is 0). */
function compareBytes(a: usize, aLen: usize, b: usize, bLen: usize, signed: bool): i32 {
  if (signed) {
    const aNeg = aLen > 0 && load<u8>(a) >= 0x80;
    const bNeg = bLen > 0 && load<u8>(b) >= 0x80;
    if (aNeg !== bNeg) return aNeg ? -1 : 1;
    // Same sign: compare as if the shorter were sign-extended to the longer length.
    const pad: u32 = aNeg ? 0xff : 0;
    while (aLen > bLen) {
      const x = <u32>load<u8>(a);
      if (x !== pad) return x > pad ? 1 : -1;
      a++;
      aLen--;
    }
    while (bLen > aLen) {
      const y = <u32>load<u8>(b);
      if (y !== pad) return pad > y ? 1 : -1;
      b++;
      bLen--;
    }
  }
  return compareUnsigned(a, aLen, b, bLen);
}

/** Unsigned lexicographic order of two byte strings, eight bytes per step (big-endian loads compare as bytes). */
function compareUnsigned(a: usize, aLen: usize, b: usize, bLen: usize): i32 {
  const n = aLen < bLen ? aLen : bLen;
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) {
    const x = load<u64>(a + i);
    const y = load<u64>(b + i);
    if (x !== y) return bswap<u64>(x) < bswap<u64>(y) ? -1 : 1;
  }
  for (; i < n; i++) {
    const x = <i32>load<u8>(a + i);
    const y = <i32>load<u8>(b + i);
    if (x !== y) return x - y;
  }
  return aLen < bLen ? -1 : aLen > bLen ? 1 : 0;
}

/** Writes the indices (i32 each) of the first min and first max of `count` values of `width` bytes at `ptr`. */
export function minMaxFixedBytes(ptr: usize, count: i32, width: i32, signed: i32, outPtr: usize): void {
  const w = <usize>width;
  let lo: usize = 0;
  let hi: usize = 0;
  for (let i: usize = 1; i < <usize>count; i++) {
    const p = ptr + i * w;
    if (compareBytes(p, w, ptr + lo * w, w, signed !== 0) < 0) lo = i;
    else if (compareBytes(p, w, ptr + hi * w, w, signed !== 0) > 0) hi = i;
  }
  store<i32>(outPtr, <i32>lo);
  store<i32>(outPtr, <i32>hi, 4);
}

/** Writes the indices (i32 each) of the first min and first max of `count` byte arrays: value i is
 *  [offsets[i] - base, offsets[i + 1] - base) of the data at `dataPtr` (offsets trusted: the caller built them). */
export function minMaxByteArray(
  offsetsPtr: usize,
  count: i32,
  dataPtr: usize,
  base: i32,
  signed: i32,
  outPtr: usize,
): void {
  let lo: usize = 0;
  let hi: usize = 0;
  let loPtr = dataPtr + <usize>(load<i32>(offsetsPtr) - base);
  let loLen = <usize>(load<i32>(offsetsPtr, 4) - load<i32>(offsetsPtr));
  let hiPtr = loPtr;
  let hiLen = loLen;
  // Unsigned order: the first eight bytes, big-endian and zero-padded, settle most comparisons without a call.
  let loKey = prefixKey(loPtr, loLen);
  let hiKey = loKey;
  for (let i: usize = 1; i < <usize>count; i++) {
    const start = load<i32>(offsetsPtr + (i << 2));
    const p = dataPtr + <usize>(start - base);
    const len = <usize>(load<i32>(offsetsPtr + ((i + 1) << 2)) - start);
    if (!signed) {
      const key = prefixKey(p, len);
      if (key > loKey && key < hiKey) continue;
    }
    if (compareBytes(p, len, loPtr, loLen, signed !== 0) < 0) {
      lo = i;
      loPtr = p;
      loLen = len;
      loKey = prefixKey(p, len);
    } else if (compareBytes(p, len, hiPtr, hiLen, signed !== 0) > 0) {
      hi = i;
      hiPtr = p;
      hiLen = len;
      hiKey = prefixKey(p, len);
    }
  }
  store<i32>(outPtr, <i32>lo);
  store<i32>(outPtr, <i32>hi, 4);
}

/** The first (up to) eight bytes at `p` as a big-endian integer, zero-padded: a strictly larger key means a larger
 *  byte string. */
function prefixKey(p: usize, len: usize): u64 {
  if (len >= 8) return bswap<u64>(load<u64>(p));
  let key: u64 = 0;
  for (let i: usize = 0; i < 8; i++) key = (key << 8) | (i < len ? <u64>load<u8>(p + i) : 0);
  return key;
}

/** Entries (two i32 at `outPtr`) of the lowest and highest rank among dictionary entries indices[0..count), where
 *  `ranksPtr` holds one i32 sort rank per entry of a `dictCount`-entry dictionary (negative: never a bound, e.g.
 *  NaN). Returns 1, 0 when no entry has a rank, or INVALID for an index outside the dictionary. */
export function minMaxByRank(indicesPtr: usize, count: i32, ranksPtr: usize, dictCount: i32, outPtr: usize): i32 {
  let loRank: i32 = I32.MAX_VALUE;
  let hiRank: i32 = -1;
  let lo: i32 = 0;
  let hi: i32 = 0;
  for (let i: usize = 0; i < <usize>count; i++) {
    const entry = load<i32>(indicesPtr + (i << 2));
    if (<u32>entry >= <u32>dictCount) return INVALID;
    const rank = load<i32>(ranksPtr + ((<usize>entry) << 2));
    if (rank < 0) continue;
    if (rank < loRank) {
      loRank = rank;
      lo = entry;
    }
    if (rank > hiRank) {
      hiRank = rank;
      hi = entry;
    }
  }
  if (hiRank < 0) return 0;
  store<i32>(outPtr, lo);
  store<i32>(outPtr, hi, 4);
  return 1;
}
