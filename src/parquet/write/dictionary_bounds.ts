// Statistics of dictionary-encoded pages without comparing values: rank the dictionary's entries once per column
// chunk, then each page's min and max are the entries of lowest and highest rank among its indices (a kernel pass
// over i32s). For byte arrays this replaces byte-string comparisons per value with one per dictionary entry.
import { KernelStatus } from '../../kernels/abi.js';
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { type PhysicalValues, physicalLength, slicePhysical } from './leaf_data.js';
import { compareBoundValues, computeBounds, type StatOrder, type ValueBounds } from './statistics.js';

/**
 * The sort rank of every dictionary entry in `order` (equal values share a rank; NaN gets -1, never a bound), or
 * undefined when the order is `none` or the type has no order (INT96). Worth it for byte arrays; numeric pages
 * are faster through computeBounds (a SIMD pass) than through ranks.
 */
export function dictionaryRanks(dictionary: PhysicalValues, order: StatOrder): Int32Array | undefined {
  if (order === 'none' || dictionary.kind === 'int96') return undefined;
  const n = physicalLength(dictionary);
  const ids = Array.from({ length: n }, (_, i) => i);
  let compare: (a: number, b: number) => number;
  let skip: (i: number) => boolean = () => false;
  switch (dictionary.kind) {
    case 'int32':
      return numericRanks(order === 'unsigned' ? new Uint32Array(dictionary.data) : dictionary.data);
    case 'int64':
      return numericRanks(order === 'unsigned' ? new BigUint64Array(dictionary.data) : dictionary.data);
    case 'float':
    case 'double':
      return numericRanks(dictionary.data);
    default: {
      const entry = (i: number) => plainEntry(dictionary, i);
      if (order === 'unsigned') {
        // latin1 maps bytes to code units 0..255, so string order is byte order.
        const keys = ids.map((i) => Buffer.from(entry(i)).toString('latin1'));
        compare = (a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0);
      } else {
        const entries = ids.map(entry);
        compare = (a, b) => compareBoundValues(entries[a]!, entries[b]!, dictionary.kind, order);
        if (order === 'float16') {
          skip = (i) => ((entries[i]![0]! | (entries[i]![1]! << 8)) & 0x7fff) > 0x7c00; // NaN
        }
      }
    }
  }
  const ranked = ids.filter((i) => !skip(i)).sort(compare);
  const ranks = new Int32Array(n).fill(-1);
  let rank = 0;
  ranked.forEach((id, k) => {
    if (k > 0 && compare(ranked[k - 1]!, id) !== 0) rank++;
    ranks[id] = rank;
  });
  return ranks;
}

type NumericArray = Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** Ranks of numeric entries: each entry's first position in a natively sorted copy (equal values, -0 and +0
 *  included, share it; NaN, sorted last, gets -1). */
function numericRanks(values: NumericArray): Int32Array {
  const sorted = values.slice().sort();
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v === 'number' && Number.isNaN(v)) {
      ranks[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
  }
  return ranks;
}

/**
 * Bounds of the values `dictionary[indices[i]]` (a page's indices) from the entries' `ranks` (dictionaryRanks):
 * the same result as computeBounds over the values themselves.
 */
export function boundsFromDictionary(
  indices: Int32Array,
  dictionary: PhysicalValues,
  ranks: Int32Array,
  order: StatOrder,
): ValueBounds | undefined {
  const a = arena();
  const mark = a.mark();
  let lo: number;
  let hi: number;
  try {
    const indicesPtr = a.copyIn(new Uint8Array(indices.buffer, indices.byteOffset, indices.byteLength));
    const ranksPtr = a.copyIn(new Uint8Array(ranks.buffer, ranks.byteOffset, ranks.byteLength));
    const out = a.alloc(8);
    const found = a.wasm.minMaxByRank(indicesPtr, indices.length, ranksPtr, ranks.length, out);
    if (found === KernelStatus.Invalid) throw new ParquetError('BAD_ARGUMENT', 'dictionary index out of range');
    if (found === 0) return undefined;
    const entries = a.view(Int32Array, out, 2);
    lo = entries[0]!;
    hi = entries[1]!;
  } finally {
    a.release(mark);
  }
  // Encoding one entry each way applies the float rules (a zero minimum is -0, a zero maximum +0).
  const min = computeBounds(slicePhysical(dictionary, lo, lo + 1), order)?.min;
  const max = computeBounds(slicePhysical(dictionary, hi, hi + 1), order)?.max;
  return min && max ? { min, max } : undefined;
}

function plainEntry(dictionary: PhysicalValues, i: number): Uint8Array {
  if (dictionary.kind === 'byte_array')
    return dictionary.data.subarray(dictionary.offsets[i], dictionary.offsets[i + 1]);
  const width = dictionary.kind === 'fixed_len_byte_array' ? dictionary.width : 1;
  const data = dictionary.data as Uint8Array;
  return data.subarray(i * width, (i + 1) * width);
}
