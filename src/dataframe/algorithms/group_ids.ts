// Dense group ids of the rows of one or more key columns, computed by the hash-table kernels of
// assembly/group_ids.ts. Multi-column keys are grouped column by column: the ids so far and the next column's ids
// are packed into one u64 per row and grouped again, so every key type needs only a single-column kernel.
// Nulls form their own group (SQL GROUP BY, pandas dropna=False); float keys group as SQL does (every NaN equal,
// -0 equal to +0).
import { decodeDictionary } from '../../columnar/dictionary.js';
import { fixedLayout } from '../../columnar/layout.js';
import type { Column } from '../../columnar/types.js';
import { type Arena, arena } from '../../kernels/arena.js';
import { groupIdsRadix, RADIX_GROUP_MIN_ROWS } from './group_ids_radix.js';

/** Group ids of the rows of some key columns. */
export interface GroupIds {
  /** The group of each row, 0 .. numGroups - 1 in order of first occurrence. */
  readonly ids: Int32Array;
  readonly numGroups: number;
  /** The first row of each group (numGroups entries): where to take the group's key values from. */
  readonly firstRow: Int32Array;
}

/** Where one column's group ids sit in the arena. */
interface ArenaIds {
  readonly idsPtr: number;
  readonly firstRowPtr: number;
  readonly numGroups: number;
}

/** Table bits for `count` rows: 2^bits >= 2 * count keeps the load at most 1/2. */
function tableBits(count: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, count * 2))));
}

/** Copies bytes into the arena followed by 16 addressable bytes (the kernel's short-key hash reads past a key). */
function copyInPadded(a: Arena, bytes: Uint8Array): number {
  const ptr = a.alloc(bytes.length + 16);
  a.u8().set(bytes, ptr);
  return ptr;
}

function copyValidity(a: Arena, column: Column): number {
  if (!column.validity || column.nullCount === 0) return 0;
  return a.copyIn(column.validity.subarray(0, (column.length + 7) >> 3));
}

/** Float keys with every NaN the same bits and -0 turned into +0, copied into the arena. */
function canonicalFloats(a: Arena, values: Float64Array | Float32Array, count: number): number {
  const width = values.BYTES_PER_ELEMENT;
  const ptr = a.alloc(count * width);
  const out = a.view(width === 8 ? Float64Array : Float32Array, ptr, count);
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    out[i] = v === 0 ? 0 : Number.isNaN(v) ? Number.NaN : v;
  }
  return ptr;
}

/** A fixed-width key of 1 or 2 bytes (or a bool bitmap) widened to u32s in the arena. */
function widenedKeys(a: Arena, column: Column): number {
  const count = column.length;
  const ptr = a.alloc(count * 4);
  const out = a.view(Uint32Array, ptr, count);
  const values = column.values!;
  if (column.type.kind === 'bool') {
    const bits = values as Uint8Array;
    for (let i = 0; i < count; i++) out[i] = (bits[i >> 3]! >> (i & 7)) & 1;
  } else {
    for (let i = 0; i < count; i++) out[i] = Number(values[i]!) >>> 0;
  }
  return ptr;
}

/** Signed integer kinds whose keys can index a table directly when their range is small. */
const DENSE_KINDS: ReadonlySet<string> = new Set(['int32', 'date32', 'int64', 'date64', 'timestamp', 'duration']);

/**
 * Group ids by direct addressing (a table of one i32 per value between the smallest and the largest key) when that
 * range is at most about twice the row count: no hashing or probing, and a table smaller than the hash table would
 * be. Undefined when the range is wider (or every key is null).
 */
function groupDense(
  a: Arena,
  inPtr: number,
  count: number,
  wide: boolean,
  validityPtr: number,
  idsPtr: number,
  firstRowPtr: number,
): ArenaIds | undefined {
  const rangePtr = a.alloc(16);
  const valid = wide
    ? a.wasm.minMaxInt64Valid(inPtr, count, validityPtr, rangePtr)
    : a.wasm.minMaxInt32Valid(inPtr, count, validityPtr, rangePtr);
  if (valid === 0) return undefined;
  let range: number;
  let lo: number | bigint;
  if (wide) {
    const [low, high] = a.view(BigInt64Array, rangePtr, 2);
    lo = low!;
    range = Number(high! - low!) + 1;
  } else {
    const [low, high] = a.view(Int32Array, rangePtr, 2);
    lo = low!;
    range = high! - low! + 1;
  }
  if (range > 2 * count + 1024) return undefined;
  const tablePtr = a.alloc(range * 4);
  a.u8().fill(0, tablePtr, tablePtr + range * 4);
  const numGroups = wide
    ? a.wasm.groupIdsDense8(inPtr, count, validityPtr, lo as bigint, tablePtr, idsPtr, firstRowPtr)
    : a.wasm.groupIdsDense4(inPtr, count, validityPtr, lo as number, tablePtr, idsPtr, firstRowPtr);
  return { idsPtr, firstRowPtr, numGroups };
}

