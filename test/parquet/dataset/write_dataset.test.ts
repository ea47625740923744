// writeDataset: hive layout as DuckDB writes it, summary files our reader and DuckDB use, read-back equality
// through openDataset and DuckDB, and the publishing rules (existing targets, overwrite, failures).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { batchFromArrow } from '../../../src/columnar/index.js';
import { openDataset, ParquetFile, writeDataset } from '../../../src/parquet/index.js';
import { duckdbQuery, tableRows, tempDir } from '../../support/dataset_rows.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());

/** Every file under `dir`, relative, sorted. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const trips = arrow.tableFromArrays({
  id: Int32Array.from({ length: 12 }, (_, i) => i),
  year: Int32Array.from({ length: 12 }, (_, i) => 2023 + (i % 2)),
  month: Array.from({ length: 12 }, (_, i) => ['01', '02', '11'][i % 3] as string),
  fare: Float64Array.from({ length: 12 }, (_, i) => i * 1.25),
  note: Array.from({ length: 12 }, (_, i) => (i % 4 === 0 ? null : `n${i}`)),
});

t.test('one file per partition, _metadata with every row group, read back by us and DuckDB', async (t) => {
  const dir = join(tmp.dir, 'plain');
  const partitions = [trips.slice(0, 5), trips.slice(5, 5), trips.slice(5)].map((p) => batchFromArrow(p));
  const result = await writeDataset(dir, partitions, { rowGroupSize: 4 });
  t.same(result.files, ['part.0.parquet', 'part.1.parquet', 'part.2.parquet'], 'an empty partition still has a file');
  t.equal(result.numRows, 12);
  t.equal(result.numRowGroups, 4, '5 rows -> 2 row groups, 0 -> none, 7 -> 2');
  t.same(listTree(dir), ['_common_metadata', '_metadata', 'part.0.parquet', 'part.1.parquet', 'part.2.parquet']);
  t.same(readdirSync(tmp.dir), ['plain'], 'no staging directory left');

  const summary = await ParquetFile.open(join(dir, '_metadata'));
  await summary.close();
  t.same(
    summary.rowGroups.map((rg) => [rg.numRows, rg.columns.map((c) => c.filePath)[0]]),
    [
      [4, 'part.0.parquet'],
      [1, 'part.0.parquet'],
      [4, 'part.2.parquet'],
      [3, 'part.2.parquet'],
    ],
  );
  t.equal(summary.numRows, 12);
  const common = await ParquetFile.open(join(dir, '_common_metadata'));
  await common.close();
  t.equal(common.rowGroups.length, 0);
  t.same(common.metadata.schema, summary.metadata.schema);

  const ds = await openDataset(dir);
  t.equal(ds.stats.footersRead, 1, 'the reader used _metadata only');
  t.same(tableRows(await ds.toTable()), tableRows(trips));
  t.same(await duckdbQuery(`SELECT * FROM read_parquet('${dir}/*.parquet')`), tableRows(trips));
  t.same(
    await duckdbQuery(`SELECT name FROM parquet_schema('${dir}/_metadata') WHERE name <> 'schema'`),
    ['{"name":"fare"}', '{"name":"id"}', '{"name":"month"}', '{"name":"note"}', '{"name":"year"}'],
    'DuckDB reads the schema of _metadata',
  );
  t.same(
    await duckdbQuery(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('${dir}/_metadata')`),
    [
      '{"row_group_id":"0","row_group_num_rows":"4"}',
      '{"row_group_id":"1","row_group_num_rows":"1"}',
      '{"row_group_id":"2","row_group_num_rows":"4"}',
      '{"row_group_id":"3","row_group_num_rows":"3"}',
    ],
    'DuckDB reads the row groups of _metadata',
  );
});

t.test('hive directories: values as DuckDB writes them, partition columns only in the path', async (t) => {
  const dir = join(tmp.dir, 'hive');
  const result = await writeDataset(dir, [trips.slice(0, 6), trips.slice(6)].map(batchFromArrow), {
    partitionOn: ['year', 'month'],
  });
  const dirs = ['2023', '2024'].flatMap((y) => ['01', '02', '11'].map((m) => `year=${y}/month=${m}`));
  const expected = dirs.flatMap((d) => [`${d}/part.0.parquet`, `${d}/part.1.parquet`]);
  t.same(result.files, expected, 'directory by directory, then partition number');
  t.same(listTree(dir), ['_common_metadata', '_metadata', ...expected]);
  const file = await ParquetFile.open(join(dir, expected[0] as string));
  await file.close();
  t.same(
    file.schema.root.children.map((c) => c.name),
    ['id', 'fare', 'note'],
    'partition columns are not stored in the files',
  );

  const ds = await openDataset(dir);
  t.equal(ds.stats.footersRead, 1, 'the reader used _metadata only');
  t.same(tableRows(await ds.toTable()), tableRows(trips));
  t.equal(await ds.countRows({ filters: [['month', '=', '11']] }), 4, 'partition pruning on the written keys');
  const walked = await openDataset(dir, { useSummaryFiles: false });
  t.same(tableRows(await walked.toTable()), tableRows(trips), 'same rows without the summary files');
  t.same(
    await duckdbQuery(`SELECT * FROM read_parquet('${dir}/**/*.parquet', hive_partitioning=true)`),
    tableRows(trips),
  );
  t.same(await duckdbQuery(`SELECT name FROM parquet_schema('${dir}/_common_metadata') WHERE name <> 'schema'`), [
    '{"name":"fare"}',
    '{"name":"id"}',
    '{"name":"note"}',
  ]);
});

