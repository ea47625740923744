import t from 'tap';
import type { PartitionKind, PartitionValue } from '../../../src/parquet/dataset/filter.js';
import { partitionMayMatch, residualFilter, toDisjunction } from '../../../src/parquet/dataset/filter.js';

const kinds = new Map<string, PartitionKind>([
  ['year', 'int64'],
  ['cat', 'string'],
  ['day', 'date'],
]);
const values = (year: bigint | null, cat: string | null, day: bigint | null) =>
  new Map<string, PartitionValue>([
    ['year', year],
    ['cat', cat],
    ['day', day],
  ]);

t.test('DNF over partition values', async (t) => {
  const row = values(2024n, 'a', 19723n); // 2024-01-01
  const may = (filter: Parameters<typeof toDisjunction>[0]) => partitionMayMatch(toDisjunction(filter), row, kinds);
  t.ok(may([['year', '=', 2024]]));
  t.ok(may([['year', '==', '2024']]));
  t.notOk(may([['year', '>', 2024]]));
  t.ok(may([['year', '<', 2024.5]]));
  t.notOk(may([['year', '>', 2024.5]]));
  t.ok(may([['cat', 'in', ['a', 'b']]]));
  t.notOk(may([['cat', 'not in', ['a', 'b']]]));
  t.ok(may([['day', '=', '2024-01-01']]));
  t.ok(may([['day', '=', new Date(Date.UTC(2024, 0, 1))]]));
  t.notOk(may([[['year', '=', 2023]], [['cat', '=', 'b']]]), 'OR of two false ANDs');
  t.ok(may([[['year', '=', 2023]], [['cat', '=', 'a']]]));
  t.ok(may([['other', '=', 1]]), 'unknown columns cannot prune');
  t.ok(may([]));
  t.throws(() => may([['cat', '=', 1]]), { code: 'BAD_ARGUMENT' });
  t.throws(() => toDisjunction([['year', 'like' as '=', 1]]), { code: 'BAD_ARGUMENT' });
  t.throws(() => toDisjunction([['year', 'in', 1]]), { code: 'BAD_ARGUMENT' });
});

t.test('null partition values match only is-null', async (t) => {
  const row = values(null, null, null);
  const may = (filter: Parameters<typeof toDisjunction>[0]) => partitionMayMatch(toDisjunction(filter), row, kinds);
  t.ok(may([['year', 'is-null']]));
  t.notOk(may([['year', 'is-not-null']]));
  t.notOk(may([['year', '!=', 1]]));
  t.notOk(may([['cat', 'not in', ['a']]]));
});

t.test('residualFilter: partition terms decided, data terms left for the reader', (t) => {
  const kinds = new Map<string, 'int64' | 'date' | 'string'>([['year', 'int64']]);
  const y2024 = new Map([['year', 2024n]]);
  const columns = new Set(['d', 's']);
  const dnf = toDisjunction([
    [
      ['year', '=', 2024],
      ['d', '>', 1],
    ],
    [
      ['year', '=', 2023],
      ['s', '=', 'x'],
    ],
  ]);
  t.same(residualFilter(dnf, y2024, kinds, columns), [[['d', '>', 1]]], 'the false conjunction is dropped');
  t.equal(residualFilter(toDisjunction([['year', '=', 2024]]), y2024, kinds, columns), undefined, 'all rows match');
  t.equal(residualFilter(toDisjunction([['year', '=', 2023]]), y2024, kinds, columns), 'none');
  t.equal(
    residualFilter(toDisjunction([['missing', '=', 1]]), y2024, kinds, columns),
    'none',
    'a column the file lacks is null: = is never true',
  );
  t.equal(residualFilter(toDisjunction([['missing', 'is-null']]), y2024, kinds, columns), undefined);
  t.end();
});
