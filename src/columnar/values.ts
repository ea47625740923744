// Reading single values out of columns as JavaScript values: for tests, row output and small results, never for
// hot loops (those work on the buffers).
import { fixedLayout, isValid, offsetAt } from './layout.js';
import type { Batch, Column } from './types.js';

/** A JavaScript value of one row: raw storage for temporal and decimal types (numbers or bigints: days, units
 *  since the epoch, unscaled decimals), Uint8Array for binary and intervals, arrays for lists, objects for structs,
 *  [key, value] pairs for maps. */
export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Int32Array
  | Value[]
  | { [name: string]: Value };

const utf8 = new TextDecoder();

/** Decodes an IEEE 754 half-precision bit pattern. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The bytes of row `i` of a utf8/binary column. */
export function bytesAt(column: Column, i: number): Uint8Array {
  return column.data!.subarray(offsetAt(column.offsets!, i), offsetAt(column.offsets!, i + 1));
}

/** The value of row `i` of `column` (null for a null slot). */
export function valueAt(column: Column, i: number): Value {
  if (!isValid(column, i)) return null;
  const { type } = column;
  switch (type.kind) {
    case 'bool':
      return (((column.values as Uint8Array)[i >> 3]! >> (i & 7)) & 1) === 1;
    case 'float16':
      return float16ToNumber(column.values![i] as number);
    case 'utf8':
    case 'large_utf8':
      return utf8.decode(bytesAt(column, i));
    case 'binary':
    case 'large_binary':
      return bytesAt(column, i);
    case 'list':
    case 'large_list':
    case 'map': {
      const child = column.children![0]!;
      const out: Value[] = [];
      for (let r = offsetAt(column.offsets!, i); r < offsetAt(column.offsets!, i + 1); r++) {
        const v = valueAt(child, r);
        out.push(type.kind === 'map' && v !== null ? Object.values(v as Record<string, Value>) : v);
      }
      return out;
    }
    case 'fixed_size_list': {
      const out: Value[] = [];
      for (let j = 0; j < type.listSize; j++) out.push(valueAt(column.children![0]!, i * type.listSize + j));
      return out;
    }
    case 'struct': {
      const out: { [name: string]: Value } = {};
      type.children.forEach((f, j) => {
        out[f.name] = valueAt(column.children![j]!, i);
      });
      return out;
    }
    case 'dictionary':
      return valueAt(column.dictionary!, Number(column.values![i]!));
    case 'decimal': {
      const words = column.values as Uint32Array;
      const n = type.bitWidth / 32;
      let v = 0n;
      for (let w = n - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[i * n + w]!);
      return BigInt.asIntN(type.bitWidth, v);
    }
    default: {
      const { stride } = fixedLayout(type)!;
      if (stride === 1) return column.values![i]!;
      return column.values!.subarray(i * stride, (i + 1) * stride) as Uint8Array | Int32Array;
    }
  }
}

/** Every value of `column`. */
export function columnValues(column: Column): Value[] {
  const out: Value[] = new Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = valueAt(column, i);
  return out;
}

/** The rows of `batch` as objects keyed by field name. */
export function batchToRecords(batch: Batch): Record<string, Value>[] {
  const columns = batch.columns.map(columnValues);
  const rows: Record<string, Value>[] = [];
  for (let i = 0; i < batch.numRows; i++) {
    const row: Record<string, Value> = {};
    batch.fields.forEach((f, j) => {
      row[f.name] = columns[j]![i]!;
    });
    rows.push(row);
  }
  return rows;
}
