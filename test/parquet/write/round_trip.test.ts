// Writing an Arrow table and reading it back with our reader gives the same values, for the option combinations
// the core writer handles (page versions, codecs, dictionary on/off and fallback, explicit encodings, nulls,
// several pages and row groups). DuckDB and parquet-wasm read-back is in conformance tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import { ParquetFile, ParquetWriter, readTable, type WriterOptions, writeTable } from '../../../src/parquet/index.js';
import { seededRandom } from '../../support/data.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-rt-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const N = 25_000;
const seeded = seededRandom(42);
const random = (): number => seeded() / 2 ** 32;

function nullable<T>(values: T[], every: number): (T | null)[] {
  return values.map((v, i) => (i % every === 3 ? null : v));
}

const ints = Array.from({ length: N }, () => Math.floor(random() * 2000) - 1000);
const table = arrow.tableFromArrays({
  i32: Int32Array.from(ints),
  i64: BigInt64Array.from(ints.map((v, i) => BigInt(v) * 1_000_000_007n + BigInt(i))),
  f64: Float64Array.from(ints.map((v) => v / 7)),
  f32: Float32Array.from(ints.map((v) => v / 3)),
  flag: ints.map((v) => v > 0),
  cat: ints.map((v) => `cat_${Math.abs(v) % 17}`),
  text: ints.map((v, i) => `row ${i} ${'é'.repeat(Math.abs(v) % 5)}`),
});
const withNulls = new arrow.Table({
  n_i32: arrow.vectorFromArray(nullable(ints, 5), new arrow.Int32()),
  n_str: arrow.vectorFromArray(
    nullable(
      ints.map((v) => `s${v % 100}`),
      4,
    ),
    new arrow.Utf8(),
  ),
  n_f64: arrow.vectorFromArray(
    nullable(
      ints.map((v) => v * 0.5),
      3,
    ),
    new arrow.Float64(),
  ),
  n_bool: arrow.vectorFromArray(
    nullable(
      ints.map((v) => v % 2 === 0),
      6,
    ),
    new arrow.Bool(),
  ),
});

function columnValues(tbl: arrow.Table, name: string): unknown[] {
  return [...(tbl.getChild(name) ?? [])].map((v) => (typeof v === 'bigint' ? v.toString() : v));
}

async function roundTrip(t: Test, source: arrow.Table, options: WriterOptions, label: string): Promise<void> {
  const path = join(dir, `${label.replace(/\W+/g, '_')}.parquet`);
  await writeTable(path, source, { ...options, overwrite: true });
  const back = await readTable(path);
  t.equal(back.numRows, source.numRows, `${label}: rows`);
  for (const field of source.schema.fields) {
    t.same(columnValues(back, field.name), columnValues(source, field.name), `${label}: ${field.name}`);
  }
}

const variants: [string, WriterOptions][] = [
  ['v1 snappy dictionary', {}],
  ['v2 snappy dictionary', { pageVersion: 2 }],
  ['v1 plain uncompressed', { dictionary: false, codec: 'uncompressed' }],
  ['v2 default delta fallback zstd', { pageVersion: 2, dictionary: false, codec: 'zstd' }],
  ['v1 gzip small pages', { codec: 'gzip', dataPageSize: 4096, dataPageRowLimit: 1000 }],
  ['v2 brotli dictionary limit', { pageVersion: 2, codec: 'brotli', dictionaryPageSizeLimit: 64 }],
  ['v1 lz4_raw row groups', { codec: 'lz4_raw', rowGroupSize: 7_000 }],
  ['checksums', { pageChecksum: true, rowGroupSize: 10_000 }],
];

for (const [label, options] of variants) {
  t.test(label, async (t) => {
    await roundTrip(t, table, options, label);
    await roundTrip(t, withNulls, options, `${label} nulls`);
  });
}

