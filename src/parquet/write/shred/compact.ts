// The non-null values of a flat Arrow array, moved together by a kernel (assembly/shred.ts compactFixed /
// compactBytes): runs of valid slots move in one copy, which beats picking values one by one from JavaScript. The
// result is an Arrow array of the same type without nulls, so value conversion takes its no-gather paths.
import * as arrow from 'apache-arrow';
import { arena } from '../../../kernels/arena.js';

/** Bytes per value of fixed-width Arrow types the kernel can compact (booleans, bit-packed, are not). */
function fixedWidth(type: arrow.DataType): number | undefined {
  switch (type.typeId) {
    case arrow.Type.Int:
    case arrow.Type.Time:
      return (type as arrow.Int).bitWidth / 8;
    case arrow.Type.Float:
      return (type as arrow.Float).ArrayType.BYTES_PER_ELEMENT;
    case arrow.Type.Date:
      return (type as arrow.Date_).unit === arrow.DateUnit.DAY ? 4 : 8;
    case arrow.Type.Timestamp:
    case arrow.Type.Duration:
      return 8;
    case arrow.Type.Decimal:
      return (type as arrow.Decimal).bitWidth / 8;
    case arrow.Type.FixedSizeBinary:
      return (type as arrow.FixedSizeBinary).byteWidth;
    default:
      return undefined;
  }
}

/** Whether `compactNonNull` handles arrays of this type. */
export function isCompactable(type: arrow.DataType): boolean {
  const width = fixedWidth(type);
  if (width !== undefined) return width > 0;
  return type.typeId === arrow.Type.Utf8 || type.typeId === arrow.Type.Binary;
}

/**
 * `data` without its null slots, given its validity bitmap already in kernel memory (`validityPtr`, first slot at
 * bit `bitOffset`) and the number of valid slots; undefined for types this does not handle (the caller gathers).
 */
export function compactNonNull(
  data: arrow.Data,
  validityPtr: number,
  bitOffset: number,
  valid: number,
): arrow.Data | undefined {
  const type = data.type as arrow.DataType;
  const count = data.length;
  const a = arena();
  const width = fixedWidth(type);
  if (width !== undefined && width > 0) {
    const values = data.values as Uint8Array;
    const valuesPtr = a.copyIn(new Uint8Array(values.buffer, values.byteOffset, count * width));
    const outPtr = a.alloc(valid * width);
    a.wasm.compactFixed(valuesPtr, validityPtr, bitOffset, count, width, outPtr);
    const bytes = a.u8().slice(outPtr, outPtr + valid * width);
    const ArrayType =
      type.typeId === arrow.Type.FixedSizeBinary ? Uint8Array : (type.ArrayType as Uint8ArrayConstructor);
    const typed = new ArrayType(bytes.buffer, 0, bytes.byteLength / ArrayType.BYTES_PER_ELEMENT);
    return new arrow.Data(type, 0, valid, 0, [undefined, typed, undefined] as never);
  }
  if (type.typeId === arrow.Type.Utf8 || type.typeId === arrow.Type.Binary) {
    const offsets = data.valueOffsets as Int32Array;
    const first = offsets[0]!;
    const last = offsets[count]!;
    const values = data.values as Uint8Array;
    const offsetsPtr = a.alloc((count + 1) * 4);
    // Rebased to the first value, so only the bytes this array covers enter kernel memory.
    const local = a.view(Int32Array, offsetsPtr, count + 1);
    for (let i = 0; i <= count; i++) local[i] = offsets[i]! - first;
    const dataPtr = a.copyIn(values.subarray(first, last));
    const outOffsetsPtr = a.alloc((valid + 1) * 4);
    const outDataPtr = a.alloc(last - first);
    a.wasm.compactBytes(offsetsPtr, dataPtr, validityPtr, bitOffset, count, outOffsetsPtr, outDataPtr);
    const outOffsets = a.view(Int32Array, outOffsetsPtr, valid + 1).slice();
    const total = outOffsets[valid]!;
    const outData = a.u8().slice(outDataPtr, outDataPtr + total);
    return new arrow.Data(type, 0, valid, 0, [outOffsets, outData, undefined] as never);
  }
  return undefined;
}
