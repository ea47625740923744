// Snappy raw block decompression (google/snappy format_description.txt): a varint holding the uncompressed
// length, then elements whose tag byte's low two bits give the kind:
//   00 literal  (length-1 in the upper six bits, or 60..63 meaning 1..4 little-endian length bytes follow)
//   01 copy-1   (length 4..11 in bits 2..4, offset: bits 5..7 as the high bits + one byte)
//   10 copy-2   (length 1..64 in the upper six bits, 2-byte little-endian offset)
//   11 copy-4   (length 1..64, 4-byte little-endian offset)
// Every length and offset is checked: corrupt input yields a negative status, never an out-of-bounds access.
import { COPY_SLACK, copyMatchExact, copyMatchWide } from './copy';

const TRUNCATED: i32 = -1;
const INVALID: i32 = -2;
const OVERFLOW: i32 = -3;

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

  while (ip < inEnd) {
    const tag = <u32>load<u8>(ip++);
    const kind = tag & 3;
    if (kind === 0) {
      let len = <usize>(tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (extra > inEnd - ip) return TRUNCATED;
        // 1..4 little-endian bytes; mask the 4-byte load down to `extra` bytes when fewer are present.
        let value: u32 = 0;
        for (let i: usize = 0; i < extra; i++) value |= (<u32>load<u8>(ip + i)) << ((<u32>i) << 3);
        ip += extra;
        len = <usize>value + 1;
        if (len === 0) return OVERFLOW; // value 0xffffffff wraps; no real output is that long
      }
      if (len > inEnd - ip) return TRUNCATED;
      if (len > outEnd - op) return OVERFLOW;
      if (len <= 16 && inEnd - ip >= 16 && outLimit - op >= 16) {
        v128.store(op, v128.load(ip));
      } else {
        memory.copy(op, ip, len);
      }
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
