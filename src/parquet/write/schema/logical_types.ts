// Leaf SchemaElements for Arrow types, and the legacy converted type that goes with each logical type. Follows
// LogicalTypes.md and, where it leaves a choice, pyarrow's writer (parquet/arrow/schema.cc conventions).
import * as arrow from 'apache-arrow';
import { ParquetError } from '../../errors.js';
import { ConvertedType, Type } from '../../metadata/enums.js';
import type { LogicalType, SchemaElement, TimeUnit } from '../../metadata/types.js';

/** The physical and logical type fields of a leaf SchemaElement (name, repetition and field id are the caller's). */
export type LeafType = Pick<
  SchemaElement,
  'type' | 'typeLength' | 'logicalType' | 'convertedType' | 'scale' | 'precision'
>;

/** Options that change how Arrow types map onto Parquet leaves. */
export interface LeafTypeOptions {
  /** Timestamps as legacy INT96 (Impala/Spark) instead of INT64 TIMESTAMP. */
  readonly int96Timestamps?: boolean;
  /** Decimals of precision <= 9 on INT32 and <= 18 on INT64 (otherwise always FIXED_LEN_BYTE_ARRAY, as pyarrow). */
  readonly decimalAsInteger?: boolean;
}

/** Metadata key under which the reader reports a logical type Arrow has no type for (JSON, ENUM, BSON). */
const LOGICAL_TYPE_KEY = 'parquet.logical_type';
const EXTENSION_NAME_KEY = 'ARROW:extension:name';

/** The leaf type for an Arrow type (dictionaries map to their value type). */
export function leafTypeFor(
  type: arrow.DataType,
  metadata: ReadonlyMap<string, string>,
  options: LeafTypeOptions,
  path: string,
): LeafType {
  if (arrow.DataType.isDictionary(type)) return leafTypeFor(type.dictionary, metadata, options, path);
  const logical = (logicalType: LogicalType, physical: number, extra: LeafType = {}): LeafType => ({
    type: physical,
    logicalType,
    ...convertedTypeFields(logicalType),
    ...extra,
  });
  switch (type.typeId) {
    case arrow.Type.Null:
      return logical({ type: 'UNKNOWN' }, Type.INT32);
    case arrow.Type.Bool:
      return { type: Type.BOOLEAN };
    case arrow.Type.Int: {
      const { bitWidth, isSigned } = type as arrow.Int;
      // Signed 32/64-bit integers carry no annotation (as pyarrow writes them); the others need one to read back.
      if (isSigned && bitWidth >= 32) return { type: bitWidth === 64 ? Type.INT64 : Type.INT32 };
      return logical({ type: 'INTEGER', bitWidth, isSigned }, bitWidth === 64 ? Type.INT64 : Type.INT32);
    }
    case arrow.Type.Float: {
      const { precision } = type as arrow.Float;
      if (precision === arrow.Precision.HALF)
        return logical({ type: 'FLOAT16' }, Type.FIXED_LEN_BYTE_ARRAY, { typeLength: 2 });
      return { type: precision === arrow.Precision.SINGLE ? Type.FLOAT : Type.DOUBLE };
    }
    case arrow.Type.Utf8:
    case arrow.Type.LargeUtf8: {
      const tagged = metadata.get(LOGICAL_TYPE_KEY);
      if (tagged === 'JSON' || tagged === 'ENUM') return logical({ type: tagged }, Type.BYTE_ARRAY);
      return logical({ type: 'STRING' }, Type.BYTE_ARRAY);
    }
    case arrow.Type.Binary:
    case arrow.Type.LargeBinary:
      if (metadata.get(LOGICAL_TYPE_KEY) === 'BSON') return logical({ type: 'BSON' }, Type.BYTE_ARRAY);
      return { type: Type.BYTE_ARRAY };
    case arrow.Type.FixedSizeBinary: {
      const { byteWidth } = type as arrow.FixedSizeBinary;
      if (byteWidth === 16 && metadata.get(EXTENSION_NAME_KEY) === 'arrow.uuid') {
        return logical({ type: 'UUID' }, Type.FIXED_LEN_BYTE_ARRAY, { typeLength: 16 });
      }
      if (!(byteWidth > 0)) throw unsupported(path, `FixedSizeBinary(${byteWidth})`);
      return { type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: byteWidth };
    }
    case arrow.Type.Decimal:
      return decimalLeaf(type as arrow.Decimal, options, path);
    case arrow.Type.Date:
      // Date64 is written as days, as pyarrow does (Arrow's Date64 is a whole number of days in milliseconds).
      return logical({ type: 'DATE' }, Type.INT32);
    case arrow.Type.Time: {
      const unit = (type as arrow.Time).unit;
      // Parquet has no second-resolution TIME: seconds are written as milliseconds (pyarrow coerces the same way).
      if (unit === arrow.TimeUnit.SECOND || unit === arrow.TimeUnit.MILLISECOND) {
        return logical({ type: 'TIME', isAdjustedToUTC: true, unit: 'MILLIS' }, Type.INT32);
      }
      return logical({ type: 'TIME', isAdjustedToUTC: true, unit: parquetTimeUnit(unit) }, Type.INT64);
    }
    case arrow.Type.Timestamp: {
      if (options.int96Timestamps) return { type: Type.INT96 };
      const { unit, timezone } = type as arrow.Timestamp;
      const isAdjustedToUTC = timezone !== null && timezone !== undefined && timezone !== '';
      return logical({ type: 'TIMESTAMP', isAdjustedToUTC, unit: parquetTimeUnit(unit) }, Type.INT64);
    }
    case arrow.Type.Duration:
      return { type: Type.INT64 };
    default:
      throw unsupported(path, String(type));
  }
}

