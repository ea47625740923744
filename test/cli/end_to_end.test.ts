// The CLI on real fixture files, through main() and the Parquet reader.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { main } from '../../src/cli/main.js';
import { openDuckDB } from '../support/duckdb_text.js';
import { captureIO } from './capture.js';

const DATA = 'fixtures/parquet-testing/data';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

t.test('schema', async (t) => {
  t.same(await run(['schema', `${DATA}/fixed_length_decimal.parquet`]), {
    code: 0,
    stdout: 'message spark_schema {\n  optional fixed_len_byte_array(11) value (DECIMAL(25,2));\n}\n',
    stderr: '',
  });
});

t.test('cat ndjson: every column type of alltypes_plain, --limit', async (t) => {
  const result = await run(['cat', `${DATA}/alltypes_plain.parquet`, '--limit', '2']);
  t.same(result, {
    code: 0,
    stdout:
      '{"id":4,"bool_col":true,"tinyint_col":0,"smallint_col":0,"int_col":0,"bigint_col":0,"float_col":0,' +
      '"double_col":0,"date_string_col":"MDMvMDEvMDk=","string_col":"MA==","timestamp_col":"2009-03-01T00:00:00.000000"}\n' +
      '{"id":5,"bool_col":false,"tinyint_col":1,"smallint_col":1,"int_col":1,"bigint_col":10,"float_col":1.1,' +
      '"double_col":10.1,"date_string_col":"MDMvMDEvMDk=","string_col":"MQ==","timestamp_col":"2009-03-01T00:01:00.000000"}\n',
    stderr: '',
  });
});

t.test('cat csv with --columns, snappy file', async (t) => {
  t.same(
    await run(['cat', `${DATA}/alltypes_plain.snappy.parquet`, '--format', 'csv', '-c', 'id,double_col,timestamp_col']),
    {
      code: 0,
      stdout: 'id,double_col,timestamp_col\n6,0,2009-04-01T00:00:00.000000\n7,10.1,2009-04-01T00:01:00.000000\n',
      stderr: '',
    },
  );
});

t.test('cat: decimals, float16 and INT96 with nulls', async (t) => {
  t.equal(
    (await run(['cat', `${DATA}/fixed_length_decimal.parquet`, '-n', '2'])).stdout,
    '{"value":"1.00"}\n{"value":"2.00"}\n',
  );
  t.equal((await run(['cat', `${DATA}/byte_array_decimal.parquet`, '-n', '1'])).stdout, '{"value":"1.00"}\n');
  t.equal(
    (await run(['cat', `${DATA}/float16_nonzeros_and_nans.parquet`])).stdout,
    ['null', '1', '-2', '"NaN"', '0', '-1', '-0', '2'].map((x) => `{"x":${x}}\n`).join(''),
  );
  t.equal(
    (await run(['cat', `${DATA}/int96_from_spark.parquet`, '-n', '2'])).stdout,
    '{"a":"2024-01-01T20:34:56.123456"}\n{"a":"2024-01-01T01:00:00.000000"}\n',
  );
  t.equal((await run(['cat', `${DATA}/int96_from_spark.parquet`, '-f', 'csv'])).stdout.split('\n')[5], '');
});

t.test('inspect --json is one JSON document', async (t) => {
  const result = await run(['inspect', `${DATA}/alltypes_plain.parquet`, '--json']);
  t.equal(result.code, 0);
  const report = JSON.parse(result.stdout);
  t.equal(report.numRows, 8);
  t.equal(report.rowGroups[0].columns.length, 11);
  t.same(report.rowGroups[0].columns[0].encodings, ['RLE', 'PLAIN_DICTIONARY', 'PLAIN']);
});

t.test('reader errors exit 1 with the ParquetError message', async (t) => {
  t.same(await run(['cat', `${DATA}/alltypes_plain.parquet`, '--columns', 'id,nope']), {
    code: 1,
    stdout: '',
    stderr: `tessera: no column named "nope" (file ${DATA}/alltypes_plain.parquet)\n`,
  });
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  const path = join(dir, 'text.parquet');
  writeFileSync(path, 'this is not a parquet file at all');
  for (const command of ['schema', 'inspect', 'cat']) {
    t.same(await run([command, path]), {
      code: 1,
      stdout: '',
      stderr: `tessera: missing PAR1 magic at the end of the file: it looks like a text file (file ${path})\n`,
    });
  }
});

