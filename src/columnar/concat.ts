// Concatenation of same-typed columns into new buffers (SharedArrayBuffer by default): variable-size values are
// rebased so the result's offsets start at 0 and hold only the bytes/child rows the inputs reference.
import { type AllocOptions, allocArray, allocBitmap, allocOffsets, allocShared } from './alloc.js';
import { emptyColumn } from './empty.js';
import { copyBitRange, fixedLayout, isBinaryLike, offsetAt } from './layout.js';
import { sliceColumn } from './slice.js';
import type { Batch, Column, DataType } from './types.js';

/** The rows of `columns` one after another (all must share one type; at least one column). */
export function concatColumns(columns: readonly Column[], options?: AllocOptions): Column {
  if (columns.length === 0) throw new RangeError('concatColumns: no columns');
  if (columns.length === 1) return columns[0]!;
  const type = columns[0]!.type;
  let length = 0;
  let nullCount = 0;
  for (const c of columns) {
    length += c.length;
    nullCount += c.nullCount;
  }
  if (type.kind === 'null') return { type, length, nullCount: length };
  const base: { type: DataType; length: number; nullCount: number; validity?: Uint8Array } = {
    type,
    length,
    nullCount,
  };
  if (nullCount > 0) base.validity = concatBits(columns, (c) => c.validity, true, options);
  if (type.kind === 'bool')
    return { ...base, values: concatBits(columns, (c) => c.values as Uint8Array, false, options) };
  if (isBinaryLike(type)) return { ...base, ...concatVariable(columns, type, options) };
  switch (type.kind) {
    case 'list':
    case 'large_list':
    case 'map': {
      const { offsets, ranges } = rebaseOffsets(columns, type, options);
      const child = concatColumns(
        columns.map((c, i) => sliceColumn(c.children![0]!, ranges[i]![0], ranges[i]![1])),
        options,
      );
      return { ...base, offsets, children: [child] };
    }
    case 'fixed_size_list':
      return {
        ...base,
        children: [
          concatColumns(
            columns.map((c) => c.children![0]!),
            options,
          ),
        ],
      };
    case 'struct':
      return {
        ...base,
        children: type.children.map((_, j) =>
          concatColumns(
            columns.map((c) => c.children![j]!),
            options,
          ),
        ),
      };
    case 'dictionary':
      return { ...base, ...concatDictionaries(columns, options) };
    default:
      return { ...base, values: concatValues(columns, type, options) };
  }
}

/** The rows of `batches` one after another (same schema; an empty list gives no rows of `fields`). */
export function concatBatches(batches: readonly Batch[], options?: AllocOptions): Batch {
  if (batches.length === 0) throw new RangeError('concatBatches: no batches');
  const fields = batches[0]!.fields;
  const nonEmpty = batches.filter((b) => b.numRows > 0);
  if (nonEmpty.length === 0) return { fields, numRows: 0, columns: fields.map((f) => emptyColumn(f.type)) };
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  for (const b of nonEmpty) {
    if (b.columns.length !== fields.length) throw new TypeError('concatBatches: batches have different schemas');
  }
  return {
    fields,
    numRows: nonEmpty.reduce((n, b) => n + b.numRows, 0),
    columns: fields.map((_, i) =>
      concatColumns(
        nonEmpty.map((b) => b.columns[i]!),
        options,
      ),
    ),
  };
}

function concatBits(
  columns: readonly Column[],
  bits: (c: Column) => Uint8Array | undefined,
  missingIsSet: boolean,
  options?: AllocOptions,
): Uint8Array {
  const total = columns.reduce((n, c) => n + c.length, 0);
  const out = allocBitmap(total, options);
  let at = 0;
  for (const c of columns) {
    const src = bits(c);
    if (src) copyBitRange(src, 0, out, at, c.length);
    else if (missingIsSet) for (let i = 0; i < c.length; i++) out[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    at += c.length;
  }
  return out;
}

function concatValues(columns: readonly Column[], type: DataType, options?: AllocOptions) {
  const stride = fixedLayout(type)!.stride;
  const total = columns.reduce((n, c) => n + c.length, 0);
  const out = allocShared(type, total, options);
  let at = 0;
  for (const c of columns) {
    (out as Uint8Array).set(c.values!.subarray(0, c.length * stride) as Uint8Array, at);
    at += c.length * stride;
  }
  return out;
}

/** Output offsets starting at 0, and each input's referenced range [first, last) of bytes or child rows. */
function rebaseOffsets(columns: readonly Column[], type: DataType, options?: AllocOptions) {
  const total = columns.reduce((n, c) => n + c.length, 0);
  const offsets = allocOffsets(type, total, options);
  const ranges: [number, number][] = [];
  let at = 0;
  let shift = 0;
  for (const c of columns) {
    const src = c.offsets!;
    const first = offsetAt(src, 0);
    const last = offsetAt(src, c.length);
    ranges.push([first, last]);
    if (offsets instanceof BigInt64Array) {
      const delta = BigInt(shift - first);
      for (let i = 1; i <= c.length; i++) offsets[at + i] = (src[i] as bigint) + delta;
    } else {
      const delta = shift - first;
      for (let i = 1; i <= c.length; i++) offsets[at + i] = (src[i] as number) + delta;
    }
    at += c.length;
    shift += last - first;
  }
  if (!(offsets instanceof BigInt64Array) && shift > 0x7fffffff) {
    throw new RangeError(`concatColumns: ${shift} bytes exceed the 2 GiB of 32-bit offsets (use large types)`);
  }
  return { offsets, ranges, size: shift };
}

function concatVariable(columns: readonly Column[], type: DataType, options?: AllocOptions) {
  const { offsets, ranges, size } = rebaseOffsets(columns, type, options);
  const data = allocArray(Uint8Array, size, options);
  let at = 0;
  columns.forEach((c, i) => {
    const [first, last] = ranges[i]!;
    data.set(c.data!.subarray(first, last), at);
    at += last - first;
  });
  return { offsets, data };
}

function concatDictionaries(columns: readonly Column[], options?: AllocOptions) {
  const type = columns[0]!.type as Extract<DataType, { kind: 'dictionary' }>;
  const dictionary = columns[0]!.dictionary!;
  if (columns.every((c) => c.dictionary === dictionary))
    return { values: concatValues(columns, type, options), dictionary };
  // Different dictionaries: append them and shift each column's codes past the dictionaries before it.
  const merged = concatColumns(
    columns.map((c) => c.dictionary!),
    options,
  );
  const max = Number(2n ** BigInt(Number(/\d+/.exec(type.index.kind)![0]) - (type.index.kind.startsWith('u') ? 0 : 1)));
  if (merged.length > max)
    throw new RangeError(`concatColumns: merged dictionary too large for ${type.index.kind} codes`);
  const values = allocShared(
    type,
    columns.reduce((n, c) => n + c.length, 0),
    options,
  );
  let at = 0;
  let shift = 0;
  for (const c of columns) {
    const src = c.values!;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let i = 0; i < c.length; i++) values[at + i] = (src[i] as bigint) + BigInt(shift);
    } else {
      for (let i = 0; i < c.length; i++) values[at + i] = (src[i] as number) + shift;
    }
    at += c.length;
    shift += c.dictionary!.length;
  }
  return { values, dictionary: merged };
}
