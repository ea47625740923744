// DELTA_BINARY_PACKED encoding (Encodings.md "Delta Encoding"), with the layout parquet-mr and arrow-rs write:
// blocks of 128 deltas in 4 miniblocks of 32.
//   header := <block size> <miniblocks per block> <total value count> <first value, zigzag>   (ULEB128 each)
//   block  := <min delta, zigzag ULEB128> <4 bit-width bytes> <the miniblocks that hold deltas>
// Deltas wrap in the value's width (two's complement), so any sequence, extremes included, encodes; the relative
// deltas (delta - min delta) are then unsigned and fit the value's width. Miniblocks past the last delta are not
// written and get bit width 0; the last written miniblock is padded with zeros.

import { packBits, packBits64 } from './encode_bitpack';
import { writeUleb, zigzag } from './encode_varint';
import { INVALID, OVERFLOW } from './status';

const BLOCK: u32 = 128;
const MINIBLOCKS: u32 = 4;
const PER_MINIBLOCK: u32 = 32;
/** Largest block: min delta varint, widths, 4 miniblocks of 32 values of 32 (64) bits. */
const MAX_BLOCK_BYTES_32: usize = 10 + 4 + 128 * 4;
const MAX_BLOCK_BYTES_64: usize = 10 + 4 + 128 * 8;

/** Largest header: three 32-bit varints and a 64-bit one. */
const HEADER_BYTES: i32 = 5 + 5 + 5 + 10;

// One block of relative deltas: as u64 (wide path) and narrowed to u32 for the 32-bit packer.
const DELTAS64: usize = memory.data(BLOCK * 8, 16);
const DELTAS32: usize = memory.data(BLOCK * 4, 16);

/** Encodes `count` i32 values at `inPtr` into at most `outCap` bytes at `outPtr`; returns the bytes written,
 *  OVERFLOW when they do not fit, INVALID for a negative count. */
export function deltaBinaryPackedEncode32(inPtr: usize, count: i32, outPtr: usize, outCap: i32): i32 {
  return encode(inPtr, count, outPtr, outCap, false);
}

/** Encodes `count` i64 values at `inPtr`; results as deltaBinaryPackedEncode32. */
export function deltaBinaryPackedEncode64(inPtr: usize, count: i32, outPtr: usize, outCap: i32): i32 {
  return encode(inPtr, count, outPtr, outCap, true);
}

function encode(inPtr: usize, count: i32, outPtr: usize, outCap: i32, wide: bool): i32 {
  if (count < 0 || outCap < 0) return INVALID;
  const n = <u32>count;
  const outEnd = outPtr + <usize>outCap;
  if (outCap < HEADER_BYTES) return OVERFLOW;
  let first: i64 = 0;
  if (n > 0) first = wide ? load<i64>(inPtr) : <i64>load<i32>(inPtr);
  let p = writeUleb(outPtr, BLOCK);
  p = writeUleb(p, MINIBLOCKS);
  p = writeUleb(p, n);
  p = writeUleb(p, zigzag(first));
  let i: u32 = 1;
  let prev = first;
  const maxBlockBytes = wide ? MAX_BLOCK_BYTES_64 : MAX_BLOCK_BYTES_32;
  while (i < n) {
    const m = min<u32>(BLOCK, n - i);
    if (outEnd - p < maxBlockBytes) return OVERFLOW;
    if (wide) {
      prev = blockDeltas64(inPtr + ((<usize>i) << 3), m, prev);
      p = writeBlock64(m, p);
    } else {
      prev = <i64>blockDeltas32(inPtr + ((<usize>i) << 2), m, <i32>prev);
      p = writeBlock32(m, p);
    }
    i += m;
  }
  return <i32>(p - outPtr);
}

/** Deltas of the `m` i32 values at `src` into DELTAS32 (wrapping), 4 at a time: the value before `src` is the
 *  previous one (the block's first delta is taken from the last value of the previous block, or the first value).
 *  Returns the last value; leaves the minimum delta in `blockMin32`. */
function blockDeltas32(src: usize, m: u32, prev: i32): i32 {
  let mins = i32x4.splat(i32.MAX_VALUE);
  let k: u32 = 0;
  for (; k + 4 <= m; k += 4) {
    const at = src + ((<usize>k) << 2);
    const d = i32x4.sub(v128.load(at), v128.load(at - 4));
    v128.store(DELTAS32 + ((<usize>k) << 2), d);
    mins = i32x4.min_s(mins, d);
  }
  let minDelta = min<i32>(
    min<i32>(i32x4.extract_lane(mins, 0), i32x4.extract_lane(mins, 1)),
    min<i32>(i32x4.extract_lane(mins, 2), i32x4.extract_lane(mins, 3)),
  );
  if (k > 0) prev = load<i32>(src + ((<usize>k - 1) << 2));
  for (; k < m; k++) {
    const v = load<i32>(src + ((<usize>k) << 2));
    const d = v - prev;
    store<i32>(DELTAS32 + ((<usize>k) << 2), d);
    minDelta = min<i32>(minDelta, d);
    prev = v;
  }
  blockMin32 = minDelta;
  return prev;
}

