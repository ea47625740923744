// The non-null values of one Arrow leaf array in its Parquet column's physical form (leaf_data.ts PhysicalValues).
// Dictionary-encoded arrays are decoded through their indexes; the Arrow type must fit the column's type (an
// explicit schema may differ from the Arrow one: values are range-checked then).
import * as arrow from 'apache-arrow';
import { ParquetError } from '../../errors.js';
import { Type } from '../../metadata/enums.js';
import type { PhysicalValues } from '../leaf_data.js';
import type { WriteLeaf } from '../schema/write_schema.js';
import { type DecimalTarget, decimalToPhysical, type ValueFailure } from './decimal.js';
import { gatherBits, gatherBytes, gatherFixedBytes, gatherNumeric, narrowOffsets, type Positions } from './gather.js';
import { integersToPhysical, isIntegerBacked } from './integers.js';

/**
 * The values of `data` at `positions` (all of them in order when undefined) in the physical form of `leaf`.
 * `fail(k, detail)` is called (and must throw) for the k-th value when it does not fit the column. A type that can
 * never fit the column throws ParquetError BAD_ARGUMENT.
 */
export function arrowToPhysical(
  data: arrow.Data,
  positions: Positions,
  leaf: WriteLeaf,
  fail: ValueFailure,
): PhysicalValues {
  const type = data.type as arrow.DataType;
  if (arrow.DataType.isDictionary(type)) return dictionaryToPhysical(data, positions, leaf, fail);
  const count = data.length;
  const mismatch = (): never => {
    throw new ParquetError('BAD_ARGUMENT', `Arrow ${type} cannot be written to a ${physicalName(leaf)} column`, {
      column: leaf.name,
    });
  };
  if (type.typeId === arrow.Type.Null) return emptyValues(leaf);
  if (type.typeId === arrow.Type.Decimal) return decimalValues(data, positions, leaf, fail, mismatch);
  if (isIntegerBacked(type)) {
    const p = leaf.physicalType;
    if (p !== Type.INT32 && p !== Type.INT64 && p !== Type.INT96) mismatch();
    return integersToPhysical(data, positions, leaf, fail);
  }
  switch (leaf.physicalType) {
    case Type.BOOLEAN:
      if (type.typeId !== arrow.Type.Bool) mismatch();
      return { kind: 'boolean', data: gatherBits(data.values as Uint8Array, data.offset, positions, count) };
    case Type.FLOAT:
      if (!isFloat(type, arrow.Precision.SINGLE)) mismatch();
      return { kind: 'float', data: gatherNumeric(data.values as Float32Array, positions, count) };
    case Type.DOUBLE:
      if (isFloat(type, arrow.Precision.DOUBLE)) {
        return { kind: 'double', data: gatherNumeric(data.values as Float64Array, positions, count) };
      }
      if (isFloat(type, arrow.Precision.SINGLE)) {
        return {
          kind: 'double',
          data: Float64Array.from(gatherNumeric(data.values as Float32Array, positions, count)),
        };
      }
      return mismatch();
    case Type.BYTE_ARRAY: {
      const bytes = binaryValues(data, positions, count) ?? mismatch();
      return { kind: 'byte_array', ...bytes };
    }
    case Type.FIXED_LEN_BYTE_ARRAY:
      return fixedValues(data, positions, leaf, fail, mismatch);
    default:
      return mismatch();
  }
}

function dictionaryToPhysical(
  data: arrow.Data,
  positions: Positions,
  leaf: WriteLeaf,
  fail: ValueFailure,
): PhysicalValues {
  const dictionary = data.dictionary;
  if (dictionary?.data.length !== 1) {
    throw new ParquetError('UNSUPPORTED', 'dictionary arrays need a dictionary of exactly one chunk', {
      column: leaf.name,
    });
  }
  const values = dictionary.data[0] as arrow.Data;
  const keys = data.values as Int32Array | BigInt64Array;
  const n = positions ? positions.length : data.length;
  const mapped = new Int32Array(n);
  const dictionaryLength = values.length;
  for (let k = 0; k < n; k++) {
    const key = Number(keys[positions ? positions[k]! : k]!);
    if (!(key >= 0 && key < dictionaryLength)) fail(k, `dictionary index ${key} is out of range`);
    mapped[k] = key;
  }
  if (values.nullCount > 0) {
    for (let k = 0; k < n; k++) {
      if (!values.getValid(mapped[k]!)) fail(k, 'dictionary index points at a null dictionary value');
    }
  }
  return arrowToPhysical(values, mapped, leaf, (k, detail) => fail(k, detail));
}

