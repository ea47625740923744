// Snappy raw block decompression (google/snappy format_description.txt): a varint holding the uncompressed
// length, then elements whose tag byte's low two bits give the kind:
//   00 literal  (length-1 in the upper six bits, or 60..63 meaning 1..4 little-endian length bytes follow)
//   01 copy-1   (length 4..11 in bits 2..4, offset: bits 5..7 as the high bits + one byte)
//   10 copy-2   (length 1..64 in the upper six bits, 2-byte little-endian offset)
//   11 copy-4   (length 1..64, 4-byte little-endian offset)
// Every length and offset is checked: corrupt input yields a negative status, never an out-of-bounds access.
//
// Speed: real Parquet pages are mostly short elements (a 1-byte literal and a 7-byte copy per sequential int64;
// 4-5 byte copies in text), so the per-element cost decides throughput. While at least FAST_IN input bytes and
// FAST_OUT output bytes remain, short literals and copies are moved with fixed 16-byte stores (which may write
// past the element, never past the buffer); the careful path handles the tail and the long elements.
import { COPY_SLACK, copyMatchExact, copyMatchWide } from './copy';

const TRUNCATED: i32 = -1;
const INVALID: i32 = -2;
const OVERFLOW: i32 = -3;

/** Input bytes the fast path may read ahead: a tag, up to 4 offset bytes, a 16-byte literal. */
const FAST_IN: usize = 21;
/** Output bytes the fast path may write ahead: a 64-byte copy done in 16-byte steps, plus slack. */
const FAST_OUT: usize = 80;

/** Decompresses the snappy block [inPtr, inPtr + inLen) into [outPtr, outPtr + outCap). Returns the
 *  uncompressed length (equal to the preamble), or -1 truncated, -2 invalid offset/preamble, -3 output larger
 *  than outCap or the preamble. */
export function snappyDecompress(inPtr: usize, inLen: usize, outPtr: usize, outCap: usize): i32 {
  const inEnd = inPtr + inLen;
  let ip = inPtr;

  // Preamble: a little-endian base-128 varint of at most 32 bits (5 bytes).
  let expected: u64 = 0;
  let shift: u32 = 0;
  while (true) {
    if (ip >= inEnd) return TRUNCATED;
    const b = <u32>load<u8>(ip++);
    expected |= (<u64>(b & 0x7f)) << shift;
    if (b < 0x80) break;
    shift += 7;
    if (shift > 28) return INVALID;
  }
  if (expected > 0x7fffffff) return INVALID;
  if (expected > <u64>outCap) return OVERFLOW;

  const outEnd = outPtr + <usize>expected;
  const outLimit = outPtr + outCap;
  let op = outPtr;
  // The fast loop runs while its read-ahead and write-ahead stay inside both buffers.
  const inFastEnd = inLen >= FAST_IN ? inEnd - FAST_IN : inPtr;
  const outFastEnd = outCap >= FAST_OUT ? outLimit - FAST_OUT : outPtr;

  while (ip < inEnd) {
    if (ip < inFastEnd && op < outFastEnd) {
      const tag = <u32>load<u8>(ip);
      const kind = tag & 3;
      if (kind === 0) {
        const len = <usize>(tag >>> 2) + 1;
        if (len <= 16) {
          if (len > outEnd - op) return OVERFLOW;
          v128.store(op, v128.load(ip + 1));
          ip += len + 1;
          op += len;
          continue;
        }
        if (len <= 60) {
          // 17..60-byte literal: the read-ahead margin covers only 21 bytes, so check the input here.
          if (len > inEnd - ip - 1) return TRUNCATED;
          if (len > outEnd - op) return OVERFLOW;
          if (inEnd - ip >= 65) {
            const s = ip + 1;
            v128.store(op, v128.load(s));
            v128.store(op + 16, v128.load(s + 16));
            v128.store(op + 32, v128.load(s + 32));
            v128.store(op + 48, v128.load(s + 48));
          } else {
            memory.copy(op, ip + 1, len);
          }
          ip += len + 1;
          op += len;
          continue;
        }
      } else {
        let len: usize;
        let dist: usize;
        let size: usize;
        if (kind === 1) {
          len = <usize>((tag >>> 2) & 7) + 4;
          dist = ((<usize>(tag >>> 5)) << 8) | <usize>load<u8>(ip + 1);
          size = 2;
        } else if (kind === 2) {
          len = <usize>(tag >>> 2) + 1;
          dist = <usize>load<u16>(ip + 1);
          size = 3;
        } else {
          len = <usize>(tag >>> 2) + 1;
          dist = <usize>load<u32>(ip + 1);
          size = 5;
        }
        if (dist === 0 || dist > op - outPtr) return INVALID;
        if (len > outEnd - op) return OVERFLOW;
        ip += size;
        const src = op - dist;
        if (dist >= 16) {
          // Each 16-byte step reads bytes at least 16 behind what it writes: already final.
          v128.store(op, v128.load(src));
          if (len > 16) {
            v128.store(op + 16, v128.load(src + 16));
            if (len > 32) {
              v128.store(op + 32, v128.load(src + 32));
              v128.store(op + 48, v128.load(src + 48));
            }
          }
        } else if (dist >= 8 && len <= 16) {
          // Two 8-byte steps; the second reads bytes the first may have just written, in order.
          store<u64>(op, load<u64>(src));
          store<u64>(op + 8, load<u64>(src + 8));
        } else {
          copyMatchWide(op, dist, len); // overlapping pattern (dist < 8) or a long copy with dist < 16
        }
        op += len;
        continue;
      }
    }

    const tag = <u32>load<u8>(ip++);
    const kind = tag & 3;
    if (kind === 0) {
      let len = <usize>(tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (extra > inEnd - ip) return TRUNCATED;
        let value: u32 = 0;
        for (let i: usize = 0; i < extra; i++) value |= (<u32>load<u8>(ip + i)) << ((<u32>i) << 3);
        ip += extra;
        len = <usize>value + 1;
        if (len === 0) return OVERFLOW; // value 0xffffffff wraps; no real output is that long
      }
      if (len > inEnd - ip) return TRUNCATED;
      if (len > outEnd - op) return OVERFLOW;
      memory.copy(op, ip, len);
      ip += len;
      op += len;
      continue;
    }

    let len: usize;
    let dist: usize;
    if (kind === 1) {
      if (ip >= inEnd) return TRUNCATED;
      len = <usize>((tag >>> 2) & 7) + 4;
      dist = ((<usize>(tag >>> 5)) << 8) | <usize>load<u8>(ip);
      ip += 1;
    } else if (kind === 2) {
      if (inEnd - ip < 2) return TRUNCATED;
      len = <usize>(tag >>> 2) + 1;
      dist = <usize>load<u16>(ip);
      ip += 2;
    } else {
      if (inEnd - ip < 4) return TRUNCATED;
      len = <usize>(tag >>> 2) + 1;
      dist = <usize>load<u32>(ip);
      ip += 4;
    }
    if (dist === 0 || dist > op - outPtr) return INVALID;
    if (len > outEnd - op) return OVERFLOW;
    if (outLimit - op >= len + COPY_SLACK) {
      copyMatchWide(op, dist, len);
    } else {
      copyMatchExact(op, dist, len);
    }
    op += len;
  }
  if (op !== outEnd) return TRUNCATED;
  return <i32>(op - outPtr);
}
