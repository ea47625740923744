// The per-thread footer cache (src/parquet/dataset/footer_cache.ts): a footer is decoded once while its file is
// unchanged, a rewritten file is read afresh (even in place, at the same size and mtime), eviction is
// least-recently-used by weight, and both paths that use it (openDataset on the calling thread, readParquet's
// partition tasks on worker threads) see a rewrite.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { readParquet } from '../../../src/dataframe/read_parquet.js';
import { openDataset } from '../../../src/parquet/dataset/dataset.js';
import { FooterCache, footerCache, footerWeight } from '../../../src/parquet/dataset/footer_cache.js';
import { ParquetFile, writeTable } from '../../../src/parquet/index.js';
import { Type } from '../../../src/parquet/metadata/enums.js';
import { ThreadPool } from '../../../src/scheduler/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-footer-cache-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `n` rows of an int64 column `x` = start, start+1, ... (uncompressed, no dictionary: the size depends on
 *  `n` only, so two files of the same `n` have the same size). */
async function write(path: string, n: number, start: number): Promise<void> {
  const x = BigInt64Array.from({ length: n }, (_, i) => BigInt(start + i));
  mkdirSync(join(path, '..'), { recursive: true });
  const options = { codec: 'uncompressed', dictionary: false, statistics: true, overwrite: true } as const;
  await writeTable(path, arrow.tableFromArrays({ x }), options);
}

function sumOf(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): number {
  return table.toArray().reduce((s, r) => s + Number(r.toJSON().x_sum), 0);
}

t.test('an unchanged file is decoded once; a rewrite (new size) is read afresh', async (t) => {
  const cache = new FooterCache();
  const path = join(dir, 'a.parquet');
  await write(path, 100, 0);
  const first = await cache.open(path);
  await first.file.close();
  t.equal(first.fromCache, false);
  const second = await cache.open(path);
  await second.file.close();
  t.equal(second.fromCache, true, 'unchanged: from the cache');
  t.equal(second.file.metadata, first.file.metadata, 'the same decoded footer');
  t.equal(second.file.schema, first.file.schema, 'and the same schema, not built again');
  t.equal(second.file.numRows, 100);
  t.equal(second.file.source.byteLength, statSync(path).size, 'the file opened from the cache reads the file');
  await write(path, 250, 0);
  const third = await cache.open(path);
  t.equal(third.fromCache, false, 'rewritten: read again');
  t.equal(third.file.numRows, 250);
  const table = [];
  for await (const batch of third.file.iterBatches()) table.push(batch.numRows);
  await third.file.close();
  t.same(table, [250], 'the rows of the new file');
  t.same(
    { hits: cache.stats.hits, misses: cache.stats.misses, entries: cache.stats.entries },
    { hits: 1, misses: 2, entries: 1 },
    'the stale footer was replaced, not kept beside the new one',
  );
  const { metadata, fromCache } = await cache.footer(path);
  t.equal(fromCache, true);
  t.equal(metadata.numRows, 250);
});

t.test('a rewrite in place at the same size and mtime is still seen (ctime changes)', async (t) => {
  const cache = new FooterCache();
  const path = join(dir, 'same-size.parquet');
  const other = join(dir, 'other.parquet');
  await write(path, 64, 0);
  await write(other, 64, 1000);
  const mtime = new Date(1_700_000_000_000); // whole seconds: utimes sets them exactly
  utimesSync(path, mtime, mtime);
  const before = statSync(path, { bigint: true });
  t.equal(BigInt(statSync(other).size), before.size, 'the two files have the same size');
  const a = await cache.footer(path);
  t.equal(a.fromCache, false);
  // Same inode (written through the existing file), same size, mtime put back: only ctime tells.
  writeFileSync(path, readFileSync(other));
  utimesSync(path, mtime, mtime);
  const after = statSync(path, { bigint: true });
  t.equal(after.ino, before.ino, 'same inode');
  t.equal(after.size, before.size, 'same size');
  t.equal(after.mtimeNs, before.mtimeNs, 'same mtime');
  const b = await cache.footer(path);
  t.equal(b.fromCache, false, 're-read');
  const stats = b.metadata.rowGroups[0]!.columns[0]!.metaData!.statistics!;
  const min = new DataView(stats.minValue!.buffer, stats.minValue!.byteOffset, 8).getBigInt64(0, true);
  t.equal(min, 1000n, "the new file's statistics");
});

