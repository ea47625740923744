// Which Arrow type a Parquet leaf column becomes, and what conversion (if any) turns the decoded physical values
// into that type's buffers. Follows LogicalTypes.md, including the ConvertedType backward-compatibility rules.
import * as arrow from 'apache-arrow';
import { ConvertedType, Type } from './metadata/enums.js';
import type { LogicalType, SchemaElement, TimeUnit } from './metadata/types.js';
import type { ColumnDescriptor } from './schema.js';

/** How decoded physical values become the Arrow type's buffers. */
export type Conversion =
  | 'none' // the physical buffer is the Arrow buffer (possibly viewed as another typed array)
  | 'int96' // 12-byte INT96 (nanos of day + Julian day) -> int64 since the epoch in the Timestamp type's unit
  | 'narrow8' // INT32 -> 8-bit integers
  | 'narrow16' // INT32 -> 16-bit integers
  | 'decimalFromInt32'
  | 'decimalFromInt64'
  | 'decimalFromBytes'; // big-endian two's complement (FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY) -> little-endian words

/** The unit INT96 timestamps are read in (pyarrow's coerce_int96_timestamp_unit). */
export type Int96TimestampUnit = 'ns' | 'us' | 'ms' | 's';

/** The INT96 units, for checking options. */
export const INT96_TIMESTAMP_UNITS: readonly Int96TimestampUnit[] = ['ns', 'us', 'ms', 's'];

/** How columns map to Arrow types where the file leaves a choice. */
export interface ArrowTypeOptions {
  /**
   * Unit of INT96 timestamps (default 'us', as Spark, their main writer, DuckDB and Trino: nanoseconds only span
   * 1677-2262, so Spark's far dates would not fit).
   */
  readonly int96TimestampUnit?: Int96TimestampUnit;
}

const INT96_UNITS: Record<Int96TimestampUnit, arrow.TimeUnit> = {
  ns: arrow.TimeUnit.NANOSECOND,
  us: arrow.TimeUnit.MICROSECOND,
  ms: arrow.TimeUnit.MILLISECOND,
  s: arrow.TimeUnit.SECOND,
};

/** The Arrow side of a column: its type, the conversion from physical values, and field metadata. */
export interface ArrowColumnType {
  readonly type: arrow.DataType;
  readonly conversion: Conversion;
  readonly metadata: Map<string, string>;
}

const TIME_UNITS: Record<TimeUnit, arrow.TimeUnit> = {
  MILLIS: arrow.TimeUnit.MILLISECOND,
  MICROS: arrow.TimeUnit.MICROSECOND,
  NANOS: arrow.TimeUnit.NANOSECOND,
};

