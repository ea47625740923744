// Dictionary encoding's first step (Encodings.md "Dictionary Encoding"): the distinct values of a column chunk in
// first-occurrence order and one index per value, built by the assembly/dictionary_build.ts kernels. The writer
// falls back to another encoding when the dictionary's PLAIN size passes its limit, so the kernel stops there.
import { KernelStatus } from '../../kernels/abi.js';
import { type Arena, arena } from '../../kernels/arena.js';
import { type PhysicalValues, physicalLength, slicePhysical } from './leaf_data.js';
import { type ArenaValues, copyValuesIn, fixedWidth } from './values_in_arena.js';

/** A column chunk's values as dictionary indices plus the dictionary (PLAIN-encodable, first-occurrence order). */
export interface DictionaryEncoded {
  readonly indices: Int32Array;
  readonly dictionary: PhysicalValues;
}

const MAX_I32 = 0x7fffffff;
/** Slots per expected entry: a load factor of at most one half keeps linear probing short. */
const SLOTS_PER_ENTRY = 2;

/** log2 of the table size for at most `entries` distinct values. */
function tableBits(entries: number): number {
  return Math.max(4, Math.ceil(Math.log2(Math.max(1, entries) * SLOTS_PER_ENTRY)));
}

/**
 * Dictionary-encodes `values`: `indices[i]` is the position in `dictionary` of value i, dictionary values in order
 * of first occurrence. Values compare by their PLAIN bytes, so floats compare by bit pattern (all NaNs with one
 * pattern share an entry, -0 and +0 do not). Returns undefined, without finishing the pass, as soon as the
 * dictionary's PLAIN size would pass `maxDictionaryBytes`; also for booleans, which Parquet never
 * dictionary-encodes.
 */
export function buildDictionary(values: PhysicalValues, maxDictionaryBytes: number): DictionaryEncoded | undefined {
  if (values.kind === 'boolean') return undefined;
  const limit = Math.min(Math.max(Math.floor(maxDictionaryBytes), 0), MAX_I32);
  // A prefix whose distinct values already pass the limit decides the outcome without copying the whole chunk into
  // the arena (whose memory never shrinks): high-cardinality columns, the usual fallback, then cost a few MiB of
  // kernel memory instead of a column chunk's worth.
  const prefix = decidingPrefix(values, limit);
  if (prefix < physicalLength(values) && build(slicePhysical(values, 0, prefix), limit) === undefined) return undefined;
  return build(values, limit);
}

