// AbortSignal on writes: ParquetWriter, writeTable, writeDataset and DataFrame.toParquet discard everything they
// started (temporary files, staging directories) when the signal aborts, and reject with ParquetError('ABORTED').
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Batch } from '../../../src/columnar/types.js';
import { fromBatches } from '../../../src/dataframe/create.js';
import { writeDataset } from '../../../src/parquet/dataset/write/write_dataset.js';
import { ParquetWriter } from '../../../src/parquet/write/parquet_writer.js';
import { writeTable } from '../../../src/parquet/write/write_table.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-abort-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

function batch(n: number, offset = 0): Batch {
  const ids = Array.from({ length: n }, (_, i) => i + offset);
  return {
    fields: [
      { name: 'id', type: { kind: 'int32' }, nullable: false },
      { name: 's', type: { kind: 'utf8' }, nullable: true },
    ],
    numRows: n,
    columns: [columnFromValues({ kind: 'int32' }, ids), columnFromValues({ kind: 'utf8' }, ids.map(String))],
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 1));
}

t.test('ParquetWriter: abort discards the temporary file; later calls reject ABORTED', async (t) => {
  const dir = mkdtempSync(join(root, 'w-'));
  const controller = new AbortController();
  const path = join(dir, 'out.parquet');
  const one = batch(1000);
  const writer = await ParquetWriter.open(
    path,
    (await import('../../../src/columnar/to_arrow.js')).batchToArrow(one).schema,
    {
      signal: controller.signal,
      rowGroupSize: 100,
    },
  );
  await writer.write(one);
  t.equal(readdirSync(dir).length, 1, 'the temporary file exists while writing');
  controller.abort();
  await t.rejects(writer.write(one), { code: 'ABORTED' });
  await t.rejects(writer.close(), { code: 'ABORTED' });
  t.same(readdirSync(dir), [], 'nothing left');
});

t.test('ParquetWriter: abort with no call pending still removes the file', async (t) => {
  const dir = mkdtempSync(join(root, 'idle-'));
  const controller = new AbortController();
  const one = batch(10);
  const { batchToArrow } = await import('../../../src/columnar/to_arrow.js');
  const writer = await ParquetWriter.open(join(dir, 'o.parquet'), batchToArrow(one).schema, {
    signal: controller.signal,
  });
  await writer.write(one);
  controller.abort(new Error('user stop'));
  await until(() => readdirSync(dir).length === 0);
  t.same(readdirSync(dir), []);
  await t.rejects(writer.close(), { code: 'ABORTED', cause: { message: 'user stop' } });
});

t.test('writeTable: an aborted signal creates nothing; an abort mid-write removes the file', async (t) => {
  const dir = mkdtempSync(join(root, 't-'));
  await t.rejects(writeTable(join(dir, 'a.parquet'), batch(10), { signal: AbortSignal.abort() }), { code: 'ABORTED' });
  t.same(readdirSync(dir), []);
  const controller = new AbortController();
  const big = batch(300_000);
  const pending = writeTable(join(dir, 'b.parquet'), big, { signal: controller.signal, rowGroupSize: 5000 });
  await until(() => readdirSync(dir).length > 0);
  controller.abort();
  await t.rejects(pending, { code: 'ABORTED' });
  t.same(readdirSync(dir), []);
});

t.test('writeDataset and toParquet: an abort removes the staging directory', async (t) => {
  const dir = mkdtempSync(join(root, 'd-'));
  const batches = Array.from({ length: 40 }, (_, i) => batch(20_000, i * 20_000));
  const controller = new AbortController();
  const pending = writeDataset(join(dir, 'ds'), batches, { signal: controller.signal });
  await until(() => readdirSync(dir).length > 0);
  controller.abort();
  await t.rejects(pending, { code: 'ABORTED' });
  t.same(readdirSync(dir), [], 'no staging directory, no target');

  const df = fromBatches(batches);
  const c2 = new AbortController();
  const written = df.toParquet(join(dir, 'frame'), { signal: c2.signal, scheduler: 'sync' });
  await until(() => readdirSync(dir).length > 0);
  c2.abort();
  await t.rejects(written);
  t.same(readdirSync(dir), [], 'toParquet leaves nothing either');
});
