// Per-code aggregation straight from Parquet dictionary indices (issue 16 item 3, fused partial aggregation): a
// group-by on a dictionary column accumulates per dictionary code, so the codes are the group ids. Two entry points
// turn a column chunk's indices into per-code row counts and first rows:
// - codeHistogram reads the RLE / bit-packed hybrid stream itself: an RLE run adds its length to its code at once,
//   and no per-row code is ever written (a count needs nothing else); codeFirstRows then finds each code's first row
//   from the start of the stream, stopping once every code counted has been met;
// - codeSlots writes one slot per row (the code, or the null slot for a null key), for the value aggregates of
//   group_aggregate.ts to run with those slots as group ids.
// Both reject an index past the dictionary (INVALID) before it is used as an address.

import { packedBytes, unpackBits32 } from './bitpack';
import { fillBits } from './bits';
import { indicesInRange } from './dictionary';
import { INVALID, TRUNCATED } from './status';
import { isValidRow } from './validity';
import { readUleb, varintEnd, varintStatus } from './varint';

/** Values unpacked per step of a bit-packed run (a multiple of 8, so that each step starts on a byte). */
const BLOCK: u32 = 512;

/** Adds `n` rows of `code` first met at row `row` to the per-code counts (f64) and first rows (i32, -1 = none). */
function addRun(code: u32, n: u32, row: i32, countsPtr: usize, firstPtr: usize): void {
  const c = countsPtr + ((<usize>code) << 3);
  store<f64>(c, load<f64>(c) + <f64>n);
  const f = firstPtr + ((<usize>code) << 2);
  if (load<i32>(f) < 0) store<i32>(f, row);
}

/** Where the last header runHeader read ends. */
let runEnd: usize = 0;

/** The run header (a ULEB128 varint: run length << 1, bit 0 set for bit-packed runs) at `p`, or a negative status;
 *  its end is left in `runEnd`. */
function runHeader(p: usize, end: usize): i64 {
  const header = readUleb(p, end, 5);
  if (varintStatus !== 0) return <i64>varintStatus;
  if (header > 0xffffffff) return <i64>INVALID;
  runEnd = varintEnd;
  return <i64>header;
}

/**
 * Histogram of `count` dictionary indices of `bitWidth` bits, RLE / bit-packed hybrid encoded at `inPtr` (`inLen`
 * bytes, no length prefix): adds each code's rows to the f64 at `countsPtr + 8 * code`. `scratchPtr` holds 512 u32s.
 * Returns the bytes consumed, INVALID for an index >= `dictCount` or a bad header, or TRUNCATED. First rows are found
 * by codeFirstRows afterwards: tracking them here would cost a test per value for the whole stream, where they are
 * usually all met in its first rows.
 */
export function codeHistogram(
  inPtr: usize,
  inLen: i32,
  bitWidth: i32,
  count: i32,
  dictCount: i32,
  countsPtr: usize,
  scratchPtr: usize,
): i32 {
  if (bitWidth < 0 || bitWidth > 32 || count < 0 || inLen < 0 || dictCount < 0) return INVALID;
  const w = <u32>bitWidth;
  const valueBytes = (w + 7) >>> 3;
  const limit = <u32>dictCount;
  const end = inPtr + inLen;
  let p = inPtr;
  let produced: u32 = 0;
  while (produced < <u32>count) {
    const header = runHeader(p, end);
    if (header < 0) return <i32>header;
    p = runEnd;
    const wanted = <u64>(<u32>count - produced);
    if (header & 1) {
      const n = <u32>min<u64>((<u64>header >>> 1) << 3, wanted);
      if (packedBytes(n, w) > <u64>(end - p)) return TRUNCATED;
      let q = p;
      for (let done: u32 = 0; done < n; done += BLOCK) {
        const k = min<u32>(BLOCK, n - done);
        unpackBits32(q, w, k, scratchPtr);
        q += (<usize>BLOCK * w) >>> 3;
        for (let i: u32 = 0; i < k; i++) {
          const code = load<u32>(scratchPtr + ((<usize>i) << 2));
          if (code >= limit) return INVALID;
          const c = countsPtr + ((<usize>code) << 3);
          store<f64>(c, load<f64>(c) + 1.0);
        }
      }
      p += <usize>min<u64>((<u64>header >>> 1) * w, <u64>(end - p));
      produced += n;
    } else {
      if (<usize>valueBytes > end - p) return TRUNCATED;
      const code = readCode(p, valueBytes);
      p += valueBytes;
      const n = <u32>min<u64>(<u64>header >>> 1, wanted);
      if (n > 0) {
        if (code >= limit) return INVALID;
        const c = countsPtr + ((<usize>code) << 3);
        store<f64>(c, load<f64>(c) + <f64>n);
      }
      produced += n;
    }
  }
  return <i32>(p - inPtr);
}