let blockMin32: i32 = 0;

/** Writes one block of `m` deltas held in DELTAS32 (minimum in `blockMin32`); returns the output end. */
function writeBlock32(m: u32, p: usize): usize {
  const minDelta = blockMin32;
  const used = (m + PER_MINIBLOCK - 1) / PER_MINIBLOCK;
  p = writeUleb(p, zigzag(<i64>minDelta));
  const widths = p;
  p += MINIBLOCKS;
  const minSplat = i32x4.splat(minDelta);
  for (let j: u32 = 0; j < MINIBLOCKS; j++) {
    if (j >= used) {
      store<u8>(widths + j, 0);
      continue;
    }
    const first = j * PER_MINIBLOCK;
    const src = DELTAS32 + ((<usize>first) << 2);
    const inMiniblock = min<u32>(PER_MINIBLOCK, m - first);
    // Relative deltas (unsigned, wrapping) in place; the padding of the last miniblock is zero.
    let ors = i32x4.splat(0);
    let k: u32 = 0;
    for (; k + 4 <= inMiniblock; k += 4) {
      const at = src + ((<usize>k) << 2);
      const r = i32x4.sub(v128.load(at), minSplat);
      v128.store(at, r);
      ors = v128.or(ors, r);
    }
    let or =
      <u32>i32x4.extract_lane(ors, 0) |
      <u32>i32x4.extract_lane(ors, 1) |
      <u32>i32x4.extract_lane(ors, 2) |
      <u32>i32x4.extract_lane(ors, 3);
    for (; k < inMiniblock; k++) {
      const at = src + ((<usize>k) << 2);
      const r = <u32>(load<i32>(at) - minDelta);
      store<u32>(at, r);
      or |= r;
    }
    for (; k < PER_MINIBLOCK; k++) store<u32>(src + ((<usize>k) << 2), 0);
    const width = 32 - clz(or);
    store<u8>(widths + j, <u8>width);
    p = packBits<u32>(src, width, PER_MINIBLOCK, p);
  }
  return p;
}

/** Deltas of `m` i64 values after `prev` into DELTAS64 (wrapping); returns the last value and leaves the minimum
 *  delta in `blockMin64`. */
function blockDeltas64(src: usize, m: u32, prev: i64): i64 {
  let minDelta: i64 = i64.MAX_VALUE;
  for (let k: u32 = 0; k < m; k++) {
    const v = load<i64>(src + ((<usize>k) << 3));
    const d = v - prev;
    store<i64>(DELTAS64 + ((<usize>k) << 3), d);
    minDelta = min<i64>(minDelta, d);
    prev = v;
  }
  blockMin64 = minDelta;
  return prev;
}

let blockMin64: i64 = 0;

/** Writes one block of `m` deltas held in DELTAS64 (minimum in `blockMin64`); returns the output end. */
function writeBlock64(m: u32, p: usize): usize {
  const minDelta = blockMin64;
  const used = (m + PER_MINIBLOCK - 1) / PER_MINIBLOCK;
  p = writeUleb(p, zigzag(minDelta));
  const widths = p;
  p += MINIBLOCKS;
  for (let j: u32 = 0; j < MINIBLOCKS; j++) {
    if (j >= used) {
      store<u8>(widths + j, 0);
      continue;
    }
    const first = j * PER_MINIBLOCK;
    const src = DELTAS64 + ((<usize>first) << 3);
    const inMiniblock = min<u32>(PER_MINIBLOCK, m - first);
    // Relative deltas (unsigned, wrapping) in place; the padding of the last miniblock is zero.
    let or: u64 = 0;
    let k: u32 = 0;
    for (; k < inMiniblock; k++) {
      const at = src + ((<usize>k) << 3);
      const r = <u64>(load<i64>(at) - minDelta);
      store<u64>(at, r);
      or |= r;
    }
    for (; k < PER_MINIBLOCK; k++) store<u64>(src + ((<usize>k) << 3), 0);
    const width = <u32>(64 - clz(or));
    store<u8>(widths + j, <u8>width);
    if (width <= 32) {
      for (let k: u32 = 0; k < PER_MINIBLOCK; k++) {
        store<u32>(DELTAS32 + ((<usize>k) << 2), <u32>load<u64>(src + ((<usize>k) << 3)));
      }
      p = packBits<u32>(DELTAS32, width, PER_MINIBLOCK, p);
    } else {
      p = packBits64(src, width, PER_MINIBLOCK, p);
    }
  }
  return p;
}
