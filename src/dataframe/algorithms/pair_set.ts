// Radix-partitioned sets of distinct (group, value) pairs: the nunique state of a group-by when the value column has
// one 64-bit word per value (value_words.ts). The pairs are spread over BUCKETS buckets by the top bits of the
// value's hash, so every step (a partition's pairs, a combine, the final count) deduplicates one bucket at a time in
// an open-addressing table small enough to stay in cache, instead of one table as large as all the pairs. A bucket
// depends only on the value, never on the group, so the same bucket of every partial can be merged on its own after
// its groups are renumbered. A set is typed arrays on shared memory: it crosses threads without a copy.
import { allocArray } from '../../columnar/alloc.js';
import type { Column } from '../../columnar/types.js';
import { AlgorithmError } from './errors.js';
import { valueWords } from './value_words.js';

/** Bits of the value hash that choose a bucket. */
export const RADIX_BITS = 10;
/** Buckets per set: at about ten million pairs a bucket holds ten thousand, its table 128 KiB. */
export const BUCKETS = 1 << RADIX_BITS;
const SHIFT = 32 - RADIX_BITS;

/** Distinct (group, value word) pairs, bucket by bucket: bucket b is entries offsets[b] .. offsets[b + 1]. */
export interface PairSet {
  /** Tells a set from the Batch of pairs that other value types keep. */
  readonly radix: true;
  /** BUCKETS + 1 entry offsets. */
  readonly offsets: Int32Array;
  /** Each pair's group (a row of its partial's groups). */
  readonly group: Int32Array;
  /** Low and high halves of each pair's value word. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

/** Whether a partial's nunique state is a radix pair set (else a Batch of pairs). */
export function isPairSet(state: unknown): state is PairSet {
  return typeof state === 'object' && state !== null && (state as { radix?: unknown }).radix === true;
}

/** The number of pairs in `set`. */
export function pairSetSize(set: PairSet): number {
  return set.offsets[BUCKETS]!;
}

/** A 32-bit hash of a 64-bit word (two int32 halves); its top bits choose a radix bucket. */
export function wordHash(lo: number, hi: number): number {
  let h = Math.imul(lo ^ (lo >>> 16), 0x85ebca6b) ^ Math.imul(hi ^ (hi >>> 15), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  return h ^ (h >>> 16);
}

/** The table slot hash of a pair (the low bits are used: within a bucket the top bits of `h` are all equal). */
function slotHash(h: number, group: number): number {
  const s = Math.imul(h ^ Math.imul(group, 0x9e3779b1), 0x85ebca6b);
  return s ^ (s >>> 15);
}

/** Scratch memory reused across calls in this thread (grown as needed, never shrunk). */
class Scratch {
  table = new Int32Array(1024);
  group = new Int32Array(1024);
  lo = new Int32Array(1024);
  hi = new Int32Array(1024);

  /** A cleared table of at least twice `entries` slots (a power of two); returns its mask. */
  clearedTable(entries: number): number {
    let size = 16;
    while (size < entries * 2) size *= 2;
    if (this.table.length < size) this.table = new Int32Array(size);
    else this.table.fill(0, 0, size);
    return size - 1;
  }

  /** Output room for `entries` pairs. */
  reserve(entries: number): void {
    if (this.group.length >= entries) return;
    const size = Math.max(entries, this.group.length * 2);
    this.group = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.hi = new Int32Array(size);
  }
}

const scratch = new Scratch();

/**
 * Adds the pair to the bucket's table unless present; out entries from `start` hold the bucket's distinct pairs
 * so far. Returns the new number of out entries.
 */
function insert(
  table: Int32Array,
  mask: number,
  start: number,
  end: number,
  g: number,
  lo: number,
  hi: number,
  h: number,
): number {
  const outGroup = scratch.group;
  const outLo = scratch.lo;
  const outHi = scratch.hi;
  let slot = slotHash(h, g) & mask;
  for (;;) {
    const at = table[slot]!;
    if (at === 0) {
      table[slot] = end - start + 1;
      outGroup[end] = g;
      outLo[end] = lo;
      outHi[end] = hi;
      return end + 1;
    }
    const k = start + at - 1;
    if (outLo[k] === lo && outGroup[k] === g && outHi[k] === hi) return end;
    slot = (slot + 1) & mask;
  }
}

/** A set of `length` pairs copied from the scratch output onto shared memory. */
function setFromScratch(offsets: Int32Array, length: number): PairSet {
  const group = allocArray(Int32Array, length);
  const lo = allocArray(Int32Array, length);
  const hi = allocArray(Int32Array, length);
  group.set(scratch.group.subarray(0, length));
  lo.set(scratch.lo.subarray(0, length));
  hi.set(scratch.hi.subarray(0, length));
  return { radix: true, offsets, group, lo, hi };
}

/**
 * The distinct (group, non-null value) pairs of `column` grouped by `ids` (a group per row; the column's type must
 * pass hasValueWords): the rows are radix-partitioned by value hash, then each bucket deduplicated.
 */
export function pairSetOfRows(column: Column, ids: Int32Array): PairSet {
  const n = column.length;
  if (ids.length < n) throw new AlgorithmError('INVALID_ARGUMENT', `pairSetOfRows: ${ids.length} ids for ${n} rows`);
  const words = valueWords(column);
  const validity = column.nullCount > 0 ? column.validity : undefined;
  const hashes = new Int32Array(n);
  const starts = new Int32Array(BUCKETS + 1);
  let valid = 0;
  for (let r = 0; r < n; r++) {
    if (validity && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) continue;
    const h = wordHash(words.lo[r]!, words.hi[r]!);
    hashes[r] = h;
    starts[(h >>> SHIFT) + 1]! += 1;
    valid++;
  }
  for (let b = 0; b < BUCKETS; b++) starts[b + 1]! += starts[b]!;
  // Scatter the valid rows by bucket (their row numbers), then deduplicate bucket by bucket.
  const order = new Int32Array(valid);
  const fill = starts.slice(0, BUCKETS);
  for (let r = 0; r < n; r++) {
    if (validity && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) continue;
    order[fill[hashes[r]! >>> SHIFT]!++] = r;
  }
  scratch.reserve(valid);
  const offsets = allocArray(Int32Array, BUCKETS + 1);
  let end = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    const start = end;
    if (to > from) {
      const mask = scratch.clearedTable(to - from);
      const t = scratch.table;
      for (let i = from; i < to; i++) {
        const r = order[i]!;
        end = insert(t, mask, start, end, ids[r]!, words.lo[r]!, words.hi[r]!, hashes[r]!);
      }
    }
    offsets[b + 1] = end;
  }
  return setFromScratch(offsets, end);
}

/** Where a partial's groups went in a combine: group g of partial p is combined group ids[offsets[p] + g]. */
export interface GroupRemap {
  readonly ids: Int32Array;
  readonly offsets: readonly number[];
}

/** Runs `visit(bucketStart, end)` after deduplicating each bucket of all `sets` with their groups renumbered. */
function mergeBuckets(
  sets: readonly PairSet[],
  remap: GroupRemap,
  visit: (bucket: number, start: number, end: number) => void,
): void {
  const { ids, offsets } = remap;
  let largest = 0;
  for (let b = 0; b < BUCKETS; b++) {
    let size = 0;
    for (const s of sets) size += s.offsets[b + 1]! - s.offsets[b]!;
    if (size > largest) largest = size;
  }
  scratch.reserve(largest);
  for (let b = 0; b < BUCKETS; b++) {
    let size = 0;
    for (const s of sets) size += s.offsets[b + 1]! - s.offsets[b]!;
    if (size === 0) {
      visit(b, 0, 0);
      continue;
    }
    const mask = scratch.clearedTable(size);
    const table = scratch.table;
    let end = 0;
    for (let p = 0; p < sets.length; p++) {
      const s = sets[p]!;
      const base = offsets[p]!;
      const { group, lo, hi } = s;
      const to = s.offsets[b + 1]!;
      for (let i = s.offsets[b]!; i < to; i++) {
        const l = lo[i]!;
        const u = hi[i]!;
        end = insert(table, mask, 0, end, ids[base + group[i]!]!, l, u, wordHash(l, u));
      }
    }
    visit(b, 0, end);
  }
}

function checkSets(sets: readonly PairSet[], remap: GroupRemap): void {
  if (remap.offsets.length !== sets.length) {
    throw new AlgorithmError('INVALID_ARGUMENT', `${sets.length} pair sets but ${remap.offsets.length} group offsets`);
  }
  for (const s of sets) {
    if (s.offsets.length !== BUCKETS + 1) {
      throw new AlgorithmError('INVALID_ARGUMENT', `a pair set of ${s.offsets.length - 1} buckets, not ${BUCKETS}`);
    }
  }
}

/** Several partials' pair sets as one set over the combined groups (each pair once). */
export function mergePairSets(sets: readonly PairSet[], remap: GroupRemap): PairSet {
  checkSets(sets, remap);
  const total = sets.reduce((n, s) => n + pairSetSize(s), 0);
  const group = allocArray(Int32Array, total);
  const lo = allocArray(Int32Array, total);
  const hi = allocArray(Int32Array, total);
  const offsets = allocArray(Int32Array, BUCKETS + 1);
  let at = 0;
  mergeBuckets(sets, remap, (b, start, end) => {
    group.set(scratch.group.subarray(start, end), at);
    lo.set(scratch.lo.subarray(start, end), at);
    hi.set(scratch.hi.subarray(start, end), at);
    at += end - start;
    offsets[b + 1] = at;
  });
  if (at === total) return { radix: true, offsets, group, lo, hi };
  return { radix: true, offsets, group: group.subarray(0, at), lo: lo.subarray(0, at), hi: hi.subarray(0, at) };
}

/** The number of distinct values per combined group (`numGroups`) of several partials' pair sets. */
export function countMergedPairs(sets: readonly PairSet[], remap: GroupRemap, numGroups: number): Float64Array {
  checkSets(sets, remap);
  const counts = allocArray(Float64Array, numGroups);
  mergeBuckets(sets, remap, (_b, start, end) => {
    const group = scratch.group;
    for (let i = start; i < end; i++) counts[group[i]!]! += 1;
  });
  return counts;
}

/** The number of pairs per group of one set (`numGroups` groups). */
export function pairSetCounts(set: PairSet, numGroups: number): Float64Array {
  const counts = new Float64Array(numGroups);
  const n = pairSetSize(set);
  for (let i = 0; i < n; i++) counts[set.group[i]!]! += 1;
  return counts;
}

/**
 * `set` cut into `n` sets by the piece of each pair's group (`pieces[g]`), groups renumbered to their row in the
 * piece (`local[g]`); buckets keep their order.
 */
export function splitPairSet(set: PairSet, pieces: Int32Array, local: Int32Array, n: number): PairSet[] {
  const size = pairSetSize(set);
  const lengths = new Int32Array(n);
  for (let i = 0; i < size; i++) lengths[pieces[set.group[i]!]!]! += 1;
  const out = Array.from({ length: n }, (_, p) => ({
    radix: true as const,
    offsets: allocArray(Int32Array, BUCKETS + 1),
    group: allocArray(Int32Array, lengths[p]!),
    lo: allocArray(Int32Array, lengths[p]!),
    hi: allocArray(Int32Array, lengths[p]!),
  }));
  const at = new Int32Array(n);
  for (let b = 0; b < BUCKETS; b++) {
    for (let i = set.offsets[b]!; i < set.offsets[b + 1]!; i++) {
      const g = set.group[i]!;
      const p = pieces[g]!;
      const o = out[p]!;
      const k = at[p]!++;
      o.group[k] = local[g]!;
      o.lo[k] = set.lo[i]!;
      o.hi[k] = set.hi[i]!;
    }
    for (let p = 0; p < n; p++) out[p]!.offsets[b + 1] = at[p]!;
  }
  return out;
}
