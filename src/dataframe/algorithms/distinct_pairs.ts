// Exact distinct counts per group (nunique): a value column becomes dense value ids, and the distinct (group id,
// value id) pairs are found with a bitmap over the pair space when it is small (the usual case: a few groups times
// the value range) or by grouping the pairs otherwise. The int32 paths run in kernels (assembly/id_columns.ts).
import { allocArray } from '../../columnar/alloc.js';
import { maskToIndices } from '../../columnar/filter.js';
import type { Column } from '../../columnar/types.js';
import { type Arena, arena } from '../../kernels/arena.js';
import { groupIdPairs, groupIds } from './group_ids.js';

/** Largest pair space (bits) for which distinct pairs are found with a bitmap rather than a hash table. */
export const DENSE_PAIR_BITS = 2 ** 27;

function copyInt32(a: Arena, values: Int32Array): number {
  return a.copyIn(new Uint8Array(values.buffer, values.byteOffset, values.length * 4));
}

/** A zeroed bitmap of `bits` bits in the arena. */
function zeroedBitmap(a: Arena, bits: number): number {
  const bytes = Math.ceil(bits / 8);
  const ptr = a.alloc(bytes);
  a.u8().fill(0, ptr, ptr + bytes);
  return ptr;
}

/** Where the pair kernels' inputs sit in the arena. */
interface PairPointers {
  readonly a: number;
  readonly b: number;
  readonly validity: number;
  readonly bitmap: number;
}

/** Runs `body` with both id columns, the validity bitmap and a zeroed pair bitmap copied into the arena. */
function withPairsInArena<T>(
  first: Int32Array,
  firstCount: number,
  second: Int32Array,
  secondCount: number,
  validity: Uint8Array | undefined,
  body: (a: Arena, ptrs: PairPointers) => T,
): T {
  const a = arena();
  const mark = a.mark();
  try {
    const ptrs: PairPointers = {
      a: copyInt32(a, first),
      b: copyInt32(a, second),
      validity: validity ? a.copyIn(validity.subarray(0, (first.length + 7) >> 3)) : 0,
      bitmap: zeroedBitmap(a, firstCount * secondCount),
    };
    return body(a, ptrs);
  } finally {
    a.release(mark);
  }
}

function isValid(validity: Uint8Array, row: number): boolean {
  return ((validity[row >> 3]! >> (row & 7)) & 1) === 1;
}

/**
 * The first row of each distinct pair (first[i], second[i]) of dense ids (first < firstCount, second <
 * secondCount), in row order, skipping rows whose bit in `validity` is clear.
 */
export function distinctPairRows(
  first: Int32Array,
  firstCount: number,
  second: Int32Array,
  secondCount: number,
  validity?: Uint8Array,
): Int32Array {
  const count = first.length;
  if (count === 0) return new Int32Array(0);
  if (firstCount * secondCount > DENSE_PAIR_BITS) {
    if (!validity) return groupIdPairs(first, second).firstRow;
    // Null rows go before grouping: their ids are arbitrary and could stand first for a valid row's pair.
    const kept = maskToIndices(validity, count);
    const rows = groupIdPairs(takeInt32(first, kept), takeInt32(second, kept)).firstRow;
    return takeInt32(kept, rows);
  }
  return withPairsInArena(first, firstCount, second, secondCount, validity, (a, ptrs) => {
    const outPtr = a.alloc(count * 4);
    const n = a.wasm.distinctPairsDense(ptrs.a, ptrs.b, count, secondCount, ptrs.validity, ptrs.bitmap, outPtr);
    return a.view(Int32Array, outPtr, n).slice();
  });
}

/**
 * The number of distinct second ids per first id (firstCount entries) over the rows whose bit in `validity` is
 * set: {@link distinctPairRows} counted by group without listing the rows.
 */
export function distinctPairCounts(
  first: Int32Array,
  firstCount: number,
  second: Int32Array,
  secondCount: number,
  validity?: Uint8Array,
): Float64Array {
  const counts = allocArray(Float64Array, firstCount);
  const count = first.length;
  if (count === 0) return counts;
  if (firstCount * secondCount > DENSE_PAIR_BITS) {
    for (const r of distinctPairRows(first, firstCount, second, secondCount, validity)) counts[first[r]!]! += 1;
    return counts;
  }
  return withPairsInArena(first, firstCount, second, secondCount, validity, (a, ptrs) => {
    const countsPtr = a.alloc(firstCount * 8);
    a.view(Float64Array, countsPtr, firstCount).fill(0);
    a.wasm.distinctPairCountsDense(ptrs.a, ptrs.b, count, secondCount, ptrs.validity, ptrs.bitmap, countsPtr);
    counts.set(a.view(Float64Array, countsPtr, firstCount));
    return counts;
  });
}

