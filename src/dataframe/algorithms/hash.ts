// Row hashes of columns: the key of hash partitioning (shuffle, groupby splitOut, joins) and the input of
// HyperLogLog. The hash is XXH64 (assembly/xxhash64.ts) of each value as it *means*, so equal values hash equal
// across partitions, files and storage types:
// - every integer type (and date/time/timestamp/duration, bool as 0/1) is widened to a 64-bit integer: int32 7 and
//   int64 7 hash alike; uint64 values past 2^63 hash as their bit pattern;
// - float32/float64 (and float16) are widened to f64 with -0 = +0 and every NaN equal (SQL GROUP BY semantics); a
//   float never hashes like the integer of the same value (cast keys to one type before joining int to float);
// - utf8/binary (and their large variants) by their bytes; fixed_size_binary, decimals and day_time/month_day_nano
//   intervals by their fixed-width bytes;
// - dictionary columns by their values (a dictionary-encoded and a plain column of the same strings hash alike);
// - structs combine their children's hashes in order; lists fold their elements' hashes into the hash of their
//   length;
// - a null row (and a null struct or list, whatever its children hold) hashes to hashOfNull(seed).
// Several key columns: hashColumns folds each column's hash into the row hash (order matters).
import { fixedLayout } from '../../columnar/layout.js';
import type { Column } from '../../columnar/types.js';
import type { Arena } from '../../kernels/arena.js';
import { arena } from '../../kernels/arena.js';
import { bytesOf, copyBytesChunk, copyValidityChunk, copyWordsChunk, forEachChunk, wordKind } from './column_input.js';
import { AlgorithmError } from './errors.js';

/** Dictionary columns met in a column tree -> the arena pointer of their dictionary's value hashes. */
export type DictionaryHashes = Map<Column, number>;

/** A seed as the unsigned 64-bit value the kernels take. */
export function seedOf(seed: bigint | number): bigint {
  return BigInt.asUintN(64, BigInt(seed));
}

/** The hash every null row gets under `seed`. */
export function hashOfNull(seed: bigint | number = 0n): bigint {
  return BigInt.asUintN(64, arena().wasm.hashOfNull(seedOf(seed)));
}

/**
 * One unsigned 64-bit hash per row of `column` (see the file header for what hashes alike). The same `seed` gives
 * the same hashes in every thread and process.
 */
export function hashColumn(column: Column, seed: bigint | number = 0n): BigUint64Array {
  return hashColumns([column], seed);
}

/**
 * One hash per row of several equally long key columns: the first column's hash, each further column's folded in
 * (so the order of the columns matters). With one column it equals {@link hashColumn}.
 */
export function hashColumns(columns: readonly Column[], seed: bigint | number = 0n): BigUint64Array {
  if (columns.length === 0) throw new AlgorithmError('INVALID_ARGUMENT', 'hashColumns needs at least one column');
  const length = columns[0]!.length;
  for (const c of columns) {
    if (c.length !== length) {
      throw new AlgorithmError('INVALID_ARGUMENT', `hashColumns: columns of ${length} and ${c.length} rows`);
    }
  }
  const s = seedOf(seed);
  const out = new BigUint64Array(length);
  const a = arena();
  const mark = a.mark();
  try {
    const dictionaries: DictionaryHashes = new Map();
    for (const c of columns) hashDictionaries(a, c, s, dictionaries);
    forEachChunk(length, (from, to) => {
      const chunkMark = a.mark();
      const n = to - from;
      const accPtr = a.alloc(n * 8);
      hashRowsInto(a, columns[0]!, s, from, to, accPtr, dictionaries);
      if (columns.length > 1) {
        const tmpPtr = a.alloc(n * 8);
        for (let k = 1; k < columns.length; k++) {
          hashRowsInto(a, columns[k]!, s, from, to, tmpPtr, dictionaries);
          a.wasm.hashCombine(accPtr, tmpPtr, n);
        }
      }
      out.set(a.view(BigUint64Array, accPtr, n), from);
      a.release(chunkMark);
    });
  } finally {
    a.release(mark);
  }
  return out;
}

