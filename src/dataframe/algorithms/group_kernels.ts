// Per-group aggregates of one column given each row's group id: typed wrappers over the kernels of
// assembly/group_aggregate.ts. Values are read through one of three accumulator layouts (f64, i64, i32); other
// numeric types are converted to the nearest one first. Results land in SharedArrayBuffer memory, since they become
// the state columns of partials that cross threads.
import { allocArray } from '../../columnar/alloc.js';
import type { Column } from '../../columnar/types.js';
import { float16ToNumber } from '../../columnar/values.js';
import { type Arena, arena } from '../../kernels/arena.js';

/** The accumulator layout of a numeric column. */
export type AccumulatorKind = 'f64' | 'i64' | 'i32';

/** A numeric column's values in its accumulator layout. */
export type AccumulatorValues =
  | { readonly kind: 'f64'; readonly values: Float64Array }
  | { readonly kind: 'i64'; readonly values: BigInt64Array }
  | { readonly kind: 'i32'; readonly values: Int32Array };

/** The accumulator layout a column of this kind aggregates in, or undefined when it is not numeric. */
export function accumulatorKind(kind: string): AccumulatorKind | undefined {
  switch (kind) {
    case 'float64':
    case 'float32':
    case 'float16':
    case 'uint64':
      return 'f64';
    case 'int64':
    case 'uint32':
    case 'date64':
    case 'timestamp':
    case 'duration':
      return 'i64';
    case 'int32':
    case 'int16':
    case 'int8':
    case 'uint16':
    case 'uint8':
    case 'date32':
      return 'i32';
    case 'time':
      return undefined;
    default:
      return undefined;
  }
}

/** The values of a numeric column in its accumulator layout (a view when the storage already matches). */
export function accumulatorValues(column: Column, what: string): AccumulatorValues {
  const kind = accumulatorKind(column.type.kind);
  const values = column.values;
  if (!kind || !values) throw new TypeError(`groupby: ${what} needs a numeric column, not ${column.type.kind}`);
  const n = column.length;
  if (kind === 'f64') {
    if (values instanceof Float64Array) return { kind, values: values.subarray(0, n) };
    const out = new Float64Array(n);
    if (column.type.kind === 'float16') for (let i = 0; i < n; i++) out[i] = float16ToNumber(values[i] as number);
    else for (let i = 0; i < n; i++) out[i] = Number(values[i]!);
    return { kind, values: out };
  }
  if (kind === 'i64') {
    if (values instanceof BigInt64Array) return { kind, values: values.subarray(0, n) };
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = BigInt(values[i]!);
    return { kind, values: out };
  }
  if (values instanceof Int32Array) return { kind, values: values.subarray(0, n) };
  return { kind, values: Int32Array.from(values as ArrayLike<number>) };
}