function decimalValues(
  data: arrow.Data,
  positions: Positions,
  leaf: WriteLeaf,
  fail: ValueFailure,
  mismatch: () => never,
): PhysicalValues {
  const type = data.type as arrow.Decimal;
  const logical = leaf.logicalType;
  if (logical?.type !== 'DECIMAL') return mismatch();
  if (logical.scale !== type.scale) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      `Arrow ${type} has scale ${type.scale}, the column's decimal scale is ${logical.scale}`,
      { column: leaf.name },
    );
  }
  const target: DecimalTarget | undefined =
    leaf.physicalType === Type.INT32
      ? { kind: 'int32' }
      : leaf.physicalType === Type.INT64
        ? { kind: 'int64' }
        : leaf.physicalType === Type.FIXED_LEN_BYTE_ARRAY
          ? { kind: 'fixed', width: leaf.typeLength }
          : leaf.physicalType === Type.BYTE_ARRAY
            ? { kind: 'bytes' }
            : undefined;
  if (!target) return mismatch();
  const words = data.values as Uint32Array;
  return decimalToPhysical(words, type.bitWidth / 32, positions, data.length, logical.precision, target, fail);
}

function fixedValues(
  data: arrow.Data,
  positions: Positions,
  leaf: WriteLeaf,
  fail: ValueFailure,
  mismatch: () => never,
): PhysicalValues {
  const type = data.type as arrow.DataType;
  const width = leaf.typeLength;
  const count = data.length;
  if (type.typeId === arrow.Type.FixedSizeBinary) {
    if ((type as arrow.FixedSizeBinary).byteWidth !== width) mismatch();
    return {
      kind: 'fixed_len_byte_array',
      width,
      data: gatherFixedBytes(data.values as Uint8Array, width, positions, count),
    };
  }
  if (isFloat(type, arrow.Precision.HALF)) {
    if (width !== 2) mismatch();
    // FLOAT16 is little-endian (LogicalTypes.md), as Arrow's Uint16 storage on every platform Node runs on.
    const halves = gatherNumeric(data.values as Uint16Array, positions, count);
    return {
      kind: 'fixed_len_byte_array',
      width,
      data: new Uint8Array(halves.buffer, halves.byteOffset, halves.byteLength),
    };
  }
  const bytes = binaryValues(data, positions, count) ?? mismatch();
  const n = bytes.offsets.length - 1;
  for (let k = 0; k < n; k++) {
    const length = bytes.offsets[k + 1]! - bytes.offsets[k]!;
    if (length !== width) fail(k, `value of ${length} bytes in a FIXED_LEN_BYTE_ARRAY(${width}) column`);
  }
  const start = bytes.offsets[0]!;
  return { kind: 'fixed_len_byte_array', width, data: bytes.data.subarray(start, start + n * width) };
}

/** Variable-length Arrow values (strings, binaries, fixed-size binaries) as offsets + data, or undefined. */
function binaryValues(
  data: arrow.Data,
  positions: Positions,
  count: number,
): { offsets: Int32Array; data: Uint8Array } | undefined {
  const type = data.type as arrow.DataType;
  switch (type.typeId) {
    case arrow.Type.Utf8:
    case arrow.Type.Binary:
      return gatherBytes(data.valueOffsets as Int32Array, data.values as Uint8Array, positions, count);
    case arrow.Type.LargeUtf8:
    case arrow.Type.LargeBinary: {
      const narrow = narrowOffsets(data.valueOffsets as unknown as BigInt64Array, data.values as Uint8Array, count);
      if (!narrow) throw new ParquetError('INVALID_VALUE', 'large binary values span more than 2 GiB in one batch');
      return gatherBytes(narrow.offsets, narrow.data, positions, count);
    }
    case arrow.Type.FixedSizeBinary: {
      const width = (type as arrow.FixedSizeBinary).byteWidth;
      const offsets = new Int32Array(count + 1);
      for (let i = 0; i <= count; i++) offsets[i] = i * width;
      return gatherBytes(offsets, data.values as Uint8Array, positions, count);
    }
    default:
      return undefined;
  }
}

function isFloat(type: arrow.DataType, precision: arrow.Precision): boolean {
  return type.typeId === arrow.Type.Float && (type as arrow.Float).precision === precision;
}

/** No values, in the leaf's physical form (an all-null column). */
export function emptyValues(leaf: WriteLeaf): PhysicalValues {
  switch (leaf.physicalType) {
    case Type.BOOLEAN:
      return { kind: 'boolean', data: new Uint8Array(0) };
    case Type.INT32:
      return { kind: 'int32', data: new Int32Array(0) };
    case Type.INT64:
      return { kind: 'int64', data: new BigInt64Array(0) };
    case Type.INT96:
      return { kind: 'int96', data: new Uint8Array(0) };
    case Type.FLOAT:
      return { kind: 'float', data: new Float32Array(0) };
    case Type.DOUBLE:
      return { kind: 'double', data: new Float64Array(0) };
    case Type.BYTE_ARRAY:
      return { kind: 'byte_array', offsets: new Int32Array(1), data: new Uint8Array(0) };
    default:
      return { kind: 'fixed_len_byte_array', width: leaf.typeLength, data: new Uint8Array(0) };
  }
}

function physicalName(leaf: WriteLeaf): string {
  const name = Object.entries(Type).find(([, v]) => v === leaf.physicalType)?.[0] ?? String(leaf.physicalType);
  return leaf.logicalType ? `${name} ${leaf.logicalType.type}` : name;
}