/** Arrow time unit to Parquet's, seconds becoming milliseconds. */
export function parquetTimeUnit(unit: arrow.TimeUnit): TimeUnit {
  switch (unit) {
    case arrow.TimeUnit.SECOND:
    case arrow.TimeUnit.MILLISECOND:
      return 'MILLIS';
    case arrow.TimeUnit.MICROSECOND:
      return 'MICROS';
    default:
      return 'NANOS';
  }
}

/** Smallest FIXED_LEN_BYTE_ARRAY width that holds every unscaled value of `precision` digits (two's complement). */
export function decimalByteWidth(precision: number): number {
  const limit = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while ((1n << BigInt(8 * bytes - 1)) - 1n < limit) bytes++;
  return bytes;
}

function decimalLeaf(type: arrow.Decimal, options: LeafTypeOptions, path: string): LeafType {
  const { precision, scale } = type;
  if (!(precision >= 1) || scale < 0 || scale > precision) {
    throw unsupported(path, `decimal(${precision}, ${scale})`);
  }
  const logicalType: LogicalType = { type: 'DECIMAL', precision, scale };
  const fields = { logicalType, ...convertedTypeFields(logicalType) };
  if (options.decimalAsInteger && precision <= 9) return { type: Type.INT32, ...fields };
  if (options.decimalAsInteger && precision <= 18) return { type: Type.INT64, ...fields };
  return { type: Type.FIXED_LEN_BYTE_ARRAY, typeLength: decimalByteWidth(precision), ...fields };
}

/**
 * The legacy ConvertedType (and DECIMAL's scale and precision) matching a logical type, where one exists, so that
 * readers that predate logical types read the column the same way (as parquet-mr writes both). TIME and TIMESTAMP
 * converted types imply UTC adjustment, so local-time values get none.
 */
export function convertedTypeFields(
  logical: LogicalType,
): Pick<SchemaElement, 'convertedType' | 'scale' | 'precision'> {
  switch (logical.type) {
    case 'STRING':
      return { convertedType: ConvertedType.UTF8 };
    case 'ENUM':
      return { convertedType: ConvertedType.ENUM };
    case 'JSON':
      return { convertedType: ConvertedType.JSON };
    case 'BSON':
      return { convertedType: ConvertedType.BSON };
    case 'LIST':
      return { convertedType: ConvertedType.LIST };
    case 'MAP':
      return { convertedType: ConvertedType.MAP };
    case 'DATE':
      return { convertedType: ConvertedType.DATE };
    case 'DECIMAL':
      return { convertedType: ConvertedType.DECIMAL, scale: logical.scale, precision: logical.precision };
    case 'TIME':
      if (!logical.isAdjustedToUTC) return {};
      if (logical.unit === 'MILLIS') return { convertedType: ConvertedType.TIME_MILLIS };
      return logical.unit === 'MICROS' ? { convertedType: ConvertedType.TIME_MICROS } : {};
    case 'TIMESTAMP':
      if (!logical.isAdjustedToUTC) return {};
      if (logical.unit === 'MILLIS') return { convertedType: ConvertedType.TIMESTAMP_MILLIS };
      return logical.unit === 'MICROS' ? { convertedType: ConvertedType.TIMESTAMP_MICROS } : {};
    case 'INTEGER':
      return { convertedType: integerConvertedType(logical.bitWidth, logical.isSigned) };
    default:
      return {};
  }
}

function integerConvertedType(bitWidth: number, signed: boolean): number | undefined {
  switch (bitWidth) {
    case 8:
      return signed ? ConvertedType.INT_8 : ConvertedType.UINT_8;
    case 16:
      return signed ? ConvertedType.INT_16 : ConvertedType.UINT_16;
    case 32:
      return signed ? ConvertedType.INT_32 : ConvertedType.UINT_32;
    case 64:
      return signed ? ConvertedType.INT_64 : ConvertedType.UINT_64;
    default:
      return undefined;
  }
}

function unsupported(path: string, what: string): ParquetError {
  return new ParquetError('UNSUPPORTED', `no Parquet type for Arrow ${what}`, { column: path });
}
