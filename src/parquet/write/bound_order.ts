// Which order a column's min/max values follow (parquet.thrift ColumnOrder and the logical types' sort orders),
// and whether its byte arrays are text (truncation must then respect character boundaries).
import { ConvertedType, Type } from '../metadata/enums.js';
import type { SchemaElement } from '../metadata/types.js';
import type { StatOrder } from './statistics.js';

/** The order statistics of a leaf with this schema element follow. */
export function statOrderOf(element: SchemaElement): StatOrder {
  const logical = element.logicalType;
  switch (element.type) {
    case Type.INT32:
    case Type.INT64:
      if (logical?.type === 'INTEGER') return logical.isSigned ? 'signed' : 'unsigned';
      return element.convertedType !== undefined &&
        element.convertedType >= ConvertedType.UINT_8 &&
        element.convertedType <= ConvertedType.UINT_64
        ? 'unsigned'
        : 'signed';
    case Type.INT96:
      return 'none';
    case Type.BYTE_ARRAY:
    case Type.FIXED_LEN_BYTE_ARRAY:
      if (logical?.type === 'DECIMAL' || element.convertedType === ConvertedType.DECIMAL) return 'decimal';
      if (logical?.type === 'FLOAT16') return 'float16';
      if (element.convertedType === ConvertedType.INTERVAL) return 'none';
      return 'unsigned';
    default:
      return 'signed'; // BOOLEAN (false < true), FLOAT, DOUBLE
  }
}

/** True when byte-array bounds of this element are UTF-8 text (truncation must respect character boundaries). */
export function isUtf8(element: SchemaElement): boolean {
  const logical = element.logicalType?.type;
  return (
    logical === 'STRING' ||
    logical === 'JSON' ||
    logical === 'ENUM' ||
    element.convertedType === ConvertedType.UTF8 ||
    element.convertedType === ConvertedType.JSON ||
    element.convertedType === ConvertedType.ENUM
  );
}
