// RLE / bit-packed hybrid encoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid", the encoded-data part
// without the 4-byte length prefix), for levels (u8), dictionary indices (u32) and booleans (u8 of 0/1).
//
// Runs of 8 or more equal values become RLE runs, everything else goes into bit-packed runs (of at most 504 values),
// whose length must be a multiple of 8 values except at the very end (where it is padded with zeros). A run that starts inside an
// unfinished group of 8 first lends the group the values it needs; if 8 or more remain, they are an RLE run. The
// stream's final values are an RLE run whenever the bit-packed values before them end on a group boundary, which is
// never longer than padding them into a group.

import { packBits } from './encode_bitpack';
import { ulebSize, writeUleb } from './encode_varint';
import { INVALID, OVERFLOW } from './status';

const MIN_RLE_RUN: u32 = 8;
/** Groups of 8 values per bit-packed run: 63 keeps the run header in one byte, the limit parquet-mr and arrow-rs
 *  write (readers accept longer runs, but nothing gains from testing them). */
const MAX_PACKED_GROUPS: u32 = 63;

/** Encodes `count` u8 values of `bitWidth` (0..8) bits at `inPtr` into at most `outCap` bytes at `outPtr`.
 *  Returns the bytes written, INVALID for a bad width or a value wider than it, OVERFLOW if outCap is too small. */
export function rleHybridEncode8(inPtr: usize, count: i32, bitWidth: i32, outPtr: usize, outCap: i32): i32 {
  if (bitWidth < 0 || bitWidth > 8) return INVALID;
  return encode<u8>(inPtr, count, bitWidth, outPtr, outCap);
}

/** Encodes `count` u32 values of `bitWidth` (0..32) bits at `inPtr`; results as rleHybridEncode8. */
export function rleHybridEncode32(inPtr: usize, count: i32, bitWidth: i32, outPtr: usize, outCap: i32): i32 {
  return encode<u32>(inPtr, count, bitWidth, outPtr, outCap);
}

function encode<T>(inPtr: usize, count: i32, bitWidth: i32, outPtr: usize, outCap: i32): i32 {
  if (count < 0 || outCap < 0 || bitWidth < 0 || bitWidth > 32) return INVALID;
  const w = <u32>bitWidth;
  if (w < 32 && orAll<T>(inPtr, <u32>count) >>> w !== 0) return INVALID;
  const n = <u32>count;
  const valueBytes = (w + 7) >>> 3;
  const outEnd = outPtr + <usize>outCap;
  let out = outPtr;
  let packedStart: u32 = 0; // first value not yet written
  let i: u32 = 0;
  while (i < n) {
    // Runs shorter than 8 stay pending unless they end the input: skip them in bulk, then step run by run near
    // the end.
    i = nextLongRun<T>(inPtr, i, n);
    i = nextRepeat<T>(inPtr, i, n);
    const run = runLength<T>(inPtr, i, n);
    const pending = i - packedStart;
    const lend: u32 = (8 - (pending & 7)) & 7;
    const reachesEnd = i + run === n;
    if (run >= lend + MIN_RLE_RUN || (lend === 0 && reachesEnd)) {
      const rleStart = i + lend;
      if (rleStart > packedStart) {
        out = writeBitPacked<T>(inPtr, packedStart, rleStart, w, out, outEnd);
        if (out === 0) return OVERFLOW;
      }
      const rle = run - lend;
      const header = (<u64>rle) << 1;
      if (outEnd - out < ulebSize(header) + <usize>valueBytes) return OVERFLOW;
      out = writeUleb(out, header);
      const value = <u32>load<T>(inPtr + <usize>i * sizeof<T>());
      for (let k: u32 = 0; k < valueBytes; k++) store<u8>(out + k, <u8>(value >>> (k << 3)));
      out += valueBytes;
      packedStart = i + run;
    }
    i += run;
  }
  if (n > packedStart) {
    out = writeBitPacked<T>(inPtr, packedStart, n, w, out, outEnd);
    if (out === 0) return OVERFLOW;
  }
  return <i32>(out - outPtr);
}

/** Writes values [start, end) as bit-packed runs of at most MAX_PACKED_GROUPS groups, the last one zero-padded to
 *  whole groups of 8; returns the output end, or 0 when they do not fit before `outEnd`. */
function writeBitPacked<T>(src: usize, start: u32, end: u32, w: u32, out: usize, outEnd: usize): usize {
  while (start < end) {
    const values = min<u32>(end - start, MAX_PACKED_GROUPS << 3);
    const groups = (values + 7) >>> 3;
    const bytes = <usize>groups * w;
    if (outEnd - out < 1 || outEnd - out - 1 < bytes) return 0;
    store<u8>(out, <u8>((groups << 1) | 1));
    out++;
    const packedEnd = packBits<T>(src + <usize>start * sizeof<T>(), w, values, out);
    // At most `w` padding bytes: a loop is cheaper than memory.fill's call for so few.
    for (let pad = packedEnd; pad < out + bytes; pad++) store<u8>(pad, 0);
    out += bytes;
    start += values;
  }
  return out;
}

/** The first j >= i where 8 equal values start, found 16 (u8) or 4 (u32) positions at a time; where the input
 *  becomes too short to look ahead, the start of the run holding the first unchecked position. `i` must
 *  start a run, and is returned when no full SIMD step fits. */