function groupOneColumn(a: Arena, input: Column): ArenaIds {
  const column = input.type.kind === 'dictionary' ? decodeDictionary(input) : input;
  const count = column.length;
  const bits = tableBits(count);
  const validityPtr = copyValidity(a, column);
  const idsPtr = a.alloc(count * 4);
  const firstRowPtr = a.alloc(count * 4);
  const kind = column.type.kind;
  if ((kind === 'utf8' || kind === 'binary') && column.offsets instanceof Int32Array) {
    const offsets = column.offsets.subarray(0, count + 1);
    const base = offsets[0]!;
    const offsetsPtr = a.copyIn(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength));
    const dataPtr = copyInPadded(a, column.data!.subarray(base, offsets[count]!));
    const tablePtr = a.alloc(8 * 2 ** bits);
    const hashesPtr = a.alloc(count * 8);
    const n = a.wasm.groupIdsBytes(
      offsetsPtr,
      count,
      dataPtr,
      base,
      validityPtr,
      tablePtr,
      bits,
      idsPtr,
      firstRowPtr,
      hashesPtr,
    );
    return { idsPtr, firstRowPtr, numGroups: n };
  }
  const layout = fixedLayout(column.type);
  if (kind === 'bool' || (layout && layout.stride === 1 && layout.array.BYTES_PER_ELEMENT <= 8)) {
    const width = kind === 'bool' ? 1 : layout!.array.BYTES_PER_ELEMENT;
    const values = column.values!;
    let inPtr: number;
    if (width < 4) inPtr = widenedKeys(a, column);
    else if (kind === 'float64' || kind === 'float32') {
      inPtr = canonicalFloats(a, values as Float64Array | Float32Array, count);
    } else inPtr = a.copyIn(new Uint8Array(values.buffer, values.byteOffset, count * width));
    return groupFixed(a, inPtr, count, width === 8, DENSE_KINDS.has(kind), validityPtr, idsPtr, firstRowPtr);
  }
  if (layout) {
    // Wider fixed values (decimals, intervals, fixed_size_binary) group as byte arrays of their row width.
    const rowBytes = layout.stride * layout.array.BYTES_PER_ELEMENT;
    const values = column.values!;
    const dataPtr = copyInPadded(a, new Uint8Array(values.buffer, values.byteOffset, count * rowBytes));
    const offsetsPtr = a.alloc((count + 1) * 4);
    const offsets = a.view(Int32Array, offsetsPtr, count + 1);
    for (let i = 0; i <= count; i++) offsets[i] = i * rowBytes;
    const tablePtr = a.alloc(8 * 2 ** bits);
    const hashesPtr = a.alloc(count * 8);
    const n = a.wasm.groupIdsBytes(
      offsetsPtr,
      count,
      dataPtr,
      0,
      validityPtr,
      tablePtr,
      bits,
      idsPtr,
      firstRowPtr,
      hashesPtr,
    );
    return { idsPtr, firstRowPtr, numGroups: n };
  }
  throw new TypeError(`groupby: cannot group by a column of type ${kind}`);
}

/** Group ids of `count` fixed-width keys (4 or 8 bytes, compared as bits) at `inPtr` in the arena: direct
 *  addressing when `dense` allows it (signed integers of a small range), radix partitioning for many distinct
 *  keys, else one hash table. */
function groupFixed(
  a: Arena,
  inPtr: number,
  count: number,
  wide: boolean,
  dense: boolean,
  validityPtr: number,
  idsPtr: number,
  firstRowPtr: number,
): ArenaIds {
  const direct = dense ? groupDense(a, inPtr, count, wide, validityPtr, idsPtr, firstRowPtr) : undefined;
  if (direct) return direct;
  if (count >= RADIX_GROUP_MIN_ROWS && manyDistinct(a, inPtr, wide)) {
    return { idsPtr, firstRowPtr, numGroups: groupIdsRadix(a, inPtr, count, wide, validityPtr, idsPtr, firstRowPtr) };
  }
  const tablePtr = a.alloc((wide ? 16 : 8) * 2 ** tableBits(count));
  const keysPtr = a.alloc(count * (wide ? 8 : 4));
  const group = wide ? a.wasm.groupIdsFixed8 : a.wasm.groupIdsFixed4;
  const n = group(inPtr, count, validityPtr, tablePtr, tableBits(count), idsPtr, firstRowPtr, keysPtr);
  return { idsPtr, firstRowPtr, numGroups: n };
}

/**
 * Group ids (in order of first occurrence) of `count` signed integer keys, 4 bytes (int32) or 8 (int64) each,
 * already in kernel memory at `inPtr`, with their validity bitmap at `validityPtr` (0: no nulls; null rows form one
 * group): written to `idsPtr` (count i32s) and each group's first row to `firstRowPtr` (count i32s, both allocated
 * by the caller). Returns the number of groups. Used by the group-by fused with the Parquet read for a key chunk
 * stored without a dictionary.
 */