t.test('escaping and nulls in partition values match DuckDB', async (t) => {
  const odd = arrow.tableFromArrays({
    city: ['a/b', 'São Paulo', null, 'x=1%', 'a/b'],
    day: Int32Array.from([19000, 19001, 19000, 19002, 19001]),
    v: Int32Array.from([1, 2, 3, 4, 5]),
  });
  const dated = new arrow.Table({
    city: odd.getChild('city') as arrow.Vector,
    day: arrow.makeVector({ type: new arrow.DateDay(), data: odd.getChild('day')?.toArray() as Int32Array }),
    v: odd.getChild('v') as arrow.Vector,
  });
  const ours = join(tmp.dir, 'odd');
  await writeDataset(ours, dated, { partitionOn: ['city', 'day'] });
  const duck = join(tmp.dir, 'odd-duckdb');
  await duckdbQuery(`COPY (SELECT * FROM read_parquet('${ours}/**/*.parquet', hive_partitioning=true))
    TO '${duck}' (FORMAT parquet, PARTITION_BY (city, day))`);
  const dirsOf = (root: string): string[] =>
    listTree(root)
      .filter((f) => f.endsWith('.parquet'))
      .map((f) => f.split('/').slice(0, -1).join('/'))
      .filter((d, i, all) => all.indexOf(d) === i);
  t.same(dirsOf(ours), dirsOf(duck), 'the same directory names as DuckDB');
  t.ok(dirsOf(ours).includes('city=__HIVE_DEFAULT_PARTITION__/day=2022-01-08'));
  t.ok(dirsOf(ours).includes('city=S%C3%A3o%20Paulo/day=2022-01-09'));
  const ds = await openDataset(ours);
  t.same(tableRows(await ds.toTable()), tableRows(dated));
});

t.test('an existing target is refused before anything is written, unless overwrite', async (t) => {
  const dir = join(tmp.dir, 'existing');
  mkdirSync(dir);
  writeFileSync(join(dir, 'keep.txt'), 'precious');
  const before = readdirSync(tmp.dir).sort();
  await t.rejects(writeDataset(dir, trips), { code: 'BAD_ARGUMENT', message: /already exists/ });
  t.same(listTree(dir), ['keep.txt']);
  t.same(readdirSync(tmp.dir).sort(), before, 'no staging directory was created');

  const file = join(tmp.dir, 'a-file');
  writeFileSync(file, 'x');
  await t.rejects(writeDataset(file, trips), { code: 'BAD_ARGUMENT', message: /already exists/ });
  t.equal(readFileSync(file, 'utf8'), 'x');

  const empty = join(tmp.dir, 'empty-dir');
  mkdirSync(empty);
  await writeDataset(empty, trips);
  t.same(listTree(empty), ['_common_metadata', '_metadata', 'part.0.parquet'], 'an empty directory is filled');

  await writeDataset(dir, [trips.slice(0, 3), trips.slice(3)].map(batchFromArrow), { overwrite: true });
  t.same(listTree(dir), ['_common_metadata', '_metadata', 'part.0.parquet', 'part.1.parquet'], 'replaced whole');
  t.same(tableRows(await (await openDataset(dir)).toTable()), tableRows(trips));
  t.notOk(
    readdirSync(tmp.dir).some((n) => n.includes('tessera-')),
    'neither staging nor the old dataset remain',
  );
});

