// readParquet plans its partitions from the footers openDataset has already read (issue 16 item 4: many small files
// should cost what one costs): no data file is opened, and no footer decoded, a second time on the calling thread.
import t from 'tap';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { openDataset } from '../../src/parquet/dataset/dataset.js';
import { ParquetFile } from '../../src/parquet/file.js';
import { makeTestData, sorted, tableRows } from './support.js';

const data = await makeTestData();
t.teardown(() => data.remove());

t.test('planning a hive dataset reads each footer once', async (t) => {
  const dataset = await openDataset(data.hive);
  const files = dataset.files.length;
  t.ok(files >= 3, 'one file per partition value at least');
  t.equal(dataset.stats.footersRead, files, 'openDataset reads every footer');
  // Every file open goes through ParquetFile.open or fromMetadata: count both while planning.
  const open = ParquetFile.open;
  const fromMetadata = ParquetFile.fromMetadata;
  let opened = 0;
  ParquetFile.open = (...args) => {
    opened++;
    return open.apply(ParquetFile, args);
  };
  ParquetFile.fromMetadata = (...args) => {
    opened++;
    return fromMetadata.apply(ParquetFile, args);
  };
  let df: Awaited<ReturnType<typeof readParquet>>;
  try {
    df = await readParquet(dataset, { columns: ['part', 'n'] });
  } finally {
    ParquetFile.open = open;
    ParquetFile.fromMetadata = fromMetadata;
  }
  t.equal(opened, 0, 'readParquet opens no file');
  t.equal(dataset.stats.footersRead, files, 'readParquet reads no footer again');
  t.equal(dataset.stats.dataFilesOpened, 0, 'nor opens a data file');
  const counted = sorted(tableRows(await df.groupby('part').agg({ '*': 'count' }).compute({ scheduler: 'sync' })));
  t.same(
    counted.map((r) => Number(r.count)),
    [0, 1, 2].map((p) => Array.from({ length: 20000 }, (_, i) => i % 3).filter((x) => x === p).length),
  );
});

t.test('without schema unification the footers are read at planning, once', async (t) => {
  const dataset = await openDataset(data.hive, { unifySchemas: false });
  // A footer is read from its file or taken from this thread's footer cache (the first test decoded them all).
  const footers = (): number => dataset.stats.footersRead + dataset.stats.footersCached;
  const before = footers();
  await readParquet(dataset, { columns: ['n'] });
  const planned = footers();
  t.ok(planned > before, 'obtained at planning');
  t.equal(dataset.stats.footersRead, 0, 'from the cache: the files are unchanged since the first test');
  await readParquet(dataset, { columns: ['n'] });
  t.equal(footers(), planned, 'kept for the next plan');
});
