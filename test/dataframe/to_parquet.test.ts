// DataFrame.toParquet: one write task per partition and one commit task; the dataset reads back equal through
// openDataset, readParquet and DuckDB on both schedulers; a failing partition leaves an existing dataset as it was.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import type { Batch, Field } from '../../src/columnar/index.js';
import { fromArrow, fromBatches, readParquet, toParquetTasks } from '../../src/dataframe/index.js';
import { openDataset } from '../../src/parquet/index.js';
import { duckdbQuery, tableRows, tempDir } from '../support/dataset_rows.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());

const n = 1_000;
const trips = arrow.tableFromArrays({
  id: Int32Array.from({ length: n }, (_, i) => i),
  year: Int32Array.from({ length: n }, (_, i) => 2020 + (i % 3)),
  vendor: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `v${i % 4}`)),
  fare: Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 8),
});

function snapshot(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((path): [string, string] => [path, readFileSync(path).toString('base64')]);
}

function noStaging(t: Test): void {
  t.notOk(
    readdirSync(tmp.dir).some((name) => name.includes('.tessera-')),
    'no staging (or old) directory left',
  );
}

for (const scheduler of ['sync', 'threads'] as const) {
  t.test(`${scheduler}: hive dataset, read back by openDataset, readParquet and DuckDB`, async (t) => {
    const dir = join(tmp.dir, `trips-${scheduler}`);
    const df = fromArrow(trips, { npartitions: 4 });
    const result = await df.toParquet(dir, {
      partitionOn: ['year', 'vendor'],
      rowGroupSize: 100,
      scheduler,
      progressBar: false,
    });
    t.equal(result.numRows, n);
    t.equal(result.path, dir);
    t.equal(result.files.length, 3 * 5 * 4, 'one file per partition and directory');
    t.ok(result.files.includes('year=2021/vendor=__HIVE_DEFAULT_PARTITION__/part.3.parquet'));
    const ds = await openDataset(dir);
    t.equal(ds.stats.footersRead, 1, '_metadata only');
    t.same(tableRows(await ds.toTable()), tableRows(trips));
    t.same(
      await duckdbQuery(`SELECT * FROM read_parquet('${dir}/**/*.parquet', hive_partitioning=true)`),
      tableRows(trips),
    );
    const back = await readParquet(dir);
    t.same(tableRows(await back.compute({ scheduler, progressBar: false })), tableRows(trips));
    noStaging(t);
  });
}

t.test('without partitionOn: part.<i>.parquet per partition, in partition order through _metadata', async (t) => {
  const dir = join(tmp.dir, 'plain');
  const df = fromArrow(trips, { npartitions: 12 });
  const result = await df.toParquet(dir, { scheduler: 'threads', codec: 'zstd', progressBar: false });
  t.same(
    result.files,
    Array.from({ length: 12 }, (_, i) => `part.${i}.parquet`),
  );
  const ds = await openDataset(dir);
  const table = await ds.toTable();
  t.same([...(table.getChild('id')?.toArray() ?? [])], [...trips.getChild('id')!.toArray()], 'rows in order');
  t.same(await duckdbQuery(`SELECT * FROM read_parquet('${dir}/*.parquet')`), tableRows(trips));
});

t.test('the graph: one write task per partition and one commit task', async (t) => {
  const df = fromArrow(trips, { npartitions: 3 });
  const { key, layers } = toParquetTasks(df, { target: '/x/out', staging: '/x/.out.tessera-tmp-1' });
  const added = [...layers.values()].at(-1)!;
  t.equal(added.size, 4);
  t.match(String(key), /-commit$/);
  const commit = [...added.values()].find((task) => task.key === key)!;
  t.match(commit.spec.fn, /write_parquet\.ts#commitDataset$/);
  t.equal((commit.spec.args[0] as unknown[]).length, 3, 'the commit reads every write task');
});

t.test('a failing partition leaves the existing dataset unchanged and no staging directory', async (t) => {
  const fields: Field[] = [
    { name: 'k', type: { kind: 'utf8' }, nullable: true },
    { name: 'x', type: { kind: 'int32' }, nullable: false },
  ];
  const part = (x: Int32Array, validity?: Uint8Array): Batch => ({
    fields,
    numRows: x.length,
    columns: [
      {
        type: { kind: 'utf8' },
        length: x.length,
        nullCount: 0,
        offsets: Int32Array.from({ length: x.length + 1 }, (_, i) => i),
        data: new TextEncoder().encode('abcdefgh'.slice(0, x.length)),
      },
      {
        type: { kind: 'int32' },
        length: x.length,
        nullCount: validity ? 1 : 0,
        values: x,
        ...(validity ? { validity } : {}),
      },
    ],
  });
  for (const scheduler of ['sync', 'threads'] as const) {
    const dir = join(tmp.dir, `existing-${scheduler}`);
    await fromArrow(trips, { npartitions: 2 }).toParquet(dir, { partitionOn: ['year'], scheduler, progressBar: false });
    const before = snapshot(dir);
    const bad = fromBatches([
      part(Int32Array.of(1, 2)),
      part(Int32Array.of(3, 4)),
      part(Int32Array.of(5, 0), Uint8Array.of(0b01)),
    ]);
    const err = (await bad.toParquet(dir, { overwrite: true, partitionOn: ['k'], scheduler, progressBar: false }).then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & { cause?: Error & { code?: string } }) | undefined;
    t.match(err, { name: 'TaskError', message: /column x/ }, `${scheduler}: the task error names the column`);
    // The threads scheduler rebuilds the cause from its name and message only.
    t.equal(err?.cause?.name, 'ParquetError', `${scheduler}: caused by the writer's ParquetError`);
    if (scheduler === 'sync') t.equal(err?.cause?.code, 'INVALID_VALUE');
    t.same(snapshot(dir), before, `${scheduler}: the old dataset, byte for byte`);
    noStaging(t);
  }
});

t.test('an existing non-empty target is refused before any task runs', async (t) => {
  const dir = join(tmp.dir, 'occupied');
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'keep');
  let events = 0;
  await t.rejects(
    fromArrow(trips).toParquet(dir, { scheduler: 'sync', onProgress: () => events++, progressBar: false }),
    { code: 'BAD_ARGUMENT', message: /already exists/ },
  );
  t.equal(events, 0, 'no task ran');
  t.same(readdirSync(dir), ['notes.txt']);
  await t.rejects(fromArrow(trips).toParquet(join(tmp.dir, 'x'), { partitionOn: ['nope'] }), {
    code: 'BAD_ARGUMENT',
    message: /nope/,
  });
  noStaging(t);
});

t.test('readParquet -> toParquet round trip (reader partitions, hive columns back to directories)', async (t) => {
  const source = join(tmp.dir, 'rt-source');
  await fromArrow(trips, { npartitions: 3 }).toParquet(source, {
    partitionOn: ['year'],
    scheduler: 'sync',
    progressBar: false,
  });
  const df = await readParquet(source);
  const copy = join(tmp.dir, 'rt-copy');
  const result = await df.toParquet(copy, { partitionOn: ['year'], scheduler: 'sync', progressBar: false });
  t.equal(result.numRows, n);
  t.same(tableRows(await (await openDataset(copy)).toTable()), tableRows(trips));
  t.same(
    await duckdbQuery(`SELECT * FROM read_parquet('${copy}/**/*.parquet', hive_partitioning=true)`),
    tableRows(trips),
  );
});
