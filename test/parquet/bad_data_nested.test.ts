// parquet-testing bad_data files with nested columns: each must end in a ParquetError that names its real defect
// (bad_data/README.md), never be assembled into wrong values.
import t from 'tap';
import { ParquetError, readTable } from '../../src/parquet/index.js';

const BAD = 'fixtures/parquet-testing/bad_data';

async function readError(file: string, columns?: string[]): Promise<ParquetError> {
  const error = await readTable(`${BAD}/${file}`, { columns }).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof ParquetError)) throw new Error(`expected a ParquetError, got ${String(error)}`);
  return error;
}

t.test(
  'ARROW-GH-41317: a column chunk holds fewer values than its row group (columns of unequal length)',
  async (t) => {
    const error = await readError('ARROW-GH-41317.parquet');
    t.equal(error.code, 'BAD_PAGE');
    t.equal(error.context.column, 'timestamp_us_no_tz');
    // its only data page carries a corrupted page type (INDEX_PAGE), so none of the chunk's 3 values are there; the
    // next "header" is the bytes after the chunk
    t.match(error.message, /holds 0 of its 3 values/);
    // its nested columns are sound and read
    const table = await readTable(`${BAD}/ARROW-GH-41317.parquet`, {
      columns: ['list_struct', 'map_list_string', 'struct_field'],
    });
    t.equal(table.numRows, 5);
  },
);

t.test('ARROW-GH-41321: levels decode to fewer entries than the page header claims', async (t) => {
  const error = await readError('ARROW-GH-41321.parquet');
  t.equal(error.code, 'BAD_ENCODING');
  t.equal(error.context.column, 'int64');
  t.match(error.message, /levels: input truncated/);
  const nested = await readError('ARROW-GH-41321.parquet', ['fixed_size_list_float64']);
  t.equal(nested.context.column, 'fixed_size_list_float64.list.item');
  t.match(nested.message, /definition levels length \d+ exceeds the page/);
});

t.test('ARROW-GH-45185: repetition levels start at 1 instead of 0', async (t) => {
  const error = await readError('ARROW-GH-45185.parquet');
  t.equal(error.code, 'BAD_PAGE');
  t.equal(error.context.column, 'x.list.element');
  t.match(error.message, /first repetition level is 1/);
});

t.test('ARROW-RS-GH-6229-LEVELS: a page has fewer repetition levels than values', async (t) => {
  const error = await readError('ARROW-RS-GH-6229-LEVELS.parquet');
  t.equal(error.code, 'BAD_ENCODING');
  t.equal(error.context.column, 'outer.list.item.c');
  t.equal(error.context.page, 1);
  t.match(error.message, /repetition levels: input truncated/);
});
