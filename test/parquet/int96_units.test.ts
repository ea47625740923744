// INT96 units on every read path: a value that does not fit the unit is an error naming its column and its row in
// the row group, also when a filtered read decodes only some pages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { ParquetError, readTable, writeTable } from '../../src/parquet/index.js';

const dir = await mkdtemp(join(tmpdir(), 'tessera-int96-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

const ROWS = 300;
const FAR = 250; // the row holding year 3000: beyond int64 nanoseconds (2262)
const YEAR_3000_US = 32_503_680_000_000_000n; // 3000-01-01T00:00:00Z in microseconds
const micros = BigInt64Array.from({ length: ROWS }, (_, i) => (i === FAR ? YEAR_3000_US : BigInt(i) * 1_000_000n));
const table = new arrow.Table({
  id: arrow.makeVector(Int32Array.from({ length: ROWS }, (_, i) => i)),
  ts: arrow.makeVector(arrow.makeData({ type: new arrow.TimestampMicrosecond(), length: ROWS, data: micros })),
});
const path = join(dir, 'int96.parquet');
await writeTable(path, table, { int96Timestamps: true, dataPageRowLimit: 100, dictionary: false });

async function failure(run: () => Promise<unknown>): Promise<ParquetError> {
  try {
    await run();
  } catch (err) {
    return err as ParquetError;
  }
  throw new Error('expected an error');
}

t.test('whole reads and page-index reads name the row in the row group', async (t) => {
  const us = await readTable(path);
  t.same((us.getChild('ts')!.data[0]!.values as BigInt64Array)[FAR], YEAR_3000_US, 'microseconds: exact');
  const whole = await failure(() => readTable(path, { int96TimestampUnit: 'ns' }));
  t.ok(whole instanceof ParquetError);
  t.match(whole, { code: 'INVALID_VALUE', context: { rowGroup: 0, column: 'ts', row: FAR } });
  // Only the page of rows 200..299 is decoded: the row is still 250 of the row group, not 50 of the page.
  const filtered = await failure(() => readTable(path, { filters: [['id', '>=', 200]], int96TimestampUnit: 'ns' }));
  t.match(filtered, { code: 'INVALID_VALUE', context: { column: 'ts', row: FAR } });
  t.match(filtered.message, /does not fit int64 ns.*row 250\)/);
  const fine = await readTable(path, { filters: [['id', '>=', 200]], int96TimestampUnit: 'ms' });
  t.equal(fine.numRows, 100);
  t.equal((fine.getChild('ts')!.data[0]!.values as BigInt64Array)[FAR - 200], YEAR_3000_US / 1000n, 'milliseconds');
});
