// BYTE_STREAM_SPLIT (Encodings.md "Byte Stream Split"): byte k of every value is stored in stream k, the streams
// back to back, `count` bytes each. Decoding interleaves them again. Widths 4 and 8 (FLOAT/INT32, DOUBLE/INT64)
// interleave 16 values at a time with shuffles: zip bytes into 16-bit pairs, pairs into 32-bit words, and (width
// 8) words into 64-bit values.

/** Gathers `count` values of `width` bytes from `width` streams at `inPtr` into `outPtr`. */
export function byteStreamSplitDecode(inPtr: usize, count: u32, width: u32, outPtr: usize): void {
  let done: u32 = 0;
  if (width === 4) done = interleave4(inPtr, count, outPtr);
  else if (width === 8) done = interleave8(inPtr, count, outPtr);
  for (let k: u32 = 0; k < width; k++) {
    const stream = inPtr + <usize>k * count;
    for (let i = done; i < count; i++) store<u8>(outPtr + <usize>i * width + k, load<u8>(stream + i));
  }
}

function zipBytesLow(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}
function zipBytesHigh(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
}
function zipShortsLow(a: v128, b: v128): v128 {
  return i16x8.shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11);
}
function zipShortsHigh(a: v128, b: v128): v128 {
  return i16x8.shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15);
}
function zipWordsLow(a: v128, b: v128): v128 {
  return i32x4.shuffle(a, b, 0, 4, 1, 5);
}
function zipWordsHigh(a: v128, b: v128): v128 {
  return i32x4.shuffle(a, b, 2, 6, 3, 7);
}

/** Interleaves 16 values per step; returns how many values it handled. */
function interleave4(src: usize, count: u32, dst: usize): u32 {
  const n = <usize>count;
  let i: u32 = 0;
  for (; i + 16 <= count; i += 16) {
    const s = src + i;
    const b0 = v128.load(s);
    const b1 = v128.load(s + n);
    const b2 = v128.load(s + 2 * n);
    const b3 = v128.load(s + 3 * n);
    const lo01 = zipBytesLow(b0, b1);
    const hi01 = zipBytesHigh(b0, b1);
    const lo23 = zipBytesLow(b2, b3);
    const hi23 = zipBytesHigh(b2, b3);
    const d = dst + ((<usize>i) << 2);
    v128.store(d, zipShortsLow(lo01, lo23));
    v128.store(d, zipShortsHigh(lo01, lo23), 16);
    v128.store(d, zipShortsLow(hi01, hi23), 32);
    v128.store(d, zipShortsHigh(hi01, hi23), 48);
  }
  return i;
}

/** Interleaves 16 values per step; returns how many values it handled. */
function interleave8(src: usize, count: u32, dst: usize): u32 {
  const n = <usize>count;
  let i: u32 = 0;
  for (; i + 16 <= count; i += 16) {
    const s = src + i;
    const b0 = v128.load(s);
    const b1 = v128.load(s + n);
    const b2 = v128.load(s + 2 * n);
    const b3 = v128.load(s + 3 * n);
    const b4 = v128.load(s + 4 * n);
    const b5 = v128.load(s + 5 * n);
    const b6 = v128.load(s + 6 * n);
    const b7 = v128.load(s + 7 * n);
    // 16-bit pairs of bytes (0,1), (2,3), (4,5), (6,7) for values 0..7 (lo) and 8..15 (hi).
    const lo01 = zipBytesLow(b0, b1);
    const hi01 = zipBytesHigh(b0, b1);
    const lo23 = zipBytesLow(b2, b3);
    const hi23 = zipBytesHigh(b2, b3);
    const lo45 = zipBytesLow(b4, b5);
    const hi45 = zipBytesHigh(b4, b5);
    const lo67 = zipBytesLow(b6, b7);
    const hi67 = zipBytesHigh(b6, b7);
    // 32-bit halves: bytes 0..3 and 4..7 of values 0..3, 4..7, 8..11, 12..15.
    const a0 = zipShortsLow(lo01, lo23);
    const a1 = zipShortsHigh(lo01, lo23);
    const a2 = zipShortsLow(hi01, hi23);
    const a3 = zipShortsHigh(hi01, hi23);
    const c0 = zipShortsLow(lo45, lo67);
    const c1 = zipShortsHigh(lo45, lo67);
    const c2 = zipShortsLow(hi45, hi67);
    const c3 = zipShortsHigh(hi45, hi67);
    const d = dst + ((<usize>i) << 3);
    v128.store(d, zipWordsLow(a0, c0));
    v128.store(d, zipWordsHigh(a0, c0), 16);
    v128.store(d, zipWordsLow(a1, c1), 32);
    v128.store(d, zipWordsHigh(a1, c1), 48);
    v128.store(d, zipWordsLow(a2, c2), 64);
    v128.store(d, zipWordsHigh(a2, c2), 80);
    v128.store(d, zipWordsLow(a3, c3), 96);
    v128.store(d, zipWordsHigh(a3, c3), 112);
  }
  return i;
}
