// Writer conformance beyond the type x encoding x codec matrix (issue 4, "Conformance"): INT96 timestamps, decimals
// as integers, the streaming writer fed batches of awkward sizes, page checksums, codec levels, per-column codecs,
// all-null and required columns, and an empty table. Every file is read back by tessera, DuckDB and parquet-wasm.
import { join } from 'node:path';
import t from 'tap';
import { ParquetWriter } from '../../../src/parquet/index.js';
import { openDuckDB } from '../../support/duckdb_text.js';
import {
  flatColumns,
  int96Columns,
  integerDecimalColumns,
  nestedColumns,
  nullAndRequiredColumns,
  tableOf,
} from '../../support/write_cases.js';
import {
  duckdbSkips,
  type EncodingVariant,
  SMALL_PAGES,
  tempDir,
  variantPlan,
  writeAndCheck,
} from '../../support/write_conformance.js';
import { checkReaders } from '../../support/write_readers.js';

const duckdb = await openDuckDB();
t.teardown(() => duckdb.closeSync());

const ROWS = 1000;

t.test('INT96 timestamps', async (t) => {
  const dir = tempDir(t);
  const cases = int96Columns(ROWS);
  for (const pageVersion of [1, 2] as const) {
    for (const variant of ['dictionary', 'PLAIN'] as const) {
      const plan = variantPlan(variant, cases);
      const options = { ...SMALL_PAGES, ...plan.options, int96Timestamps: true, pageVersion, codec: 'zstd' as const };
      await writeAndCheck(t, dir, `int96 v${pageVersion} ${variant}`, plan.cases, options, duckdb);
    }
  }
});

t.test('decimals as INT32 / INT64', async (t) => {
  const dir = tempDir(t);
  const cases = integerDecimalColumns(ROWS);
  const variants: EncodingVariant[] = ['dictionary', 'PLAIN', 'DELTA_BINARY_PACKED', 'BYTE_STREAM_SPLIT'];
  for (const pageVersion of [1, 2] as const) {
    for (const variant of variants) {
      const plan = variantPlan(variant, cases);
      const options = { ...SMALL_PAGES, ...plan.options, decimalAsInteger: true, pageVersion };
      const label = `decimal as integer v${pageVersion} ${variant}`;
      await writeAndCheck(t, dir, label, plan.cases, options, duckdb, duckdbSkips(variant, plan.cases));
    }
  }
});

t.test('streaming writer: batches of 1, 7, 0, 300 rows and the rest, several row groups', async (t) => {
  const dir = tempDir(t);
  const cases = [...flatColumns(ROWS, 11), ...nestedColumns(ROWS, 12)];
  const table = tableOf(cases);
  for (const pageVersion of [1, 2] as const) {
    const path = join(dir, `streaming_v${pageVersion}.parquet`);
    const writer = await ParquetWriter.open(path, table.schema, { ...SMALL_PAGES, rowGroupSize: 250, pageVersion });
    let start = 0;
    for (const size of [1, 7, 0, 300, ROWS]) {
      const end = Math.min(ROWS, start + size);
      await writer.write(table.slice(start, end));
      start = end;
    }
    const footer = await writer.close();
    t.same(
      footer.rowGroups.map((g) => g.numRows),
      [250, 250, 250, 250],
      'row groups of rowGroupSize rows whatever the batch sizes',
    );
    await checkReaders(t, path, table, cases, { duckdb });
  }
});

t.test('page checksums', async (t) => {
  const dir = tempDir(t);
  const cases = [...flatColumns(ROWS, 21), ...nestedColumns(ROWS, 22)];
  for (const pageVersion of [1, 2] as const) {
    const options = { ...SMALL_PAGES, pageChecksum: true, pageVersion };
    await writeAndCheck(t, dir, `crc v${pageVersion}`, cases, options, duckdb);
  }
});

t.test('codec levels and per-column codecs, default (large) pages', async (t) => {
  const dir = tempDir(t);
  const cases = flatColumns(ROWS, 31);
  const levels = [
    { codec: 'zstd', compressionLevel: 1 },
    { codec: 'zstd', compressionLevel: 19 },
    { codec: 'gzip', compressionLevel: 9 },
    { codec: 'brotli', compressionLevel: 4 },
  ] as const;
  for (const level of levels) {
    await writeAndCheck(t, dir, `${level.codec} level ${level.compressionLevel}`, cases, level, duckdb);
  }
  const perColumn = {
    codec: 'snappy' as const,
    columns: {
      utf8: { codec: 'zstd' as const },
      i32: { codec: 'gzip' as const },
      f64: { codec: 'brotli' as const },
      binary: { codec: 'lz4_raw' as const },
      i64: { codec: 'uncompressed' as const },
    },
  };
  await writeAndCheck(t, dir, 'per-column codecs', cases, perColumn, duckdb);
});

t.test('all-null and required columns', async (t) => {
  const dir = tempDir(t);
  const cases = nullAndRequiredColumns(ROWS);
  for (const pageVersion of [1, 2] as const) {
    for (const variant of ['dictionary', 'PLAIN'] as const) {
      const plan = variantPlan(variant, cases);
      const options = { ...SMALL_PAGES, ...plan.options, pageVersion };
      await writeAndCheck(t, dir, `nulls and required v${pageVersion} ${variant}`, plan.cases, options, duckdb);
    }
  }
});

t.test('an empty table', async (t) => {
  const dir = tempDir(t);
  const cases = [...flatColumns(0), ...nestedColumns(0)];
  await writeAndCheck(t, dir, 'empty', cases, {}, duckdb);
});
