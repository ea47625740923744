// Dataset filters mixing partition and data columns: rows equal to DuckDB's, and the data terms reach the reader's
// pushdown (row groups pruned by statistics and bloom filters, pages by the page index), shown by read counters.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { type Filter, openDataset, type ReadStats, writeTable } from '../../../src/parquet/index.js';
import { duckdbQuery, tableRows, tempDir } from '../../support/dataset_rows.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());

const ROWS = 4000; // per file: 4 row groups of 1000 rows, pages of 100 rows
const parts: [string, number][] = [
  ['a', 2023],
  ['a', 2024],
  ['b', 2023],
  ['b', 2024],
];
for (const [k, [region, year]] of parts.entries()) {
  const ids = Array.from({ length: ROWS }, (_, i) => k * ROWS + i);
  const table = new arrow.Table({
    id: arrow.vectorFromArray(BigInt64Array.from(ids, BigInt)),
    v: arrow.vectorFromArray(Float64Array.from(ids, (i) => i * 0.5)),
    s: arrow.vectorFromArray(
      ids.map((i) => `k${i % 10}`),
      new arrow.Utf8(),
    ),
    x: arrow.vectorFromArray(
      ids.map((i) => (i % 7 === 0 ? null : i % 11)),
      new arrow.Int32(),
    ),
  });
  const dir = join(tmp.dir, `region=${region}`, `year=${year}`);
  mkdirSync(dir, { recursive: true });
  await writeTable(join(dir, 'part-0.parquet'), table, {
    rowGroupSize: 1000,
    dataPageRowLimit: 100,
    columns: { s: { bloomFilter: true } },
  });
}

const duck = (where: string) =>
  duckdbQuery(`SELECT * FROM read_parquet('${tmp.dir}/**/*.parquet', hive_partitioning=true) WHERE ${where}`);

t.test('filters mixing partition and data columns return the rows DuckDB returns', async (t) => {
  const ds = await openDataset(tmp.dir);
  const cases: [Filter, string][] = [
    [
      [
        ['region', '=', 'a'],
        ['id', '>=', 1500],
        ['id', '<', 1650],
      ],
      "region = 'a' AND id >= 1500 AND id < 1650",
    ],
    [
      [
        [
          ['year', '=', 2024],
          ['x', 'is-null'],
        ],
        [
          ['region', '=', 'b'],
          ['v', '<', 4200.5],
        ],
      ],
      "(year = 2024 AND x IS NULL) OR (region = 'b' AND v < 4200.5)",
    ],
    [
      {
        or: [
          { and: [{ column: 'region', op: '=', value: 'b' }, { not: { column: 'id', op: '<', value: 15900 } }] },
          {
            and: [
              { column: 'year', op: '!=', value: 2023 },
              { column: 's', op: 'in', value: ['k3', 'k7'] },
            ],
          },
        ],
      },
      "(region = 'b' AND NOT id < 15900) OR (year != 2023 AND s IN ('k3', 'k7'))",
    ],
    [
      {
        not: {
          or: [
            { column: 'region', op: '=', value: 'a' },
            { column: 'x', op: '>', value: 3 },
          ],
        },
      },
      "NOT (region = 'a' OR x > 3)",
    ],
    [
      { and: [{ column: 'year', op: '>=', value: 2024 }, { not: { column: 'x', op: 'not-in', value: [1, 2] } }] },
      'year >= 2024 AND NOT x NOT IN (1, 2)',
    ],
    [[['s', '=', 'k5x']], "s = 'k5x'"],
  ];
  for (const [filter, where] of cases) {
    const expected = await duck(where);
    const table = await ds.toTable({ filters: filter });
    t.same(tableRows(table), expected, where);
    t.equal(await ds.countRows({ filters: filter }), expected.length, `count ${where}`);
  }
});

t.test('data terms prune row groups by statistics and pages by the page index', async (t) => {
  const ds = await openDataset(tmp.dir);
  let stats: ReadStats | undefined;
  const before = ds.stats.dataFilesOpened;
  const table = await ds.toTable({
    filters: [
      ['region', '=', 'a'],
      ['id', '>=', 1500],
      ['id', '<', 1650],
    ],
    onStats: (s) => {
      stats = s;
    },
  });
  t.equal(table.numRows, 150);
  t.equal(ds.stats.dataFilesOpened - before, 2, 'only the region=a files are opened');
  t.ok(stats);
  t.same(stats!.rowGroups, {
    total: 8,
    read: 1,
    skippedByStatistics: 7,
    skippedByBloomFilter: 0,
    skippedByPageIndex: 0,
  });
  // The one row group read: 4 columns of 10 pages; id's pages for 1500..1699 hold the candidates, and the other
  // columns are read only on the pages holding the 150 matching rows.
  t.same(stats!.pages, { total: 40, read: 8 });
  t.same(stats!.rows, { total: 8 * 1000, read: 200, matched: 150 });
});

t.test('data terms prune row groups by bloom filters', async (t) => {
  const ds = await openDataset(tmp.dir);
  let stats: ReadStats | undefined;
  const table = await ds.toTable({
    filters: {
      and: [
        { column: 'year', op: '=', value: 2024 },
        { column: 's', op: 'in', value: ['k5x', 'zz'] },
      ],
    },
    onStats: (s) => {
      stats = s;
    },
  });
  t.equal(table.numRows, 0);
  t.equal(stats!.rowGroups.total, 8, 'the two year=2024 files');
  t.equal(stats!.rowGroups.skippedByStatistics, 0, "'k5x' lies between the chunks' min and max");
  t.equal(stats!.rowGroups.skippedByBloomFilter, 8);
  t.equal(stats!.rowGroups.read, 0);
});
