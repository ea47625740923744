import t from 'tap';
import type { Filter, ReadStats } from '../../../src/parquet/index.js';
import { readTable } from '../../../src/parquet/index.js';
import { duckdbRows, tesseraRows } from '../../support/duckdb_rows.js';

// One row group of 7300 rows in pages of a few hundred rows, with a ColumnIndex and OffsetIndex per column.
const path = new URL('../../../fixtures/parquet-testing/data/alltypes_tiny_pages.parquet', import.meta.url).pathname;

const COLUMNS = ['id', 'bool_col', 'tinyint_col', 'smallint_col', 'int_col', 'bigint_col', 'double_col'].concat([
  'date_string_col',
  'string_col',
  'timestamp_col',
  'year',
  'month',
]);

const cases: [string, Filter, string][] = [
  [
    'id range',
    [
      ['id', '>=', 1000],
      ['id', '<', 1030],
    ],
    'id >= 1000 AND id < 1030',
  ],
  ['id =', [['id', '=', 5000]], 'id = 5000'],
  ['two ranges', [[['id', '<', 20]], [['id', '>', 7290]]], 'id < 20 OR id > 7290'],
  [
    'id and int_col',
    [
      ['id', '<', 700],
      ['int_col', '=', 3],
    ],
    'id < 700 AND int_col = 3',
  ],
  [
    'string',
    [
      ['date_string_col', '=', '01/01/09'],
      ['id', '>', 3000],
    ],
    "date_string_col = '01/01/09' AND id > 3000",
  ],
  ['month', [['month', '=', 7]], 'month = 7'],
  ['no match', [['id', '=', -1]], 'id = -1'],
];

for (const [name, filter, where] of cases) {
  t.test(name, async (t) => {
    let stats: ReadStats | undefined;
    // float_col is left out: DuckDB prints FLOAT as the nearest double's digits, Tessera the float's shortest.
    const expected = await duckdbRows(path, `* EXCLUDE (float_col) FROM read_parquet('${path}') WHERE ${where} --`);
    const actual = await tesseraRows(path, COLUMNS, { filters: filter, onStats: (s) => (stats = s) });
    t.same(actual, expected);
    t.ok(stats);
    t.comment(JSON.stringify(stats));
  });
}

t.test('a narrow id range reads few pages and few bytes', async (t) => {
  let stats: ReadStats | undefined;
  const table = await readTable(path, {
    filters: [
      ['id', '>=', 1000],
      ['id', '<', 1030],
    ],
    onStats: (s) => (stats = s),
  });
  t.equal(table.numRows, 30);
  t.ok(stats!.pages.total > 100, `${stats!.pages.total} pages`);
  t.ok(stats!.pages.read * 10 < stats!.pages.total, `${stats!.pages.read} of ${stats!.pages.total} pages read`);
  // The offset indexes of this file's 5794 tiny pages weigh as much as the pages read: bytes shrink less than pages.
  t.ok(stats!.bytes.read < stats!.bytes.total, `${stats!.bytes.read} of ${stats!.bytes.total} bytes read`);
  const projected = await readTable(path, { columns: ['string_col'], filters: [['id', '=', 1005]] });
  t.same(
    projected.schema.fields.map((f) => f.name),
    ['string_col'],
  );
  t.equal(projected.numRows, 1);
});