/**
 * The first rows of codes in a stream codeHistogram has counted (same arguments): stores `rowBase` + the position
 * of a code whose i32 at `firstPtr + 4 * code` is still negative, and stops once `unseen` codes have been met.
 * Returns how many remain unseen, or a negative status.
 */
export function codeFirstRows(
  inPtr: usize,
  inLen: i32,
  bitWidth: i32,
  count: i32,
  dictCount: i32,
  firstPtr: usize,
  rowBase: i32,
  unseen: i32,
  scratchPtr: usize,
): i32 {
  if (bitWidth < 0 || bitWidth > 32 || count < 0 || inLen < 0 || dictCount < 0) return INVALID;
  const w = <u32>bitWidth;
  const valueBytes = (w + 7) >>> 3;
  const limit = <u32>dictCount;
  const end = inPtr + inLen;
  let p = inPtr;
  let produced: u32 = 0;
  let left = unseen;
  while (produced < <u32>count && left > 0) {
    const header = runHeader(p, end);
    if (header < 0) return <i32>header;
    p = runEnd;
    const wanted = <u64>(<u32>count - produced);
    if (header & 1) {
      const n = <u32>min<u64>((<u64>header >>> 1) << 3, wanted);
      if (packedBytes(n, w) > <u64>(end - p)) return TRUNCATED;
      let q = p;
      for (let done: u32 = 0; done < n && left > 0; done += BLOCK) {
        const k = min<u32>(BLOCK, n - done);
        unpackBits32(q, w, k, scratchPtr);
        q += (<usize>BLOCK * w) >>> 3;
        for (let i: u32 = 0; i < k; i++) {
          const code = load<u32>(scratchPtr + ((<usize>i) << 2));
          if (code >= limit) return INVALID;
          const f = firstPtr + ((<usize>code) << 2);
          if (load<i32>(f) < 0) {
            store<i32>(f, rowBase + <i32>(produced + done + i));
            left--;
          }
        }
      }
      p += <usize>min<u64>((<u64>header >>> 1) * w, <u64>(end - p));
      produced += n;
    } else {
      if (<usize>valueBytes > end - p) return TRUNCATED;
      const code = readCode(p, valueBytes);
      p += valueBytes;
      const n = <u32>min<u64>(<u64>header >>> 1, wanted);
      if (n > 0) {
        if (code >= limit) return INVALID;
        const f = firstPtr + ((<usize>code) << 2);
        if (load<i32>(f) < 0) {
          store<i32>(f, rowBase + <i32>produced);
          left--;
        }
      }
      produced += n;
    }
  }
  return left;
}

/** The code of an RLE run: `bytes` (0..4) little-endian bytes. */
function readCode(p: usize, bytes: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < bytes; i++) v |= (<u32>load<u8>(p + i)) << (i << 3);
  return v;
}

/**
 * One slot per row for `count` rows: the next of the dense (non-null only) u32 codes at `densePtr` where the
 * validity bit is set (`validityPtr` 0 = every row), `dictCount` (the null slot) where it is clear. Writes the i32
 * slots at `slotsPtr` (which may be `densePtr` itself when every row is valid: the codes are the slots), adds each
 * row to its slot's f64 at `rowsPtr`, and stores the first row (`rowBase` + i) of a slot not met before in the i32s
 * at `firstPtr` (negative = not met). Returns the dense codes used, or INVALID (for a code >= `dictCount`).
 */