export function groupIntKeysInArena(
  a: Arena,
  inPtr: number,
  count: number,
  wide: boolean,
  validityPtr: number,
  idsPtr: number,
  firstRowPtr: number,
): number {
  return groupFixed(a, inPtr, count, wide, true, validityPtr, idsPtr, firstRowPtr).numGroups;
}

/** Rows of the sample that decides between one table and radix partitioning. */
const SAMPLE_ROWS = 1 << 16;

/**
 * Whether the first SAMPLE_ROWS keys at `inPtr` (of at least that many; nulls counted as keys) hold more than a
 * quarter distinct values: many distinct keys make one table outgrow the cache (radix partitioning pays), few keep
 * it small (one table is faster). Keys sorted or clustered by value can mislead it, which costs time, not results.
 */
function manyDistinct(a: Arena, inPtr: number, wide: boolean): boolean {
  const mark = a.mark();
  try {
    const bits = tableBits(SAMPLE_ROWS);
    const idsPtr = a.alloc(SAMPLE_ROWS * 4);
    const firstRowPtr = a.alloc(SAMPLE_ROWS * 4);
    const tablePtr = a.alloc((wide ? 16 : 8) * 2 ** bits);
    const keysPtr = a.alloc(SAMPLE_ROWS * (wide ? 8 : 4));
    const group = wide ? a.wasm.groupIdsFixed8 : a.wasm.groupIdsFixed4;
    return group(inPtr, SAMPLE_ROWS, 0, tablePtr, bits, idsPtr, firstRowPtr, keysPtr) > SAMPLE_ROWS / 4;
  } finally {
    a.release(mark);
  }
}

/** Groups `count` rows by the pair (ids at aPtr, ids at bPtr). */
function groupPairs(a: Arena, aPtr: number, bPtr: number, count: number): ArenaIds {
  const bits = tableBits(count);
  const packedPtr = a.alloc(count * 8);
  a.wasm.packIdPairs(aPtr, bPtr, count, packedPtr);
  const idsPtr = a.alloc(count * 4);
  const firstRowPtr = a.alloc(count * 4);
  if (count >= RADIX_GROUP_MIN_ROWS && manyDistinct(a, packedPtr, true)) {
    return { idsPtr, firstRowPtr, numGroups: groupIdsRadix(a, packedPtr, count, true, 0, idsPtr, firstRowPtr) };
  }
  const tablePtr = a.alloc(16 * 2 ** bits);
  const keysPtr = a.alloc(count * 8);
  const n = a.wasm.groupIdsFixed8(packedPtr, count, 0, tablePtr, bits, idsPtr, firstRowPtr, keysPtr);
  return { idsPtr, firstRowPtr, numGroups: n };
}

/** Group ids of the rows of `keys` (all the same length; at least one column). */
export function groupIds(keys: readonly Column[]): GroupIds {
  if (keys.length === 0) throw new TypeError('groupby: no key columns');
  const count = keys[0]!.length;
  for (const key of keys) {
    if (key.length !== count) throw new RangeError('groupby: key columns differ in length');
  }
  if (count === 0) return { ids: new Int32Array(0), numGroups: 0, firstRow: new Int32Array(0) };
  const a = arena();
  const mark = a.mark();
  try {
    let current = groupOneColumn(a, keys[0]!);
    for (let k = 1; k < keys.length; k++) {
      const next = groupOneColumn(a, keys[k]!);
      current = groupPairs(a, current.idsPtr, next.idsPtr, count);
    }
    return {
      ids: a.view(Int32Array, current.idsPtr, count).slice(),
      numGroups: current.numGroups,
      firstRow: a.view(Int32Array, current.firstRowPtr, current.numGroups).slice(),
    };
  } finally {
    a.release(mark);
  }
}

/** Groups rows by a pair of id columns already computed (e.g. a group id and a value id). */
export function groupIdPairs(first: Int32Array, second: Int32Array): GroupIds {
  const count = first.length;
  if (count === 0) return { ids: new Int32Array(0), numGroups: 0, firstRow: new Int32Array(0) };
  const a = arena();
  const mark = a.mark();
  try {
    const aPtr = a.copyIn(new Uint8Array(first.buffer, first.byteOffset, count * 4));
    const bPtr = a.copyIn(new Uint8Array(second.buffer, second.byteOffset, count * 4));
    const pairs = groupPairs(a, aPtr, bPtr, count);
    return {
      ids: a.view(Int32Array, pairs.idsPtr, count).slice(),
      numGroups: pairs.numGroups,
      firstRow: a.view(Int32Array, pairs.firstRowPtr, pairs.numGroups).slice(),
    };
  } finally {
    a.release(mark);
  }
}