t.test('capacity: least recently used footers go first; a footer larger than the capacity is not kept', async (t) => {
  const paths = ['e1', 'e2', 'e3'].map((n) => join(dir, `${n}.parquet`));
  for (const p of paths) await write(p, 10, 0);
  const weight = footerWeight((await new FooterCache().footer(paths[0]!)).metadata);
  t.ok(weight >= 2, 'a footer weighs its column chunks and schema elements');
  const cache = new FooterCache(2 * weight);
  await cache.footer(paths[0]!);
  await cache.footer(paths[1]!);
  t.equal((await cache.footer(paths[0]!)).fromCache, true, 'e1 used again: e2 is now the least recent');
  await cache.footer(paths[2]!);
  t.same({ entries: cache.stats.entries, evictions: cache.stats.evictions }, { entries: 2, evictions: 1 });
  t.equal(cache.stats.weight, 2 * weight);
  t.equal((await cache.footer(paths[0]!)).fromCache, true, 'e1 kept');
  t.equal((await cache.footer(paths[2]!)).fromCache, true, 'e3 kept');
  t.equal((await cache.footer(paths[1]!)).fromCache, false, 'e2 evicted');

  const tiny = new FooterCache(weight - 1);
  await tiny.footer(paths[0]!);
  t.equal((await tiny.footer(paths[0]!)).fromCache, false, 'too large to keep');
  t.equal(tiny.stats.entries, 0);
  const off = new FooterCache(0);
  await off.footer(paths[0]!);
  t.equal((await off.footer(paths[0]!)).fromCache, false, 'capacity 0 disables the cache');
  t.throws(() => new FooterCache(-1), RangeError);
});

t.test('schema(): a cached footer gives its Arrow schema without opening the file, per INT96 unit', async (t) => {
  const path = join(dir, 'int96.parquet');
  const ts = arrow.makeData({
    type: new arrow.TimestampMicrosecond(),
    length: 3,
    data: BigInt64Array.from([0n, 1n, 2n]),
  });
  await writeTable(path, new arrow.Table({ ts: arrow.makeVector(ts) }), { int96Timestamps: true, overwrite: true });
  const cache = new FooterCache();
  const first = await cache.schema(path);
  t.equal(first.fromCache, false);
  t.equal(first.metadata.rowGroups[0]!.columns[0]!.metaData!.type, Type.INT96, 'written as INT96');
  const open = ParquetFile.open;
  let opened = 0;
  ParquetFile.open = (...args) => {
    opened++;
    return open.apply(ParquetFile, args);
  };
  try {
    const again = await cache.schema(path);
    t.equal(again.fromCache, true);
    t.equal(again.arrowSchema, first.arrowSchema, 'derived once');
    const ms = await cache.schema(path, { int96TimestampUnit: 'ms' });
    t.equal(ms.fromCache, true, 'another unit: the same footer');
    t.equal((first.arrowSchema.fields[0]!.type as arrow.Timestamp).unit, arrow.TimeUnit.MICROSECOND);
    t.equal((ms.arrowSchema.fields[0]!.type as arrow.Timestamp).unit, arrow.TimeUnit.MILLISECOND, 'its own schema');
  } finally {
    ParquetFile.open = open;
  }
  t.equal(opened, 0, 'no file opened on a hit');
  const read = await (await ParquetFile.open(path, { int96TimestampUnit: 'ms' })).arrowSchema();
  t.same(
    (await cache.schema(path, { int96TimestampUnit: 'ms' })).arrowSchema.fields.map((f) => String(f.type)),
    read.fields.map((f) => String(f.type)),
    "the same schema as the file's own",
  );
});

t.test('missing files and directories are errors, not cache entries', async (t) => {
  const cache = new FooterCache();
  await t.rejects(cache.open(join(dir, 'nope.parquet')), { code: 'IO' });
  await t.rejects(cache.footer(dir), { code: 'IO' });
  t.equal(cache.stats.entries, 0);
});

t.test('openDataset and readParquet on worker threads see a rewritten file', async (t) => {
  const root = join(dir, 'ds');
  await write(join(root, 'p=1', 'f.parquet'), 100, 0);
  await write(join(root, 'p=2', 'f.parquet'), 100, 100);
  const pool = new ThreadPool({ threads: 2 });
  t.teardown(() => pool.close());
  const query = async () => {
    const df = await readParquet(root, { columns: ['p', 'x'] });
    return sumOf(
      await df
        .groupby('p')
        .agg({ x: ['sum'] })
        .compute({ scheduler: pool }),
    );
  };
  const expected = (n: number) => (n * (n - 1)) / 2;
  t.equal(await query(), expected(200));
  const again = await openDataset(root);
  t.same([again.stats.footersRead, again.stats.footersCached], [0, 2], 'a second open takes both footers cached');
  t.equal(await query(), expected(200), 'the same result from cached footers');
  await write(join(root, 'p=2', 'f.parquet'), 300, 100);
  const reopened = await openDataset(root);
  t.same([reopened.stats.footersRead, reopened.stats.footersCached], [1, 1], 'the rewritten file is read again');
  t.equal(await query(), expected(400), 'workers read the new rows, not the old footer');
  t.ok(footerCache.stats.hits > 0, "the calling thread's cache was used");
});
