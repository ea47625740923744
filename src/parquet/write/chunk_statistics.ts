// Statistics of a column chunk, gathered page by page: each page's min/max (for the column index) folds into the
// chunk's (for ColumnMetaData.statistics). Byte-array bounds longer than the limit are truncated, with the
// is_*_value_exact flags saying so (parquet.thrift Statistics).
import { Type } from '../metadata/enums.js';
import type { Statistics } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { isUtf8, statOrderOf } from './bound_order.js';
import { boundsFromDictionary, dictionaryRanks } from './dictionary_bounds.js';
import { type PhysicalValues, physicalKind } from './leaf_data.js';
import { computeBounds, mergeBounds, type StatOrder, type ValueBounds } from './statistics.js';
import { truncateMax, truncateMin } from './truncate.js';

/** Truncated bounds: a lower bound of min and an upper bound of max no longer than `limit` bytes. */
export interface TruncatedBounds extends ValueBounds {
  readonly minExact: boolean;
  readonly maxExact: boolean;
}

/** Truncates byte-array bounds (text at character boundaries) to `limit` bytes; other bounds are kept. */
export function truncateBounds(
  bounds: ValueBounds,
  column: ColumnDescriptor,
  order: StatOrder,
  limit: number,
): TruncatedBounds {
  const truncatable =
    order === 'unsigned' &&
    (column.physicalType === Type.BYTE_ARRAY || column.physicalType === Type.FIXED_LEN_BYTE_ARRAY);
  if (!truncatable) return { ...bounds, minExact: true, maxExact: true };
  let { min, max } = bounds;
  let minExact = true;
  let maxExact = true;
  const utf8 = isUtf8(column.element);
  if (min.byteLength > limit) {
    min = truncateMin(min, limit, utf8);
    minExact = false;
  }
  if (max.byteLength > limit) {
    // No shorter upper bound exists for a prefix of 0xFF bytes: keep the exact value then.
    const upper = truncateMax(max, limit, utf8);
    if (upper !== undefined) {
      max = upper;
      maxExact = false;
    }
  }
  return { min, max, minExact, maxExact };
}

/** Running statistics of one column chunk. */
export class ChunkStatistics {
  readonly order: StatOrder;
  private bounds?: ValueBounds;
  private nulls = 0;
  /** Sort ranks of the dictionary's entries, when pages of byte arrays are bounded through the dictionary. */
  private readonly ranks?: Int32Array;

  /** `dictionary`: the chunk's dictionary when it is dictionary-encoded. */
  constructor(
    private readonly column: ColumnDescriptor,
    private readonly dictionary?: PhysicalValues,
  ) {
    this.order = statOrderOf(column.element);
    const byteArrays = dictionary?.kind === 'byte_array' || dictionary?.kind === 'fixed_len_byte_array';
    // Comparing ranks (i32) instead of byte strings makes string pages cheap; numbers are faster without.
    if (dictionary && byteArrays) this.ranks = dictionaryRanks(dictionary, this.order);
  }

  /**
   * Adds a page's values (and, when dictionary-encoded, their indices) and null count; returns the page's bounds
   * (undefined: no ordered non-NaN value).
   */
  addPage(values: PhysicalValues, nullCount: number, indices?: Int32Array): ValueBounds | undefined {
    this.nulls += nullCount;
    if (this.order === 'none') return undefined;
    const page =
      this.ranks && this.dictionary && indices
        ? boundsFromDictionary(indices, this.dictionary, this.ranks, this.order)
        : computeBounds(values, this.order);
    this.bounds = mergeBounds(this.bounds, page, physicalKind(this.column.physicalType), this.order);
    return page;
  }

  /** The chunk's Statistics: null count, and min/max when known (with the deprecated min/max for signed orders). */
  chunkStatistics(truncateLength: number): Statistics {
    const stats: Statistics = { nullCount: this.nulls };
    if (this.bounds === undefined) return stats;
    const b = truncateBounds(this.bounds, this.column, this.order, truncateLength);
    stats.minValue = b.min;
    stats.maxValue = b.max;
    stats.isMinValueExact = b.minExact;
    stats.isMaxValueExact = b.maxExact;
    // Old readers only know min/max, which were defined with signed comparison: right for numbers only.
    const type = this.column.physicalType;
    if (this.order === 'signed' && type !== Type.BYTE_ARRAY && type !== Type.FIXED_LEN_BYTE_ARRAY) {
      stats.min = b.min;
      stats.max = b.max;
    }
    return stats;
  }
}
