// Statistics of a column chunk, gathered page by page: each page's min/max (for the column index) folds into the
// chunk's (for ColumnMetaData.statistics). Byte-array bounds longer than the limit are truncated, with the
// is_*_value_exact flags saying so (parquet.thrift Statistics).
import { Type } from '../metadata/enums.js';
import type { Statistics } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { compareBounds, isUtf8, type StatOrder, statOrderOf } from './bound_order.js';
import type { PhysicalValues } from './leaf_data.js';
import { computeBounds } from './statistics.js';
import { truncateMax, truncateMin } from './truncate.js';

/** PLAIN-encoded min and max of a set of values. */
export interface EncodedBounds {
  readonly min: Uint8Array;
  readonly max: Uint8Array;
}

/** Truncated bounds: a lower bound of min and an upper bound of max no longer than `limit` bytes. */
export interface TruncatedBounds extends EncodedBounds {
  readonly minExact: boolean;
  readonly maxExact: boolean;
}

/** Truncates byte-array bounds (text at character boundaries) to `limit` bytes; other bounds are kept. */
export function truncateBounds(
  bounds: EncodedBounds,
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
  if (min.byteLength > limit) {
    min = truncateMin(min, limit);
    minExact = false;
  }
  if (max.byteLength > limit) {
    // No shorter upper bound exists for a prefix of 0xFF bytes: keep the exact value then.
    const upper = truncateMax(max, limit, isUtf8(column.element));
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
  private min?: Uint8Array;
  private max?: Uint8Array;
  private nulls = 0;

  constructor(private readonly column: ColumnDescriptor) {
    this.order = statOrderOf(column.element);
  }

  /** Adds a page's values and null count; returns the page's bounds (undefined: no ordered non-NaN value). */
  addPage(values: PhysicalValues, nullCount: number): EncodedBounds | undefined {
    this.nulls += nullCount;
    if (this.order === 'none') return undefined;
    const bounds = computeBounds(values, this.order);
    if (bounds === undefined) return undefined;
    const type = this.column.physicalType;
    if (this.min === undefined || compareBounds(bounds.min, this.min, type, this.order) < 0) this.min = bounds.min;
    if (this.max === undefined || compareBounds(bounds.max, this.max, type, this.order) > 0) this.max = bounds.max;
    return bounds;
  }

  /** The chunk's Statistics: null count, and min/max when known (with the deprecated min/max for signed orders). */
  chunkStatistics(truncateLength: number): Statistics {
    const stats: Statistics = { nullCount: this.nulls };
    if (this.min === undefined || this.max === undefined) return stats;
    const b = truncateBounds({ min: this.min, max: this.max }, this.column, this.order, truncateLength);
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
