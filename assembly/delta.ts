// DELTA_BINARY_PACKED (Encodings.md "Delta Encoding"):
//   header := <block size> <miniblocks per block> <total value count> <first value, zigzag>   (ULEB128 each)
//   block  := <min delta, zigzag ULEB128> <one bit-width byte per miniblock> <miniblocks>
// The blocks carry total - 1 deltas. In the last block, miniblocks past the last value are absent (their
// bit-width bytes are present and may be garbage), and the last present miniblock is padded to full length.
// Arithmetic wraps in two's complement, as the spec requires. An INT32 stream may carry miniblocks wider than 32 bits
// and a min delta beyond int32 (DuckDB 1.5 writes width 33 when values span most of the int32 range, computing
// deltas in 64 bits): only the low 32 bits of each delta matter to a wrapping 32-bit sum, so they are decoded.
//
// "Bytes consumed" is the end of the last block needed for `count` values: with count == total, the end of the
// encoded stream, which is where DELTA_LENGTH_BYTE_ARRAY's bytes and DELTA_BYTE_ARRAY's suffixes begin.

import { packedBytes, unpackBits32, unpackBits64 } from './bitpack';
import { INVALID, TRUNCATED } from './status';
import { readUleb, unzigzag, varintEnd, varintStatus } from './varint';

let blockSize: u32 = 0;
let miniblocksPerBlock: u32 = 0;
let totalCount: u32 = 0;
let firstValue: u64 = 0;
let headerEnd: usize = 0;

/** Parses the header at [p, end) into the globals above; returns 0 or a negative status. */
function readHeader(p: usize, end: usize): i32 {
  const size = readUleb(p, end, 5);
  if (varintStatus !== 0) return varintStatus;
  const miniblocks = readUleb(varintEnd, end, 5);
  if (varintStatus !== 0) return varintStatus;
  const total = readUleb(varintEnd, end, 5);
  if (varintStatus !== 0) return varintStatus;
  const first = readUleb(varintEnd, end, 10);
  if (varintStatus !== 0) return varintStatus;
  if (size === 0 || size % 128 !== 0 || size > 0x7fffffff) return INVALID;
  if (miniblocks === 0 || size % miniblocks !== 0 || (size / miniblocks) % 32 !== 0) return INVALID;
  if (total > 0x7fffffff) return INVALID;
  blockSize = <u32>size;
  miniblocksPerBlock = <u32>miniblocks;
  totalCount = <u32>total;
  firstValue = <u64>unzigzag(first);
  headerEnd = varintEnd;
  return 0;
}

/** The total value count of the header at `inPtr`, or a negative status. */
export function deltaBinaryPackedCount(inPtr: usize, inLen: i32): i32 {
  if (inLen < 0) return INVALID;
  const status = readHeader(inPtr, inPtr + inLen);
  return status < 0 ? status : <i32>totalCount;
}

/** Decodes `count` INT32 values into i32s at `outPtr`; returns bytes consumed or a negative status. */
export function deltaBinaryPackedDecode32(inPtr: usize, inLen: i32, count: i32, outPtr: usize): i32 {
  return inline.always(decode(inPtr, inLen, count, outPtr, false));
}

/** Decodes `count` INT64 values into i64s at `outPtr`; returns bytes consumed or a negative status. */
export function deltaBinaryPackedDecode64(inPtr: usize, inLen: i32, count: i32, outPtr: usize): i32 {
  return inline.always(decode(inPtr, inLen, count, outPtr, true));
}

