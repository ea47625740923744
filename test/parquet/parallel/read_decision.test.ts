// The default thread count of a read: small reads stay on the calling thread (pool start-up and hand-over cost more
// than they save), the caller's explicit count always wins, and the byte count is the selected chunks' only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { ParquetFile, writeTable } from '../../../src/parquet/index.js';
import {
  COLD_POOL_MIN_BYTES,
  chooseReadThreads,
  selectedChunkBytes,
  WARM_POOL_MIN_BYTES,
} from '../../../src/parquet/parallel/read_decision.js';

t.test('small reads stay on the calling thread; the threshold is higher while the pool is not started', async (t) => {
  const at = (bytes: number, poolRunning: boolean) =>
    chooseReadThreads({ requested: undefined, defaultThreads: 4, bytes, poolRunning });
  t.equal(at(0, true), 1, 'empty read');
  t.equal(at(WARM_POOL_MIN_BYTES - 1, true), 1, 'just under the warm threshold');
  t.equal(at(WARM_POOL_MIN_BYTES, true), 4, 'at the warm threshold: every core');
  t.equal(at(WARM_POOL_MIN_BYTES, false), 1, 'same size, pool not started: calling thread');
  t.equal(at(COLD_POOL_MIN_BYTES - 1, false), 1, 'just under the cold threshold');
  t.equal(at(COLD_POOL_MIN_BYTES, false), 4, 'at the cold threshold: every core');
  t.ok(WARM_POOL_MIN_BYTES < COLD_POOL_MIN_BYTES);
});

t.test('an explicit thread count is used as given, and one default thread stays one', async (t) => {
  t.equal(chooseReadThreads({ requested: 3, defaultThreads: 4, bytes: 10, poolRunning: false }), 3);
  t.equal(chooseReadThreads({ requested: 1, defaultThreads: 4, bytes: 1 << 30, poolRunning: true }), 1);
  t.equal(chooseReadThreads({ requested: undefined, defaultThreads: 1, bytes: 1 << 30, poolRunning: true }), 1);
});

t.test('the byte count covers the selected columns and row groups only', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-read-decision-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'f.parquet');
  const n = 30_000;
  const table = new arrow.Table({
    a: arrow.vectorFromArray(Float64Array.from({ length: n }, (_, i) => Math.sin(i))),
    b: arrow.vectorFromArray(Int32Array.from({ length: n }, (_, i) => i)),
  });
  await writeTable(path, table, { rowGroupSize: 10_000, codec: 'uncompressed' });
  const file = await ParquetFile.open(path);
  t.teardown(() => file.close());
  const size = (g: number, c: number) => Number(file.rowGroups[g]!.columns[c]!.metaData!.totalCompressedSize);
  t.equal(
    selectedChunkBytes(file, [0, 1, 2], undefined),
    [0, 1, 2].reduce((s, g) => s + size(g, 0) + size(g, 1), 0),
  );
  t.equal(selectedChunkBytes(file, [1], ['b']), size(1, 1));
  t.equal(selectedChunkBytes(file, [2, 0], ['a']), size(2, 0) + size(0, 0));
  t.equal(selectedChunkBytes(file, [], undefined), 0);
  t.ok(size(0, 0) > 80_000, 'plain doubles: the chunk holds its values');
});