/** The values as float64 (for means of squares: variance). */
export function float64Values(acc: AccumulatorValues): Float64Array {
  if (acc.kind === 'f64') return acc.values;
  const out = new Float64Array(acc.values.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(acc.values[i]!);
  return out;
}

function copyTyped(a: Arena, array: ArrayBufferView): number {
  return a.copyIn(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

function validityPtr(a: Arena, validity: Uint8Array | undefined, length: number): number {
  return validity ? a.copyIn(validity.subarray(0, (length + 7) >> 3)) : 0;
}

/** Runs `body` with the ids and validity copied into the arena, releasing the arena afterwards. */
function withRows<T>(
  ids: Int32Array,
  validity: Uint8Array | undefined,
  body: (a: Arena, idsPtr: number, validityPtr: number) => T,
): T {
  const a = arena();
  const mark = a.mark();
  try {
    return body(a, copyTyped(a, ids), validityPtr(a, validity, ids.length));
  } finally {
    a.release(mark);
  }
}

function filled<T extends Float64Array | BigInt64Array | Int32Array | Uint8Array>(array: T, value: never): T {
  array.fill(value);
  return array;
}

function outOf<T extends Float64Array | BigInt64Array | Int32Array | Uint8Array>(
  a: Arena,
  kind: { new (b: ArrayBufferLike, o?: number, l?: number): T; readonly BYTES_PER_ELEMENT: number },
  init: T,
): [number, () => T] {
  const ptr = copyTyped(a, init);
  const n = init.length;
  return [
    ptr,
    () => {
      const out = allocArray(kind, n);
      out.set(a.view(kind as never, ptr, n) as unknown as T as never);
      return out;
    },
  ];
}

/** Non-null rows per group (or every row when `validity` is undefined). */
export function groupCounts(ids: Int32Array, validity: Uint8Array | undefined, numGroups: number): Float64Array {
  return withRows(ids, validity, (a, idsPtr, vPtr) => {
    const [countsPtr, counts] = outOf(a, Float64Array, new Float64Array(numGroups));
    a.wasm.groupCount(vPtr, idsPtr, ids.length, countsPtr);
    return counts();
  });
}

/** Sum (f64, or i64 for integer accumulators) and non-null count per group. */
export function groupSums(
  acc: AccumulatorValues,
  ids: Int32Array,
  validity: Uint8Array | undefined,
  numGroups: number,
): { sums: Float64Array | BigInt64Array; counts: Float64Array } {
  return withRows(ids, validity, (a, idsPtr, vPtr) => {
    const valuesPtr = copyTyped(a, acc.values);
    const [countsPtr, counts] = outOf(a, Float64Array, new Float64Array(numGroups));
    if (acc.kind === 'f64') {
      const [sumsPtr, sums] = outOf(a, Float64Array, new Float64Array(numGroups));
      a.wasm.groupSumFloat64(valuesPtr, vPtr, idsPtr, ids.length, sumsPtr, countsPtr);
      return { sums: sums(), counts: counts() };
    }
    const [sumsPtr, sums] = outOf(a, BigInt64Array, new BigInt64Array(numGroups));
    const sum = acc.kind === 'i64' ? a.wasm.groupSumInt64 : a.wasm.groupSumInt32;
    sum(valuesPtr, vPtr, idsPtr, ids.length, sumsPtr, countsPtr);
    return { sums: sums(), counts: counts() };
  });
}

/** Sum of squared deviations from each group's mean. */
export function groupM2(
  values: Float64Array,
  ids: Int32Array,
  validity: Uint8Array | undefined,
  means: Float64Array,
): Float64Array {
  return withRows(ids, validity, (a, idsPtr, vPtr) => {
    const valuesPtr = copyTyped(a, values);
    const meansPtr = copyTyped(a, means);
    const [m2Ptr, m2] = outOf(a, Float64Array, new Float64Array(means.length));
    a.wasm.groupM2Float64(valuesPtr, vPtr, idsPtr, ids.length, meansPtr, m2Ptr);
    return m2();
  });
}

/** Min and max per group in the accumulator layout (groups without values keep the initial values). */
export function groupMinMax(
  acc: AccumulatorValues,
  ids: Int32Array,
  validity: Uint8Array | undefined,
  numGroups: number,
): { mins: Float64Array | BigInt64Array | Int32Array; maxs: Float64Array | BigInt64Array | Int32Array } {
  return withRows(ids, validity, (a, idsPtr, vPtr) => {
    const valuesPtr = copyTyped(a, acc.values);
    const n = ids.length;
    if (acc.kind === 'f64') {
      const [minPtr, mins] = outOf(a, Float64Array, filled(new Float64Array(numGroups), Number.NaN as never));
      const [maxPtr, maxs] = outOf(a, Float64Array, filled(new Float64Array(numGroups), -Infinity as never));
      a.wasm.groupMinMaxFloat64(valuesPtr, vPtr, idsPtr, n, minPtr, maxPtr);
      return { mins: mins(), maxs: maxs() };
    }
    if (acc.kind === 'i64') {
      const [minPtr, mins] = outOf(a, BigInt64Array, filled(new BigInt64Array(numGroups), (2n ** 63n - 1n) as never));
      const [maxPtr, maxs] = outOf(a, BigInt64Array, filled(new BigInt64Array(numGroups), -(2n ** 63n) as never));
      a.wasm.groupMinMaxInt64(valuesPtr, vPtr, idsPtr, n, minPtr, maxPtr);
      return { mins: mins(), maxs: maxs() };
    }
    const [minPtr, mins] = outOf(a, Int32Array, filled(new Int32Array(numGroups), 0x7fffffff as never));
    const [maxPtr, maxs] = outOf(a, Int32Array, filled(new Int32Array(numGroups), -0x80000000 as never));
    a.wasm.groupMinMaxInt32(valuesPtr, vPtr, idsPtr, n, minPtr, maxPtr);
    return { mins: mins(), maxs: maxs() };
  });
}

/** First and last non-null row of each group (-1: none). */
export function groupFirstLastRows(
  ids: Int32Array,
  validity: Uint8Array | undefined,
  numGroups: number,
): { first: Int32Array; last: Int32Array } {
  return withRows(ids, validity, (a, idsPtr, vPtr) => {
    const [firstPtr, first] = outOf(a, Int32Array, filled(new Int32Array(numGroups), -1 as never));
    const [lastPtr, last] = outOf(a, Int32Array, filled(new Int32Array(numGroups), -1 as never));
    a.wasm.groupFirstLast(vPtr, idsPtr, ids.length, firstPtr, lastPtr);
    return { first: first(), last: last() };
  });
}

/** any / all of a bool bitmap per group over the non-null rows (any starts 0, all starts 1). */
export function groupAnyAll(
  bits: Uint8Array,
  ids: Int32Array,
  validity: Uint8Array | undefined,
  numGroups: number,
): { any: Uint8Array; all: Uint8Array } {
  return withRows(ids, validity, (a, idsPtr, vPtr) => {
    const bitsPtr = a.copyIn(bits.subarray(0, (ids.length + 7) >> 3));
    const [anyPtr, any] = outOf(a, Uint8Array, new Uint8Array(numGroups));
    const [allPtr, all] = outOf(a, Uint8Array, filled(new Uint8Array(numGroups), 1 as never));
    a.wasm.groupAnyAll(bitsPtr, vPtr, idsPtr, ids.length, anyPtr, allPtr);
    return { any: any(), all: all() };
  });
}
