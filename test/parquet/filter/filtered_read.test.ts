import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';

import type { Filter, ReadStats } from '../../../src/parquet/index.js';
import { ParquetError, readBatches, readTable } from '../../../src/parquet/index.js';
import { duckdbRows, duckdbRun, tesseraRows } from '../../support/duckdb_rows.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-filter-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'filter.parquet');
const ROWS = 24_000;
// Six row groups; `id` and `key` sorted, `n` with nulls, `f` with nulls and NaN, `s` dictionary-encoded (so DuckDB
// writes a bloom filter), `sparse` all-null in one row group, and decimal, timestamp, unsigned, boolean, date and
// nested columns.
await duckdbRun(`
  COPY (SELECT i::BIGINT AS id,
    printf('k%08d', i) AS key,
    CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i * 4 + 1) % 1000)::INTEGER - 500 END AS n,
    CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'NaN'::DOUBLE
         ELSE (hash(i * 4 + 2) % 100000)::DOUBLE / 100 END AS f,
    'cat_' || (hash(i * 4 + 3) % 20)::VARCHAR AS s,
    CASE WHEN i >= 8192 AND i < 12288 THEN NULL ELSE i % 100 END AS sparse,
    ((i % 1000)::DECIMAL(10, 2) / 4)::DECIMAL(10, 2) AS dec,
    TIMESTAMP '2024-01-01' + to_seconds(i) AS ts,
    (4000000000 - i)::UINTEGER AS u,
    (i % 3 = 0) AS flag,
    DATE '2020-01-01' + (i // 100)::INTEGER AS day,
    [i, i + 1] AS lst,
    {'a': i, 'b': 's' || i::VARCHAR} AS st
  FROM range(${ROWS}) r(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 4096)`);

/** Row-by-row equality, reporting the first difference (a deep compare of 50k rows is slow). */
function sameRows(t: Test, actual: string[], expected: string[]): void {
  const first = actual.findIndex((row, i) => row !== expected[i]);
  if (first >= 0) t.equal(actual[first], expected[first], `row ${first}`);
  else t.equal(actual.length, expected.length, 'same rows');
}

const cases: [string, Filter, string][] = [
  [
    'id range (DNF flat)',
    [
      ['id', '>=', 12345],
      ['id', '<', 12400],
    ],
    'id >= 12345 AND id < 12400',
  ],
  ['id = bigint', [['id', '=', 20000n]], 'id = 20000'],
  ['id fractional literal', [['id', '<', 10.5]], 'id < 10.5'],
  ['n = ', [['n', '=', 7]], 'n = 7'],
  ['n != ', [['n', '!=', 7]], 'n <> 7'],
  ['n in', [['n', 'in', [1, 2, 3]]], 'n IN (1, 2, 3)'],
  ['n not-in', [['n', 'not-in', [1, 2, 3]]], 'n NOT IN (1, 2, 3)'],
  ['n is-null', [['n', 'is-null']], 'n IS NULL'],
  ['n is-not-null', [['n', 'is-not-null']], 'n IS NOT NULL'],
  ['f >', [['f', '>', 500]], 'f > 500 AND NOT isnan(f)'],
  ['f <=', [['f', '<=', 10]], 'f <= 10'],
  ['f !=', [['f', '!=', 1]], 'f <> 1'],
  ['s =', [['s', '=', 'cat_3']], "s = 'cat_3'"],
  ['s in', [['s', 'in', ['cat_1', 'cat_19', 'nope']]], "s IN ('cat_1', 'cat_19', 'nope')"],
  ['s >', [['s', '>', 'cat_5']], "s > 'cat_5'"],
  [
    'key range',
    [
      ['key', '>=', 'k00011000'],
      ['key', '<', 'k00011010'],
    ],
    "key >= 'k00011000' AND key < 'k00011010'",
  ],
  [
    'sparse is-not-null',
    [
      ['sparse', 'is-not-null'],
      ['id', '<', 13000],
    ],
    'sparse IS NOT NULL AND id < 13000',
  ],
  ['sparse =', [['sparse', '=', 5]], 'sparse = 5'],
  ['dec >', [['dec', '>', 100.25]], 'dec > 100.25'],
  ['dec = text', [['dec', '=', '12.50']], 'dec = 12.50'],
  ['ts >=', [['ts', '>=', new Date('2024-01-01T16:00:00Z')]], "ts >= TIMESTAMP '2024-01-01 16:00:00'"],
  ['u >', [['u', '>', 3_999_990_000]], 'u > 3999990000'],
  [
    'flag',
    [
      ['flag', '=', true],
      ['id', '<', 100],
    ],
    'flag AND id < 100',
  ],
  ['day <', [['day', '<', new Date('2020-01-10')]], "day < DATE '2020-01-10'"],
  [
    'DNF or',
    [
      [['id', '<', 100]],
      [
        ['id', '>', 23_900],
        ['n', '>', 0],
      ],
    ],
    'id < 100 OR (id > 23900 AND n > 0)',
  ],
  [
    'not / or / and objects',
    { not: { or: [{ column: 'n', op: '<', value: 0 }, { and: [{ column: 's', op: '=', value: 'cat_1' }] }] } },
    "NOT (n < 0 OR s = 'cat_1')",
  ],
  ['not of an ordering on floats', { not: { column: 'f', op: '<', value: 500 } }, 'NOT (f < 500) OR isnan(f)'],
  ['no match', [['id', '>', 1_000_000]], 'id > 1000000'],
];

