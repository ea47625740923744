// BYTE_STREAM_SPLIT encoding (Encodings.md "Byte Stream Split"): byte k of every value goes to stream k, and the
// `width` streams of `count` bytes each are written back to back. Widths 4 and 8 (FLOAT/INT32, DOUBLE/INT64)
// transpose 16 values at a time with shuffles; the inverse of byte_stream_split.ts.

/** Scatters `count` values of `width` bytes at `inPtr` into `width` streams at `outPtr` (count * width bytes). */
export function byteStreamSplitEncode(inPtr: usize, count: u32, width: u32, outPtr: usize): void {
  let done: u32 = 0;
  if (width === 4) done = split4(inPtr, count, outPtr);
  else if (width === 8) done = split8(inPtr, count, outPtr);
  for (let k: u32 = 0; k < width; k++) {
    const stream = outPtr + <usize>k * count;
    for (let i = done; i < count; i++) store<u8>(stream + i, load<u8>(inPtr + <usize>i * width + k));
  }
}

/** Bytes of each 4-byte value regrouped by position: lane k (as i32) holds byte k of the 4 values. */
function groupBytes4(v: v128): v128 {
  return i8x16.shuffle(v, v, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}

/** Splits 16 values per step; returns how many values it handled. */
function split4(src: usize, count: u32, dst: usize): u32 {
  const n = <usize>count;
  let i: u32 = 0;
  for (; i + 16 <= count; i += 16) {
    const s = src + ((<usize>i) << 2);
    const t0 = groupBytes4(v128.load(s));
    const t1 = groupBytes4(v128.load(s, 16));
    const t2 = groupBytes4(v128.load(s, 32));
    const t3 = groupBytes4(v128.load(s, 48));
    // 4x4 transpose of i32 lanes: stream k = lane k of t0..t3.
    const lo01 = i32x4.shuffle(t0, t1, 0, 4, 1, 5);
    const hi01 = i32x4.shuffle(t0, t1, 2, 6, 3, 7);
    const lo23 = i32x4.shuffle(t2, t3, 0, 4, 1, 5);
    const hi23 = i32x4.shuffle(t2, t3, 2, 6, 3, 7);
    const d = dst + i;
    v128.store(d, i64x2.shuffle(lo01, lo23, 0, 2));
    v128.store(d + n, i64x2.shuffle(lo01, lo23, 1, 3));
    v128.store(d + 2 * n, i64x2.shuffle(hi01, hi23, 0, 2));
    v128.store(d + 3 * n, i64x2.shuffle(hi01, hi23, 1, 3));
  }
  return i;
}

/** Bytes of two 8-byte values regrouped by position: lane k (as i16) holds byte k of both values. */
function groupBytes8(v: v128): v128 {
  return i8x16.shuffle(v, v, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
}

/** Splits 16 values per step (an 8x8 transpose of 16-bit lanes); returns how many values it handled. */
function split8(src: usize, count: u32, dst: usize): u32 {
  const n = <usize>count;
  let i: u32 = 0;
  for (; i + 16 <= count; i += 16) {
    const s = src + ((<usize>i) << 3);
    const t0 = groupBytes8(v128.load(s));
    const t1 = groupBytes8(v128.load(s, 16));
    const t2 = groupBytes8(v128.load(s, 32));
    const t3 = groupBytes8(v128.load(s, 48));
    const t4 = groupBytes8(v128.load(s, 64));
    const t5 = groupBytes8(v128.load(s, 80));
    const t6 = groupBytes8(v128.load(s, 96));
    const t7 = groupBytes8(v128.load(s, 112));
    // i16 zips: i32 lane k = stream k of two vectors (4 values), streams 0..3 (lo) and 4..7 (hi).
    const a01 = i16x8.shuffle(t0, t1, 0, 8, 1, 9, 2, 10, 3, 11);
    const b01 = i16x8.shuffle(t0, t1, 4, 12, 5, 13, 6, 14, 7, 15);
    const a23 = i16x8.shuffle(t2, t3, 0, 8, 1, 9, 2, 10, 3, 11);
    const b23 = i16x8.shuffle(t2, t3, 4, 12, 5, 13, 6, 14, 7, 15);
    const a45 = i16x8.shuffle(t4, t5, 0, 8, 1, 9, 2, 10, 3, 11);
    const b45 = i16x8.shuffle(t4, t5, 4, 12, 5, 13, 6, 14, 7, 15);
    const a67 = i16x8.shuffle(t6, t7, 0, 8, 1, 9, 2, 10, 3, 11);
    const b67 = i16x8.shuffle(t6, t7, 4, 12, 5, 13, 6, 14, 7, 15);
    // i32 zips: i64 lane = one stream over 8 values (4 vectors); c = streams 0,1; e = 2,3; f = 4,5; g = 6,7.
    const c03 = i32x4.shuffle(a01, a23, 0, 4, 1, 5);
    const e03 = i32x4.shuffle(a01, a23, 2, 6, 3, 7);
    const f03 = i32x4.shuffle(b01, b23, 0, 4, 1, 5);
    const g03 = i32x4.shuffle(b01, b23, 2, 6, 3, 7);
    const c47 = i32x4.shuffle(a45, a67, 0, 4, 1, 5);
    const e47 = i32x4.shuffle(a45, a67, 2, 6, 3, 7);
    const f47 = i32x4.shuffle(b45, b67, 0, 4, 1, 5);
    const g47 = i32x4.shuffle(b45, b67, 2, 6, 3, 7);
    const d = dst + i;
    v128.store(d, i64x2.shuffle(c03, c47, 0, 2));
    v128.store(d + n, i64x2.shuffle(c03, c47, 1, 3));
    v128.store(d + 2 * n, i64x2.shuffle(e03, e47, 0, 2));
    v128.store(d + 3 * n, i64x2.shuffle(e03, e47, 1, 3));
    v128.store(d + 4 * n, i64x2.shuffle(f03, f47, 0, 2));
    v128.store(d + 5 * n, i64x2.shuffle(f03, f47, 1, 3));
    v128.store(d + 6 * n, i64x2.shuffle(g03, g47, 0, 2));
    v128.store(d + 7 * n, i64x2.shuffle(g03, g47, 1, 3));
  }
  return i;
}
