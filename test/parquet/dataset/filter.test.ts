import t from 'tap';
import type { PartitionKind, PartitionValue } from '../../../src/parquet/dataset/filter.js';
import { parseDatasetFilter, partitionMayMatch, residualFilter } from '../../../src/parquet/dataset/filter.js';
import type { Filter } from '../../../src/parquet/filter/expression.js';

const toDisjunction = (filter: Filter) => parseDatasetFilter(filter);

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
  t.throws(() => toDisjunction([['year', 'in', 1 as never]]), { code: 'BAD_ARGUMENT' });
  t.throws(() => may([['year', '=', 'soon']]), { code: 'BAD_ARGUMENT', message: /partition column year/ });
});

t.test('expression filters over partition values: NOT, nested AND / OR, three-valued logic', async (t) => {
  const row = values(2024n, 'a', null);
  const may = (filter: Filter) => partitionMayMatch(parseDatasetFilter(filter), row, kinds);
  t.ok(may({ not: { column: 'year', op: '=', value: 2023 } }));
  t.notOk(may({ not: { column: 'year', op: '=', value: 2024 } }));
  t.notOk(may({ not: { column: 'day', op: '=', value: 1 } }), 'NOT of NULL is NULL, not TRUE');
  t.ok(
    may({
      not: {
        and: [
          { column: 'year', op: '=', value: 2024 },
          { column: 'cat', op: '=', value: 'b' },
        ],
      },
    }),
  );
  t.notOk(
    may({
      not: {
        or: [
          { column: 'year', op: '=', value: 2024 },
          { column: 'cat', op: '=', value: 'b' },
        ],
      },
    }),
  );
  t.notOk(
    may({
      not: {
        or: [
          { column: 'day', op: '>', value: 1 },
          { column: 'cat', op: '=', value: 'b' },
        ],
      },
    }),
  );
  t.ok(
    may({
      or: [
        { column: 'day', op: 'is-null' },
        { column: 'x', op: '>', value: 1 },
      ],
    }),
  );
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
  const dnf = parseDatasetFilter([
    [
      ['year', '=', 2024],
      ['d', '>', 1],
    ],
    [
      ['year', '=', 2023],
      ['s', '=', 'x'],
    ],
  ]);
  t.same(
    residualFilter(dnf, y2024, kinds, columns),
    { column: 'd', op: '>', value: 1 },
    'the false conjunction is dropped, the true term of the other one too',
  );
  t.same(
    residualFilter(
      parseDatasetFilter({
        not: {
          and: [
            { column: 'year', op: '=', value: 2024 },
            { column: 's', op: '=', value: 'x' },
          ],
        },
      }),
      y2024,
      kinds,
      columns,
    ),
    { not: { column: 's', op: '=', value: 'x' } },
    'NOT (TRUE AND s = x) leaves NOT s = x',
  );
  t.equal(
    residualFilter(parseDatasetFilter({ not: { column: 'missing', op: '=', value: 1 } }), y2024, kinds, columns),
    'none',
    'NOT of NULL on a missing column is still not TRUE',
  );
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
