// Unknown option names in every public entry point: a BAD_ARGUMENT error naming the key and the closest valid
// one, never a silently ignored option (issue 14, item 4). The examples first, then one per module.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import { convertFile } from '../../src/cli/convert/convert.js';
import { fromArrow, fromPartitions, fromRecords, readParquet } from '../../src/dataframe/index.js';
import { TaskGraph } from '../../src/graph/graph.js';
import { fuse, ref, task, toDot, validateGraph } from '../../src/graph/index.js';
import { OptionsError } from '../../src/options/check.js';
import {
  httpSource,
  openDataset,
  openSource,
  ParquetError,
  ParquetFile,
  ParquetWriter,
  readBatches,
  readTable,
  writeDataset,
  writeTable,
} from '../../src/parquet/index.js';
import { compute, SchedulerError, ThreadPool } from '../../src/scheduler/index.js';

const dir = await mkdtemp(join(tmpdir(), 'tessera-options-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

const table = arrow.tableFromArrays({
  id: Int32Array.from({ length: 10 }, (_, i) => i),
  name: Array.from({ length: 10 }, (_, i) => `n${i}`),
});
const file = join(dir, 'data.parquet');
await writeTable(file, table);

/** The error `run` throws or rejects with. */
async function failure(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

/** Asserts a BAD_ARGUMENT error of `type` naming `key` and suggesting `suggestion`. */
async function rejectsOption(
  t: Test,
  run: () => unknown,
  type: new (...args: never[]) => Error,
  where: string,
  key: string,
  suggestion: string,
): Promise<void> {
  const error = await failure(run);
  t.ok(error instanceof type, `${where}: a ${type.name} (got ${error.name}: ${error.message})`);
  t.equal((error as { code?: string }).code, 'BAD_ARGUMENT', `${where}: BAD_ARGUMENT`);
  t.match(error.message, `${where}: unknown option "${key}"; did you mean "${suggestion}"?`, `${where}: message`);
}

t.test('the issue: readTable and readParquet spell it filters; the other spelling is an error', async (t) => {
  const filters: [string, '<', number][] = [['id', '<', 3]];
  t.equal((await readTable(file, { filters })).numRows, 3, 'readTable filters');
  const frame = await readParquet(file, { filters });
  t.equal((await frame.compute({ scheduler: 'sync' })).numRows, 3, 'readParquet filters');
  let rows = 0;
  for await (const batch of readBatches(file, { filters })) rows += batch.numRows;
  t.equal(rows, 3, 'readBatches filters');
  await rejectsOption(
    t,
    () => readTable(file, { filter: filters } as never),
    ParquetError,
    'readTable',
    'filter',
    'filters',
  );
  await rejectsOption(
    t,
    () => readParquet(file, { filter: filters } as never),
    ParquetError,
    'readParquet',
    'filter',
    'filters',
  );
  await rejectsOption(
    t,
    () => readBatches(file, { filter: filters } as never).next(),
    ParquetError,
    'readBatches',
    'filter',
    'filters',
  );
  const ds = await openDataset(file);
  t.equal((await ds.toTable({ filters })).numRows, 3, 'Dataset.toTable filters');
  t.equal(await ds.countRows({ filters }), 3, 'Dataset.countRows filters');
  await rejectsOption(
    t,
    () => ds.toTable({ filter: filters } as never),
    ParquetError,
    'Dataset.toTable',
    'filter',
    'filters',
  );
  await rejectsOption(
    t,
    () => ds.countRows({ filter: filters } as never),
    ParquetError,
    'Dataset.countRows',
    'filter',
    'filters',
  );
});

t.test('the issue: writeTable with compression: an error suggesting codec, and no file written', async (t) => {
  const out = join(dir, 'compression.parquet');
  await rejectsOption(
    t,
    () => writeTable(out, table, { compression: 'zstd' } as never),
    ParquetError,
    'writeTable',
    'compression',
    'codec',
  );
  t.notOk(existsSync(out), 'nothing written');
  await rejectsOption(
    t,
    () => ParquetWriter.open(out, table.schema, { rowGroupsize: 5 } as never),
    ParquetError,
    'ParquetWriter.open',
    'rowGroupsize',
    'rowGroupSize',
  );
  await rejectsOption(
    t,
    () => writeTable(out, table, { row_group_size: 5 } as never),
    ParquetError,
    'writeTable',
    'row_group_size',
    'rowGroupSize',
  );
  // Nested objects too: per-column options, bloom filter settings, sorting columns.
  await rejectsOption(
    t,
    () => writeTable(out, table, { columns: { id: { compression: 'zstd' } } } as never),
    ParquetError,
    'writeTable: columns["id"]',
    'compression',
    'codec',
  );
  await rejectsOption(
    t,
    () => writeTable(out, table, { bloomFilter: { fpr: 0.01 } } as never),
    ParquetError,
    'writeTable: bloomFilter',
    'fpr',
    'fpp',
  );
  await rejectsOption(
    t,
    () => writeTable(out, table, { sortingColumns: [{ column: 'id', descend: true }] } as never),
    ParquetError,
    'writeTable: sortingColumns[0]',
    'descend',
    'descending',
  );
  t.notOk(existsSync(out), 'still nothing written');
  // The right spelling works.
  await writeTable(out, table, { codec: 'zstd', columns: { name: { codec: 'gzip' } } });
  const written = await ParquetFile.open(out);
  t.same(
    written.rowGroups[0]!.columns.map((c) => c.metaData?.codec),
    [6, 2],
    'zstd for id, gzip for name',
  );
  await written.close();
});

t.test('the issue: a writer column option that names no column is an error', async (t) => {
  const out = join(dir, 'nope.parquet');
  const error = await failure(() => writeTable(out, table, { columns: { nope: { codec: 'zstd' } } }));
  t.ok(error instanceof ParquetError);
  t.equal((error as ParquetError).code, 'BAD_ARGUMENT');
  t.match(error.message, 'writeTable: columns["nope"] names no column (did you mean "name"?); columns: id, name');
  t.notOk(existsSync(out));
  const typo = await failure(() => writeTable(out, table, { columns: { Id: { dictionary: false } } }));
  t.match(typo.message, 'columns["Id"] names no column (did you mean "id"?)');
  // writeDataset: partition columns are columns of the dataset (not of its files), and are accepted.
  const parted = arrow.tableFromArrays({ id: Int32Array.of(1, 2), part: ['a', 'b'] });
  const ok = await writeDataset(join(dir, 'ds'), parted, {
    partitionOn: ['part'],
    columns: { part: { codec: 'zstd' } },
  });
  t.equal(ok.numRows, 2);
  const bad = await failure(() => writeDataset(join(dir, 'ds2'), parted, { columns: { prt: { codec: 'zstd' } } }));
  t.match(bad.message, 'writeDataset: columns["prt"] names no column (did you mean "part"?)');
  t.notOk(existsSync(join(dir, 'ds2')));
  await rejectsOption(
    t,
    () => writeDataset(join(dir, 'ds3'), parted, { partitionBy: ['part'] } as never),
    ParquetError,
    'writeDataset',
    'partitionBy',
    'partitionOn',
  );
});

t.test('reader, sources and dataset options', async (t) => {
  await rejectsOption(
    t,
    () => ParquetFile.open(file, { verifyChecksum: false } as never),
    ParquetError,
    'ParquetFile.open',
    'verifyChecksum',
    'verifyChecksums',
  );
  await rejectsOption(
    t,
    () => readTable(file, { decryption: { footer_key: 'k' } } as never),
    ParquetError,
    'readTable: decryption',
    'footer_key',
    'footerKey',
  );
  await rejectsOption(
    t,
    () => readTable(file, { column: ['id'] } as never),
    ParquetError,
    'readTable',
    'column',
    'columns',
  );
  const opened = await ParquetFile.open(file);
  await rejectsOption(
    t,
    () => opened.readRowGroup(0, { column: ['id'] } as never),
    ParquetError,
    'readRowGroup',
    'column',
    'columns',
  );
  await rejectsOption(
    t,
    () => opened.iterBatches({ rowGroup: [0] } as never).next(),
    ParquetError,
    'iterBatches',
    'rowGroup',
    'rowGroups',
  );
  await opened.close();
  await rejectsOption(t, () => openSource(file, { https: {} } as never), ParquetError, 'openSource', 'https', 'http');
  await rejectsOption(
    t,
    () => httpSource('http://127.0.0.1:9/x', { retry: 1 } as never),
    ParquetError,
    'httpSource',
    'retry',
    'retries',
  );
  await rejectsOption(
    t,
    () => openDataset(file, { partition: 'hive' } as never),
    ParquetError,
    'openDataset',
    'partition',
    'partitioning',
  );
  await rejectsOption(
    t,
    () => readParquet(file, { dataset: { unifySchema: false } } as never),
    ParquetError,
    'readParquet: dataset',
    'unifySchema',
    'unifySchemas',
  );
  const unit = await failure(() => readTable(file, { int96TimestampUnit: 'micros' } as never));
  t.match(unit, { code: 'BAD_ARGUMENT', message: /int96TimestampUnit must be one of ns, us, ms, s, got "micros"/ });
});

t.test('DataFrame methods and compute', async (t) => {
  const df = fromArrow(table, { npartitions: 2 });
  const other = fromRecords([{ id: 1, x: 2 }]);
  await rejectsOption(
    t,
    () => fromArrow(table, { npartition: 2 } as never),
    OptionsError,
    'fromArrow',
    'npartition',
    'npartitions',
  );
  await rejectsOption(
    t,
    () => fromRecords([{ a: 1 }], { field: [] } as never),
    OptionsError,
    'fromRecords',
    'field',
    'fields',
  );
  await rejectsOption(t, () => df.merge(other, { left_on: 'id' } as never), OptionsError, 'merge', 'left_on', 'leftOn');
  await rejectsOption(
    t,
    () => df.sortValues('id', { ascendng: false } as never),
    OptionsError,
    'sortValues',
    'ascendng',
    'ascending',
  );
  await rejectsOption(t, () => df.setIndex('id', { sort: true } as never), OptionsError, 'setIndex', 'sort', 'sorted');
  await rejectsOption(
    t,
    () => df.groupby('name').agg({ id: ['sum'] }, { split_out: 2 } as never),
    OptionsError,
    'groupby.agg',
    'split_out',
    'splitOut',
  );
  await rejectsOption(
    t,
    () => df.sum('id', { splitevery: 2 } as never),
    OptionsError,
    'sum',
    'splitevery',
    'splitEvery',
  );
  await rejectsOption(t, () => df.nunique('id', { split: 2 } as never), OptionsError, 'nunique', 'split', 'splitEvery');
  await rejectsOption(
    t,
    () => df.dropDuplicates('id', { keeps: 'last' } as never),
    OptionsError,
    'dropDuplicates',
    'keeps',
    'keep',
  );
  await rejectsOption(t, () => df.dropna({ subsets: ['id'] } as never), OptionsError, 'dropna', 'subsets', 'subset');
  await rejectsOption(
    t,
    () => df.shuffle('id', { partitions: 2 } as never),
    OptionsError,
    'shuffle',
    'partitions',
    'npartitions',
  );
  await rejectsOption(
    t,
    () => df.repartition({ npartition: 2 } as never),
    OptionsError,
    'repartition',
    'npartition',
    'npartitions',
  );
  await rejectsOption(
    t,
    () => df.quantile('id', 0.5, { compresion: 50 } as never),
    OptionsError,
    'quantile',
    'compresion',
    'compression',
  );
  await rejectsOption(
    t,
    () => df.nuniqueApprox('id', { precison: 12 } as never),
    OptionsError,
    'nuniqueApprox',
    'precison',
    'precision',
  );
  await rejectsOption(
    t,
    () => fromPartitions([], df.fields, { parent: [] } as never),
    OptionsError,
    'fromPartitions',
    'parent',
    'parents',
  );
  await rejectsOption(
    t,
    () => df.compute({ schedular: 'sync' } as never),
    SchedulerError,
    'compute',
    'schedular',
    'scheduler',
  );
  await rejectsOption(
    t,
    () => df.toParquet(join(dir, 'frame'), { compression: 'zstd', scheduler: 'sync' } as never),
    ParquetError,
    'toParquet',
    'compression',
    'codec',
  );
  t.notOk(existsSync(join(dir, 'frame')), 'toParquet: nothing created');
  const written = await df.toParquet(join(dir, 'frame'), { codec: 'zstd', scheduler: 'sync', partitionOn: ['name'] });
  t.equal(written.numRows, 10, 'toParquet with compute and writer options together');
});

t.test('schedulers, graphs and the CLI conversion', async (t) => {
  const graph = TaskGraph.from({ a: task('inc', 1), b: task('inc', ref('a')) });
  t.equal(await compute(graph, 'b', { scheduler: 'sync' }), 3);
  await rejectsOption(
    t,
    () => compute(graph, 'b', { scheduler: 'sync', progressbar: false } as never),
    SchedulerError,
    'compute',
    'progressbar',
    'progressBar',
  );
  await rejectsOption(
    t,
    () => new ThreadPool({ thread: 2 } as never),
    SchedulerError,
    'ThreadPool',
    'thread',
    'threads',
  );
  await rejectsOption(
    t,
    () => fuse(graph, { maxChain: 3 } as never),
    OptionsError,
    'fuse',
    'maxChain',
    'maxChainLength',
  );
  await rejectsOption(
    t,
    () => validateGraph(graph, { isKnown: () => true } as never),
    OptionsError,
    'validateGraph',
    'isKnown',
    'isKnownFunction',
  );
  await rejectsOption(t, () => toDot(graph, { title: 'g' } as never), OptionsError, 'toDot', 'title', 'name');
  await rejectsOption(
    t,
    () => convertFile(file, join(dir, 'c.parquet'), { delimeter: ';' } as never),
    OptionsError,
    'convertFile',
    'delimeter',
    'delimiter',
  );
});