/** The logical type of an element, from `logicalType` or else derived from the deprecated `convertedType`. */
export function effectiveLogicalType(element: SchemaElement): LogicalType | undefined {
  if (element.logicalType && element.logicalType.type !== 'UNRECOGNIZED') return element.logicalType;
  if (element.logicalType) return undefined; // an unknown logical type reads as its physical type
  switch (element.convertedType) {
    case ConvertedType.UTF8:
      return { type: 'STRING' };
    case ConvertedType.ENUM:
      return { type: 'ENUM' };
    case ConvertedType.JSON:
      return { type: 'JSON' };
    case ConvertedType.BSON:
      return { type: 'BSON' };
    case ConvertedType.DECIMAL:
      return { type: 'DECIMAL', scale: element.scale ?? 0, precision: element.precision ?? 0 };
    case ConvertedType.DATE:
      return { type: 'DATE' };
    // LogicalTypes.md: the converted TIME_* / TIMESTAMP_* types imply isAdjustedToUTC = true.
    case ConvertedType.TIME_MILLIS:
      return { type: 'TIME', isAdjustedToUTC: true, unit: 'MILLIS' };
    case ConvertedType.TIME_MICROS:
      return { type: 'TIME', isAdjustedToUTC: true, unit: 'MICROS' };
    case ConvertedType.TIMESTAMP_MILLIS:
      return { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' };
    case ConvertedType.TIMESTAMP_MICROS:
      return { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' };
    case ConvertedType.UINT_8:
      return { type: 'INTEGER', bitWidth: 8, isSigned: false };
    case ConvertedType.UINT_16:
      return { type: 'INTEGER', bitWidth: 16, isSigned: false };
    case ConvertedType.UINT_32:
      return { type: 'INTEGER', bitWidth: 32, isSigned: false };
    case ConvertedType.UINT_64:
      return { type: 'INTEGER', bitWidth: 64, isSigned: false };
    case ConvertedType.INT_8:
      return { type: 'INTEGER', bitWidth: 8, isSigned: true };
    case ConvertedType.INT_16:
      return { type: 'INTEGER', bitWidth: 16, isSigned: true };
    case ConvertedType.INT_32:
      return { type: 'INTEGER', bitWidth: 32, isSigned: true };
    case ConvertedType.INT_64:
      return { type: 'INTEGER', bitWidth: 64, isSigned: true };
    default:
      return undefined;
  }
}

/** The Arrow type a leaf column reads as. */
export function arrowColumnType(column: ColumnDescriptor, options: ArrowTypeOptions = {}): ArrowColumnType {
  const metadata = new Map<string, string>();
  const physical = physicalArrowType(column, options);
  const logical = effectiveLogicalType(column.element);
  const isInterval = column.element.convertedType === ConvertedType.INTERVAL;
  if (!logical) {
    if (isInterval) metadata.set('parquet.converted_type', 'INTERVAL');
    return { ...physical, metadata };
  }
  const t = column.physicalType;
  const result = (type: arrow.DataType, conversion: Conversion = 'none'): ArrowColumnType => ({
    type,
    conversion,
    metadata,
  });
  switch (logical.type) {
    case 'STRING':
    case 'ENUM':
    case 'JSON':
      if (logical.type !== 'STRING') metadata.set('parquet.logical_type', logical.type);
      return t === Type.BYTE_ARRAY ? result(new arrow.Utf8()) : { ...physical, metadata };
    case 'BSON':
      metadata.set('parquet.logical_type', 'BSON');
      return { ...physical, metadata };
    case 'UUID':
      if (t !== Type.FIXED_LEN_BYTE_ARRAY || column.typeLength !== 16) return { ...physical, metadata };
      metadata.set('ARROW:extension:name', 'arrow.uuid');
      metadata.set('ARROW:extension:metadata', '');
      return result(new arrow.FixedSizeBinary(16));
    case 'FLOAT16':
      return t === Type.FIXED_LEN_BYTE_ARRAY && column.typeLength === 2
        ? result(new arrow.Float16())
        : { ...physical, metadata };
    case 'DATE':
      return t === Type.INT32 ? result(new arrow.DateDay()) : { ...physical, metadata };
    case 'TIME':
      if (logical.unit === 'MILLIS' && t === Type.INT32) return result(new arrow.TimeMillisecond());
      if (logical.unit === 'MICROS' && t === Type.INT64) return result(new arrow.TimeMicrosecond());
      if (logical.unit === 'NANOS' && t === Type.INT64) return result(new arrow.TimeNanosecond());
      return { ...physical, metadata };
    case 'TIMESTAMP':
      if (t !== Type.INT64) return { ...physical, metadata };
      return result(new arrow.Timestamp(TIME_UNITS[logical.unit], logical.isAdjustedToUTC ? 'UTC' : null));
    case 'INTEGER':
      return integerType(t, logical.bitWidth, logical.isSigned, physical, metadata);
    case 'DECIMAL':
      return decimalType(column, logical.scale, logical.precision, physical, metadata);
    default:
      return { ...physical, metadata };
  }
}

function physicalArrowType(
  column: ColumnDescriptor,
  options: ArrowTypeOptions,
): { type: arrow.DataType; conversion: Conversion } {
  switch (column.physicalType) {
    case Type.BOOLEAN:
      return { type: new arrow.Bool(), conversion: 'none' };
    case Type.INT32:
      return { type: new arrow.Int32(), conversion: 'none' };
    case Type.INT64:
      return { type: new arrow.Int64(), conversion: 'none' };
    case Type.INT96:
      // Legacy Impala/Spark timestamps, in the unit asked for (microseconds by default).
      return { type: new arrow.Timestamp(INT96_UNITS[options.int96TimestampUnit ?? 'us'], null), conversion: 'int96' };
    case Type.FLOAT:
      return { type: new arrow.Float32(), conversion: 'none' };
    case Type.DOUBLE:
      return { type: new arrow.Float64(), conversion: 'none' };
    case Type.BYTE_ARRAY:
      return { type: new arrow.Binary(), conversion: 'none' };
    default:
      return { type: new arrow.FixedSizeBinary(column.typeLength), conversion: 'none' };
  }
}

function integerType(
  t: number,
  bitWidth: number,
  signed: boolean,
  physical: { type: arrow.DataType; conversion: Conversion },
  metadata: Map<string, string>,
): ArrowColumnType {
  if (t === Type.INT32) {
    if (bitWidth === 8) return { type: signed ? new arrow.Int8() : new arrow.Uint8(), conversion: 'narrow8', metadata };
    if (bitWidth === 16)
      return { type: signed ? new arrow.Int16() : new arrow.Uint16(), conversion: 'narrow16', metadata };
    if (bitWidth === 32) return { type: signed ? new arrow.Int32() : new arrow.Uint32(), conversion: 'none', metadata };
  }
  if (t === Type.INT64 && bitWidth === 64) {
    return { type: signed ? new arrow.Int64() : new arrow.Uint64(), conversion: 'none', metadata };
  }
  return { ...physical, metadata };
}

function decimalType(
  column: ColumnDescriptor,
  scale: number,
  precision: number,
  physical: { type: arrow.DataType; conversion: Conversion },
  metadata: Map<string, string>,
): ArrowColumnType {
  if (!(precision > 0) || scale < 0 || scale > precision) return { ...physical, metadata };
  const t = column.physicalType;
  const conversion: Conversion | undefined =
    t === Type.INT32
      ? 'decimalFromInt32'
      : t === Type.INT64
        ? 'decimalFromInt64'
        : t === Type.FIXED_LEN_BYTE_ARRAY || t === Type.BYTE_ARRAY
          ? 'decimalFromBytes'
          : undefined;
  if (!conversion) return { ...physical, metadata };
  // Decimal128 holds 38 digits; wider decimals need Decimal256 (Arrow JS keeps both as 32-bit words).
  const bitWidth = precision <= 38 ? 128 : 256;
  return { type: new arrow.Decimal(scale, precision, bitWidth), conversion, metadata };
}
