// Dense codes of a partition column's distinct values, one per row, read straight from the Arrow buffers: splitting
// a large partition by its keys must not build a JavaScript value per row (valueAt decodes a string per call).
import { isValid, offsetAt } from '../../../columnar/layout.js';
import type { Column } from '../../../columnar/types.js';
import { type Value, valueAt } from '../../../columnar/values.js';

/** A code per row and, for each code, the first row holding it (to format the value once). */
export interface ColumnCodes {
  readonly codes: Int32Array;
  readonly firstRows: number[];
}

/** Codes of the distinct values of `column` (null is a value of its own), numbered in order of first appearance. */
export function columnCodes(column: Column): ColumnCodes {
  const kind = column.type.kind;
  if (kind === 'dictionary') return dictionaryCodes(column);
  if (kind === 'utf8' || kind === 'large_utf8') return byKey(column, (row) => bytesKey(column, row));
  if (kind === 'bool') return byKey(column, (row) => valueAt(column, row));
  const values = column.values;
  if (values && values.length === column.length) return byKey(column, (row) => values[row] as number | bigint);
  return byKey(column, (row) => valueKey(valueAt(column, row)));
}

function byKey(column: Column, keyOf: (row: number) => Value): ColumnCodes {
  const codes = new Int32Array(column.length);
  const firstRows: number[] = [];
  const seen = new Map<Value, number>();
  let nullCode = -1;
  const nullable = column.nullCount > 0;
  for (let row = 0; row < column.length; row++) {
    if (nullable && !isValid(column, row)) {
      if (nullCode < 0) {
        nullCode = firstRows.length;
        firstRows.push(row);
      }
      codes[row] = nullCode;
      continue;
    }
    const key = keyOf(row);
    let code = seen.get(key);
    if (code === undefined) {
      code = firstRows.length;
      seen.set(key, code);
      firstRows.push(row);
    }
    codes[row] = code;
  }
  return { codes, firstRows };
}

/** The bytes of a string row as a JavaScript string of byte values: distinct byte strings give distinct keys. */
function bytesKey(column: Column, row: number): string {
  const data = column.data as Uint8Array;
  const start = offsetAt(column.offsets!, row);
  const end = offsetAt(column.offsets!, row + 1);
  if (end - start > 64) return String.fromCharCode(...data.subarray(start, end));
  let key = '';
  for (let i = start; i < end; i++) key += String.fromCharCode(data[i] as number);
  return key;
}

/** A Map key for a composite value (decimals, intervals): its digits or its elements. */
function valueKey(value: Value): Value {
  if (value instanceof Uint8Array || value instanceof Int32Array) return Array.from(value).join(',');
  return value;
}

/** Codes of a dictionary column: its indices, renumbered by first appearance (unused entries get none). */
function dictionaryCodes(column: Column): ColumnCodes {
  const indices = column.values!;
  return byKey(column, (row) => Number(indices[row]));
}