t.test('explicit encodings per column', async (t) => {
  await roundTrip(
    t,
    table,
    {
      dictionary: false,
      columns: {
        i32: { encoding: 'DELTA_BINARY_PACKED' },
        i64: { encoding: 'DELTA_BINARY_PACKED' },
        f64: { encoding: 'BYTE_STREAM_SPLIT' },
        f32: { encoding: 'BYTE_STREAM_SPLIT' },
        cat: { encoding: 'DELTA_LENGTH_BYTE_ARRAY' },
        text: { encoding: 'DELTA_BYTE_ARRAY' },
      },
    },
    'explicit encodings',
  );
});

t.test('footer: row groups, statistics, page index, sorting columns, key-value metadata', async (t) => {
  const path = join(dir, 'footer.parquet');
  const meta = await writeTable(path, table, {
    rowGroupSize: 10_000,
    dataPageRowLimit: 2_000,
    sortingColumns: [{ column: 'i32' }],
    keyValueMetadata: { origin: 'test' },
  });
  t.same(
    meta.rowGroups.map((g) => g.numRows),
    [10_000, 10_000, 5_000],
  );
  const file = await ParquetFile.open(path);
  t.equal(file.numRows, N);
  t.same(file.metadata.keyValueMetadata, [{ key: 'origin', value: 'test' }]);
  const group = file.metadata.rowGroups[0];
  t.same(group?.sortingColumns, [{ columnIdx: 0, descending: false, nullsFirst: false }]);
  const i32 = group?.columns[0];
  const stats = i32?.metaData?.statistics;
  const first = ints.slice(0, 10_000);
  t.equal(Buffer.from(stats?.minValue ?? []).readInt32LE(0), Math.min(...first), 'chunk min');
  t.equal(Buffer.from(stats?.maxValue ?? []).readInt32LE(0), Math.max(...first), 'chunk max');
  t.equal(stats?.nullCount, 0);
  t.ok(i32?.columnIndexOffset !== undefined && i32.offsetIndexOffset !== undefined, 'page index written');
  t.equal(file.metadata.createdBy, 'tessera version 0.1.0');
});

t.test('an empty table writes a readable file with no row groups', async (t) => {
  const path = join(dir, 'empty.parquet');
  const empty = table.slice(0, 0);
  await writeTable(path, empty);
  const back = await readTable(path);
  t.equal(back.numRows, 0);
  t.same(
    back.schema.fields.map((f) => f.name),
    table.schema.fields.map((f) => f.name),
  );
});

t.test('an explicit Parquet schema: values converted to it, values that do not fit refused', async (t) => {
  const { FieldRepetitionType: R, Type: T } = await import('../../../src/parquet/metadata/enums.js');
  const elements = [
    { name: 'schema', numChildren: 2 },
    {
      name: 'small',
      type: T.INT32,
      repetitionType: R.REQUIRED,
      logicalType: { type: 'INTEGER' as const, bitWidth: 16, isSigned: true },
    },
    { name: 'label', type: T.BYTE_ARRAY, repetitionType: R.OPTIONAL, logicalType: { type: 'STRING' as const } },
  ];
  const path = join(dir, 'explicit.parquet');
  const writer = await ParquetWriter.open(path, elements, { overwrite: true });
  await writer.write(arrow.tableFromArrays({ small: Int32Array.from([1, -2, 300]), label: ['a', 'b', 'c'] }));
  const tooBig = writer.write(arrow.tableFromArrays({ small: Int32Array.from([5, 40_000]), label: ['d', 'e'] }));
  await t.rejects(tooBig, { code: 'INVALID_VALUE', message: /small.*row 4|row 4.*small/ });
  await writer.close();
  const back = await readTable(path);
  t.same([...(back.getChild('small') ?? [])], [1, -2, 300]);
  t.same([...(back.getChild('label') ?? [])], ['a', 'b', 'c']);
  t.equal(String(back.schema.fields[0]?.type), 'Int16');
});
