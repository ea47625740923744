// Join keys that are dictionary-encoded (issue 16 item 1): instead of decoding one value per row on each side and
// hashing every row's bytes, the values are grouped once per dictionary entry (the two sides' dictionaries, or one
// side's dictionary and the other side's plain values, stacked), and each row takes its entry's group by code. Two
// dictionaries that differ (other partitions, other files) meet through the values, so equal strings get one id.
// The result is an int32 column of those ids over left rows then right rows, null where the key is null.
import { allocBitmap } from '../../columnar/alloc.js';
import { concatColumns } from '../../columnar/concat.js';
import { getBit } from '../../columnar/layout.js';
import type { Column, DataType } from '../../columnar/types.js';
import { groupIds } from './group_ids.js';

/** Shared ids of one key column pair: `ids` over left rows then right rows, `numGroups` bounding them. */
export interface SharedKeyIds {
  readonly column: Column;
  readonly numGroups: number;
}

/** The values each row of `column` is looked up in: its dictionary, or the column itself. */
function domain(column: Column): Column {
  return column.type.kind === 'dictionary' ? column.dictionary! : column;
}

/**
 * The ids of key pair (`left`, `right`) when at least one side is a dictionary small next to its rows (else
 * undefined: per-row grouping costs the same). `asType` brings a plain column of either side to the common key type.
 */
export function dictionaryKeyIds(
  left: Column,
  right: Column,
  asType: (plain: Column) => Column,
): SharedKeyIds | undefined {
  const pays = (c: Column) =>
    c.type.kind === 'dictionary' && c.dictionary !== undefined && c.dictionary.length < c.length;
  if (!pays(left) && !pays(right)) return undefined;
  const leftDomain = asType(domain(left));
  const rightDomain = asType(domain(right));
  const values = concatColumns([leftDomain, rightDomain]);
  if (values.length === 0) return undefined;
  const grouped = groupIds([values]);
  const valueIds = grouped.ids;
  const valueValid = values.nullCount > 0 ? values.validity : undefined;
  const n = left.length + right.length;
  const ids = new Int32Array(n);
  const validity = allocBitmap(n);
  let nullCount = 0;
  const fill = (side: Column, rowBase: number, domainBase: number): void => {
    const rowValid = side.nullCount > 0 ? side.validity : undefined;
    const codes = side.type.kind === 'dictionary' ? (side.values as ArrayLike<number>) : undefined;
    const size = side.type.kind === 'dictionary' ? side.dictionary!.length : side.length;
    for (let i = 0; i < side.length; i++) {
      const row = rowBase + i;
      if (rowValid && !getBit(rowValid, i)) {
        nullCount++;
        continue;
      }
      const entry = codes ? Number(codes[i]) : i;
      if (!(entry >= 0 && entry < size)) {
        throw new RangeError(`merge: dictionary code ${entry} at row ${i} outside a dictionary of ${size}`);
      }
      const at = domainBase + entry;
      if (valueValid && !getBit(valueValid, at)) {
        nullCount++;
        continue;
      }
      ids[row] = valueIds[at]!;
      validity[row >> 3]! |= 1 << (row & 7);
    }
  };
  fill(left, 0, 0);
  fill(right, left.length, leftDomain.length);
  const column: Column = { type: { kind: 'int32' }, length: n, nullCount, values: ids, validity };
  return { column, numGroups: grouped.numGroups };
}

/**
 * The type of a shared key column in a join's output: a dictionary of `keyType` when either side's key is a
 * dictionary of that type (the frame keeps dictionaries), else `keyType`.
 */
export function sharedKeyType(left: DataType, right: DataType, keyType: DataType): DataType {
  const same = (t: DataType) => t.kind === 'dictionary' && JSON.stringify(t.value) === JSON.stringify(keyType);
  if (!same(left) && !same(right)) return keyType;
  return { kind: 'dictionary', index: { kind: 'int32' }, value: keyType, ordered: false };
}

/**
 * The shared key of both sides as one dictionary column over left rows then right rows: its dictionary is the left
 * side's dictionary (or values) followed by the right side's, so no value is copied per row.
 */
export function stackedDictionaryKey(left: Column, right: Column, asType: (plain: Column) => Column): Column {
  const leftDomain = asType(domain(left));
  const dictionary = concatColumns([leftDomain, asType(domain(right))]);
  const n = left.length + right.length;
  const codes = new Int32Array(n);
  const validity = allocBitmap(n);
  let nullCount = 0;
  const fill = (side: Column, rowBase: number, domainBase: number): void => {
    const rowValid = side.nullCount > 0 ? side.validity : undefined;
    const sideCodes = side.type.kind === 'dictionary' ? (side.values as ArrayLike<number>) : undefined;
    for (let i = 0; i < side.length; i++) {
      const row = rowBase + i;
      if (rowValid && !getBit(rowValid, i)) {
        nullCount++;
        continue;
      }
      codes[row] = domainBase + (sideCodes ? Number(sideCodes[i]) : i);
      validity[row >> 3]! |= 1 << (row & 7);
    }
  };
  fill(left, 0, 0);
  fill(right, left.length, leftDomain.length);
  return {
    type: { kind: 'dictionary', index: { kind: 'int32' }, value: dictionary.type, ordered: false },
    length: n,
    nullCount,
    ...(nullCount > 0 ? { validity } : {}),
    values: codes,
    dictionary,
  };
}