/** Values in a prefix of twice the limit's PLAIN size: if its distinct values do not fit, the chunk's cannot. */
function decidingPrefix(values: PhysicalValues, limit: number): number {
  const count = physicalLength(values);
  const target = 2 * limit;
  if (values.kind !== 'byte_array') return Math.min(count, Math.floor(target / fixedWidth(values)) + 1);
  // Smallest k whose first k values' PLAIN size (4-byte length + bytes each) passes the target.
  const { offsets } = values;
  const base = offsets[0] as number;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid] as number) - base + 4 * mid > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function build(values: PhysicalValues, limit: number): DictionaryEncoded | undefined {
  const a = arena();
  const mark = a.mark();
  try {
    const v = copyValuesIn(a, values);
    if (v.count === 0) return { indices: new Int32Array(0), dictionary: emptyLike(values) };
    const indicesPtr = a.alloc(v.count * 4);
    if (!v.isByteArray) {
      const maxDistinct = Math.min(Math.floor(limit / v.width), v.count);
      if (maxDistinct === 0) return undefined;
      const dictPtr = a.alloc(maxDistinct * v.width);
      const range = values.kind === 'int32' || values.kind === 'int64' ? denseRange(a, v) : undefined;
      let distinct: number;
      if (range) {
        const mapPtr = a.alloc(range.span * 4);
        distinct = a.wasm.dictBuildRange(
          v.dataPtr,
          v.count,
          v.width,
          range.lo,
          range.span,
          mapPtr,
          maxDistinct,
          indicesPtr,
          dictPtr,
        );
      } else {
        const bits = tableBits(Math.min(maxDistinct + 1, v.count));
        // Slots hold 4- and 8-byte values themselves (8 and 16 bytes), other widths a tag and an index (8 bytes).
        const tablePtr = a.alloc((v.width === 8 ? 16 : 8) * 2 ** bits);
        distinct = a.wasm.dictBuildFixed(v.dataPtr, v.count, v.width, tablePtr, bits, maxDistinct, indicesPtr, dictPtr);
      }
      if (distinct === KernelStatus.Overflow) return undefined;
      const dictBytes = a.u8().slice(dictPtr, dictPtr + distinct * v.width);
      return {
        indices: a.view(Int32Array, indicesPtr, v.count).slice(),
        dictionary: fixedDictionary(values, dictBytes),
      };
    }
    // Every entry costs at least its 4-byte length prefix.
    const maxEntries = Math.min(Math.floor(limit / 4), v.count);
    const bits = tableBits(Math.min(maxEntries + 1, v.count));
    const tablePtr = a.alloc(8 * 2 ** bits);
    const dictOffsetsPtr = a.alloc((maxEntries + 1) * 4);
    const dictDataPtr = a.alloc(Math.min(limit, v.dataLen));
    const distinct = a.wasm.dictBuildBytes(
      v.offsetsPtr,
      v.count,
      v.dataPtr,
      v.base,
      tablePtr,
      bits,
      limit,
      indicesPtr,
      dictOffsetsPtr,
      dictDataPtr,
    );
    if (distinct === KernelStatus.Overflow) return undefined;
    const offsets = a.view(Int32Array, dictOffsetsPtr, distinct + 1).slice();
    const data = a.u8().slice(dictDataPtr, dictDataPtr + offsets[distinct]!);
    return {
      indices: a.view(Int32Array, indicesPtr, v.count).slice(),
      dictionary: { kind: 'byte_array', offsets, data },
    };
  } finally {
    a.release(mark);
  }
}

/** Integer ranges up to this many values per input value use a direct map instead of a hash table. */
const DENSE_SPAN_PER_VALUE = 2;
/** ... and never a map over 16 MiB. */
const MAX_DENSE_SPAN = 1 << 22;

/** [lo, lo + span) covering every integer of `v` (i32 or i64), when it is small enough for a direct map. */
function denseRange(a: Arena, v: ArenaValues): { lo: bigint; span: number } | undefined {
  const out = a.alloc(32);
  let lo: bigint;
  let hi: bigint;
  if (v.width === 4) {
    a.wasm.minMaxInt32(v.dataPtr, v.count, 0, out);
    const [min, max] = a.view(Int32Array, out, 2);
    lo = BigInt(min!);
    hi = BigInt(max!);
  } else {
    a.wasm.minMaxInt64(v.dataPtr, v.count, 0, out);
    const [min, max] = a.view(BigInt64Array, out, 2);
    lo = min!;
    hi = max!;
  }
  const span = hi - lo + 1n;
  const limit = Math.min(v.count * DENSE_SPAN_PER_VALUE, MAX_DENSE_SPAN);
  return span <= BigInt(limit) ? { lo, span: Number(span) } : undefined;
}

/** The dictionary's bytes as values of the input's fixed-width kind. */
function fixedDictionary(values: PhysicalValues, bytes: Uint8Array): PhysicalValues {
  switch (values.kind) {
    case 'int32':
      return { kind: 'int32', data: new Int32Array(bytes.buffer, 0, bytes.length / 4) };
    case 'int64':
      return { kind: 'int64', data: new BigInt64Array(bytes.buffer, 0, bytes.length / 8) };
    case 'float':
      return { kind: 'float', data: new Float32Array(bytes.buffer, 0, bytes.length / 4) };
    case 'double':
      return { kind: 'double', data: new Float64Array(bytes.buffer, 0, bytes.length / 8) };
    case 'int96':
      return { kind: 'int96', data: bytes };
    case 'fixed_len_byte_array':
      return { kind: 'fixed_len_byte_array', width: values.width, data: bytes };
    default:
      throw new Error(`unreachable: ${values.kind} is not fixed-width`);
  }
}

function emptyLike(values: PhysicalValues): PhysicalValues {
  return values.kind === 'byte_array'
    ? { kind: 'byte_array', offsets: new Int32Array(1), data: new Uint8Array(0) }
    : slicePhysical(values, 0, 0);
}
