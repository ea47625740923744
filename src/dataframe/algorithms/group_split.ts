// splitOut for a group-by: a partial's groups hash-partitioned by their key values into n pieces, so that every
// group lands in the same piece whichever partition it came from, and each piece reduces on its own into one
// output partition. Key rows hash with the XXH64 kernels (assembly/xxhash64.ts), column by column; equal keys
// hash equally because floats are canonicalised (one NaN, +0 for -0) and nulls hash to a constant.
import { allocArray } from '../../columnar/alloc.js';
import { decodeDictionary } from '../../columnar/dictionary.js';
import { fixedLayout } from '../../columnar/layout.js';
import { takeBatch } from '../../columnar/take.js';
import type { Column } from '../../columnar/types.js';
import { type Arena, arena } from '../../kernels/arena.js';
import type { GroupPartial, NuniqueState } from './group_partial.js';
import { isPairSet, type PairSet, splitPairSet } from './pair_set.js';

const NULL_HASH = 0x5bd1e995;

/** Fills `out` (two u32 lanes per row) with the XXH64 of each row of `column`. */
function hashColumn(a: Arena, input: Column, out: Uint32Array): void {
  const column = input.type.kind === 'dictionary' ? decodeDictionary(input) : input;
  const n = column.length;
  const outPtr = a.alloc(n * 8);
  const kind = column.type.kind;
  if ((kind === 'utf8' || kind === 'binary') && column.offsets instanceof Int32Array) {
    const offsets = column.offsets.subarray(0, n + 1);
    const base = offsets[0]!;
    const offsetsPtr = a.copyIn(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength));
    const data = column.data!.subarray(base, offsets[n]!);
    const dataPtr = a.copyIn(data);
    a.wasm.xxhash64Bytes(offsetsPtr, n, dataPtr, data.length, base, 0n, outPtr);
  } else if (kind === 'bool') {
    const bits = column.values as Uint8Array;
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = (bits[i >> 3]! >> (i & 7)) & 1;
    a.wasm.xxhash64Fixed(a.copyIn(bytes), n, 1, 0n, outPtr);
  } else {
    const layout = fixedLayout(column.type);
    if (!layout) throw new TypeError(`groupby: cannot hash a key column of type ${kind}`);
    const width = layout.stride * layout.array.BYTES_PER_ELEMENT;
    let values = column.values!;
    if (kind === 'float64' || kind === 'float32') {
      const canonical = kind === 'float64' ? new Float64Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i] as number;
        canonical[i] = v === 0 ? 0 : Number.isNaN(v) ? Number.NaN : v;
      }
      values = canonical;
    }
    const inPtr = a.copyIn(new Uint8Array(values.buffer, values.byteOffset, n * width));
    a.wasm.xxhash64Fixed(inPtr, n, width, 0n, outPtr);
  }
  out.set(a.view(Uint32Array, outPtr, n * 2));
  if (column.nullCount > 0 && column.validity) {
    const validity = column.validity;
    for (let i = 0; i < n; i++) {
      if (((validity[i >> 3]! >> (i & 7)) & 1) === 0) {
        out[2 * i] = NULL_HASH;
        out[2 * i + 1] = NULL_HASH;
      }
    }
  }
}

/** The piece (0 .. n - 1) of each row of the key columns. */
export function keyRowPieces(keys: readonly Column[], n: number): Int32Array {
  const rows = keys[0]?.length ?? 0;
  const pieces = new Int32Array(rows);
  if (n <= 1 || rows === 0) return pieces;
  const combined = new Uint32Array(rows);
  const lanes = new Uint32Array(rows * 2);
  const a = arena();
  for (const key of keys) {
    const mark = a.mark();
    try {
      hashColumn(a, key, lanes);
    } finally {
      a.release(mark);
    }
    for (let i = 0; i < rows; i++) {
      combined[i] = Math.imul(combined[i]! ^ lanes[2 * i]! ^ Math.imul(lanes[2 * i + 1]!, 0x85ebca6b), 0x9e3779b1);
    }
  }
  for (let i = 0; i < rows; i++) pieces[i] = ((combined[i]! ^ (combined[i]! >>> 16)) >>> 0) % n;
  return pieces;
}

/** `partial` cut into `n` partials by the hash of each group's key columns (the first `numKeys` columns). */
export function splitPartial(partial: GroupPartial, numKeys: number, n: number): GroupPartial[] {
  const { groups } = partial;
  const pieces = keyRowPieces(groups.columns.slice(0, numKeys), n);
  const counts = new Int32Array(n);
  for (const p of pieces) counts[p] = counts[p]! + 1;
  const rowsOf = Array.from({ length: n }, (_, p) => new Int32Array(counts[p]!));
  // Each group's row within its piece, to re-index the nunique pairs.
  const local = new Int32Array(groups.numRows);
  const fill = new Int32Array(n);
  for (let r = 0; r < groups.numRows; r++) {
    const p = pieces[r]!;
    local[r] = fill[p]!;
    rowsOf[p]![fill[p]!++] = r;
  }
  const distinctRows = new Map<string, Int32Array[]>();
  const distinctSets = new Map<string, PairSet[]>();
  for (const [name, state] of Object.entries(partial.distinct)) {
    if (isPairSet(state)) {
      distinctSets.set(name, splitPairSet(state, pieces, local, n));
      continue;
    }
    const pairs = state;
    const group = pairs.columns[0]!.values as Int32Array;
    const pairCounts = new Int32Array(n);
    for (let q = 0; q < pairs.numRows; q++) pairCounts[pieces[group[q]!]!]! += 1;
    const out = Array.from({ length: n }, (_, p) => new Int32Array(pairCounts[p]!));
    const at = new Int32Array(n);
    for (let q = 0; q < pairs.numRows; q++) {
      const p = pieces[group[q]!]!;
      out[p]![at[p]!++] = q;
    }
    distinctRows.set(name, out);
  }
  return rowsOf.map((rows, p) => {
    const distinct: Record<string, NuniqueState> = {};
    for (const [name, state] of Object.entries(partial.distinct)) {
      if (isPairSet(state)) {
        distinct[name] = distinctSets.get(name)![p]!;
        continue;
      }
      const pairs = state;
      const pairRows = distinctRows.get(name)![p]!;
      const taken = takeBatch(pairs, pairRows);
      const oldGroup = pairs.columns[0]!.values as Int32Array;
      const group = allocArray(Int32Array, pairRows.length);
      for (let q = 0; q < pairRows.length; q++) group[q] = local[oldGroup[pairRows[q]!]!]!;
      distinct[name] = {
        ...taken,
        columns: [{ type: { kind: 'int32' }, length: group.length, nullCount: 0, values: group }, taken.columns[1]!],
      };
    }
    return { groups: takeBatch(groups, rows), distinct };
  });
}