export function codeSlots(
  densePtr: usize,
  validityPtr: usize,
  count: i32,
  dictCount: i32,
  slotsPtr: usize,
  rowsPtr: usize,
  firstPtr: usize,
  rowBase: i32,
): i32 {
  if (count < 0 || dictCount < 0) return INVALID;
  const limit = <u32>dictCount;
  const n = <usize>count;
  if (validityPtr === 0) {
    // No null keys: a histogram of the codes, then their first rows from the start until every code is met.
    for (let i: usize = 0; i < n; i++) {
      const code = load<u32>(densePtr + (i << 2));
      if (code >= limit) return INVALID;
      const c = rowsPtr + ((<usize>code) << 3);
      store<f64>(c, load<f64>(c) + 1.0);
    }
    if (slotsPtr !== densePtr) memory.copy(slotsPtr, densePtr, n << 2);
    let unseen = 0;
    for (let s: usize = 0; s < <usize>limit; s++) {
      if (load<f64>(rowsPtr + (s << 3)) > 0 && load<i32>(firstPtr + (s << 2)) < 0) unseen++;
    }
    for (let i: usize = 0; i < n && unseen > 0; i++) {
      const f = firstPtr + ((<usize>load<u32>(densePtr + (i << 2))) << 2);
      if (load<i32>(f) < 0) {
        store<i32>(f, rowBase + <i32>i);
        unseen--;
      }
    }
    return count;
  }
  let j: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    let slot = limit;
    if (isValidRow(validityPtr, i)) {
      slot = load<u32>(densePtr + (j << 2));
      j++;
      if (slot >= limit) return INVALID;
    }
    store<u32>(slotsPtr + (i << 2), slot);
    addRun(slot, 1, rowBase + <i32>i, rowsPtr, firstPtr);
  }
  return <i32>j;
}

/** Sets `count` bits of the bitmap at `ptr` from bit `bitOffset` (the rows of a page without nulls). */
export function setBits(ptr: usize, bitOffset: u32, count: u32): void {
  fillBits(ptr, bitOffset, count, true);
}

/** Widens `count` f32s at `inPtr` to f64s at `outPtr` (float columns aggregate as float64). */
export function widenFloat32(inPtr: usize, count: i32, outPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) store<f64>(outPtr + (i << 3), <f64>load<f32>(inPtr + (i << 2)));
}

// The slot kernels below are one generic body per operation (T: the value type, S: the sum type), instantiated per
// exported type: AssemblyScript inlines the generic into each export, so the loops stay monomorphic.

function slotSumAs<T, S>(valuesPtr: usize, slotsPtr: usize, count: i32, sumsPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    const s = sumsPtr + <usize>load<i32>(slotsPtr + (i << 2)) * sizeof<S>();
    store<S>(s, load<S>(s) + <S>load<T>(valuesPtr + i * sizeof<T>()));
  }
}

/** Adds each of `count` f64 values to the f64 sum of its slot (i32 at `slotsPtr`): the sums of a column without
 *  nulls, whose non-null counts are the rows per slot already counted. */
export function slotSumFloat64(valuesPtr: usize, slotsPtr: usize, count: i32, sumsPtr: usize): void {
  slotSumAs<f64, f64>(valuesPtr, slotsPtr, count, sumsPtr);
}

/** slotSumFloat64 for i32 values into i64 sums. */
export function slotSumInt32(valuesPtr: usize, slotsPtr: usize, count: i32, sumsPtr: usize): void {
  slotSumAs<i32, i64>(valuesPtr, slotsPtr, count, sumsPtr);
}

/** slotSumFloat64 for i64 values into i64 sums (wrapping on overflow, as groupSumInt64). */
export function slotSumInt64(valuesPtr: usize, slotsPtr: usize, count: i32, sumsPtr: usize): void {
  slotSumAs<i64, i64>(valuesPtr, slotsPtr, count, sumsPtr);
}

// --- value columns still dictionary-encoded: the gather fused into the aggregate (pages without nulls) ---

function validIndices(indicesPtr: usize, dictCount: i32, count: i32): bool {
  return count >= 0 && dictCount >= 0 && indicesInRange(indicesPtr, <u32>count, <u32>dictCount);
}

function slotDictSumAs<T, S>(indicesPtr: usize, dictPtr: usize, slotsPtr: usize, count: i32, sumsPtr: usize): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    const v = <S>load<T>(dictPtr + <usize>load<u32>(indicesPtr + (i << 2)) * sizeof<T>());
    const s = sumsPtr + <usize>load<i32>(slotsPtr + (i << 2)) * sizeof<S>();
    store<S>(s, load<S>(s) + v);
  }
}

