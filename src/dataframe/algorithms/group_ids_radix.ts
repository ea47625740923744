// Radix-partitioned group ids for many 4- or 8-byte keys: one hash table over millions of distinct keys is far
// larger than the cache, so every row costs a cache (and TLB) miss. Instead the rows are spread over buckets by the
// top bits of their key's hash, each bucket's keys are grouped by the table kernel on their own (a table that stays
// in cache), and the buckets' groups are renumbered to the order of first occurrence over all rows, so the result
// is the one the single table gives: same ids, same first rows.
import type { Arena } from '../../kernels/arena.js';
import { wordHash } from './pair_set.js';

/** Fewer rows than this are grouped by one table (it fits the cache well enough). */
export const RADIX_GROUP_MIN_ROWS = 1 << 18;
/** Rows per bucket aimed at: a bucket's table of 16-byte slots stays within 256 KiB. */
const BUCKET_ROWS = 1 << 13;
const MAX_BUCKET_BITS = 10;

/** Table bits for `count` rows (2^bits >= 2 * count, as the kernels expect). */
function tableBits(count: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, count * 2))));
}

/** Pass 1: each valid row's bucket and the bucket sizes (starts[b + 1]); returns the first null row or -1. */
function bucketRows(
  words: Int32Array,
  wide: boolean,
  count: number,
  validity: Uint8Array | undefined,
  shift: number,
  bucketOf: Uint16Array,
  starts: Int32Array,
): number {
  let firstNull = -1;
  for (let r = 0; r < count; r++) {
    if (validity && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) {
      if (firstNull < 0) firstNull = r;
      continue;
    }
    const b = wide ? wordHash(words[2 * r]!, words[2 * r + 1]!) >>> shift : wordHash(words[r]!, 0) >>> shift;
    bucketOf[r] = b;
    starts[b + 1]! += 1;
  }
  return firstNull;
}

/** Pass 2: rows and keys scattered by bucket (stable: rows ascend within a bucket). */
function scatterRows(
  words: Int32Array,
  wide: boolean,
  count: number,
  validity: Uint8Array | undefined,
  bucketOf: Uint16Array,
  fill: Int32Array,
  order: Int32Array,
  out: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    if (validity && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) continue;
    const at = fill[bucketOf[r]!]!++;
    order[at] = r;
    if (wide) {
      out[2 * at] = words[2 * r]!;
      out[2 * at + 1] = words[2 * r + 1]!;
    } else out[at] = words[r]!;
  }
}

/**
 * Numbers the buckets' groups in order of their first rows: the first rows are marked in a bitmap of the rows
 * (small enough for the cache, unlike an array of ids), a group's number is the count of marks before its row, and
 * `firstRow` is the marks read in order. Returns the group count.
 */
function numberGroups(
  count: number,
  starts: Int32Array,
  groupBase: Int32Array,
  order: Int32Array,
  localFirst: Int32Array,
  firstNull: number,
  numbering: Int32Array,
  firstRow: Int32Array,
): number {
  const buckets = starts.length - 1;
  const marks = new Int32Array((count + 31) >>> 5);
  for (let b = 0; b < buckets; b++) {
    const from = starts[b]!;
    for (let g = groupBase[b]!; g < groupBase[b + 1]!; g++) {
      const r = order[from + localFirst[g]!]!;
      marks[r >>> 5]! |= 1 << (r & 31);
    }
  }
  if (firstNull >= 0) marks[firstNull >>> 5]! |= 1 << (firstNull & 31);
  const before = new Int32Array(marks.length);
  let numGroups = 0;
  for (let w = 0; w < marks.length; w++) {
    before[w] = numGroups;
    let bits = marks[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      firstRow[numGroups++] = (w << 5) | (31 - Math.clz32(low));
      bits ^= low;
    }
  }
  const rank = (r: number) => before[r >>> 5]! + popcount(marks[r >>> 5]! & ((1 << (r & 31)) - 1));
  for (let b = 0; b < buckets; b++) {
    const from = starts[b]!;
    for (let g = groupBase[b]!; g < groupBase[b + 1]!; g++) numbering[g] = rank(order[from + localFirst[g]!]!);
  }
  if (firstNull >= 0) numbering[groupBase[buckets]!] = rank(firstNull);
  return numGroups;
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Each row's final id: the bucket-local ids renumbered in place (bucket by bucket, so the numbering read stays in
 * cache), then read back in row order by replaying the scatter (ids are written sequentially).
 */
