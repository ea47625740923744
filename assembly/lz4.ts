// LZ4 block decompression (lz4/doc/lz4_Block_format.md). A block is a series of sequences:
//   token (high nibble: literal length, low nibble: match length - 4; 15 means "more length bytes follow",
//   each added until one is not 255), literals, 2-byte little-endian offset, extra match-length bytes.
// The last sequence stops after its literals. Every length and offset is checked against the buffers.
import { COPY_SLACK, copyMatchExact, copyMatchWide } from './copy';

const TRUNCATED: i32 = -1;
const INVALID: i32 = -2;
const OVERFLOW: i32 = -3;

/** Decompresses the LZ4 block [inPtr, inPtr + inLen) into [outPtr, outPtr + outCap). Returns the decompressed
 *  length, or -1 truncated, -2 invalid offset, -3 output larger than outCap. */
export function lz4BlockDecompress(inPtr: usize, inLen: usize, outPtr: usize, outCap: usize): i32 {
  if (inLen === 0) return TRUNCATED;
  const inEnd = inPtr + inLen;
  const outEnd = outPtr + outCap;
  let ip = inPtr;
  let op = outPtr;

  while (true) {
    if (ip >= inEnd) return TRUNCATED;
    const token = <u32>load<u8>(ip++);

    let litLen = <usize>(token >>> 4);
    if (litLen === 15) {
      while (true) {
        if (ip >= inEnd) return TRUNCATED;
        const b = <usize>load<u8>(ip++);
        litLen += b;
        // Bounded by the output: a run of 255s can never describe more literals than fit.
        if (litLen > outCap) return OVERFLOW;
        if (b !== 255) break;
      }
    }
    if (litLen > inEnd - ip) return TRUNCATED;
    if (litLen > outEnd - op) return OVERFLOW;
    if (litLen <= 16 && inEnd - ip >= 16 && outEnd - op >= 16) {
      v128.store(op, v128.load(ip));
    } else {
      memory.copy(op, ip, litLen);
    }
    ip += litLen;
    op += litLen;

    // The last sequence has literals only and ends the block exactly.
    if (ip === inEnd) break;

    if (inEnd - ip < 2) return TRUNCATED;
    const dist = <usize>load<u16>(ip);
    ip += 2;
    if (dist === 0 || dist > op - outPtr) return INVALID;

    let matchLen = <usize>(token & 15);
    if (matchLen === 15) {
      while (true) {
        if (ip >= inEnd) return TRUNCATED;
        const b = <usize>load<u8>(ip++);
        matchLen += b;
        if (matchLen > outCap) return OVERFLOW;
        if (b !== 255) break;
      }
    }
    matchLen += 4;
    if (matchLen > outEnd - op) return OVERFLOW;
    if (outEnd - op >= matchLen + COPY_SLACK) {
      copyMatchWide(op, dist, matchLen);
    } else {
      copyMatchExact(op, dist, matchLen);
    }
    op += matchLen;
  }
  return <i32>(op - outPtr);
}
