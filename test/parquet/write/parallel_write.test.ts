// Parallel writes: column chunks encoded on a thread pool give the same file, byte for byte, as one thread.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { ParquetWriter, readTable, writeTable } from '../../../src/parquet/index.js';
import { ThreadPool } from '../../../src/scheduler/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-parallel-write-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

// Count the batches sent to pools, to show the threaded runs really used one.
let poolRuns = 0;
const run = ThreadPool.prototype.run;
ThreadPool.prototype.run = function (this: ThreadPool, batch) {
  poolRuns++;
  return run.call(this, batch);
};
t.teardown(() => {
  ThreadPool.prototype.run = run;
});

const ROWS = 150_000;
const table = new arrow.Table({
  id: arrow.vectorFromArray(BigInt64Array.from({ length: ROWS }, (_, i) => BigInt(i * 7919))),
  price: arrow.vectorFromArray(Float64Array.from({ length: ROWS }, (_, i) => Math.sin(i) * 1000)),
  cat: arrow.vectorFromArray(
    Array.from({ length: ROWS }, (_, i) => (i % 13 === 0 ? null : `cat-${i % 37}`)),
    new arrow.Utf8(),
  ),
  note: arrow.vectorFromArray(
    Array.from({ length: ROWS }, (_, i) => `note ${(i * 2654435761) % 1000003} ${'x'.repeat(i % 17)}`),
    new arrow.Utf8(),
  ),
  flag: arrow.vectorFromArray(
    Array.from({ length: ROWS }, (_, i) => i % 3 === 0),
    new arrow.Bool(),
  ),
});

const variants: [string, Parameters<typeof writeTable>[2]][] = [
  ['defaults', { rowGroupSize: 60_000 }],
  [
    'zstd, v2 pages, bloom filters, checksums, sorting columns',
    {
      rowGroupSize: 50_000,
      codec: 'zstd',
      pageVersion: 2,
      pageChecksum: true,
      bloomFilter: true,
      sortingColumns: [{ column: 'id' }],
    },
  ],
];

t.test('the default thread count: small row groups stay on the calling thread until a pool runs', async (t) => {
  // First in this file: no pool has started yet. Row groups of ~2 MiB are under the 16 MiB it takes to start one.
  const path = join(dir, 'default.parquet');
  const before = poolRuns;
  await writeTable(path, table, { rowGroupSize: 40_000, overwrite: true });
  t.equal(poolRuns, before, 'no pool started for small row groups');
  await writeTable(join(dir, 'default-1.parquet'), table, { rowGroupSize: 40_000, threads: 1, overwrite: true });
  t.ok(readFileSync(path).equals(readFileSync(join(dir, 'default-1.parquet'))), 'same bytes as threads: 1');
  // Once a pool of the default size runs (started here by an explicit count equal to the cores), they use it.
  await writeTable(join(dir, 'start.parquet'), table, { threads: availableParallelism(), overwrite: true });
  const started = poolRuns;
  await writeTable(path, table, { rowGroupSize: 40_000, overwrite: true });
  t.equal(poolRuns - started, availableParallelism() > 1 ? 4 * 5 : 0, 'every chunk of the 4 row groups on the pool');
  t.ok(readFileSync(path).equals(readFileSync(join(dir, 'default-1.parquet'))), 'still the same bytes');
});

for (const [name, options] of variants) {
  t.test(`${name}: the same bytes with 1, 2 and 3 threads`, async (t) => {
    const files: Buffer[] = [];
    for (const threads of [1, 2, 3]) {
      const path = join(dir, `${threads}.parquet`);
      const before = poolRuns;
      await writeTable(path, table, { ...options, threads, overwrite: true });
      if (threads === 1) t.equal(poolRuns, before, 'threads: 1 stays on the calling thread');
      else t.equal(poolRuns - before, 3 * 5, 'every chunk of every row group went to the pool');
      files.push(readFileSync(path));
    }
    t.ok(files[0]!.equals(files[1]!), '2 threads: same bytes');
    t.ok(files[0]!.equals(files[2]!), '3 threads: same bytes');
    const back = await readTable(join(dir, '2.parquet'));
    t.equal(back.numRows, ROWS);
    t.same(back.getChild('note')!.get(12345), table.getChild('note')!.get(12345));
    t.same(back.getChild('cat')!.toArray().slice(0, 30), table.getChild('cat')!.toArray().slice(0, 30));
  });
}

t.test('ParquetWriter streams batches with threads and matches one thread', async (t) => {
  const write = async (threads: number) => {
    const path = join(dir, `stream-${threads}.parquet`);
    const writer = await ParquetWriter.open(path, table.schema, { threads, rowGroupSize: 70_000, overwrite: true });
    for (let start = 0; start < ROWS; start += 25_000) await writer.write(table.slice(start, start + 25_000));
    await writer.close();
    return readFileSync(path);
  };
  t.ok((await write(1)).equals(await write(2)));
});

t.test('bad thread counts are refused before anything is written', async (t) => {
  for (const threads of [0, -1, 1.5, Number.NaN]) {
    await t.rejects(writeTable(join(dir, 'bad.parquet'), table, { threads }), {
      code: 'BAD_ARGUMENT',
      message: /threads/,
    });
  }
});

t.test('abort with a row group still on the pool leaves nothing at the path', async (t) => {
  const path = join(dir, 'aborted.parquet');
  const writer = await ParquetWriter.open(path, table.schema, { threads: 2, rowGroupSize: 40_000, overwrite: true });
  // The write returns as soon as the last full row group is queued: it is still being encoded when abort runs.
  await writer.write(table);
  await writer.abort();
  t.throws(() => readFileSync(path), { code: 'ENOENT' });
  await t.rejects(writer.write(table), { code: 'BAD_ARGUMENT', message: /aborted/ });
});

t.test('a sink failing under a row group written from the pool fails the write and the writer', async (t) => {
  let writes = 0;
  const sink = {
    write(): void {
      writes++;
      // The magic, then the first chunk: the second chunk of the first pooled row group fails.
      if (writes === 3) throw new Error('disk full');
    },
  };
  const writer = await ParquetWriter.open(sink, table.schema, { threads: 2, rowGroupSize: 40_000 });
  // The failure surfaces when the writer next waits for that row group: at the refill of its buffers or at close.
  const outcome = writer.write(table).then(() => writer.close());
  await t.rejects(outcome, { message: 'disk full' });
  await t.rejects(writer.write(table), { code: 'BAD_ARGUMENT', message: /aborted/ });
});