function finalIds(
  count: number,
  starts: Int32Array,
  groupBase: Int32Array,
  bucketOf: Uint16Array,
  validity: Uint8Array | undefined,
  localIds: Int32Array,
  numbering: Int32Array,
  nullId: number,
  ids: Int32Array,
): void {
  const buckets = starts.length - 1;
  for (let b = 0; b < buckets; b++) {
    const base = groupBase[b]!;
    const to = starts[b + 1]!;
    for (let i = starts[b]!; i < to; i++) localIds[i] = numbering[base + localIds[i]!]!;
  }
  const fill = starts.slice(0, buckets);
  for (let r = 0; r < count; r++) {
    if (validity && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) ids[r] = nullId;
    else ids[r] = localIds[fill[bucketOf[r]!]!++]!;
  }
}

/**
 * Groups `count` keys of 4 (`wide` false) or 8 bytes at `inPtr` (canonical bits: equal keys, equal bits), nulls
 * per the validity bitmap at `validityPtr` (0: none) forming one group. Writes each row's id at `idsPtr` and each
 * group's first row at `firstRowPtr` (capacity `count` each), in first-occurrence order; returns the group count.
 */
export function groupIdsRadix(
  a: Arena,
  inPtr: number,
  count: number,
  wide: boolean,
  validityPtr: number,
  idsPtr: number,
  firstRowPtr: number,
): number {
  const width = wide ? 8 : 4;
  const span = wide ? 2 : 1;
  const bucketBits = Math.min(MAX_BUCKET_BITS, Math.max(1, Math.ceil(Math.log2(count / BUCKET_ROWS))));
  const buckets = 1 << bucketBits;
  const bucketOf = new Uint16Array(count);
  const starts = new Int32Array(buckets + 1);
  const validityOf = () => (validityPtr ? a.view(Uint8Array, validityPtr, (count + 7) >> 3) : undefined);
  const firstNull = bucketRows(
    a.view(Int32Array, inPtr, count * span),
    wide,
    count,
    validityOf(),
    32 - bucketBits,
    bucketOf,
    starts,
  );
  let largest = 0;
  for (let b = 0; b < buckets; b++) {
    largest = Math.max(largest, starts[b + 1]!);
    starts[b + 1]! += starts[b]!;
  }
  const valid = starts[buckets]!;
  // Arena memory first (views are taken after the last allocation: growing the memory detaches them).
  const keysPtr = a.alloc(valid * width);
  const localIdsPtr = a.alloc(valid * 4);
  const localFirstPtr = a.alloc(valid * 4);
  const scratchKeysPtr = a.alloc(largest * width);
  const tablePtr = a.alloc((2 * width) << tableBits(largest));
  const order = new Int32Array(valid);
  scatterRows(
    a.view(Int32Array, inPtr, count * span),
    wide,
    count,
    validityOf(),
    bucketOf,
    starts.slice(0, buckets),
    order,
    a.view(Int32Array, keysPtr, valid * span),
  );
  // Each bucket grouped by the kernel in its own small table; its groups get numbers from groupBase[b].
  const group = wide ? a.wasm.groupIdsFixed8 : a.wasm.groupIdsFixed4;
  const groupBase = new Int32Array(buckets + 1);
  for (let b = 0; b < buckets; b++) {
    const from = starts[b]!;
    const n = starts[b + 1]! - from;
    const found =
      n === 0
        ? 0
        : group(
            keysPtr + from * width,
            n,
            0,
            tablePtr,
            tableBits(n),
            localIdsPtr + from * 4,
            localFirstPtr + groupBase[b]! * 4,
            scratchKeysPtr,
          );
    groupBase[b + 1] = groupBase[b]! + found;
  }
  const bucketGroups = groupBase[buckets]!;
  const numbering = new Int32Array(bucketGroups + 1);
  const numGroups = numberGroups(
    count,
    starts,
    groupBase,
    order,
    a.view(Int32Array, localFirstPtr, bucketGroups),
    firstNull,
    numbering,
    a.view(Int32Array, firstRowPtr, count),
  );
  finalIds(
    count,
    starts,
    groupBase,
    bucketOf,
    validityOf(),
    a.view(Int32Array, localIdsPtr, valid),
    numbering,
    firstNull >= 0 ? numbering[bucketGroups]! : -1,
    a.view(Int32Array, idsPtr, count),
  );
  return numGroups;
}