/**
 * The output partition (0..npartitions-1) of each row for a hash shuffle on `columns` (several columns: their
 * combined hash, as {@link hashColumns}): (low 32 bits of the hash * npartitions) >> 32, so equal keys meet in one
 * partition in every process, uniformly spread, independently of the high bits HyperLogLog uses.
 */
export function hashPartitions(
  columns: readonly Column[],
  npartitions: number,
  seed: bigint | number = 0n,
): Int32Array {
  if (!Number.isInteger(npartitions) || npartitions < 1 || npartitions > 0xffffffff) {
    throw new AlgorithmError('INVALID_ARGUMENT', `hashPartitions: ${npartitions} partitions`);
  }
  const hashes = hashColumns(columns, seed);
  const a = arena();
  const mark = a.mark();
  try {
    const out = new Int32Array(hashes.length);
    forEachChunk(hashes.length, (from, to) => {
      const chunk = a.mark();
      const hashesPtr = a.copyIn(bytesOf(hashes, from, to));
      const outPtr = a.alloc((to - from) * 4);
      a.wasm.hashPartitions(hashesPtr, to - from, npartitions, outPtr);
      out.set(a.view(Int32Array, outPtr, to - from), from);
      a.release(chunk);
    });
    return out;
  } finally {
    a.release(mark);
  }
}

/**
 * Hashes the dictionaries of every dictionary column in `column`'s tree into the arena (once per dictionary, before
 * any chunk), recording their pointers in `out`. Call before {@link hashRowsInto} and keep the memory until done.
 */
export function hashDictionaries(a: Arena, column: Column, seed: bigint, out: DictionaryHashes): void {
  for (const child of column.children ?? []) hashDictionaries(a, child, seed, out);
  const dictionary = column.dictionary;
  if (column.type.kind !== 'dictionary' || !dictionary || out.has(column)) return;
  hashDictionaries(a, dictionary, seed, out);
  const ptr = a.alloc(dictionary.length * 8);
  hashRowsInto(a, dictionary, seed, 0, dictionary.length, ptr, out);
  out.set(column, ptr);
}

/**
 * Writes the hashes of rows [from, to) of `column` as u64s at `outPtr` (arena memory for to - from values). Uses
 * arena memory above the current top for inputs (release it after); dictionaries must be in `dictionaries`.
 */