function decode(inPtr: usize, inLen: i32, count: i32, outPtr: usize, wide: bool): i32 {
  if (inLen < 0 || count < 0) return INVALID;
  const end = inPtr + inLen;
  const status = readHeader(inPtr, end);
  if (status < 0) return status;
  if (<u32>count > totalCount) return TRUNCATED;
  let p = headerEnd;
  if (count === 0) return <i32>(p - inPtr);
  const valueShift: u32 = wide ? 3 : 2;
  const maxWidth: u32 = 64;
  if (wide) store<u64>(outPtr, firstValue);
  else store<u32>(outPtr, <u32>firstValue);
  let last = firstValue;
  const miniblockSize = blockSize / miniblocksPerBlock;
  const streamDeltas = totalCount - 1;
  const neededDeltas = <u32>count - 1;
  let done: u32 = 0; // deltas decoded
  let blockStart: u32 = 0; // deltas before the current block
  while (done < neededDeltas) {
    const minDelta = <u64>unzigzag(readUleb(p, end, 10));
    if (varintStatus !== 0) return varintStatus;
    p = varintEnd;
    if (<usize>miniblocksPerBlock > end - p) return TRUNCATED;
    const widths = p;
    p += miniblocksPerBlock;
    const blockDeltas = min<u32>(blockSize, streamDeltas - blockStart);
    const present = (blockDeltas + miniblockSize - 1) / miniblockSize;
    for (let j: u32 = 0; j < present; j++) {
      const width = <u32>load<u8>(widths + j);
      if (width > maxWidth) return INVALID;
      // Values of this miniblock that exist in the stream (the last one of the stream is partly padding).
      const inMiniblock = min<u32>(miniblockSize, blockDeltas - j * miniblockSize);
      const wanted = min<u32>(inMiniblock, neededDeltas - done);
      const available = <u64>(end - p);
      if (packedBytes(wanted, width) > available) return TRUNCATED;
      if (wanted > 0) {
        const dst = outPtr + ((<usize>done + 1) << valueShift);
        if (wide) last = decodeWide(p, width, wanted, dst, minDelta, last);
        else if (width <= 32) last = <u64>decodeNarrow(p, width, wanted, dst, <u32>minDelta, <u32>last);
        else last = <u64>decodeNarrowFromWide(p, width, wanted, dst, <u32>minDelta, <u32>last);
        done += wanted;
      }
      const full = packedBytes(miniblockSize, width);
      if (full > available) {
        // Only the stream's final miniblock may lose its padding; its values must still all be there.
        if (blockStart + j * miniblockSize + inMiniblock !== streamDeltas) return TRUNCATED;
        if (packedBytes(inMiniblock, width) > available) return TRUNCATED;
        p = end;
      } else {
        p += <usize>full;
      }
    }
    blockStart += blockDeltas;
  }
  return <i32>(p - inPtr);
}

/** `n` deltas of `width` (<= 32) bits to i32 values, in place at `dst`; returns the last value. */
function decodeNarrow(src: usize, width: u32, n: u32, dst: usize, minDelta: u32, last: u32): u32 {
  unpackBits32(src, width, n, dst);
  for (let i: u32 = 0; i < n; i++) {
    const at = dst + ((<usize>i) << 2);
    last += minDelta + load<u32>(at);
    store<u32>(at, last);
  }
  return last;
}

/** `n` deltas of `width` (33..64) bits to i32 values at `dst` (wrapping: only each delta's low 32 bits are read);
 *  returns the last value. Reads only the bytes of the `n` packed deltas. */
function decodeNarrowFromWide(src: usize, width: u32, n: u32, dst: usize, minDelta: u32, last: u32): u32 {
  const limit = src + <usize>packedBytes(n, width);
  for (let i: u32 = 0; i < n; i++) {
    const bit = <u64>i * <u64>width;
    const at = src + <usize>(bit >> 3);
    const shift = <u64>(bit & 7);
    // The low 32 bits span at most 5 bytes from `at`.
    let word: u64 = 0;
    for (let k: usize = 0; k < 5; k++) {
      if (at + k < limit) word |= (<u64>load<u8>(at + k)) << ((<u64>k) << 3);
    }
    last += minDelta + <u32>(word >> shift);
    store<u32>(dst + ((<usize>i) << 2), last);
  }
  return last;
}

/** `n` deltas of `width` (<= 64) bits to i64 values at `dst`; returns the last value. Narrow deltas are unpacked
 *  as u32s into the upper half of the output and widened front to back: writing value i (bytes 8i..8i+8) never
 *  reaches a u32 not yet read (at 4n + 4i and above). */
function decodeWide(src: usize, width: u32, n: u32, dst: usize, minDelta: u64, last: u64): u64 {
  if (width <= 32) {
    const narrow = dst + ((<usize>n) << 2);
    unpackBits32(src, width, n, narrow);
    for (let i: u32 = 0; i < n; i++) {
      last += minDelta + <u64>load<u32>(narrow + ((<usize>i) << 2));
      store<u64>(dst + ((<usize>i) << 3), last);
    }
  } else {
    unpackBits64(src, width, n, dst);
    for (let i: u32 = 0; i < n; i++) {
      const at = dst + ((<usize>i) << 3);
      last += minDelta + load<u64>(at);
      store<u64>(at, last);
    }
  }
  return last;
}
