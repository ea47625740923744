// Statistics of a column chunk or page as bounds in the column's key domain (parquet.thrift `Statistics`,
// `ColumnIndex`, and the sort-order rules of `ColumnOrder`).
import { effectiveLogicalType } from '../arrow_types.js';
import { Type } from '../metadata/enums.js';
import type { ColumnOrder, Statistics } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import type { Key, KeyDomain } from './keys.js';

/** What is known of the values of a set of rows (a column chunk or a page). Missing fields are unknown. */
export interface Bounds {
  /** Number of values (nulls included). */
  readonly valueCount: number;
  readonly nullCount?: number;
  /** Smallest / largest non-null, non-NaN value, or a value below / above it when inexact (truncated). */
  readonly min?: Key;
  readonly max?: Key;
  /** Whether min/max are values that occur (false for truncated bounds): equality-only pruning needs it. */
  readonly exact: boolean;
  /** Floats: whether NaN values may occur (NaN is outside min/max in every writer). */
  readonly mayHaveNaN: boolean;
  /** True for a literal a bloom filter proves absent from the set (undefined: nothing proven). */
  readonly absent?: (key: Key) => boolean;
}

/** Decodes one PLAIN-encoded statistic of `column` into its key domain; undefined when unusable. */
export function statisticKey(bytes: Uint8Array, column: ColumnDescriptor, domain: KeyDomain): Key | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const logical = effectiveLogicalType(column.element);
  const unsigned = logical?.type === 'INTEGER' && !logical.isSigned;
  switch (column.physicalType) {
    case Type.BOOLEAN:
      return bytes.length === 1 ? bytes[0]! & 1 : undefined;
    case Type.INT32: {
      if (bytes.length !== 4) return undefined;
      const value = unsigned ? view.getUint32(0, true) : view.getInt32(0, true);
      return domain.kind === 'decimal' ? BigInt(value) : value;
    }
    case Type.INT64:
      if (bytes.length !== 8) return undefined;
      return unsigned ? view.getBigUint64(0, true) : view.getBigInt64(0, true);
    case Type.FLOAT:
      if (bytes.length !== 4) return undefined;
      return nonNaN(view.getFloat32(0, true));
    case Type.DOUBLE:
      if (bytes.length !== 8) return undefined;
      return nonNaN(view.getFloat64(0, true));
    case Type.BYTE_ARRAY:
    case Type.FIXED_LEN_BYTE_ARRAY:
      if (domain.kind === 'decimal') return bytes.length > 0 ? bigEndianSigned(bytes) : undefined;
      return bytes;
  }
  return undefined;
}

function nonNaN(value: number): number | undefined {
  return Number.isNaN(value) ? undefined : value;
}

function bigEndianSigned(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return bytes[0]! & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/**
 * Whether the deprecated `min`/`max` fields can be trusted: they were written with signed comparison, which is the
 * type order only for signed numeric physical types (not byte arrays, unsigned integers or decimals).
 */
function deprecatedOrderIsTypeOrder(column: ColumnDescriptor, domain: KeyDomain): boolean {
  const logical = effectiveLogicalType(column.element);
  if (domain.kind === 'decimal' || (logical?.type === 'INTEGER' && !logical.isSigned)) return false;
  const t = column.physicalType;
  return t === Type.BOOLEAN || t === Type.INT32 || t === Type.INT64 || t === Type.FLOAT || t === Type.DOUBLE;
}

/** The bounds of a column chunk from its statistics (`order` is the file's ColumnOrder for the column). */
export function chunkBounds(
  statistics: Statistics | undefined,
  valueCount: number,
  column: ColumnDescriptor,
  domain: KeyDomain,
  order: ColumnOrder | undefined,
): Bounds {
  const isFloat = domain.kind === 'number' && domain.float;
  const mayHaveNaN = isFloat && statistics?.nanCount !== 0;
  if (!statistics) return { valueCount, exact: false, mayHaveNaN };
  let min: Key | undefined;
  let max: Key | undefined;
  let exact = true;
  // min_value/max_value follow the column order; an order this reader does not know makes them meaningless.
  const typeOrder = order === undefined || order.type === 'TYPE_ORDER';
  if ((statistics.minValue || statistics.maxValue) && typeOrder) {
    min = statistics.minValue && statisticKey(statistics.minValue, column, domain);
    max = statistics.maxValue && statisticKey(statistics.maxValue, column, domain);
    exact = statistics.isMinValueExact !== false && statistics.isMaxValueExact !== false;
  } else if (deprecatedOrderIsTypeOrder(column, domain)) {
    min = statistics.min && statisticKey(statistics.min, column, domain);
    max = statistics.max && statisticKey(statistics.max, column, domain);
  }
  // Writers store -0 as the minimum and +0 as the maximum for zero (parquet.thrift ColumnOrder); a NaN bound is
  // already dropped by statisticKey.
  return { valueCount, nullCount: statistics.nullCount, min, max, exact, mayHaveNaN };
}