t.test('cat ndjson: nested lists, maps and structs', async (t) => {
  t.same(await run(['cat', `${DATA}/nested_maps.snappy.parquet`, '-n', '3', '-c', 'a']), {
    code: 0,
    stdout:
      '{"a":[{"key":"a","value":[{"key":1,"value":true},{"key":2,"value":false}]}]}\n' +
      '{"a":[{"key":"b","value":[{"key":1,"value":true}]}]}\n' +
      '{"a":[{"key":"c","value":null}]}\n',
    stderr: '',
  });
  const impala = await run(['cat', `${DATA}/nullable.impala.parquet`, '-c', 'id,int_array_Array,nested_struct']);
  t.equal(impala.code, 0);
  const lines = impala.stdout.split('\n');
  t.equal(
    lines[1],
    '{"id":2,"int_array_Array":[[null,1,2,null],[3,null,4],[],null],"nested_struct":{"A":null,"b":[null],' +
      '"C":{"d":[[{"E":null,"F":null},{"E":10,"F":"aaa"},{"E":null,"F":null},{"E":-10,"F":"bbb"},' +
      '{"E":null,"F":null}],[{"E":11,"F":"c"},null],[],null]},"g":[{"key":"g1","value":{"H":{"i":[2.2,null]}}},' +
      '{"key":"g2","value":{"H":{"i":[]}}},{"key":"g3","value":null},{"key":"g4","value":{"H":{"i":null}}},' +
      '{"key":"g5","value":{"H":null}}]}}',
  );
  t.equal(lines[5], '{"id":6,"int_array_Array":null,"nested_struct":null}');
});

t.test('cat csv: nested values as their JSON text', async (t) => {
  t.equal(
    (await run(['cat', `${DATA}/list_columns.parquet`, '-f', 'csv'])).stdout,
    'int64_list,utf8_list\n"[1,2,3]","[""abc"",""efg"",""hij""]"\n"[null,1]",\n[4],"[""efg"",null,""hij"",""xyz""]"\n',
  );
});

t.test('inspect --json statistics agree with DuckDB parquet_metadata, chunk by chunk', async (t) => {
  const connection = await openDuckDB();
  t.teardown(() => connection.closeSync());
  for (const name of [
    'sort_columns.parquet',
    'int32_with_null_pages.parquet',
    'data_index_bloom_encoding_stats.parquet',
  ]) {
    const path = `${DATA}/${name}`;
    const report = JSON.parse((await run(['inspect', path, '--json'])).stdout);
    const duck = await connection.runAndReadAll(
      `SELECT row_group_id, path_in_schema, stats_null_count, stats_min_value, stats_max_value, num_values
       FROM parquet_metadata('${path}') ORDER BY row_group_id, column_id`,
    );
    const expected = duck.getRows().map(([rowGroup, column, nulls, min, max, values]) => ({
      rowGroup: Number(rowGroup),
      column,
      nulls: nulls === null ? null : Number(nulls),
      min,
      max,
      values: Number(values),
    }));
    const actual = report.rowGroups.flatMap(
      (rg: { index: number; columns: { path: string; numValues: number; statistics: Record<string, unknown> }[] }) =>
        rg.columns.map((c) => ({
          rowGroup: rg.index,
          column: c.path,
          nulls: c.statistics.nullCount ?? null,
          min: c.statistics.min === null ? null : String(c.statistics.min),
          max: c.statistics.max === null ? null : String(c.statistics.max),
          values: c.numValues,
        })),
    );
    t.same(actual, expected, name);
  }
});

t.test('cat --format csv: nulls as empty fields, fields with commas quoted', async (t) => {
  // sort_columns: two row groups of the same rows (values checked against DuckDB in conformance.test.ts).
  t.same(await run(['cat', `${DATA}/sort_columns.parquet`, '--format', 'csv']), {
    code: 0,
    stdout: 'a,b\n,a\n2,b\n1,c\n,a\n2,b\n1,c\n',
    stderr: '',
  });
  const columns = 'c_customer_sk:,c_birth_country:,c_email_address:';
  t.same(await run(['cat', `${DATA}/delta_encoding_required_column.parquet`, '-f', 'csv', '-n', '1', '-c', columns]), {
    code: 0,
    stdout: `${columns}\n105,"VIRGIN ISLANDS, U.S.",Frank.Strain@MbOHByB.edu\n`,
    stderr: '',
  });
});
