/**
 * Per-column value formatters over Arrow data. The type switch runs once per column (`columnFormatter`); the
 * returned functions then read a chunk's buffers directly for each row, following apache-arrow's own layout
 * conventions: fixed-width `values` and `valueOffsets` are already sliced to the chunk, the validity bitmap and
 * boolean bits are indexed from `data.offset`, struct children are sliced with their parent, list children are not.
 */
import {
  type Data,
  type DataType,
  DateUnit,
  type Field,
  makeVector,
  Precision,
  TimeUnit,
  Type,
  type Vector,
} from 'apache-arrow';
import { formatBase64, formatUuid } from './binary_text.js';
import { formatScaledInteger, littleEndianWordsToInteger } from './decimal_text.js';
import { formatFloat16, formatFloat32, formatFloat64, jsonFloat } from './float_text.js';
import { jsonOfUnknownValue } from './generic_value.js';
import { formatDate, formatTimeOfDay, type TemporalUnit, TimestampFormatter } from './temporal_text.js';

/** Formats the value at row `index` of `data`, one chunk of the column; `index` counts from the chunk's first row. */
export type ChunkFormatter<R> = (data: Data, index: number) => R;

/** How one column's values are written. */
export interface ColumnFormatter {
  /** JSON text of the value; "null" for a null. */
  readonly json: ChunkFormatter<string>;
  /** Plain text of the value (strings as-is, nested values as their JSON text); null for a null. */
  readonly text: ChunkFormatter<string | null>;
}

/** Formatters for a value whose validity bit is set (a dictionary entry may still be null). */
interface ValueFormatters {
  json: ChunkFormatter<string>;
  text: ChunkFormatter<string | null>;
}

/** Field metadata key and value Arrow uses to mark a FixedSizeBinary(16) column as UUIDs (canonical extension). */
const EXTENSION_NAME_KEY = 'ARROW:extension:name';
const UUID_EXTENSION = 'arrow.uuid';

const ARROW_TIME_UNITS: Record<TimeUnit, TemporalUnit> = {
  [TimeUnit.SECOND]: 'SECOND',
  [TimeUnit.MILLISECOND]: 'MILLISECOND',
  [TimeUnit.MICROSECOND]: 'MICROSECOND',
  [TimeUnit.NANOSECOND]: 'NANOSECOND',
};

/** Whether row `index` of `data` holds a value (Arrow validity bitmap, LSB first, from `data.offset`). */
export function isValid(data: Data, index: number): boolean {
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0 || data.nullCount === 0) return true;
  const position = data.offset + index;
  return (bitmap[position >> 3]! & (1 << (position & 7))) !== 0;
}

/** Chooses, once, the formatters for the values of `field` (its type, and its metadata for extension types). */
export function columnFormatter(field: Field): ColumnFormatter {
  if (field.type.typeId === Type.Null) return { json: () => 'null', text: () => null };
  const value = valueFormatters(field.type, field.metadata);
  const { json, text } = value;
  return {
    json: (data, index) => (isValid(data, index) ? json(data, index) : 'null'),
    text: (data, index) => (isValid(data, index) ? text(data, index) : null),
  };
}

/** Formatters whose JSON text is the plain text itself (numbers, booleans, nested JSON). */
function sameText(format: ChunkFormatter<string>): ValueFormatters {
  return { json: format, text: format };
}

/** Formatters whose JSON text is the plain text quoted; `format` must never produce characters JSON escapes. */
function quotedSafeText(format: ChunkFormatter<string>): ValueFormatters {
  return { json: (data, index) => `"${format(data, index)}"`, text: format };
}

