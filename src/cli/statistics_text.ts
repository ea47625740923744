/**
 * Readable forms of column-chunk statistics. Min/max are PLAIN-encoded values of the column's physical type
 * (parquet.thrift `Statistics`; byte arrays without their length prefix), decoded here by the column's logical
 * type into the same textual forms `tessera cat` prints.
 */
import { effectiveLogicalType } from '../parquet/arrow_types.js';
import { Type } from '../parquet/metadata/enums.js';
import type { SchemaElement, Statistics } from '../parquet/metadata/types.js';
import { formatBase64, formatUuid } from './format/binary_text.js';
import { bigEndianBytesToBigInt, formatScaledInteger } from './format/decimal_text.js';
import { formatFloat16, formatFloat32, formatFloat64 } from './format/float_text.js';
import { formatDate, formatTimeOfDay, formatTimestamp, type TemporalUnit } from './format/temporal_text.js';

/**
 * A decoded statistic as a JSON value: numbers when exactly representable (floats in the shortest form of their
 * width), booleans, and strings otherwise (text, decimals, dates, times, timestamps, 64-bit integers beyond 2^53,
 * NaN/Infinity, base64 of other bytes).
 */
export type StatisticValue = number | string | boolean;

/** Statistics of one column chunk in readable form. */
export interface StatisticsSummary {
  readonly nullCount?: number;
  readonly distinctCount?: number;
  readonly min?: StatisticValue;
  readonly max?: StatisticValue;
  /** True when min/max come from the deprecated `min`/`max` fields (whose sort order may be signed for binary). */
  readonly deprecatedMinMax: boolean;
}

const UNITS: Record<'MILLIS' | 'MICROS' | 'NANOS', TemporalUnit> = {
  MILLIS: 'MILLISECOND',
  MICROS: 'MICROSECOND',
  NANOS: 'NANOSECOND',
};
const JULIAN_DAY_OF_EPOCH = 2_440_588n;
const NANOS_PER_DAY = 86_400_000_000_000n;

function integer(value: bigint | number): StatisticValue {
  const unsafe = typeof value === 'bigint' && (value > 9_007_199_254_740_991n || value < -9_007_199_254_740_991n);
  return unsafe ? value.toString() : Number(value);
}

/** A float from its shortest text: the double nearest that text prints back as the same digits. */
function float(text: string): StatisticValue {
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

function opaque(bytes: Uint8Array): StatisticValue {
  return formatBase64(bytes);
}

/** The value of one encoded statistic (`bytes`) of a column described by `element`. */
export function decodeStatisticValue(bytes: Uint8Array, element: SchemaElement): StatisticValue {
  const logical = effectiveLogicalType(element);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (element.type) {
    case Type.BOOLEAN:
      if (bytes.length !== 1) break;
      return bytes[0] !== 0;
    case Type.INT32: {
      if (bytes.length !== 4) break;
      const value = view.getInt32(0, true);
      if (logical?.type === 'DATE') return formatDate(value);
      if (logical?.type === 'TIME') return formatTimeOfDay(value, UNITS[logical.unit]);
      if (logical?.type === 'DECIMAL') return formatScaledInteger(value, logical.scale);
      if (logical?.type === 'INTEGER' && !logical.isSigned) return integer(value >>> 0);
      return integer(value);
    }
    case Type.INT64: {
      if (bytes.length !== 8) break;
      const unsigned = logical?.type === 'INTEGER' && !logical.isSigned;
      const value = unsigned ? view.getBigUint64(0, true) : view.getBigInt64(0, true);
      if (logical?.type === 'TIME') return formatTimeOfDay(value, UNITS[logical.unit]);
      if (logical?.type === 'TIMESTAMP') {
        return formatTimestamp(value, UNITS[logical.unit], logical.isAdjustedToUTC);
      }
      if (logical?.type === 'DECIMAL') return formatScaledInteger(value, logical.scale);
      return integer(value);
    }
    case Type.INT96: {
      // Nanoseconds of the day (int64) then the Julian day (int32), both little-endian.
      if (bytes.length !== 12) break;
      const nanos = (BigInt(view.getInt32(8, true)) - JULIAN_DAY_OF_EPOCH) * NANOS_PER_DAY + view.getBigInt64(0, true);
      return formatTimestamp(nanos, 'NANOSECOND', false);
    }
    case Type.FLOAT:
      if (bytes.length !== 4) break;
      return float(formatFloat32(view.getFloat32(0, true)));
    case Type.DOUBLE:
      if (bytes.length !== 8) break;
      return float(formatFloat64(view.getFloat64(0, true)));
    case Type.BYTE_ARRAY:
    case Type.FIXED_LEN_BYTE_ARRAY:
      switch (logical?.type) {
        case 'STRING':
        case 'ENUM':
        case 'JSON':
          return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        case 'DECIMAL':
          return formatScaledInteger(bigEndianBytesToBigInt(bytes), logical.scale);
        case 'UUID':
          if (bytes.length === 16) return formatUuid(bytes);
          break;
        case 'FLOAT16':
          if (bytes.length === 2) return float(formatFloat16(view.getUint16(0, true)));
          break;
      }
      return opaque(bytes);
  }
  // A statistic whose size does not fit its type: show the bytes rather than guess.
  return opaque(bytes);
}

/** The readable statistics of a column chunk, preferring min_value/max_value over the deprecated min/max. */
export function summarizeStatistics(statistics: Statistics, element: SchemaElement): StatisticsSummary {
  const current = statistics.minValue !== undefined || statistics.maxValue !== undefined;
  const min = current ? statistics.minValue : statistics.min;
  const max = current ? statistics.maxValue : statistics.max;
  return {
    nullCount: statistics.nullCount,
    distinctCount: statistics.distinctCount,
    min: min === undefined ? undefined : decodeStatisticValue(min, element),
    max: max === undefined ? undefined : decodeStatisticValue(max, element),
    deprecatedMinMax: !current && (min !== undefined || max !== undefined),
  };
}
