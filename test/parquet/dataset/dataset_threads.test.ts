// Dataset.toTable({ threads }): the table read on worker threads (several files at once) equals the calling
// thread's, value for value, with partition columns, column selection and partition filters.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { closeReadPools, openDataset, writeTable } from '../../../src/parquet/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-ds-threads-'));
t.teardown(async () => {
  await closeReadPools();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (table: arrow.Table): string[] =>
  table.toArray().map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));

t.test('toTable on 1, 2 and 3 threads', async (t) => {
  for (const [year, start] of [
    [2023, 0],
    [2024, 5000],
  ] as const) {
    mkdirSync(join(dir, `year=${year}`), { recursive: true });
    const n = 4000;
    const table = arrow.tableFromArrays({
      id: Int32Array.from({ length: n }, (_, i) => start + i),
      price: Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : i * 0.25)),
      tag: Array.from({ length: n }, (_, i) => `t${(start + i) % 13}`),
    });
    await writeTable(join(dir, `year=${year}`, 'part.parquet'), table, { rowGroupSize: 1000 });
  }
  const ds = await openDataset(dir);
  const one = await ds.toTable({ threads: 1 });
  t.equal(one.numRows, 8000);
  t.equal(one.batches.length, 8);
  for (const threads of [2, 3]) {
    const many = await ds.toTable({ threads });
    t.equal(String(many.schema), String(one.schema), `schema, threads ${threads}`);
    t.same(rowsOf(many), rowsOf(one), `rows, threads ${threads}`);
    t.same(
      many.batches.map((b) => b.numRows),
      one.batches.map((b) => b.numRows),
    );
    const options = { columns: ['year', 'tag'], filters: [['year', '=', 2024]] as [string, '=', number][] };
    const picked = await ds.toTable({ ...options, threads });
    t.same(rowsOf(picked), rowsOf(await ds.toTable({ ...options, threads: 1 })), `selection, threads ${threads}`);
    t.equal(picked.numRows, 4000);
    t.equal(picked.get(0)!.tag, 't8');
  }
  t.equal((await ds.toTable()).numRows, 8000, 'default thread count');
  await t.rejects(ds.toTable({ threads: 0 }), { code: 'BAD_ARGUMENT', message: /threads/ });
  await t.rejects(ds.toTable({ thread: 2 } as object), { code: 'BAD_ARGUMENT', message: /thread/ });
});
