// RLE / bit-packed hybrid decoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid", the encoded-data
// part without the 4-byte length prefix):
//   run := <bit-packed-run> | <rle-run>
//   bit-packed-header := varint((values / 8) << 1 | 1), then values * bitWidth / 8 bytes
//   rle-header := varint(runLength << 1), then the value in ceil(bitWidth / 8) little-endian bytes
// Every run consumes at least its header byte, so a stream of empty runs ends at the input's end instead of
// looping; the spec forbids empty runs (note 3) but they cost nothing to skip.

import { packedBytes, unpackBits32 } from './bitpack';
import { copyBits, fillBits } from './bits';
import { defLevelsToValidity } from './levels';
import { INVALID, TRUNCATED } from './status';
import { readUleb, varintEnd, varintStatus } from './varint';

/** Decodes `count` values of `bitWidth` (0..32) bits into u32s at `outPtr`; returns bytes consumed or a negative
 *  status. The last bit-packed run may hold more values than needed: they are skipped, and its bytes are consumed
 *  as far as the input holds them (writers may cut the padding of the final run). */
export function rleHybridDecode(inPtr: usize, inLen: i32, bitWidth: i32, count: i32, outPtr: usize): i32 {
  if (bitWidth < 0 || bitWidth > 32 || count < 0 || inLen < 0) return INVALID;
  const w = <u32>bitWidth;
  const valueBytes = (w + 7) >>> 3;
  const end = inPtr + inLen;
  let p = inPtr;
  let produced: u32 = 0;
  while (produced < <u32>count) {
    const header = readUleb(p, end, 5);
    if (varintStatus !== 0) return varintStatus;
    if (header > 0xffffffff) return INVALID;
    p = varintEnd;
    const wanted = <u64>(<u32>count - produced);
    let n: u32;
    if (header & 1) {
      const runValues = (header >>> 1) << 3;
      n = <u32>min<u64>(runValues, wanted);
      if (packedBytes(n, w) > <u64>(end - p)) return TRUNCATED;
      unpackBits32(p, w, n, outPtr + ((<usize>produced) << 2));
      p += <usize>min<u64>((header >>> 1) * w, <u64>(end - p));
    } else {
      if (<usize>valueBytes > end - p) return TRUNCATED;
      const value = readValue(p, valueBytes);
      if (w < 32 && value >>> w !== 0) return INVALID;
      p += valueBytes;
      n = <u32>min<u64>(header >>> 1, wanted);
      fillU32(outPtr + ((<usize>produced) << 2), value, n);
    }
    produced += n;
  }
  return <i32>(p - inPtr);
}

/** rleHybridDecode with bitWidth 1 into an LSB-first bitmap from bit `bitOffset` of `outPtr` (RLE booleans). */
export function rleHybridDecodeBits(inPtr: usize, inLen: i32, count: i32, outPtr: usize, bitOffset: u32): i32 {
  if (count < 0 || inLen < 0) return INVALID;
  const end = inPtr + inLen;
  let p = inPtr;
  let produced: u32 = 0;
  while (produced < <u32>count) {
    const header = readUleb(p, end, 5);
    if (varintStatus !== 0) return varintStatus;
    if (header > 0xffffffff) return INVALID;
    p = varintEnd;
    const wanted = <u64>(<u32>count - produced);
    let n: u32;
    if (header & 1) {
      n = <u32>min<u64>((header >>> 1) << 3, wanted);
      if (packedBytes(n, 1) > <u64>(end - p)) return TRUNCATED;
      copyBits(p, 0, outPtr, bitOffset + produced, n);
      p += <usize>min<u64>(header >>> 1, <u64>(end - p));
    } else {
      if (p >= end) return TRUNCATED;
      const value = load<u8>(p);
      if (value > 1) return INVALID;
      p++;
      n = <u32>min<u64>(header >>> 1, wanted);
      fillBits(outPtr, bitOffset + produced, n, value === 1);
    }
    produced += n;
  }
  return <i32>(p - inPtr);
}

/**
 * Definition levels (RLE/bit-packed hybrid of `bitWidth` bits) straight to an Arrow validity bitmap: bit
 * (bitOffset + i) of `outPtr` is set when level i equals `maxDef` and cleared otherwise. RLE runs become bit
 * fills (a column without nulls is one run: no per-value work); bit-packed runs are unpacked into `scratchPtr`
 * (room for `count` u32s) and compared there. Returns the number of set bits (non-null values) or a negative
 * status, with the same input checks as rleHybridDecode.
 */
export function rleHybridToValidity(
  inPtr: usize,
  inLen: i32,
  bitWidth: i32,
  count: i32,
  maxDef: u32,
  outPtr: usize,
  bitOffset: u32,
  scratchPtr: usize,
): i32 {
  if (bitWidth < 0 || bitWidth > 32 || count < 0 || inLen < 0) return INVALID;
  const w = <u32>bitWidth;
  const valueBytes = (w + 7) >>> 3;
  const end = inPtr + inLen;
  let p = inPtr;
  let produced: u32 = 0;
  let set: u32 = 0;
  while (produced < <u32>count) {
    const header = readUleb(p, end, 5);
    if (varintStatus !== 0) return varintStatus;
    if (header > 0xffffffff) return INVALID;
    p = varintEnd;
    const wanted = <u64>(<u32>count - produced);
    let n: u32;
    if (header & 1) {
      const runValues = (header >>> 1) << 3;
      n = <u32>min<u64>(runValues, wanted);
      if (packedBytes(n, w) > <u64>(end - p)) return TRUNCATED;
      unpackBits32(p, w, n, scratchPtr);
      set += <u32>defLevelsToValidity(scratchPtr, n, maxDef, outPtr, bitOffset + produced);
      p += <usize>min<u64>((header >>> 1) * w, <u64>(end - p));
    } else {
      if (<usize>valueBytes > end - p) return TRUNCATED;
      const value = readValue(p, valueBytes);
      if (w < 32 && value >>> w !== 0) return INVALID;
      p += valueBytes;
      n = <u32>min<u64>(header >>> 1, wanted);
      const present = value === maxDef;
      fillBits(outPtr, bitOffset + produced, n, present);
      if (present) set += n;
    }
    produced += n;
  }
  return <i32>set;
}

/** The repeated value of an RLE run: `bytes` (0..4) little-endian bytes. */
function readValue(p: usize, bytes: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < bytes; i++) v |= (<u32>load<u8>(p + i)) << (i << 3);
  return v;
}

/** Writes `n` copies of `value` as u32s. */
export function fillU32(dst: usize, value: u32, n: u32): void {
  const splat = i32x4.splat(value);
  let i: u32 = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + ((<usize>i) << 2), splat);
  for (; i < n; i++) store<u32>(dst + ((<usize>i) << 2), value);
}
