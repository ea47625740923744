import { existsSync, readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as arrow from 'apache-arrow';
import t from 'tap';
import { ParquetFile } from '../../src/parquet/file.js';
import { readBatches } from '../../src/parquet/read_batches.js';
import { generateParquet } from '../support/duckdb_parquet.js';

// 8 row groups of ~20k rows.
const generated = await generateParquet(160_000, 20_000);
t.teardown(() => generated.remove());

/** The garbage collector, without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function collectGarbage(gc: () => void): Promise<void> {
  // WeakRef targets stay alive until the current job ends (ECMA-262 ClearKeptObjects): let it end, then collect.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

t.test('one batch per row group, values in order', async (t) => {
  const file = await ParquetFile.open(generated.path);
  const groups = file.rowGroups.length;
  await file.close();
  t.ok(groups >= 6, `${groups} row groups`);
  let next = 0;
  let batches = 0;
  for await (const batch of readBatches(generated.path, { columns: ['id'] })) {
    const ids = batch.getChild('id')!;
    t.equal(ids.get(0), BigInt(next));
    next += batch.numRows;
    batches++;
  }
  t.equal(batches, groups);
  t.equal(next, 160_000);
});

t.test('row groups chosen and ordered by the caller', async (t) => {
  const file = await ParquetFile.open(generated.path);
  try {
    const firsts: bigint[] = [];
    for await (const batch of file.iterBatches({ rowGroups: [3, 1], columns: ['id'] })) {
      firsts.push(batch.getChild('id')!.get(0) as bigint);
    }
    const size = BigInt(file.rowGroups[0]!.numRows);
    t.same(firsts, [3n * size, size]);
    await t.rejects(file.iterBatches({ rowGroups: [0, 99] }).next(), { code: 'BAD_ARGUMENT' });
  } finally {
    await file.close();
  }
});

t.test('earlier batches are not retained by the iteration', async (t) => {
  const gc = collector();
  const refs: WeakRef<arrow.RecordBatch>[] = [];
  let checked = 0;
  for await (const batch of readBatches(generated.path)) {
    refs.push(new WeakRef(batch));
    if (refs.length >= 3) {
      await collectGarbage(gc);
      // Every batch before the current one is unreachable once the loop body dropped it.
      const alive = refs.slice(0, -1).filter((ref) => ref.deref() !== undefined).length;
      t.equal(alive, 0, `after batch ${refs.length}: no earlier batch alive`);
      checked++;
    }
  }
  t.ok(checked >= 4);
});

t.test('breaking out of the loop closes the file', { skip: !existsSync('/proc/self/fd') }, async (t) => {
  const openFds = () => readdirSync('/proc/self/fd').length;
  const before = openFds();
  let during = 0;
  for await (const batch of readBatches(generated.path, { columns: ['a'] })) {
    t.ok(batch.numRows > 0);
    during = openFds();
    break;
  }
  t.equal(during, before + 1, 'the file was open during the loop');
  t.equal(openFds(), before, 'and closed after break');
});

t.test('an error thrown in the loop body closes the file too', { skip: !existsSync('/proc/self/fd') }, async (t) => {
  const openFds = () => readdirSync('/proc/self/fd').length;
  const before = openFds();
  const error = await (async () => {
    for await (const _ of readBatches(generated.path, { columns: ['a'] })) throw new Error('consumer failed');
  })().catch((e: unknown) => e);
  t.match(String(error), /consumer failed/);
  t.equal(openFds(), before);
});
