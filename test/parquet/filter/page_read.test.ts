import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';

import type { Filter, ReadStats } from '../../../src/parquet/index.js';
import { readTable, writeTable } from '../../../src/parquet/index.js';
import { duckdbRows, duckdbRun, tesseraRows } from '../../support/duckdb_rows.js';

// A file in Tessera's page-indexed layout with small pages: `id` sorted (negative and positive), strings long
// enough that their pages end at other rows than the numbers' pages, nulls, booleans and unsigned 64-bit values
// above 2^63. The filtered reads go through the page index and must equal DuckDB's rows for the same WHERE.
const dir = mkdtempSync(join(tmpdir(), 'tessera-page-read-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const source = join(dir, 'source.parquet');
const path = join(dir, 'paged.parquet');
await duckdbRun(`
  COPY (SELECT (i - 5000)::BIGINT AS id,
    CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i) % 1000)::INTEGER - 500 END AS n,
    CASE WHEN i % 5 = 0 THEN NULL ELSE repeat('s', (i % 37)::INTEGER) || i::VARCHAR END AS s,
    (i % 3 = 0) AS b,
    (18446744073709551615 - (i * 1000))::UBIGINT AS u,
    CASE WHEN i % 11 = 0 THEN NULL ELSE i / 4 END AS f
  FROM range(10000) r(i)) TO '${source}' (FORMAT parquet)`);
await writeTable(path, await readTable(source), { rowGroupSize: 4000, dataPageRowLimit: 300, dataPageSize: 2000 });

const cases: [string, Filter, string][] = [
  [
    'id range across row groups',
    [
      ['id', '>=', -100],
      ['id', '<', 2345],
    ],
    'id >= -100 AND id < 2345',
  ],
  ['id = negative', [['id', '=', -1]], 'id = -1'],
  ['id = bigint', [['id', '=', 4321n]], 'id = 4321'],
  [
    'id range and n (scattered rows)',
    [
      ['id', '>', -3000],
      ['id', '<=', -1500],
      ['n', '>', 0],
    ],
    'id > -3000 AND id <= -1500 AND n > 0',
  ],
  ['two ends', [[['id', '<', -4990]], [['id', '>', 4990]]], 'id < -4990 OR id > 4990'],
  ['unsigned above 2^63', [['u', '>', 18446744073700000000n]], 'u > 18446744073700000000'],
  ['unsigned at most', [['u', '<=', 18446744073704551615n]], 'u <= 18446744073704551615'],
  [
    'strings and ids',
    [
      ['s', '>=', 'ssssssssss'],
      ['id', '<', -2000],
    ],
    "s >= 'ssssssssss' AND id < -2000",
  ],
  [
    'booleans',
    [
      ['b', '=', true],
      ['id', '<', -4300],
    ],
    'b AND id < -4300',
  ],
  ['not', { not: { column: 'id', op: '>=', value: -4900 } }, 'NOT (id >= -4900)'],
  ['no match', [['id', '>', 100_000]], 'id > 100000'],
];

for (const [name, filter, where] of cases) {
  t.test(name, async (t) => {
    let stats: ReadStats | undefined;
    const expected = await duckdbRows(path, `* FROM read_parquet('${path}') WHERE ${where} --`);
    const actual = await tesseraRows(path, undefined, { filters: filter, onStats: (s) => (stats = s) });
    t.same(actual, expected);
    t.ok(stats!.pages.read <= stats!.pages.total, JSON.stringify(stats));
  });
}

t.test('a narrow range reads a few pages, also of columns outside the selection', async (t) => {
  let stats: ReadStats | undefined;
  const filter: Filter = [
    ['id', '>=', 10],
    ['id', '<', 20],
  ];
  const actual = await tesseraRows(path, ['s', 'u'], { filters: filter, onStats: (s) => (stats = s) });
  const expected = await duckdbRows(path, `s, u FROM read_parquet('${path}') WHERE id >= 10 AND id < 20 --`);
  t.same(actual, expected);
  t.equal(stats!.rowGroups.read, 1);
  t.ok(stats!.pages.read <= 6, `${stats!.pages.read} of ${stats!.pages.total} pages read`);
  t.equal(stats!.rows.matched, 10);
});
