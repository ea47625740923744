// Plain partition data -> apache-arrow, sharing every buffer (the Arrow Data objects are views of our typed arrays).
import * as arrow from 'apache-arrow';
import type { Batch, Column, DataType, Field, TimeUnit } from './types.js';

const UNITS: Record<TimeUnit, arrow.TimeUnit> = {
  s: arrow.TimeUnit.SECOND,
  ms: arrow.TimeUnit.MILLISECOND,
  us: arrow.TimeUnit.MICROSECOND,
  ns: arrow.TimeUnit.NANOSECOND,
};

/** The Arrow type of a plain descriptor. */
export function typeToArrow(type: DataType): arrow.DataType {
  switch (type.kind) {
    case 'null':
      return new arrow.Null();
    case 'bool':
      return new arrow.Bool();
    case 'int8':
      return new arrow.Int8();
    case 'int16':
      return new arrow.Int16();
    case 'int32':
      return new arrow.Int32();
    case 'int64':
      return new arrow.Int64();
    case 'uint8':
      return new arrow.Uint8();
    case 'uint16':
      return new arrow.Uint16();
    case 'uint32':
      return new arrow.Uint32();
    case 'uint64':
      return new arrow.Uint64();
    case 'float16':
      return new arrow.Float16();
    case 'float32':
      return new arrow.Float32();
    case 'float64':
      return new arrow.Float64();
    case 'utf8':
      return new arrow.Utf8();
    case 'large_utf8':
      return new arrow.LargeUtf8();
    case 'binary':
      return new arrow.Binary();
    case 'large_binary':
      return new arrow.LargeBinary();
    case 'fixed_size_binary':
      return new arrow.FixedSizeBinary(type.byteWidth);
    case 'decimal':
      return new arrow.Decimal(type.scale, type.precision, type.bitWidth);
    case 'date32':
      return new arrow.DateDay();
    case 'date64':
      return new arrow.DateMillisecond();
    case 'time':
      return new arrow.Time(UNITS[type.unit], type.unit === 'us' || type.unit === 'ns' ? 64 : 32);
    case 'timestamp':
      return new arrow.Timestamp(UNITS[type.unit], type.timezone ?? null);
    case 'duration':
      return new arrow.Duration(UNITS[type.unit]);
    case 'interval':
      return new arrow.Interval(
        type.unit === 'year_month'
          ? arrow.IntervalUnit.YEAR_MONTH
          : type.unit === 'day_time'
            ? arrow.IntervalUnit.DAY_TIME
            : arrow.IntervalUnit.MONTH_DAY_NANO,
      );
    case 'list':
      return new arrow.List(fieldToArrow(type.child));
    case 'large_list':
      return new arrow.LargeList(fieldToArrow(type.child));
    case 'fixed_size_list':
      return new arrow.FixedSizeList(type.listSize, fieldToArrow(type.child));
    case 'struct':
      return new arrow.Struct(type.children.map(fieldToArrow));
    case 'map':
      return new arrow.Map_(fieldToArrow(type.entries) as arrow.Field<arrow.Struct>, type.keysSorted);
    case 'dictionary':
      return new arrow.Dictionary(
        typeToArrow(type.value),
        typeToArrow(type.index) as arrow.Int32,
        type.id ?? null,
        type.ordered,
      );
  }
}

/** The Arrow field of a plain field. */
export function fieldToArrow(field: Field): arrow.Field {
  const metadata = field.metadata ? new Map(Object.entries(field.metadata)) : null;
  return new arrow.Field(field.name, typeToArrow(field.type), field.nullable, metadata);
}

/** Arrow Data viewing the buffers of `column` (no copy). */
export function columnToArrow(column: Column, type: arrow.DataType = typeToArrow(column.type)): arrow.Data {
  const { length } = column;
  if (column.type.kind === 'null') return new arrow.Data(type, 0, length, length);
  const validity = column.nullCount > 0 && column.validity ? column.validity : new Uint8Array(0);
  const nullCount = validity.length > 0 ? column.nullCount : 0;
  // Buffer order of the Data constructor: [valueOffsets, values, nullBitmap, typeIds].
  const buffers = [
    column.offsets,
    column.values ?? column.data,
    validity,
    undefined,
  ] as unknown as arrow.Data['buffers'];
  const childTypes = type.children?.map((f) => f.type) ?? [];
  const children = (column.children ?? []).map((child, i) => columnToArrow(child, childTypes[i]));
  let dictionary: arrow.Vector | undefined;
  if (column.dictionary) {
    dictionary = new arrow.Vector([columnToArrow(column.dictionary, (type as arrow.Dictionary).dictionary)]);
  }
  return new arrow.Data(type, 0, length, nullCount, buffers, children, dictionary);
}

/** An Arrow Table of one record batch viewing the buffers of `batch` (no copy). */
export function batchToArrow(batch: Batch): arrow.Table {
  const schema = new arrow.Schema(batch.fields.map(fieldToArrow));
  const children = batch.columns.map((column, i) => columnToArrow(column, schema.fields[i]!.type));
  const struct = new arrow.Data(new arrow.Struct(schema.fields), 0, batch.numRows, 0, {}, children);
  return new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]);
}
