// Nested fixtures of parquet-testing read value for value as DuckDB reads them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ParquetError, readTable } from '../../../src/parquet/index.js';
import { duckdbRows, duckdbRun, tesseraRows } from '../../support/duckdb_rows.js';

const DATA = 'fixtures/parquet-testing/data';

const FIXTURES = [
  'nested_lists.snappy',
  'nested_maps.snappy',
  'nested_structs.rust',
  'list_columns',
  'null_list',
  'nulls.snappy',
  'datapage_v2.snappy',
  'old_list_structure',
  'repeated_no_annotation',
  'repeated_primitive_no_list',
  'incorrect_map_schema',
  'nonnullable.impala',
  'nullable.impala',
];

for (const name of FIXTURES) {
  t.test(`${name} matches DuckDB row by row`, async (t) => {
    const path = `${DATA}/${name}.parquet`;
    const expected = await duckdbRows(path);
    const actual = await tesseraRows(path);
    t.ok(expected.length > 0, 'DuckDB reads rows');
    t.equal(actual.length, expected.length, 'row count');
    for (let i = 0; i < expected.length; i++) t.equal(actual[i], expected[i], `row ${i}`);
  });
}

t.test('list<struct<list<int>>> with nulls at every level (written by DuckDB)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-nested-'));
  const path = join(dir, 'list_struct_list.parquet');
  const rows = [
    `[{'a': [1, 2, NULL], 'b': 'x'}, NULL, {'a': NULL, 'b': NULL}, {'a': [], 'b': 'y'}]`,
    'NULL',
    '[]',
    `[NULL]`,
    `[{'a': [NULL], 'b': 'z'}]`,
    `[{'a': [3], 'b': NULL}, {'a': [4, 5, 6, 7], 'b': 'w'}]`,
  ];
  const values = rows.map((v, i) => `(${i}, ${v}::STRUCT(a INTEGER[], b VARCHAR)[])`).join(', ');
  // a small row group size spreads the rows over several row groups and pages
  await duckdbRun(
    `COPY (SELECT * FROM (VALUES ${values}) v(id, l) ORDER BY id) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 4)`,
  );
  const expected = await duckdbRows(path);
  t.equal(expected.length, rows.length);
  t.same(await tesseraRows(path), expected);
  const table = await readTable(path);
  t.equal(String(table.schema.fields[1]!.type), 'List<Struct<{a:List<Int32>, b:Utf8}>>');
});

t.test('map_no_value: the key-only map reads as the list of its keys, equal to the list column', async (t) => {
  const table = await readTable(`${DATA}/map_no_value.parquet`);
  t.equal(table.numRows, 3);
  t.same(
    table
      .getChild('my_map_no_v')!
      .toJSON()
      .map((v) => Array.from(v as Iterable<number>)),
    table
      .getChild('my_list')!
      .toJSON()
      .map((v) => Array.from(v as Iterable<number>)),
  );
  t.same(Array.from(table.getChild('my_list')!.get(2) as Iterable<number>), [7, 8, 9]);
  const rows = await tesseraRows(`${DATA}/map_no_value.parquet`, ['my_map']);
  t.same(rows[0], '{"my_map":[{"key":"1","value":null},{"key":"2","value":null},{"key":"3","value":null}]}');
});

t.test('large_string_map.brotli (a 2 GiB column chunk) ends in a ParquetError before inflating it', async (t) => {
  const started = Date.now();
  const error = await readTable(`${DATA}/large_string_map.brotli.parquet`).then(
    () => undefined,
    (err: unknown) => err,
  );
  t.ok(error instanceof ParquetError, 'a ParquetError');
  t.equal((error as ParquetError).code, 'UNSUPPORTED');
  t.equal((error as ParquetError).context.column, 'arr.key_value.key');
  // refusing happens before any page is inflated, so it cannot take seconds (not a timing assertion on speed:
  // inflating the chunk would take tens of seconds and gigabytes)
  t.ok(Date.now() - started < 5000);
});

t.test('Arrow types and field names of nested columns', async (t) => {
  const types = async (file: string): Promise<string[]> =>
    (await readTable(`${DATA}/${file}.parquet`)).schema.fields.map(
      (f) => `${f.name}: ${f.type}${f.nullable ? '' : ' not null'}`,
    );
  t.same(await types('list_columns'), ['int64_list: List<Int64>', 'utf8_list: List<Utf8>']);
  t.same(await types('nested_maps.snappy'), [
    'a: Map<{key:Utf8, value:Map<{key:Int32, value:Bool}>}>',
    'b: Int32 not null',
    'c: Float64 not null',
  ]);
  t.same(await types('repeated_primitive_no_list'), [
    'Int32_list: List<Int32> not null',
    'String_list: List<Utf8> not null',
    'group_of_lists: Struct<{Int32_list_in_group:List<Int32>, String_list_in_group:List<Utf8>}> not null',
  ]);
  const table = await readTable(`${DATA}/list_columns.parquet`);
  t.equal(table.schema.fields[0]!.type.children[0]!.name, 'item', 'list elements keep the file name');
  const maps = await readTable(`${DATA}/nested_maps.snappy.parquet`);
  const entries = maps.schema.fields[0]!.type.children[0]!;
  t.equal(entries.name, 'entries');
  t.same(
    entries.type.children.map((f: { name: string; nullable: boolean }) => [f.name, f.nullable]),
    [
      ['key', false],
      ['value', true],
    ],
  );
});

t.test('column selection inside a struct keeps only the named members', async (t) => {
  const path = `${DATA}/nullable.impala.parquet`;
  const rows = await tesseraRows(path, ['id', 'nested_struct.A', 'nested_struct.b.list.element']);
  t.same(
    rows,
    await duckdbRows(
      path,
      'id, CASE WHEN nested_struct IS NOT NULL THEN struct_pack(A := nested_struct.A, b := nested_struct.b) END AS nested_struct',
    ),
  );
});
