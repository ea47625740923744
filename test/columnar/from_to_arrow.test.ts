import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { batchFromArrow, batchToArrow, typeFromArrow, typeToArrow } from '../../src/columnar/index.js';
import { readTable } from '../../src/parquet/index.js';
import { duckdbRun } from '../support/duckdb_rows.js';
import { ARROW_CASES, arrowCasesTable, arrowTableText } from './arrow_cases.js';

t.test('every type survives Arrow -> Batch -> Arrow with the values Arrow reads', async (t) => {
  const table = arrowCasesTable();
  const batch = batchFromArrow(table);
  t.equal(batch.numRows, 5);
  const back = batchToArrow(batch);
  t.same(arrowTableText(back), arrowTableText(table));
  for (const [name, type] of ARROW_CASES) {
    t.equal(String(typeToArrow(typeFromArrow(type))), String(type), `${name}: type`);
    t.equal(String(back.schema.fields.find((f) => f.name === name)!.type), String(type), `${name}: schema`);
  }
  // The batch is plain data: a second trip gives the same plain data.
  t.same(batchFromArrow(back), batch);
});

t.test('slices of every type (offsets mid-byte) round-trip', async (t) => {
  const table = arrowCasesTable();
  for (const [start, end] of [
    [1, 4],
    [3, 5],
    [2, 2],
  ] as const) {
    const sliced = table.slice(start, end);
    const back = batchToArrow(batchFromArrow(sliced));
    t.same(arrowTableText(back), arrowTableText(sliced), `slice ${start}..${end}`);
  }
});

t.test('numeric buffers are shared both ways (no copy)', async (t) => {
  const table = arrowCasesTable();
  const batch = batchFromArrow(table);
  const back = batchToArrow(batch);
  for (const name of [
    'i32',
    'i64',
    'u64',
    'f64',
    'f16',
    'dec128',
    'ts_us_utc',
    'date32',
    'utf8',
    'fsb',
    'interval_mdn',
  ]) {
    const original = table.getChild(name)!.data[0]!;
    const roundTripped = back.getChild(name)!.data[0]!;
    t.equal(roundTripped.values.buffer, original.values.buffer, `${name}: values buffer`);
    if (original.valueOffsets)
      t.equal(roundTripped.valueOffsets.buffer, original.valueOffsets.buffer, `${name}: offsets`);
    const column = batch.columns[batch.fields.findIndex((f) => f.name === name)]!;
    t.equal((column.values ?? column.data)!.buffer, original.values.buffer, `${name}: batch shares values`);
  }
  // Validity bitmaps starting at bit 0 are views too.
  const i32 = table.getChild('i32')!.data[0]!;
  t.equal(back.getChild('i32')!.data[0]!.nullBitmap.buffer, i32.nullBitmap.buffer);
  // And the other way: a Batch's buffers are the Arrow table's.
  const again = batchFromArrow(back);
  t.equal(again.columns[0]!.values!.buffer, batch.columns[0]!.values!.buffer);
});

t.test('a table of several batches concatenates; empty tables give empty columns', async (t) => {
  const table = arrowCasesTable();
  const doubled = new arrow.Table([...table.batches, ...table.slice(1, 4).batches]);
  const batch = batchFromArrow(doubled);
  t.equal(batch.numRows, 8);
  t.same(arrowTableText(batchToArrow(batch)), arrowTableText(doubled));
  const empty = new arrow.Table(table.schema);
  const emptyBatch = batchFromArrow(empty);
  t.equal(emptyBatch.numRows, 0);
  t.equal(batchToArrow(emptyBatch).numRows, 0);
  t.same(String(batchToArrow(emptyBatch).schema), String(table.schema));
});

t.test('what the Parquet reader returns round-trips', async (t) => {
  const files = [
    'alltypes_plain.parquet',
    'alltypes_dictionary.parquet',
    'byte_array_decimal.parquet',
    'fixed_length_decimal.parquet',
    'int96_from_spark.parquet',
    'float16_nonzeros_and_nans.parquet',
    'nested_lists.snappy.parquet',
    'nested_maps.snappy.parquet',
    'nested_structs.rust.parquet',
    'list_columns.parquet',
    'null_list.parquet',
    'nullable.impala.parquet',
    'repeated_no_annotation.parquet',
    'datapage_v2.snappy.parquet',
  ];
  for (const file of files) {
    const path = new URL(`../../fixtures/parquet-testing/data/${file}`, import.meta.url).pathname;
    const table = await readTable(path);
    const back = batchToArrow(batchFromArrow(table));
    t.same(arrowTableText(back), arrowTableText(table), file);
    t.equal(String(back.schema), String(table.schema), `${file}: schema`);
  }
});

t.test('a DuckDB-written file of many types round-trips', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'columnar-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'types.parquet');
  await duckdbRun(`COPY (SELECT
      i::TINYINT AS i8, i::SMALLINT AS i16, i::INTEGER AS i32, i::BIGINT AS i64,
      i::UTINYINT AS u8, i::USMALLINT AS u16, i::UINTEGER AS u32, i::UBIGINT AS u64,
      (i / 3)::FLOAT AS f32, (i / 7)::DOUBLE AS f64, (i % 2 = 0) AS b, 'é' || i::VARCHAR AS s,
      (i * 1.25)::DECIMAL(9, 2) AS d9, (i * 1.25)::DECIMAL(18, 3) AS d18, (i * 1.25)::DECIMAL(38, 4) AS d38,
      DATE '2024-02-28' + i::INTEGER AS dt, TIMESTAMP '2024-02-28 12:00:00' + INTERVAL (i) HOUR AS ts,
      TIMESTAMPTZ '2024-02-28 12:00:00+00' + INTERVAL (i) MINUTE AS tstz, TIME '10:00:00' + INTERVAL (i) SECOND AS tm,
      [i, i + 1] AS l, {'a': i, 'b': i::VARCHAR} AS st, MAP {'k': i} AS m, uuid() AS u, 'x'::BLOB AS bl
    FROM (SELECT CASE WHEN range % 5 = 0 THEN NULL ELSE range END AS i FROM range(100))) TO '${path}' (FORMAT PARQUET)`);
  const table = await readTable(path);
  const back = batchToArrow(batchFromArrow(table));
  t.same(arrowTableText(back), arrowTableText(table));
  t.equal(String(back.schema), String(table.schema));
});