function nextLongRun<T>(src: usize, i: u32, n: u32): u32 {
  let j = i;
  if (sizeof<T>() === 1) {
    while (j + 23 <= n) {
      const at = src + j;
      const v = v128.load(at);
      let same = i8x16.eq(v, v128.load(at, 1));
      same = v128.and(same, i8x16.eq(v, v128.load(at, 2)));
      same = v128.and(same, i8x16.eq(v, v128.load(at, 3)));
      same = v128.and(same, i8x16.eq(v, v128.load(at, 4)));
      same = v128.and(same, i8x16.eq(v, v128.load(at, 5)));
      same = v128.and(same, i8x16.eq(v, v128.load(at, 6)));
      same = v128.and(same, i8x16.eq(v, v128.load(at, 7)));
      const mask = i8x16.bitmask(same);
      if (mask !== 0) return j + ctz(mask);
      j += 16;
    }
  } else {
    // Any 8 consecutive positions hold an aligned block of 4, so only runs with an all-equal aligned block can be
    // long; those are rare in index data, and each costs one compare of 4 values.
    let k = (j + 3) & ~3;
    while (k + 4 <= n) {
      const v = v128.load(src + ((<usize>k) << 2));
      if (i32x4.all_true(i32x4.eq(v, i32x4.shuffle(v, v, 0, 0, 0, 0)))) {
        const value = load<u32>(src + ((<usize>k) << 2));
        let start = k;
        while (start > j && load<u32>(src + ((<usize>start - 1) << 2)) === value) start--;
        const run = runLength<T>(src, start, n);
        // A long run, or a short one that ends the input (which may still become an RLE run): the caller judges.
        if (run >= MIN_RLE_RUN || start + run === n) return start;
        j = start + run;
        k = (j + 3) & ~3;
      } else {
        k += 4;
      }
    }
    // Runs that could still be long start at k - 3 or later.
    if (k >= 3 && k - 3 > j) j = k - 3;
  }
  // j may be inside a short run that began before it; runs are judged from their first value.
  const size = sizeof<T>();
  while (j > i && j < n && load<T>(src + (<usize>j - 1) * size) === load<T>(src + <usize>j * size)) j--;
  return j;
}

/** The first j in [i, n - 1) whose value equals the next one, else n - 1 (the last value); needs i < n. */
function nextRepeat<T>(src: usize, i: u32, n: u32): u32 {
  const size = sizeof<T>();
  let j = i;
  if (size === 1) {
    while (j + 17 <= n) {
      const at = src + j;
      const mask = i8x16.bitmask(i8x16.eq(v128.load(at), v128.load(at, 1)));
      if (mask !== 0) return j + ctz(mask);
      j += 16;
    }
  } else {
    while (j + 5 <= n) {
      const at = src + ((<usize>j) << 2);
      const mask = i32x4.bitmask(i32x4.eq(v128.load(at), v128.load(at, 4)));
      if (mask !== 0) return j + ctz(mask);
      j += 4;
    }
  }
  while (j + 1 < n && load<T>(src + <usize>j * size) !== load<T>(src + (<usize>j + 1) * size)) j++;
  return j;
}

/** How many values from `i` equal value i (at least 1). */
function runLength<T>(src: usize, i: u32, n: u32): u32 {
  const size = sizeof<T>();
  const value = load<T>(src + <usize>i * size);
  let j = i + 1;
  if (size === 1) {
    const splat = i8x16.splat(<i8>value);
    while (j + 16 <= n) {
      const mask = i8x16.bitmask(i8x16.eq(v128.load(src + j), splat));
      if (mask !== 0xffff) return j + ctz(~mask) - i;
      j += 16;
    }
  } else {
    const splat = i32x4.splat(<i32>value);
    while (j + 4 <= n) {
      const mask = i32x4.bitmask(i32x4.eq(v128.load(src + ((<usize>j) << 2)), splat));
      if (mask !== 0xf) return j + ctz(~mask) - i;
      j += 4;
    }
  }
  while (j < n && load<T>(src + <usize>j * size) === value) j++;
  return j - i;
}

/** Bitwise OR of `n` values, to check that they all fit the bit width. */
function orAll<T>(src: usize, n: u32): u32 {
  const size = sizeof<T>();
  const bytes = <usize>n * size;
  let acc = i32x4.splat(0);
  let p: usize = 0;
  for (; p + 16 <= bytes; p += 16) acc = v128.or(acc, v128.load(src + p));
  let or: u32 = 0;
  if (size === 1) {
    const folded = v128.or(acc, i32x4.shuffle(acc, acc, 2, 3, 0, 1));
    const word = <u32>i32x4.extract_lane(folded, 0) | <u32>i32x4.extract_lane(folded, 1);
    or = (word | (word >>> 8) | (word >>> 16) | (word >>> 24)) & 0xff;
  } else {
    or =
      <u32>i32x4.extract_lane(acc, 0) |
      <u32>i32x4.extract_lane(acc, 1) |
      <u32>i32x4.extract_lane(acc, 2) |
      <u32>i32x4.extract_lane(acc, 3);
  }
  for (; p < bytes; p += size) or |= <u32>load<T>(src + p);
  return or;
}
