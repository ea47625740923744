// Row selections as runs of consecutive rows, and gathering them out of flat Arrow data. A filter on a sorted
// column keeps a few long runs: copying each run as one block (instead of row by row) is what makes a selective
// read cheap.
import type * as arrow from 'apache-arrow';
import type { ValuesArray } from '../../columnar/types.js';
import { type RowSelection, takeData, takeFlat } from './take.js';

/** Rows as ascending, disjoint, non-empty half-open runs laid out flat: [start0, end0, start1, end1, ...]. */
export type RowRuns = Int32Array;

/** The number of rows in `runs`. */
export function runsLength(runs: RowRuns): number {
  let n = 0;
  for (let j = 0; j < runs.length; j += 2) n += runs[j + 1]! - runs[j]!;
  return n;
}

/** The runs of ascending, distinct row indices. */
export function runsOfIndices(indices: Int32Array): RowRuns {
  let count = 0;
  for (let k = 0; k < indices.length; k++) if (k === 0 || indices[k]! !== indices[k - 1]! + 1) count++;
  const runs = new Int32Array(2 * count);
  for (let k = 0, j = -2; k < indices.length; k++) {
    const i = indices[k]!;
    if (k === 0 || i !== indices[k - 1]! + 1) {
      j += 2;
      runs[j] = i;
    }
    runs[j + 1] = i + 1;
  }
  return runs;
}

/** The row indices `runs` hold, ascending. */
export function indicesOfRuns(runs: RowRuns): Int32Array {
  const indices = new Int32Array(runsLength(runs));
  for (let j = 0, k = 0; j < runs.length; j += 2) for (let i = runs[j]!; i < runs[j + 1]!; i++) indices[k++] = i;
  return indices;
}

/** The rows of `runs` mapped through `into`: the runs' k-th row stands for the k-th row of `into` (which holds at
 *  least as many rows). Used to turn positions among selected rows back into positions in the whole. */
export function composeRuns(runs: RowRuns, into: RowRuns): RowRuns {
  const out: number[] = [];
  let j = 0;
  let base = 0; // rows of `into` before run j
  for (let r = 0; r < runs.length; r += 2) {
    let start = runs[r]!;
    const end = runs[r + 1]!;
    while (start < end) {
      while (base + (into[j + 1]! - into[j]!) <= start) {
        base += into[j + 1]! - into[j]!;
        j += 2;
      }
      const from = into[j]! + start - base;
      const take = Math.min(end, base + into[j + 1]! - into[j]!) - start;
      if (out.length > 0 && out[out.length - 1] === from) out[out.length - 1] = from + take;
      else out.push(from, from + take);
      start += take;
    }
  }
  return Int32Array.from(out);
}

/** The rows `runs` (each inside [0, data.length)) of `data`, copied into new contiguous Arrow data: flat layouts
 *  run by run, nested ones through takeData. */
export function takeRuns(data: arrow.Data, runs: RowRuns): arrow.Data {
  const length = runsLength(runs);
  if (runs.length === 2 && runs[0] === 0 && length === data.length) return data;
  return takeFlat(data, runSelection(runs, length)) ?? takeData(data, indicesOfRuns(runs));
}

/** Rows picked by runs: each run is copied as one block. */
function runSelection(runs: RowRuns, length: number): RowSelection {
  return {
    length,
    bits: (bits, offset) => copyBitRuns(bits, offset, runs, length),
    strided: (values, stride) => copyStridedRuns(values, stride, runs, length),
    variable: (offsets, bytes) => copyVariableRuns(offsets, bytes, runs, length),
  };
}

function copyBitRuns(bits: Uint8Array, offset: number, runs: RowRuns, length: number): Uint8Array {
  const out = new Uint8Array((length + 7) >> 3);
  for (let j = 0, k = 0; j < runs.length; j += 2) {
    for (let i = offset + runs[j]!, end = offset + runs[j + 1]!; i < end; i++, k++) {
      if ((bits[i >> 3]! >> (i & 7)) & 1) out[k >> 3]! |= 1 << (k & 7);
    }
  }
  return out;
}

/** Whether one run holding most of `rows` rows can be a view of the source buffer rather than a copy: a view keeps
 *  the whole buffer alive, which is worth the copy saved only when little of it is left out. */
function sharesBuffer(runs: RowRuns, length: number, rows: number): boolean {
  return runs.length === 2 && length * 2 >= rows;
}

function copyStridedRuns<T extends ValuesArray>(values: T, stride: number, runs: RowRuns, length: number): T {
  if (sharesBuffer(runs, length, values.length / stride)) {
    return values.subarray(runs[0]! * stride, runs[1]! * stride) as T;
  }
  const Ctor = values.constructor as new (n: number) => T;
  const out = new Ctor(length * stride);
  for (let j = 0, k = 0; j < runs.length; j += 2) {
    const start = runs[j]! * stride;
    const end = runs[j + 1]! * stride;
    out.set(values.subarray(start, end) as never, k);
    k += end - start;
  }
  return out;
}

function copyVariableRuns(
  offsets: Int32Array,
  bytes: Uint8Array,
  runs: RowRuns,
  length: number,
): { valueOffsets: Int32Array; values: Uint8Array } {
  let total = 0;
  for (let j = 0; j < runs.length; j += 2) total += offsets[runs[j + 1]!]! - offsets[runs[j]!]!;
  const valueOffsets = new Int32Array(length + 1);
  if (sharesBuffer(runs, length, offsets.length - 1)) {
    const start = runs[0]!;
    const shift = offsets[start]!;
    for (let k = 1; k <= length; k++) valueOffsets[k] = offsets[start + k]! - shift;
    return { valueOffsets, values: bytes.subarray(shift, shift + total) };
  }
  const values = new Uint8Array(total);
  let at = 0;
  for (let j = 0, k = 0; j < runs.length; j += 2) {
    const start = runs[j]!;
    const end = runs[j + 1]!;
    const shift = at - offsets[start]!;
    for (let i = start + 1; i <= end; i++) valueOffsets[++k] = offsets[i]! + shift;
    values.set(bytes.subarray(offsets[start]!, offsets[end]!), at);
    at += offsets[end]! - offsets[start]!;
  }
  return { valueOffsets, values };
}