export function hashRowsInto(
  a: Arena,
  column: Column,
  seed: bigint,
  from: number,
  to: number,
  outPtr: number,
  dictionaries: DictionaryHashes,
): void {
  const n = to - from;
  if (n <= 0) return;
  const type = column.type;
  const kind = wordKind(type);
  if (kind !== undefined) {
    const valuesPtr = copyWordsChunk(a, column, from, to);
    const validityPtr = copyValidityChunk(a, column, from, to);
    check(a.wasm.hashColumnValues(valuesPtr, n, kind, validityPtr, seed, outPtr), column);
    return;
  }
  switch (type.kind) {
    case 'null':
      a.view(BigUint64Array, outPtr, n).fill(a.wasm.hashOfNull(seed));
      return;
    case 'utf8':
    case 'large_utf8':
    case 'binary':
    case 'large_binary': {
      const c = copyBytesChunk(a, column, from, to);
      const validityPtr = copyValidityChunk(a, column, from, to);
      const status = a.wasm.hashColumnBytes(c.offsetsPtr, n, c.dataPtr, c.dataLen, c.base, validityPtr, seed, outPtr);
      check(status, column);
      return;
    }
    case 'decimal':
    case 'interval':
    case 'fixed_size_binary': {
      const values = column.values;
      if (!values) throw new AlgorithmError('MALFORMED_COLUMN', `${type.kind} column without values`);
      const stride = fixedLayout(type)!.stride;
      const width = stride * values.BYTES_PER_ELEMENT;
      a.wasm.xxhash64Fixed(a.copyIn(bytesOf(values, from * stride, to * stride)), n, width, seed, outPtr);
      applyNulls(a, column, seed, from, to, outPtr);
      return;
    }
    case 'dictionary': {
      const dictPtr = dictionaries.get(column);
      const dictionary = column.dictionary;
      const codeKind = wordKind(type.index);
      if (dictPtr === undefined || !dictionary || !column.values || codeKind === undefined) {
        throw new AlgorithmError('MALFORMED_COLUMN', 'dictionary column without its dictionary or codes');
      }
      const codesPtr = a.copyIn(bytesOf(column.values, from, to));
      const validityPtr = copyValidityChunk(a, column, from, to);
      const status = a.wasm.hashGatherCodes(
        codesPtr,
        n,
        codeKind,
        validityPtr,
        dictPtr,
        dictionary.length,
        seed,
        outPtr,
      );
      check(status, column);
      return;
    }
    case 'struct': {
      const children = column.children ?? [];
      if (children.length === 0) a.view(BigUint64Array, outPtr, n).fill(0n);
      else hashRowsInto(a, children[0]!, seed, from, to, outPtr, dictionaries);
      if (children.length > 1) {
        const tmpPtr = a.alloc(n * 8);
        for (let k = 1; k < children.length; k++) {
          hashRowsInto(a, children[k]!, seed, from, to, tmpPtr, dictionaries);
          a.wasm.hashCombine(outPtr, tmpPtr, n);
        }
      }
      applyNulls(a, column, seed, from, to, outPtr);
      return;
    }
    case 'list':
    case 'large_list':
    case 'map':
    case 'fixed_size_list': {
      const child = column.children?.[0];
      if (!child) throw new AlgorithmError('MALFORMED_COLUMN', `${type.kind} column without its child`);
      const lists = listRange(a, column, from, to, child.length);
      const childCount = lists.childTo - lists.childFrom;
      const childPtr = a.alloc(childCount * 8);
      hashRowsInto(a, child, seed, lists.childFrom, lists.childTo, childPtr, dictionaries);
      check(a.wasm.hashFoldLists(childPtr, childCount, lists.offsetsPtr, n, lists.childFrom, seed, outPtr), column);
      applyNulls(a, column, seed, from, to, outPtr);
      return;
    }
    default:
      throw new AlgorithmError('UNSUPPORTED_TYPE', `cannot hash a ${type.kind} column`);
  }
}

/** The child rows of lists [from, to) and their offsets as i32 in the arena (relative to the child, from 0). */
function listRange(
  a: Arena,
  column: Column,
  from: number,
  to: number,
  childLength: number,
): { childFrom: number; childTo: number; offsetsPtr: number } {
  const n = to - from;
  const offsetsPtr = a.alloc((n + 1) * 4);
  const offsets = a.view(Int32Array, offsetsPtr, n + 1);
  if (column.type.kind === 'fixed_size_list') {
    const size = column.type.listSize;
    for (let i = 0; i <= n; i++) offsets[i] = (from + i) * size;
    return { childFrom: from * size, childTo: to * size, offsetsPtr };
  }
  const source = column.offsets;
  if (!source) throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} column without offsets`);
  const childFrom = Number(source[from]!);
  const childTo = Number(source[to]!);
  if (childFrom < 0 || childTo < childFrom || childTo > childLength || childTo > 0x7fffffff) {
    throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} offsets ${childFrom}..${childTo} out of range`);
  }
  for (let i = 0; i <= n; i++) offsets[i] = Number(source[from + i]!);
  return { childFrom, childTo, offsetsPtr };
}

function applyNulls(a: Arena, column: Column, seed: bigint, from: number, to: number, outPtr: number): void {
  const validityPtr = copyValidityChunk(a, column, from, to);
  if (validityPtr !== 0) a.wasm.hashApplyNulls(outPtr, to - from, validityPtr, seed);
}

function check(status: number, column: Column): void {
  if (status < 0) {
    throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} column: offsets or codes out of range`);
  }
}
