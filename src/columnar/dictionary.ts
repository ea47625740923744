// Dictionary-encoded columns (the reader's hive partition keys, dictionary pages kept as such) decoded into plain
// columns of the value type, for operations that work on values (expressions, hashing, sorting).
import { getBit } from './layout.js';
import { takeColumn } from './take.js';
import type { Column } from './types.js';

/** A dictionary column's values as a plain column (other columns are returned as they are). */
export function decodeDictionary(column: Column): Column {
  if (column.type.kind !== 'dictionary') return column;
  const codes = column.values!;
  const indices = new Int32Array(column.length);
  const validity = column.nullCount > 0 ? column.validity : undefined;
  for (let i = 0; i < column.length; i++) {
    indices[i] = validity && !getBit(validity, i) ? -1 : Number(codes[i]!);
  }
  return takeColumn(column.dictionary!, indices);
}
