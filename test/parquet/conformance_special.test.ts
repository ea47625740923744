// Conformance beyond the file-by-file DuckDB comparison: the _expect.csv files, INT96 values DuckDB misreads,
// checksum errors, column projection and row-group selection, Arrow types, and DuckDB-written files holding the
// logical types parquet-testing's flat files lack (DATE, TIME, TIMESTAMP in three units and UTC, UUID, ...).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { formatTimestamp } from '../../src/cli/format/temporal_text.js';
import { readParquet } from '../../src/dataframe/index.js';
import { arena } from '../../src/kernels/arena.js';
import { arrowColumnType } from '../../src/parquet/arrow_types.js';
import { openDataset, ParquetError, ParquetFile, readTable } from '../../src/parquet/index.js';
import { decodeColumnChunk } from '../../src/parquet/read/column_chunk.js';
import { toArrowData } from '../../src/parquet/read/to_arrow.js';
import { duckdbCells, ndjsonLine, openDuckDB } from '../support/duckdb_text.js';
import { catOutput, sameLines, tesseraLines } from '../support/tessera_text.js';

const DATA = 'fixtures/parquet-testing/data';
const connection = await openDuckDB();
const scratch = await mkdtemp(join(tmpdir(), 'tessera-conformance-'));
t.teardown(async () => {
  connection.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

/** Fields of one CSV record (RFC 4180; an empty unquoted field is null, as in these files). */
function csvRecords(text: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      field = value;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      field = end === i ? null : text.slice(i, end);
      i = end;
    }
    record.push(field);
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      records.push(record);
      record = [];
    }
  }
  return records;
}

t.test('delta_*: every value equals the _expect.csv', async (t) => {
  for (const name of [
    'delta_binary_packed',
    'delta_byte_array',
    'delta_encoding_optional_column',
    'delta_encoding_required_column',
  ]) {
    const [header, ...expected] = csvRecords(readFileSync(`${DATA}/${name}_expect.csv`, 'utf8'));
    const table = await readTable(`${DATA}/${name}.parquet`);
    t.equal(table.numCols, header!.length, `${name}: columns`);
    const actual: (string | null)[][] = [];
    for (let row = 0; row < table.numRows; row++) actual.push([]);
    for (let k = 0; k < table.numCols; k++) {
      const column = table.getChildAt(k)!;
      for (let row = 0; row < table.numRows; row++) {
        actual[row]!.push(column.isValid(row) ? String(column.get(row)) : null);
      }
    }
    sameLines(
      t,
      actual.map((r) => JSON.stringify(r)),
      expected.map((r) => JSON.stringify(r)),
      name,
    );
  }
});

