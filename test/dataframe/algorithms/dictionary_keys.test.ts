// Group-by on dictionary-encoded keys (issue 16 item 1): grouping by codes gives the groups grouping by values gives,
// whatever the dictionaries (repeated values, unused entries, different per partition).
import t from 'tap';
import { decodeDictionary } from '../../../src/columnar/dictionary.js';
import type { Column } from '../../../src/columnar/types.js';
import { keyInput } from '../../../src/dataframe/algorithms/dictionary_keys.js';
import { groupIds } from '../../../src/dataframe/algorithms/group_ids.js';

function utf8(values: readonly string[]): Column {
  const bytes = values.map((v) => new TextEncoder().encode(v));
  const offsets = new Int32Array(values.length + 1);
  const data = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  bytes.forEach((b, i) => {
    data.set(b, offsets[i]!);
    offsets[i + 1] = offsets[i]! + b.length;
  });
  return { type: { kind: 'utf8' }, length: values.length, nullCount: 0, offsets, data };
}

function dictionaryColumn(dictionary: readonly string[], codes: readonly (number | null)[]): Column {
  const validity = new Uint8Array(Math.ceil(codes.length / 8));
  codes.forEach((c, i) => {
    if (c !== null) validity[i >> 3]! |= 1 << (i & 7);
  });
  const nulls = codes.filter((c) => c === null).length;
  return {
    type: { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'utf8' }, ordered: false },
    length: codes.length,
    nullCount: nulls,
    validity: nulls > 0 ? validity : undefined,
    values: Int32Array.from(codes, (c): number => c ?? 0),
    dictionary: utf8(dictionary),
  };
}

/** Groups as lists of row numbers, in order of first row. */
function groupsOf(ids: Int32Array, numGroups: number): number[][] {
  const groups: number[][] = Array.from({ length: numGroups }, () => []);
  for (let row = 0; row < ids.length; row++) groups[ids[row]!]!.push(row);
  return groups;
}

function text(column: Column, row: number): string | null {
  if (column.validity && !(column.validity[row >> 3]! & (1 << (row & 7)))) return null;
  const offsets = column.offsets as Int32Array;
  return new TextDecoder().decode(column.data!.subarray(offsets[row]!, offsets[row + 1]!));
}

t.test('codes group as their values do, repeated dictionary values and nulls included', async (t) => {
  // 'b' twice in the dictionary, 'z' unused.
  const column = dictionaryColumn(['a', 'b', 'z', 'b', 'c'], [0, 1, 3, null, 4, 3, 0, null, 1, 4]);
  const key = keyInput(column);
  const byCodes = groupIds([key.grouping]);
  const byValues = groupIds([decodeDictionary(column)]);
  t.same(groupsOf(byCodes.ids, byCodes.numGroups), groupsOf(byValues.ids, byValues.numGroups));
  const values = key.take(byCodes.firstRow);
  t.same(
    Array.from({ length: values.length }, (_, g) => text(values, g)),
    ['a', 'b', null, 'c'],
    'the key values of the groups',
  );
  t.equal(key.type.kind, 'utf8');
});

t.test('a plain key column is grouped as it is', async (t) => {
  const column = utf8(['x', 'y', 'x']);
  const key = keyInput(column);
  t.equal(key.grouping, column);
  t.same(groupIds([key.grouping]).numGroups, 2);
});

t.test('a code outside the dictionary is an error naming the row', async (t) => {
  const column = dictionaryColumn(['a'], [0, 2]);
  t.throws(() => keyInput(column), /code 2 at row 1/);
});
