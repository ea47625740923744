// apache-arrow -> plain partition data, sharing buffers: fixed-width values, offsets and bytes are views of the
// Arrow buffers; only bitmaps whose Arrow slice starts mid-byte are copied (our bitmaps start at bit 0).
import * as arrow from 'apache-arrow';
import { concatColumns } from './concat.js';
import { emptyColumn } from './empty.js';
import { fixedLayout, sliceBitmap, type ValuesConstructor } from './layout.js';
import type { Batch, Column, DataType, Field, IntKind, TimeUnit, ValuesArray } from './types.js';

const UNITS: readonly TimeUnit[] = ['s', 'ms', 'us', 'ns'];

/** The plain descriptor of an Arrow type. Throws for types the partition model lacks (unions, view types). */
export function typeFromArrow(type: arrow.DataType): DataType {
  if (arrow.DataType.isInt(type)) return { kind: `${type.isSigned ? '' : 'u'}int${type.bitWidth}` as IntKind };
  if (arrow.DataType.isFloat(type)) {
    return {
      kind:
        type.precision === arrow.Precision.HALF
          ? 'float16'
          : type.precision === arrow.Precision.SINGLE
            ? 'float32'
            : 'float64',
    };
  }
  switch (type.typeId) {
    case arrow.Type.Null:
      return { kind: 'null' };
    case arrow.Type.Bool:
      return { kind: 'bool' };
    case arrow.Type.Utf8:
      return { kind: 'utf8' };
    case arrow.Type.LargeUtf8:
      return { kind: 'large_utf8' };
    case arrow.Type.Binary:
      return { kind: 'binary' };
    case arrow.Type.LargeBinary:
      return { kind: 'large_binary' };
    case arrow.Type.FixedSizeBinary:
      return { kind: 'fixed_size_binary', byteWidth: (type as arrow.FixedSizeBinary).byteWidth };
    case arrow.Type.Decimal: {
      const d = type as arrow.Decimal;
      return { kind: 'decimal', precision: d.precision, scale: d.scale, bitWidth: d.bitWidth === 256 ? 256 : 128 };
    }
    case arrow.Type.Date:
      return { kind: (type as arrow.Date_).unit === arrow.DateUnit.DAY ? 'date32' : 'date64' };
    case arrow.Type.Time:
      return { kind: 'time', unit: UNITS[(type as arrow.Time).unit]! };
    case arrow.Type.Timestamp: {
      const ts = type as arrow.Timestamp;
      const unit = UNITS[ts.unit]!;
      return ts.timezone ? { kind: 'timestamp', unit, timezone: ts.timezone } : { kind: 'timestamp', unit };
    }
    case arrow.Type.Duration:
      return { kind: 'duration', unit: UNITS[(type as arrow.Duration).unit]! };
    case arrow.Type.Interval: {
      const unit = (type as arrow.Interval).unit;
      return {
        kind: 'interval',
        unit:
          unit === arrow.IntervalUnit.YEAR_MONTH
            ? 'year_month'
            : unit === arrow.IntervalUnit.DAY_TIME
              ? 'day_time'
              : 'month_day_nano',
      };
    }
    case arrow.Type.List:
      return { kind: 'list', child: fieldFromArrow((type as arrow.List).children[0]!) };
    case arrow.Type.LargeList:
      return { kind: 'large_list', child: fieldFromArrow((type as arrow.LargeList).children[0]!) };
    case arrow.Type.FixedSizeList: {
      const fsl = type as arrow.FixedSizeList;
      return { kind: 'fixed_size_list', listSize: fsl.listSize, child: fieldFromArrow(fsl.children[0]!) };
    }
    case arrow.Type.Struct:
      return { kind: 'struct', children: (type as arrow.Struct).children.map(fieldFromArrow) };
    case arrow.Type.Map: {
      const map = type as arrow.Map_;
      return { kind: 'map', entries: fieldFromArrow(map.children[0]!), keysSorted: map.keysSorted };
    }
    case arrow.Type.Dictionary: {
      const dict = type as arrow.Dictionary;
      return {
        kind: 'dictionary',
        index: typeFromArrow(dict.indices) as { kind: IntKind },
        value: typeFromArrow(dict.dictionary),
        ordered: dict.isOrdered,
        id: dict.id,
      };
    }
    default:
      throw new TypeError(`columnar: Arrow type ${String(type)} is not supported`);
  }
}