t.test('int96_from_spark: values DuckDB misreads, against the values Spark wrote', async (t) => {
  // Spark wrote microsecond timestamps (data/int96_from_spark.md): 2024-01-01T12:34:56.123456 -08:00,
  // 2024-01-01T01:00Z, 9999-12-31T01:00-02:00, 2024-12-31T01:00+02:00, null, 290000-12-31T01:00+02:00.
  // tessera reads INT96 as int64 microseconds by default (Spark, DuckDB, Trino), where all of them fit; DuckDB
  // still misreads year 290000 (as -226413), so the expected values are Spark's.
  const daysFromCivil = (y: number, m: number, d: number): bigint => {
    // Howard Hinnant's days_from_civil, proleptic Gregorian.
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return BigInt(era * 146097 + doe - 719468);
  };
  const us = (y: number, mo: number, d: number, h: number, mi = 0, s = 0, micros = 0) =>
    daysFromCivil(y, mo, d) * 86_400_000_000n + BigInt(((h * 60 + mi) * 60 + s) * 1e6 + micros);
  const path = `${DATA}/int96_from_spark.parquet`;
  const expected = [
    us(2024, 1, 1, 20, 34, 56, 123456),
    us(2024, 1, 1, 1),
    us(9999, 12, 31, 3),
    us(2024, 12, 30, 23),
    us(290000, 12, 30, 23),
  ];
  const table = await readTable(path);
  const column = table.getChild('a')!;
  t.equal(column.type.typeId, arrow.Type.Timestamp);
  t.equal((column.type as arrow.Timestamp).unit, arrow.TimeUnit.MICROSECOND, 'microseconds by default');
  const values = column.data[0]!.values as BigInt64Array;
  t.same(
    [0, 1, 2, 3, 5].map((i) => values[i]),
    expected,
  );
  // Row 5 is past JavaScript Date's range (year 275760): the CLI's formatter writes both.
  t.equal(formatTimestamp(values[2]!, 'MICROSECOND', true), '9999-12-31T03:00:00.000000Z', 'row 2');
  t.equal(formatTimestamp(values[5]!, 'MICROSECOND', true), '+290000-12-30T23:00:00.000000Z', 'row 5');
  t.same(
    [0, 1, 2, 3, 4, 5].map((i) => column.isValid(i)),
    [true, true, true, true, false, true],
  );
  const lines = (await catOutput(path)).stdout.split('\n');
  t.same(lines.slice(0, 4), [
    '{"a":"2024-01-01T20:34:56.123456"}',
    '{"a":"2024-01-01T01:00:00.000000"}',
    '{"a":"9999-12-31T03:00:00.000000"}',
    '{"a":"2024-12-30T23:00:00.000000"}',
  ]);

  // Coarser units: the same instants, floored.
  for (const [unit, arrowUnit, per] of [
    ['ms', arrow.TimeUnit.MILLISECOND, 1000n],
    ['s', arrow.TimeUnit.SECOND, 1_000_000n],
  ] as const) {
    const coarse = (await readTable(path, { int96TimestampUnit: unit })).getChild('a')!;
    t.equal((coarse.type as arrow.Timestamp).unit, arrowUnit, unit);
    const got = coarse.data[0]!.values as BigInt64Array;
    t.same(
      [0, 1, 2, 3, 5].map((i) => got[i]),
      expected.map((v) => v / per),
      unit,
    );
  }
  // Nanoseconds: year 9999 does not fit int64 nanoseconds. An error naming the column and row, never a wrapped date.
  const error = await readTable(path, { int96TimestampUnit: 'ns' }).then(
    () => undefined,
    (err: unknown) => err,
  );
  t.ok(error instanceof ParquetError, 'ns: a ParquetError');
  t.match(error, { code: 'INVALID_VALUE', context: { file: path, rowGroup: 0, column: 'a', row: 2 } });
  t.match((error as Error).message, /does not fit int64 ns.*column a.*row 2/);
  // The other reading paths take the option too: a dataset and a DataFrame.
  const dataset = await openDataset(path, { int96TimestampUnit: 's' });
  t.equal(((await dataset.toTable()).getChild('a')!.type as arrow.Timestamp).unit, arrow.TimeUnit.SECOND, 'dataset');
  const frame = await readParquet(path, { int96TimestampUnit: 'ms' });
  const computed = (await frame.compute({ scheduler: 'sync' })).getChild('a')!;
  t.equal((computed.type as arrow.Timestamp).unit, arrow.TimeUnit.MILLISECOND, 'readParquet');
  t.equal((computed.data[0]!.values as BigInt64Array)[5], expected[4]! / 1000n, 'readParquet row 5');
  const viaThreads = await (await readParquet(path, { int96TimestampUnit: 'ns' }))
    .compute({ scheduler: 'threads' })
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  t.match(String((viaThreads as Error)?.message), /does not fit int64 ns/, 'readParquet: the error from a worker');
});

