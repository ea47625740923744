// Group-by keys that are dictionary-encoded (issue 16 item 1): rows are grouped by their codes, never by their
// values. The dictionary's own values are grouped first (a dictionary may repeat a value, and partitions and files
// have different dictionaries), each code is mapped to its value's group, and the rows are grouped on those small
// integers by direct addressing. Only the groups' representatives are turned back into values.

import { allocArray } from '../../columnar/alloc.js';
import { decodeDictionary } from '../../columnar/dictionary.js';
import { isValid } from '../../columnar/layout.js';
import { takeColumn } from '../../columnar/take.js';
import type { Column, DataType } from '../../columnar/types.js';
import { groupIds } from './group_ids.js';

/** A key column as the group-by sees it: what to group on, and how to take the key values of some rows. */
export interface KeyInput {
  /** The column to group rows by (the key itself, or canonical int32 codes). */
  readonly grouping: Column;
  /** The type of the key values. */
  readonly type: DataType;
  /** The key values of `rows` (-1: null). */
  take(rows: Int32Array): Column;
}

/** The group-by view of key column `column`. */
export function keyInput(column: Column): KeyInput {
  if (column.type.kind !== 'dictionary') return plainKey(column);
  const dictionary = column.dictionary!;
  // Null dictionary entries would form a null group apart from null rows: group such columns by their values.
  if (dictionary.nullCount > 0) return plainKey(decodeDictionary(column));
  const codes = column.values as ArrayLike<number | bigint>;
  const n = column.length;
  const valueGroups = groupIds([dictionary]).ids;
  const canonical = allocArray(Int32Array, n);
  const nullable = column.nullCount > 0;
  for (let i = 0; i < n; i++) {
    if (nullable && !isValid(column, i)) continue;
    const code = Number(codes[i]!);
    if (!(code >= 0 && code < valueGroups.length)) {
      throw new RangeError(
        `groupby: dictionary code ${code} at row ${i} outside a dictionary of ${valueGroups.length}`,
      );
    }
    canonical[i] = valueGroups[code]!;
  }
  const grouping: Column = {
    type: { kind: 'int32' },
    length: n,
    nullCount: column.nullCount,
    validity: column.validity,
    values: canonical,
  };
  return {
    grouping,
    type: column.type.value,
    take(rows) {
      const at = new Int32Array(rows.length);
      for (let g = 0; g < rows.length; g++) {
        const r = rows[g]!;
        at[g] = r < 0 || (nullable && !isValid(column, r)) ? -1 : Number(codes[r]!);
      }
      return takeColumn(dictionary, at);
    },
  };
}

function plainKey(column: Column): KeyInput {
  return { grouping: column, type: column.type, take: (rows) => takeColumn(column, rows) };
}