function takeInt32(values: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  remapIds(values, 0, rows, out, 0);
  return out;
}

/** `table[offset + index[i]]` for every i: a partial's local ids translated to the ids of a combined set. */
export function remapIds(table: Int32Array, offset: number, index: Int32Array, out: Int32Array, at: number): void {
  const count = index.length;
  if (count === 0) return;
  const a = arena();
  const mark = a.mark();
  try {
    const tablePtr = copyInt32(a, table);
    const indexPtr = copyInt32(a, index);
    const outPtr = a.alloc(count * 4);
    a.wasm.gatherInt32(tablePtr, offset, indexPtr, count, outPtr);
    out.set(a.view(Int32Array, outPtr, count), at);
  } finally {
    a.release(mark);
  }
}

/** Value ids of an int32-backed column as value - min (kernels), when its range is not much wider than its length. */
function int32RangeIds(column: Column): { ids: Int32Array; numGroups: number } | undefined {
  const n = column.length;
  const values = (column.values as Int32Array).subarray(0, n);
  const validity = column.nullCount > 0 ? column.validity : undefined;
  const a = arena();
  const mark = a.mark();
  try {
    const valuesPtr = copyInt32(a, values);
    const validityPtr = validity ? a.copyIn(validity.subarray(0, (n + 7) >> 3)) : 0;
    const rangePtr = a.alloc(8);
    if (a.wasm.minMaxInt32Valid(valuesPtr, n, validityPtr, rangePtr) === 0) {
      return { ids: new Int32Array(n), numGroups: 1 };
    }
    const [lo, hi] = a.view(Int32Array, rangePtr, 2);
    const range = hi! - lo! + 1;
    if (range > 4 * n + 1024) return undefined;
    const outPtr = a.alloc(n * 4);
    a.wasm.offsetIdsInt32(valuesPtr, n, lo!, validityPtr, outPtr);
    return { ids: a.view(Int32Array, outPtr, n).slice(), numGroups: range };
  } finally {
    a.release(mark);
  }
}

/** Value ids of a narrow integer column (int8/16, uint8/16) as value - min, when the range allows. */
function narrowRangeIds(column: Column): { ids: Int32Array; numGroups: number } | undefined {
  const n = column.length;
  const values = column.values as Int16Array | Int8Array | Uint8Array | Uint16Array;
  const validity = column.nullCount > 0 ? column.validity : undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (validity && !isValid(validity, i)) continue;
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return { ids: new Int32Array(n), numGroups: 1 };
  if (hi - lo + 1 > 4 * n + 1024) return undefined;
  const ids = new Int32Array(n);
  // Null slots hold unspecified values: keep their ids in range.
  for (let i = 0; i < n; i++) ids[i] = validity && !isValid(validity, i) ? 0 : values[i]! - lo;
  return { ids, numGroups: hi - lo + 1 };
}

const INT32_KINDS: ReadonlySet<string> = new Set(['int32', 'date32']);
const NARROW_INT_KINDS: ReadonlySet<string> = new Set(['int8', 'int16', 'uint8', 'uint16']);

/**
 * Dense ids of the values of one column, for pairing with group ids (nunique): a small integer column whose
 * range is not much wider than its length maps to value - min directly, without a hash table; other columns are
 * grouped. Ids of null rows are unspecified (callers skip them by validity).
 */
export function valueIds(column: Column): { ids: Int32Array; numGroups: number } {
  return directValueIds(column) ?? groupIds([column]);
}

/**
 * Value ids of a small integer column as value - min (no hash table), or undefined when the column is of another
 * type or its range is much wider than its length.
 */
export function directValueIds(column: Column): { ids: Int32Array; numGroups: number } | undefined {
  if (column.length === 0) return undefined;
  const kind = column.type.kind;
  if (INT32_KINDS.has(kind)) return int32RangeIds(column);
  if (NARROW_INT_KINDS.has(kind)) return narrowRangeIds(column);
  return undefined;
}