t.test('corrupt page checksums: CHECKSUM by default, DuckDB values with verifyChecksums false', async (t) => {
  for (const [name, column] of [
    ['datapage_v1-corrupt-checksum.parquet', 'a'],
    ['rle-dict-uncompressed-corrupt-checksum.parquet', 'long_field'],
  ] as const) {
    const path = `${DATA}/${name}`;
    const error = await readTable(path).then(
      () => undefined,
      (err: unknown) => err,
    );
    t.ok(error instanceof ParquetError, `${name}: a ParquetError`);
    t.match(error, { code: 'CHECKSUM', context: { file: path, rowGroup: 0, column, page: 0 } });
    t.match((error as Error).message, path);
    const { names, rows } = await duckdbCells(connection, path);
    sameLines(
      t,
      await tesseraLines(path, { verifyChecksums: false }),
      rows.map((cells) => ndjsonLine(names, cells)),
      name,
    );
  }
  // The good twins verify and pass.
  for (const name of ['datapage_v1-uncompressed-checksum.parquet', 'rle-dict-snappy-checksum.parquet']) {
    t.ok((await readTable(`${DATA}/${name}`)).numRows > 0, name);
  }
});

/** Row ranges of each row group, from DuckDB's parquet_metadata (not tessera's footer reader). */
async function rowGroupRanges(path: string): Promise<[number, number][]> {
  const result = await connection.runAndReadAll(
    `SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('${path}') ORDER BY row_group_id`,
  );
  let start = 0;
  return result.getRows().map(([, rows]) => {
    const range: [number, number] = [start, start + Number(rows)];
    start += Number(rows);
    return range;
  });
}

t.test('columns projection and rowGroups selection', async (t) => {
  for (const [name, columns, rowGroups] of [
    ['sort_columns.parquet', ['b'], [1]],
    ['sort_columns.parquet', ['b', 'a'], [1, 0]],
    ['floating_orders_nan_count.parquet', ['double_typedef', 'float16_ieee754'], [4, 0, 2]],
    ['floating_orders_nan_count.parquet', ['float_ieee754'], []],
  ] as const) {
    const path = `${DATA}/${name}`;
    const ranges = await rowGroupRanges(path);
    t.ok(ranges.length >= 2, `${name} has ${ranges.length} row groups`);
    const { names, rows } = await duckdbCells(connection, path, { columns });
    const expected = rowGroups.flatMap((g) => rows.slice(...ranges[g]!).map((cells) => ndjsonLine(names, cells)));
    const table = await readTable(path, { columns, rowGroups });
    t.same(
      table.schema.fields.map((f) => f.name),
      columns,
      'fields in the order asked',
    );
    sameLines(t, await tesseraLines(path, { columns, rowGroups }), expected, `${name} ${columns} ${rowGroups}`);
    const file = await ParquetFile.open(path);
    const batch = await file.readRowGroup(rowGroups[0] ?? 0, { columns });
    t.equal(batch.numRows, ranges[rowGroups[0] ?? 0]![1] - ranges[rowGroups[0] ?? 0]![0]);
    await file.close();
  }
  const cat = await catOutput(`${DATA}/sort_columns.parquet`, ['--columns', 'b', '--format', 'csv']);
  const { rows } = await duckdbCells(connection, `${DATA}/sort_columns.parquet`, { columns: ['b'] });
  t.equal(cat.stdout, `b\n${rows.map(([cell]) => (cell === 'null' ? '' : JSON.parse(cell!))).join('\n')}\n`);
});

