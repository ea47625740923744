import { rmSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readSummaryMetadata } from '../../../src/parquet/dataset/summary_files.js';
import { openDataset } from '../../../src/parquet/index.js';
import { duckdbExec, duckdbQuery, tableRows, tempDir } from '../../support/dataset_rows.js';
import { writeSummaryFiles } from '../../support/summary_files.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());
const dir = join(tmp.dir, 'summarised');
await duckdbExec(`COPY (
    SELECT i::BIGINT AS id, i % 4 AS part, 'v' || (i % 7) AS s FROM range(400) r(i)
  ) TO '${dir}' (FORMAT parquet, PARTITION_BY (part), ROW_GROUP_SIZE 50)`);
const plain = await openDataset(dir, { useSummaryFiles: false });
await writeSummaryFiles(dir, plain.files);
const expected = await duckdbQuery(`SELECT * FROM read_parquet('${dir}/**/*.parquet', hive_partitioning=true)`);

t.test('_metadata: files, row counts and schema without opening any data file footer', async (t) => {
  const ds = await openDataset(dir);
  t.equal(ds.stats.footersRead, 1, 'only _metadata');
  t.same(ds.files, plain.files);
  t.same(
    ds.schema.fields.map((f) => [f.name, String(f.type)]),
    plain.schema.fields.map((f) => [f.name, String(f.type)]),
  );
  t.equal(await ds.countRows(), 400);
  t.equal(await ds.countRows({ filters: [['part', '=', 1]] }), 100);
  t.equal(ds.stats.dataFilesOpened, 0);
  t.same(tableRows(await ds.toTable()), expected);
  t.equal(ds.stats.footersRead, 1, 'data read without reading footers');
  t.equal(ds.stats.dataFilesOpened, 4);
  const pruned = await ds.toTable({ filters: [['part', 'in', [0, 3]]] });
  t.equal(ds.stats.dataFilesOpened, 6);
  t.same(
    tableRows(pruned),
    await duckdbQuery(`SELECT * FROM read_parquet('${dir}/**/*.parquet', hive_partitioning=true) WHERE part IN (0, 3)`),
  );
});

t.test('_metadata unchanged: a dataset opened again reuses the per-file footers split out of it', async (t) => {
  const first = await openDataset(dir);
  const again = await openDataset(dir);
  t.equal(again.stats.footersCached, 1, 'the summary footer from the cache');
  const metadataFile = join(dir, '_metadata');
  const [a, b] = [await readSummaryMetadata(metadataFile, dir), await readSummaryMetadata(metadataFile, dir)];
  t.equal(b.arrowSchema, a.arrowSchema, "the summary's Arrow schema, derived once");
  t.equal(b.files, a.files, 'its split by file, done once');
  t.same(
    a.arrowSchema.fields.map((f) => f.name),
    ['id', 's'],
    'the data columns the summary holds',
  );
  for (const path of first.files) {
    t.equal(await again.footer(path), await first.footer(path), `the same footer object for ${path}`);
  }
  t.equal(await again.countRows(), 400);
});

t.test('_common_metadata: the schema, footers read only for files a read needs', async (t) => {
  rmSync(join(dir, '_metadata'));
  const ds = await openDataset(dir);
  t.equal(ds.stats.footersRead, 1, 'only _common_metadata');
  t.same(
    ds.schema.fields.map((f) => f.name),
    plain.schema.fields.map((f) => f.name),
  );
  t.equal((await ds.toTable({ filters: [['part', '=', 2]] })).numRows, 100);
  // The data file's footer: read now, or taken from this thread's cache if an earlier test decoded it.
  t.equal(ds.stats.footersRead + ds.stats.footersCached, 2);
  t.same(tableRows(await ds.toTable()), expected);
});
