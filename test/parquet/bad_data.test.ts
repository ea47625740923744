// parquet-testing's bad_data/: seven files must end in a ParquetError that names the file (and the row group,
// column and page where the defect lies); ARROW-GH-43605 is valid and must read as pyarrow and parquet-java read it.
import t, { type Test } from 'tap';
import { ParquetError, type ParquetErrorContext, ParquetFile, readTable } from '../../src/parquet/index.js';

const BAD = 'fixtures/parquet-testing/bad_data';

async function failure(read: () => Promise<unknown>): Promise<ParquetError> {
  try {
    await read();
  } catch (err) {
    if (err instanceof ParquetError) return err;
    throw new Error(`expected a ParquetError, got ${err}`, { cause: err });
  }
  throw new Error('expected the read to fail');
}

/** Asserts `error` has `code`, the context fields given, and a message that names every one of them. */
function assertError(t: Test, error: ParquetError, code: string, context: ParquetErrorContext): void {
  t.equal(error.code, code, `code ${code}: ${error.message}`);
  t.match(error.context, context);
  t.match(error.message, `file ${context.file}`);
  if (context.rowGroup !== undefined) t.match(error.message, `row group ${context.rowGroup}`);
  if (context.column !== undefined) t.match(error.message, `column ${context.column}`);
  if (context.page !== undefined) t.match(error.message, `page ${context.page}`);
}

t.test('ARROW-GH-43605: dictionary indices of bit width 0 read as 21,186 zeros', async (t) => {
  const table = await readTable(`${BAD}/ARROW-GH-43605.parquet`);
  t.equal(table.numRows, 21186);
  const values = table.getChild('min_fl')!.toArray() as ArrayLike<number>;
  t.equal(values.length, 21186);
  t.equal(table.getChild('min_fl')!.nullCount, 0);
  t.ok(
    Array.prototype.every.call(values, (v: number) => v === 0),
    'all 0',
  );
});

t.test('ARROW-GH-47662: FIXED_LEN_BYTE_ARRAY page shorter than its values', async (t) => {
  const file = `${BAD}/ARROW-GH-47662.parquet`;
  assertError(t, await failure(() => readTable(file)), 'BAD_ENCODING', {
    file,
    rowGroup: 0,
    column: 'flba_field',
    page: 0,
  });
});

t.test('ARROW-RS-GH-6229-DICTHEADER: data page header without num_values', async (t) => {
  const file = `${BAD}/ARROW-RS-GH-6229-DICTHEADER.parquet`;
  assertError(t, await failure(() => readTable(file)), 'BAD_METADATA', {
    file,
    rowGroup: 0,
    column: 'nation_key',
    page: 0,
  });
});

t.test('PARQUET-1481: schema element with physical type -7', async (t) => {
  const file = `${BAD}/PARQUET-1481.parquet`;
  assertError(t, await failure(() => readTable(file)), 'BAD_SCHEMA', { file });
  assertError(t, await failure(() => ParquetFile.open(file)), 'BAD_SCHEMA', { file });
});

// The four files below hold nested columns. Since nested support (issue 3) each still fails, for its real defect
// (no longer UNSUPPORTED); test/parquet/bad_data_nested.test.ts checks each defect in detail.
t.test('nested bad files fail with a ParquetError for their real defect', async (t) => {
  for (const [name, code] of [
    ['ARROW-GH-41317.parquet', 'BAD_PAGE'],
    ['ARROW-GH-41321.parquet', 'BAD_ENCODING'],
    // DuckDB reads the next two; pyarrow rejects them (invalid repetition levels), and so does tessera.
    ['ARROW-GH-45185.parquet', 'BAD_PAGE'],
    ['ARROW-RS-GH-6229-LEVELS.parquet', 'BAD_ENCODING'],
  ] as const) {
    const file = `${BAD}/${name}`;
    const error = await failure(() => readTable(file));
    t.equal(error.code, code, name);
    t.match(error.message, `file ${file}`);
  }
});

t.test('ARROW-GH-41317 and 41321: their defects lie in flat columns, found today', async (t) => {
  // GH-41317: the chunk's data page is typed INDEX_PAGE, so no page holds its values; GH-41321: definition levels
  // that run past their page.
  const cases = [
    ['ARROW-GH-41317.parquet', 'timestamp_us_no_tz', 'BAD_PAGE', 2],
    ['ARROW-GH-41321.parquet', 'int64', 'BAD_ENCODING', 1],
    ['ARROW-GH-41321.parquet', 'large_binary', 'BAD_ENCODING', 1],
  ] as const;
  for (const [name, column, code, page] of cases) {
    const file = `${BAD}/${name}`;
    const parquet = await ParquetFile.open(file);
    assertError(t, await failure(() => parquet.readRowGroup(0, { columns: [column] })), code, {
      file,
      rowGroup: 0,
      column,
      page,
    });
    await parquet.close();
  }
  // Every other flat column of these files reads.
  for (const name of ['ARROW-GH-41317.parquet', 'ARROW-GH-41321.parquet']) {
    const parquet = await ParquetFile.open(`${BAD}/${name}`);
    const flat = parquet.schema.columns
      .filter((c) => c.path.length === 1 && !cases.some(([n, col]) => n === name && col === c.name))
      .map((c) => c.name);
    t.equal((await parquet.readRowGroup(0, { columns: flat })).numRows, 3, `${name}: ${flat.length} flat columns`);
    await parquet.close();
  }
});