t.test('Arrow types of parquet-testing columns', async (t) => {
  const typeOf = async (name: string, column: string) => (await readTable(`${DATA}/${name}`)).getChild(column)!;
  for (const [name, precision] of [
    ['int32_decimal.parquet', 4],
    ['int64_decimal.parquet', 10],
    ['byte_array_decimal.parquet', 4],
    ['fixed_length_decimal.parquet', 25],
    ['fixed_length_decimal_legacy.parquet', 13],
  ] as const) {
    const type = (await typeOf(name, 'value')).type;
    t.ok(arrow.DataType.isDecimal(type), `${name}: Decimal, never a float`);
    t.match(type, { scale: 2, precision }, name);
  }
  const uint64 = await typeOf('concatenated_gzip_members.parquet', 'long_col');
  t.ok(arrow.DataType.isInt(uint64.type) && !uint64.type.isSigned && uint64.type.bitWidth === 64, 'UINT_64: Uint64');
  t.ok(uint64.data[0]!.values instanceof BigUint64Array, 'uint64 values: BigUint64Array');
  const float16 = await typeOf('float16_nonzeros_and_nans.parquet', 'x');
  t.ok(arrow.DataType.isFloat(float16.type) && float16.type.precision === arrow.Precision.HALF, 'FLOAT16: Float16');
  const int96 = await typeOf('alltypes_plain.parquet', 'timestamp_col');
  t.match(int96.type, { unit: arrow.TimeUnit.MICROSECOND, timezone: null }, 'INT96: local microsecond timestamps');
  const utf8 = await typeOf('alltypes_tiny_pages.parquet', 'string_col');
  t.ok(arrow.DataType.isUtf8(utf8.type), 'UTF8: Utf8');
  const tiny = await typeOf('alltypes_tiny_pages.parquet', 'tinyint_col');
  t.ok(tiny.data[0]!.values instanceof Int8Array, 'INT_8: Int8Array');
});

/** A DuckDB query's rows written to a Parquet file in the scratch directory. */
async function duckdbFile(name: string, options: string): Promise<string> {
  const path = join(scratch, name);
  await connection.run(`COPY (
    SELECT i::BIGINT * 7919 - 5000 AS id,
      CASE WHEN i % 7 = 0 THEN NULL ELSE (DATE '1969-12-25' + INTERVAL (i * 37) DAY)::DATE END AS d,
      TIME '00:00:00' + INTERVAL (i * 1234567) MILLISECOND AS tm,
      TIMESTAMP '1965-03-04 05:06:07.123456' + INTERVAL (i * 98765432) MICROSECOND AS ts_us,
      (TIMESTAMP '1999-12-31 23:59:59.5' + INTERVAL (i * 1001) MILLISECOND)::TIMESTAMP_MS AS ts_ms,
      TIMESTAMPTZ '2024-06-01 12:00:00+00' + INTERVAL (i * 3) HOUR AS ts_tz,
      CASE WHEN i % 5 = 1 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS u,
      ((i * 123457 - 60000000) / 1000)::DECIMAL(9,3) AS dec9,
      (i::BIGINT * 1234567891 - 600000000000)::DECIMAL(18,4) AS dec18,
      (i::HUGEINT * 12345678901234567 - 10)::DECIMAL(38,5) AS dec38,
      (i % 250)::UTINYINT AS u8, (i * 21)::USMALLINT AS u16, (i * 1400037)::UINTEGER AS u32,
      (18446744073709551615 - i * i)::UBIGINT AS u64,
      (i % 120 - 60)::TINYINT AS i8, (i * 13 - 30000)::SMALLINT AS i16,
      i::FLOAT / 3 AS f32, 1 / (i::DOUBLE - 500) AS f64,
      CASE WHEN i % 3 = 0 THEN 'x' || i || '"é\\' ELSE NULL END AS s,
      ('\\x' || lpad(to_hex(i), 4, '0'))::BLOB AS b,
      i % 2 = 0 AS flag
    FROM range(3000) t(i)) TO '${path}' (FORMAT parquet, ${options})`);
  return path;
}

t.test('DuckDB-written files: every logical type, every value', async (t) => {
  for (const [name, options] of [
    ['uncompressed_v1.parquet', 'COMPRESSION uncompressed, ROW_GROUP_SIZE 1000'],
    ['zstd_v2.parquet', 'COMPRESSION zstd, PARQUET_VERSION v2, ROW_GROUP_SIZE 2048'],
    ['snappy_v1.parquet', 'COMPRESSION snappy'],
  ]) {
    const path = await duckdbFile(name!, options!);
    const { names, rows } = await duckdbCells(connection, path);
    const lines = await tesseraLines(path);
    sameLines(
      t,
      lines,
      rows.map((cells) => ndjsonLine(names, cells)),
      name!,
    );
    t.equal((await catOutput(path)).stdout, lines.map((line) => `${line}\n`).join(''), `${name}: cat`);
  }
});