function valueFormatters(type: DataType, metadata: Map<string, string>): ValueFormatters {
  switch (type.typeId) {
    case Type.Bool:
      return sameText((data, index) => {
        const bit = data.offset + index;
        return (data.values as Uint8Array)[bit >> 3]! & (1 << (bit & 7)) ? 'true' : 'false';
      });
    case Type.Int:
    case Type.Duration:
      // Every integer typed array, BigInt64Array and BigUint64Array included, prints its exact decimal digits.
      return sameText((data, index) => `${(data.values as ArrayLike<number | bigint>)[index]}`);
    case Type.Float:
      return floatFormatters((type as DataType<Type.Float> & { precision: Precision }).precision);
    case Type.Decimal:
      return decimalFormatters(type as DataType<Type.Decimal> & { scale: number; bitWidth: number });
    case Type.Date:
      return dateFormatters((type as DataType<Type.Date> & { unit: DateUnit }).unit);
    case Type.Time: {
      const unit = ARROW_TIME_UNITS[(type as DataType<Type.Time> & { unit: TimeUnit }).unit];
      return quotedSafeText((data, index) =>
        formatTimeOfDay((data.values as Int32Array | BigInt64Array)[index]!, unit),
      );
    }
    case Type.Timestamp: {
      const { unit, timezone } = type as DataType<Type.Timestamp> & { unit: TimeUnit; timezone?: string | null };
      const timestamps = new TimestampFormatter(ARROW_TIME_UNITS[unit], timezone !== undefined && timezone !== null);
      return quotedSafeText((data, index) => timestamps.format((data.values as BigInt64Array)[index]!));
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      return stringFormatters();
    case Type.Binary:
    case Type.LargeBinary:
      return quotedSafeText((data, index) => {
        const start = Number(data.valueOffsets[index]);
        return formatBase64(data.values as Uint8Array, start, Number(data.valueOffsets[index + 1]) - start);
      });
    case Type.FixedSizeBinary:
      return fixedSizeBinaryFormatters(
        (type as DataType<Type.FixedSizeBinary> & { byteWidth: number }).byteWidth,
        metadata,
      );
    case Type.List:
    case Type.LargeList:
    case Type.FixedSizeList:
      return listFormatters(type);
    case Type.Struct:
      return structFormatters(type);
    case Type.Map:
      return mapFormatters(type);
    case Type.Dictionary:
      return dictionaryFormatters(type as DataType<Type.Dictionary> & { dictionary: DataType });
    default:
      return genericFormatters();
  }
}

function floatFormatters(precision: Precision): ValueFormatters {
  const text: ChunkFormatter<string> =
    precision === Precision.HALF
      ? (data, index) => formatFloat16((data.values as Uint16Array)[index]!)
      : precision === Precision.SINGLE
        ? (data, index) => formatFloat32((data.values as Float32Array)[index]!)
        : (data, index) => formatFloat64((data.values as Float64Array)[index]!);
  return { json: (data, index) => jsonFloat(text(data, index)), text };
}

function decimalFormatters(type: { scale: number; bitWidth: number }): ValueFormatters {
  const { scale } = type;
  const words = type.bitWidth / 32;
  return quotedSafeText((data, index) =>
    formatScaledInteger(littleEndianWordsToInteger(data.values as Uint32Array, index * words, words), scale),
  );
}

function dateFormatters(unit: DateUnit): ValueFormatters {
  if (unit === DateUnit.DAY) return quotedSafeText((data, index) => formatDate((data.values as Int32Array)[index]!));
  // Date64: milliseconds that should be whole days; a remainder is dropped (floor), as the type promises none.
  return quotedSafeText((data, index) => {
    const ms = (data.values as BigInt64Array)[index]!;
    const days = ms / 86_400_000n - (ms % 86_400_000n < 0n ? 1n : 0n);
    return formatDate(Number(days));
  });
}

function stringFormatters(): ValueFormatters {
  // Decoding through a Buffer view of the chunk's bytes is several times faster than TextDecoder on subarrays;
  // the view is rebuilt only when the chunk changes.
  let lastValues: Uint8Array | undefined;
  let view: Buffer = Buffer.alloc(0);
  const text: ChunkFormatter<string> = (data, index) => {
    const values = data.values as Uint8Array;
    if (values !== lastValues) {
      lastValues = values;
      view = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    }
    return view.toString('utf8', Number(data.valueOffsets[index]), Number(data.valueOffsets[index + 1]));
  };
  return { json: (data, index) => JSON.stringify(text(data, index)), text };
}

function fixedSizeBinaryFormatters(byteWidth: number, metadata: Map<string, string>): ValueFormatters {
  if (byteWidth === 16 && metadata.get(EXTENSION_NAME_KEY) === UUID_EXTENSION) {
    return quotedSafeText((data, index) => formatUuid(data.values as Uint8Array, index * 16));
  }
  return quotedSafeText((data, index) => formatBase64(data.values as Uint8Array, index * byteWidth, byteWidth));
}

/** JSON-array formatters for List, LargeList and FixedSizeList. */
function listFormatters(type: DataType): ValueFormatters {
  const element = columnFormatter(type.children[0]!);
  const fixedSize = type.typeId === Type.FixedSizeList ? (type as DataType & { listSize: number }).listSize : 0;
  return sameText((data, index) => {
    const child = data.children[0]!;
    const start = fixedSize ? index * fixedSize : Number(data.valueOffsets[index]);
    const end = fixedSize ? start + fixedSize : Number(data.valueOffsets[index + 1]);
    if (start === end) return '[]';
    let out = `[${element.json(child, start)}`;
    for (let k = start + 1; k < end; k++) out += `,${element.json(child, k)}`;
    return `${out}]`;
  });
}

/** JSON-object formatters for Struct: keys in field order. */
function structFormatters(type: DataType): ValueFormatters {
  const fields = type.children;
  const members = fields.map(columnFormatter);
  const prefixes = fields.map((field, k) => `${k === 0 ? '{' : ','}${JSON.stringify(field.name)}:`);
  return sameText((data, index) => {
    if (members.length === 0) return '{}';
    let out = '';
    for (let k = 0; k < members.length; k++) out += prefixes[k] + members[k]!.json(data.children[k]!, index);
    return `${out}}`;
  });
}

/** Formatters for Map: an array of {"key": ..., "value": ...} in stored order (keys need not be strings). */
function mapFormatters(type: DataType): ValueFormatters {
  const entryFields = type.children[0]!.type.children;
  const key = columnFormatter(entryFields[0]!);
  const value = columnFormatter(entryFields[1]!);
  return sameText((data, index) => {
    const entries = data.children[0]!;
    const start = Number(data.valueOffsets[index]);
    const end = Number(data.valueOffsets[index + 1]);
    const keys = entries.children[0]!;
    const values = entries.children[1]!;
    let out = '[';
    for (let k = start; k < end; k++) {
      out += `${k === start ? '' : ','}{"key":${key.json(keys, k)},"value":${value.json(values, k)}}`;
    }
    return `${out}]`;
  });
}

/** Formatters for dictionary-encoded columns: the dictionary's value formatter applied to the indexed entry. */
function dictionaryFormatters(type: { dictionary: DataType }): ValueFormatters {
  const entry = columnFormatter({ type: type.dictionary, metadata: new Map(), name: '', nullable: true } as Field);
  const locate = (data: Data, index: number): [Data, number] => {
    let position = Number((data.values as ArrayLike<number | bigint>)[index]);
    const chunks = (data.dictionary as Vector).data;
    for (const chunk of chunks) {
      if (position < chunk.length) return [chunk, position];
      position -= chunk.length;
    }
    throw new RangeError(`dictionary index ${position} out of range`);
  };
  return {
    json: (data, index) => entry.json(...locate(data, index)),
    text: (data, index) => entry.text(...locate(data, index)),
  };
}

/** Any other Arrow type (intervals, unions, views, ...): through apache-arrow's own getter, then to JSON. */
function genericFormatters(): ValueFormatters {
  const json: ChunkFormatter<string> = (data, index) => jsonOfUnknownValue(makeVector(data).get(index));
  const text: ChunkFormatter<string> = (data, index) => {
    const value = makeVector(data).get(index);
    return typeof value === 'string' ? value : jsonOfUnknownValue(value);
  };
  return { json, text };
}