t.test('a failing partition leaves the existing dataset as it was and no staging directory', async (t) => {
  const dir = join(tmp.dir, 'failing');
  await writeDataset(dir, trips, { partitionOn: ['year'] });
  const before = listTree(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]);
  const schema = [{ name: 'x', type: { kind: 'int32' as const }, nullable: false }];
  const good = {
    fields: schema,
    numRows: 2,
    columns: [{ type: schema[0]!.type, length: 2, nullCount: 0, values: Int32Array.of(1, 2) }],
  };
  const withNull = {
    fields: schema,
    numRows: 2,
    columns: [
      { type: schema[0]!.type, length: 2, nullCount: 1, validity: Uint8Array.of(0b01), values: Int32Array.of(3, 0) },
    ],
  };
  await t.rejects(writeDataset(dir, [good, good, withNull], { overwrite: true }), {
    code: 'INVALID_VALUE',
    message: /x/,
  });
  t.same(
    listTree(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
    before,
    'the old dataset, byte for byte',
  );
  t.notOk(existsSync(join(tmp.dir, 'failing.tmp')));
  t.notOk(
    readdirSync(tmp.dir).some((n) => n.includes('tessera-')),
    'no staging directory',
  );
  await t.rejects(writeDataset(dir, trips, { overwrite: true, partitionOn: ['nope'] }), {
    code: 'BAD_ARGUMENT',
    message: /no column named "nope"/,
  });
  await t.rejects(writeDataset(dir, trips, { overwrite: true, codec: 'lzo' as 'zstd' }), { code: 'BAD_ARGUMENT' });
  t.same(listTree(dir).length, before.length);
  t.notOk(readdirSync(tmp.dir).some((n) => n.includes('tessera-')));
});

t.test('a hive dataset whose partitions are all empty has summary files with the data schema', async (t) => {
  const dir = join(tmp.dir, 'all-empty');
  const result = await writeDataset(dir, trips.slice(0, 0), { partitionOn: ['year'] });
  t.same(result.files, []);
  t.same(listTree(dir), ['_common_metadata', '_metadata']);
  const common = await ParquetFile.open(join(dir, '_common_metadata'));
  await common.close();
  t.same(
    common.schema.root.children.map((c) => c.name),
    ['id', 'month', 'fare', 'note'],
  );
});

t.test('two concurrent writers: without overwrite one wins whole, the other is refused', async (t) => {
  const dir = join(tmp.dir, 'race');
  const a = trips.slice(0, 4);
  const b = trips.slice(4);
  const outcomes = await Promise.allSettled([writeDataset(dir, a), writeDataset(dir, b)]);
  t.same(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
  const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
  t.match(refused.reason, { code: 'BAD_ARGUMENT', message: /already exists/ });
  const winner = outcomes[0]?.status === 'fulfilled' ? a : b;
  t.same(tableRows(await (await openDataset(dir)).toTable()), tableRows(winner));

  const both = await Promise.allSettled([
    writeDataset(dir, a, { overwrite: true }),
    writeDataset(dir, b, { overwrite: true }),
  ]);
  t.same(
    both.map((o) => o.status),
    ['fulfilled', 'fulfilled'],
  );
  const rows = tableRows(await (await openDataset(dir)).toTable());
  t.ok(rows.length === 4 || rows.length === 8, 'one complete dataset, never a mix');
  t.same(rows, rows.length === 4 ? tableRows(a) : tableRows(b));
  t.notOk(
    readdirSync(tmp.dir).some((n) => n.includes('tessera-')),
    'nothing left behind',
  );
});