t.test('Arrow types of logical types, and numeric buffers that are not copies', async (t) => {
  const path = await duckdbFile('types.parquet', 'COMPRESSION uncompressed, ROW_GROUP_SIZE 1000');
  const table = await readTable(path);
  const type = (name: string) => table.getChild(name)!.type;
  t.match(type('ts_us'), { unit: arrow.TimeUnit.MICROSECOND, timezone: null });
  t.match(type('ts_ms'), { unit: arrow.TimeUnit.MILLISECOND, timezone: null });
  t.match(type('ts_tz'), { unit: arrow.TimeUnit.MICROSECOND, timezone: 'UTC' }, 'UTC-adjusted: UTC');
  t.match(type('tm'), { typeId: arrow.Type.Time, unit: arrow.TimeUnit.MICROSECOND });
  t.match(type('d'), { typeId: arrow.Type.Date, unit: arrow.DateUnit.DAY });
  const uuid = table.schema.fields.find((f) => f.name === 'u')!;
  t.match(uuid.type, { typeId: arrow.Type.FixedSizeBinary, byteWidth: 16 });
  t.equal(uuid.metadata.get('ARROW:extension:name'), 'arrow.uuid');
  for (const [name, precision, scale] of [
    ['dec9', 9, 3],
    ['dec18', 18, 4],
    ['dec38', 38, 5],
  ] as const) {
    t.match(type(name), { typeId: arrow.Type.Decimal, precision, scale }, `${name}: Decimal`);
  }
  t.ok(table.getChild('u64')!.data[0]!.values instanceof BigUint64Array);
  const maxU64 = (table.getChild('u64')!.data[0]!.values as BigUint64Array)[0];
  t.equal(maxU64, 18446744073709551615n, 'uint64 max stays exact');

  // `id` is PLAIN, uncompressed, required INT64. Its Arrow values must be the reader's own buffer: a BigInt64Array
  // over an exact-size ArrayBuffer of its own (not a view into wasm memory, which later reads overwrite or grow,
  // and not a slice of a pooled Buffer), that keeps its values while other files are read.
  const ids = table.getChild('id')!.data[0]!.values as BigInt64Array;
  t.ok(ids instanceof BigInt64Array);
  t.equal(ids.length, table.batches[0]!.numRows);
  t.equal(ids.byteOffset, 0);
  t.equal(ids.buffer.byteLength, ids.byteLength, 'exactly its own buffer');
  t.notOk(ids.buffer instanceof SharedArrayBuffer && ids.buffer.byteLength > ids.byteLength);
  const before = Array.from(ids.subarray(0, 5));
  await readTable(`${DATA}/alltypes_tiny_pages.parquet`);
  await readTable(path, { rowGroups: [1] });
  t.same(Array.from(ids.subarray(0, 5)), before, 'values survive later reads');
  t.same(before, [-5000n, 2919n, 10838n, 18757n, 26676n]);
  // A double column's values likewise (Float64Array, no conversion).
  const f64 = table.getChild('f64')!.data[0]!.values as Float64Array;
  t.ok(f64 instanceof Float64Array);
  t.equal(f64.buffer.byteLength, f64.byteLength);

  // One level down: the Arrow data built from a decoded chunk holds the decoder's buffer itself.
  const file = await ParquetFile.open(path);
  const column = file.schema.column('id')!;
  const chunk = file.rowGroups[0]!.columns[column.columnIndex]!.metaData!;
  const bytes = await file.source.read(chunk.dataPageOffset, chunk.totalCompressedSize);
  const physical = decodeColumnChunk(arena(), column, chunk, bytes, file.rowGroups[0]!.numRows);
  const data = toArrowData(physical, arrowColumnType(column), column.typeLength);
  t.equal((data.values as BigInt64Array).buffer, physical.values!.buffer, 'Arrow values share the decoded buffer');
  await file.close();
});