for (const [name, filter, where] of cases) {
  t.test(name, async (t) => {
    const expected = await duckdbRows(path, `* FROM read_parquet('${path}') WHERE ${where} --`);
    const actual = await tesseraRows(path, undefined, { filters: filter });
    t.equal(actual.length, expected.length, 'row count');
    sameRows(t, actual, expected);
  });
}

t.test('nested and selected columns are filtered by a column not selected', async (t) => {
  const where = 'id % 1000 < 3 OR id BETWEEN 15000 AND 15005';
  const expected = await duckdbRows(path, `s, lst, st FROM read_parquet('${path}') WHERE ${where} --`);
  const filter: Filter = {
    or: [
      { column: 'id', op: 'in', value: [0, 1, 2, 1000, 1001, 1002, 23002] },
      {
        and: [
          { column: 'id', op: '>=', value: 15000 },
          { column: 'id', op: '<=', value: 15005 },
        ],
      },
    ],
  };
  const viaIn = await tesseraRows(path, ['s', 'lst', 'st'], { filters: filter });
  const sql = await duckdbRows(
    path,
    `s, lst, st FROM read_parquet('${path}') WHERE id IN (0, 1, 2, 1000, 1001, 1002, 23002) OR id BETWEEN 15000 AND 15005 --`,
  );
  sameRows(t, viaIn, sql);
  t.ok(expected.length > 0);
});

t.test('row groups are skipped by statistics', async (t) => {
  let stats: ReadStats | undefined;
  const table = await readTable(path, {
    filters: [
      ['id', '>=', 12345],
      ['id', '<', 12400],
    ],
    onStats: (s) => (stats = s),
  });
  t.equal(table.numRows, 55);
  t.ok(stats);
  t.equal(stats!.rowGroups.read, 1);
  t.equal(stats!.rowGroups.skippedByStatistics, stats!.rowGroups.total - 1);
  t.equal(stats!.rows.matched, 55);
  t.ok(stats!.bytes.read * 3 < stats!.bytes.total, `${stats!.bytes.read} of ${stats!.bytes.total} bytes`);
  // The row group where `sparse` is all null is skipped for is-not-null.
  await readTable(path, { filters: [['sparse', 'is-not-null']], onStats: (s) => (stats = s) });
  t.equal(stats!.rowGroups.skippedByStatistics, 1);
  t.equal(stats!.rows.matched, ROWS - 4096);
});

t.test('bad filters are BAD_ARGUMENT errors naming the problem', async (t) => {
  const bad: [Filter, RegExp][] = [
    [[['nope', '=', 1]], /no column named "nope"/],
    [[['id', '~' as '=', 1]], /unknown operator "~" on column "id"/],
    [[['id', 'in', 3 as unknown as number[]]], /"id" in needs an array/],
    [[['id', '=', 'abc']], /value "abc" cannot be compared with column "id"/],
    [[['lst', '=', 1]], /nested/],
    [{ and: [] }, /non-empty/],
    [[], /empty filter/],
    [[['n', '=', null as unknown as number]], /use is-null/],
  ];
  for (const [filter, message] of bad) {
    await t.rejects(readTable(path, { filters: filter }), message);
    await readTable(path, { filters: filter }).catch((err) =>
      t.ok(err instanceof ParquetError && err.code === 'BAD_ARGUMENT'),
    );
  }
});

t.test('bloom filters skip row groups for = and in values inside the min/max bounds', async (t) => {
  let stats: ReadStats | undefined;
  const onStats = (s: ReadStats) => {
    stats = s;
  };
  // 'cat_0x' sorts between cat_0 and cat_9, so statistics cannot rule it out.
  const none = await readTable(path, { filters: [['s', '=', 'cat_0x']], onStats });
  t.equal(none.numRows, 0);
  t.equal(stats!.rowGroups.skippedByBloomFilter, stats!.rowGroups.total);
  t.equal(stats!.rowGroups.read, 0);
  const some = await readTable(path, { filters: [['s', 'in', ['cat_0x', 'cat_7']]], onStats });
  t.equal(stats!.rowGroups.skippedByBloomFilter, 0);
  const expected = await duckdbRows(path, `count(*) FROM read_parquet('${path}') WHERE s = 'cat_7' --`);
  t.equal(String(some.numRows), JSON.parse(expected[0]!)['count_star()']);
  // NOT (s != x) is s = x: the bloom filter applies under negation too.
  await readTable(path, { filters: { not: { column: 's', op: '!=', value: 'cat_0x' } }, onStats });
  t.equal(stats!.rowGroups.skippedByBloomFilter, stats!.rowGroups.total);
});

t.test('readBatches streams the same filtered rows as readTable', async (t) => {
  const filter: Filter = [['n', '>', 400]];
  const table = await readTable(path, { filters: filter, columns: ['id'] });
  const ids: bigint[] = [];
  let stats: ReadStats | undefined;
  for await (const batch of readBatches(path, { filters: filter, columns: ['id'], onStats: (s) => (stats = s) })) {
    for (const id of batch.getChild('id')!) ids.push(id as bigint);
  }
  t.same(ids, [...table.getChild('id')!]);
  t.equal(stats!.rows.matched, ids.length);
});
