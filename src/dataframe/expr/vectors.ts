// Shared pieces of the evaluator: combined validity, result columns, and numeric views of columns.
import { allocBitmap } from '../../columnar/alloc.js';
import { countSetBits, getBit } from '../../columnar/layout.js';
import type { Column, DataType, ValuesArray } from '../../columnar/types.js';
import { float16ToNumber } from '../../columnar/values.js';

/** The validity of rows valid in every column (undefined: no nulls) and its null count. */
export function combinedValidity(
  columns: readonly Column[],
  length: number,
): { validity?: Uint8Array; nullCount: number } {
  const withNulls = columns.filter((c) => c.nullCount > 0);
  if (withNulls.length === 0) return { nullCount: 0 };
  const validity = allocBitmap(length);
  if (withNulls.some((c) => c.type.kind === 'null')) return { validity, nullCount: length };
  validity.set(withNulls[0]!.validity!.subarray(0, validity.length));
  for (const c of withNulls.slice(1)) for (let i = 0; i < validity.length; i++) validity[i]! &= c.validity![i]!;
  return finishValidity(validity, length);
}

/** `validity` with its null count; undefined when nothing is null. */
export function finishValidity(validity: Uint8Array, length: number): { validity?: Uint8Array; nullCount: number } {
  const nullCount = length - countSetBits(validity, length);
  return nullCount === 0 ? { nullCount } : { validity, nullCount };
}

/** A result column (nulls given by `validity`). */
export function resultColumn(
  type: DataType,
  length: number,
  values: ValuesArray,
  nulls: { validity?: Uint8Array; nullCount: number },
): Column {
  return nulls.validity && nulls.nullCount > 0
    ? { type, length, nullCount: nulls.nullCount, validity: nulls.validity, values }
    : { type, length, nullCount: 0, values };
}

/** Whether row i is valid under combined `validity`. */
export function validAt(validity: Uint8Array | undefined, i: number): boolean {
  return validity === undefined || getBit(validity, i);
}

/** The values of a numeric or temporal column as float64 (decimals scaled, float16 decoded, bool 0/1). */
export function asFloat64(column: Column): Float64Array {
  const { type, length } = column;
  const out = new Float64Array(length);
  const values = column.values!;
  switch (type.kind) {
    case 'float16':
      for (let i = 0; i < length; i++) out[i] = float16ToNumber(values[i] as number);
      return out;
    case 'bool':
      for (let i = 0; i < length; i++) out[i] = getBit(values as Uint8Array, i) ? 1 : 0;
      return out;
    case 'decimal': {
      const n = type.bitWidth / 32;
      const words = values as Uint32Array;
      const scale = 10 ** type.scale;
      for (let i = 0; i < length; i++) {
        let v = 0n;
        for (let w = n - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[i * n + w]!);
        out[i] = Number(BigInt.asIntN(type.bitWidth, v)) / scale;
      }
      return out;
    }
    default:
      if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
        for (let i = 0; i < length; i++) out[i] = Number(values[i]!);
        return out;
      }
      out.set((values as Float64Array).subarray(0, length));
      return out;
  }
}

/** The values of an integer column as bigints. */
export function asBigInts(column: Column): (i: number) => bigint {
  const values = column.values!;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return (i) => values[i]!;
  if (column.type.kind === 'bool') return (i) => (getBit(values as Uint8Array, i) ? 1n : 0n);
  return (i) => BigInt(values[i] as number);
}