/** Integer min/max per slot of dict[indices[i]] (mins start at the type's largest value, maxes at its smallest). */
function slotDictMinMaxInt<T>(
  indicesPtr: usize,
  dictPtr: usize,
  slotsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): void {
  for (let i: usize = 0; i < <usize>count; i++) {
    const v = load<T>(dictPtr + <usize>load<u32>(indicesPtr + (i << 2)) * sizeof<T>());
    const g = <usize>load<i32>(slotsPtr + (i << 2)) * sizeof<T>();
    if (v < load<T>(minsPtr + g)) store<T>(minsPtr + g, v);
    if (v > load<T>(maxsPtr + g)) store<T>(maxsPtr + g, v);
  }
}

/** Adds dict[indices[i]] (f64) to the f64 sum of slot slots[i] for `count` rows; returns 0, or INVALID for an index
 *  >= `dictCount` (checked before anything is added). */
export function slotDictSumFloat64(
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: i32,
  slotsPtr: usize,
  count: i32,
  sumsPtr: usize,
): i32 {
  if (!validIndices(indicesPtr, dictCount, count)) return INVALID;
  slotDictSumAs<f64, f64>(indicesPtr, dictPtr, slotsPtr, count, sumsPtr);
  return 0;
}

/** slotDictSumFloat64 for an i32 dictionary into i64 sums. */
export function slotDictSumInt32(
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: i32,
  slotsPtr: usize,
  count: i32,
  sumsPtr: usize,
): i32 {
  if (!validIndices(indicesPtr, dictCount, count)) return INVALID;
  slotDictSumAs<i32, i64>(indicesPtr, dictPtr, slotsPtr, count, sumsPtr);
  return 0;
}

/** slotDictSumFloat64 for an i64 dictionary into i64 sums (wrapping on overflow, as groupSumInt64). */
export function slotDictSumInt64(
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: i32,
  slotsPtr: usize,
  count: i32,
  sumsPtr: usize,
): i32 {
  if (!validIndices(indicesPtr, dictCount, count)) return INVALID;
  slotDictSumAs<i64, i64>(indicesPtr, dictPtr, slotsPtr, count, sumsPtr);
  return 0;
}

/** Min and max per slot of dict[indices[i]] (f64), with groupMinMaxFloat64's rules (mins start NaN, maxes
 *  -Infinity; NaN is the greatest value). Returns 0, or INVALID for an index >= `dictCount`. */
export function slotDictMinMaxFloat64(
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: i32,
  slotsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): i32 {
  if (!validIndices(indicesPtr, dictCount, count)) return INVALID;
  for (let i: usize = 0; i < <usize>count; i++) {
    const v = load<f64>(dictPtr + ((<usize>load<u32>(indicesPtr + (i << 2))) << 3));
    const g = (<usize>load<i32>(slotsPtr + (i << 2))) << 3;
    const mn = load<f64>(minsPtr + g);
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
    if (v < mn || isNaN<f64>(mn)) store<f64>(minsPtr + g, v);
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<T>, not JavaScript's global
    if (v > load<f64>(maxsPtr + g) || isNaN<f64>(v)) store<f64>(maxsPtr + g, v);
  }
  return 0;
}

/** Min and max per slot of dict[indices[i]] (i32; mins start at the largest i32, maxes at the smallest). */
export function slotDictMinMaxInt32(
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: i32,
  slotsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): i32 {
  if (!validIndices(indicesPtr, dictCount, count)) return INVALID;
  slotDictMinMaxInt<i32>(indicesPtr, dictPtr, slotsPtr, count, minsPtr, maxsPtr);
  return 0;
}

/** Min and max per slot of dict[indices[i]] (i64; mins start at the largest i64, maxes at the smallest). */
export function slotDictMinMaxInt64(
  indicesPtr: usize,
  dictPtr: usize,
  dictCount: i32,
  slotsPtr: usize,
  count: i32,
  minsPtr: usize,
  maxsPtr: usize,
): i32 {
  if (!validIndices(indicesPtr, dictCount, count)) return INVALID;
  slotDictMinMaxInt<i64>(indicesPtr, dictPtr, slotsPtr, count, minsPtr, maxsPtr);
  return 0;
}