/** The plain descriptor of an Arrow field (metadata kept as a record when present). */
export function fieldFromArrow(field: arrow.Field): Field {
  const base = { name: field.name, type: typeFromArrow(field.type), nullable: field.nullable };
  return field.metadata.size > 0 ? { ...base, metadata: Object.fromEntries(field.metadata) } : base;
}

/** `count` elements of `values` as the array type `want`: the same array, a view on its memory, or (misaligned) a copy. */
function asArray(values: ArrayBufferView, want: ValuesConstructor, count: number): ValuesArray {
  if (values instanceof want) return values.subarray(0, count) as ValuesArray;
  const size = want.BYTES_PER_ELEMENT;
  if (values.byteOffset % size === 0) return new want(values.buffer, values.byteOffset, count);
  const bytes = new Uint8Array(values.buffer, values.byteOffset, count * size).slice();
  return new want(bytes.buffer, 0, count);
}

/** A column sharing the buffers of Arrow `data`. */
export function columnFromArrow(data: arrow.Data): Column {
  const type = typeFromArrow(data.type);
  const { length, offset } = data;
  const nullCount = type.kind === 'null' ? length : data.nullCount;
  const base: { type: DataType; length: number; nullCount: number; validity?: Uint8Array } = {
    type,
    length,
    nullCount,
  };
  if (nullCount > 0 && type.kind !== 'null' && data.nullBitmap && data.nullBitmap.length > 0) {
    base.validity = sliceBitmap(data.nullBitmap, offset, length);
  }
  switch (type.kind) {
    case 'null':
      return base;
    case 'bool':
      return { ...base, values: sliceBitmap(data.values as Uint8Array, offset, length) };
    case 'utf8':
    case 'binary':
    case 'large_utf8':
    case 'large_binary':
      return { ...base, offsets: data.valueOffsets.subarray(0, length + 1), data: data.values as Uint8Array };
    case 'list':
    case 'large_list':
    case 'map':
      return {
        ...base,
        offsets: data.valueOffsets.subarray(0, length + 1),
        children: [columnFromArrow(data.children[0]!)],
      };
    case 'fixed_size_list':
      return { ...base, children: [columnFromArrow(childRows(data.children[0]!, 0, length * type.listSize))] };
    case 'struct':
      return { ...base, children: data.children.map((child) => columnFromArrow(childRows(child, 0, length))) };
    case 'dictionary': {
      const layout = fixedLayout(type)!;
      const dictionary = data.dictionary!.data.map(columnFromArrow);
      return {
        ...base,
        values: asArray(data.values, layout.array, length),
        dictionary: dictionary.length === 1 ? dictionary[0]! : concatColumns(dictionary),
      };
    }
    default: {
      const layout = fixedLayout(type)!;
      return { ...base, values: asArray(data.values, layout.array, length * layout.stride) };
    }
  }
}

function childRows(child: arrow.Data, start: number, length: number): arrow.Data {
  return child.length === length && start === 0 ? child : child.slice(start, length);
}

/** The plain partition of an Arrow RecordBatch (zero-copy for numeric buffers). */
export function batchFromRecordBatch(batch: arrow.RecordBatch): Batch {
  return {
    fields: batch.schema.fields.map(fieldFromArrow),
    numRows: batch.numRows,
    columns: batch.data.children.map((child) => columnFromArrow(childRows(child, 0, batch.numRows))),
  };
}

/** One plain partition per record batch of `table` (zero-copy). */
export function batchesFromArrow(table: arrow.Table): Batch[] {
  return table.batches.map(batchFromRecordBatch);
}

/**
 * A Table or RecordBatch as one plain partition. Zero-copy for a RecordBatch and a single-batch Table; a Table of
 * several batches is concatenated (copied).
 */
export function batchFromArrow(source: arrow.Table | arrow.RecordBatch): Batch {
  if (source instanceof arrow.RecordBatch) return batchFromRecordBatch(source);
  const fields = source.schema.fields.map(fieldFromArrow);
  const batches = source.batches.map(batchFromRecordBatch);
  if (batches.length === 1) return batches[0]!;
  return {
    fields,
    numRows: source.numRows,
    columns: fields.map((field, i) =>
      batches.length === 0 ? emptyColumn(field.type) : concatColumns(batches.map((b) => b.columns[i]!)),
    ),
  };
}
