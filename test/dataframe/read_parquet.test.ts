import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { fromArrow, fromRecords } from '../../src/dataframe/create.js';
import { col } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData, sameRows, sorted, tableRows } from './support.js';

const pool = new ThreadPool({ threads: 2 });
const data = await makeTestData();
t.teardown(async () => {
  await pool.close();
  data.remove();
});
const SCHEDULERS = [
  ['sync', 'sync'],
  ['threads', pool],
] as const;
const ALL = 'id, x, n, s, cat, flag, part';

for (const [label, scheduler] of SCHEDULERS) {
  t.test(`one file, one partition per row group (${label})`, async (t) => {
    const df = await readParquet(data.file);
    t.equal(df.npartitions, 10);
    t.same(df.columns, ['id', 'x', 'n', 's', 'cat', 'flag', 'part']);
    sameRows(t, tableRows(await df.compute({ scheduler })), await duckRows(`SELECT ${ALL} FROM ${data.table}`));
  });

  t.test(`columns and filters pushed into the reader (${label})`, async (t) => {
    const df = await readParquet(data.file, {
      columns: ['s', 'id', 'x'],
      filters: [
        ['id', '>=', 5000n],
        ['x', '<', 100],
      ],
    });
    t.same(df.columns, ['s', 'id', 'x']);
    sameRows(
      t,
      tableRows(await df.compute({ scheduler })),
      await duckRows(`SELECT s, id, x FROM ${data.table} WHERE id >= 5000 AND x < 100`),
    );
    const expr = await readParquet(data.file, {
      columns: ['id', 'n'],
      filters: {
        or: [
          { column: 'n', op: 'is-null' },
          { column: 'n', op: '>', value: 400 },
        ],
      },
    });
    sameRows(
      t,
      tableRows(await expr.compute({ scheduler })),
      await duckRows(`SELECT id, n FROM ${data.table} WHERE n IS NULL OR n > 400`),
    );
  });

  t.test(`hive dataset: partition columns, pruning and pushed data terms (${label})`, async (t) => {
    const all = await readParquet(data.hive);
    t.same(all.columns, ['id', 'x', 'n', 's', 'cat', 'flag', 'part']);
    sameRows(
      t,
      sorted(tableRows(await all.compute({ scheduler }))),
      sorted(await duckRows(`SELECT ${ALL} FROM ${data.table}`)),
    );
    const some = await readParquet(data.hive, {
      columns: ['part', 'id', 'cat'],
      filters: [
        [
          ['part', 'in', [0, 2]],
          ['cat', '=', 'b'],
        ],
        [
          ['part', '=', 1],
          ['id', '<', 100n],
        ],
      ],
    });
    sameRows(
      t,
      sorted(tableRows(await some.compute({ scheduler }))),
      sorted(
        await duckRows(
          `SELECT part, id, cat FROM ${data.table} WHERE (part IN (0, 2) AND cat = 'b') OR (part = 1 AND id < 100)`,
        ),
      ),
    );
  });
}

t.test('length from the footers: no data read unless a filter drops rows', async (t) => {
  const [{ n }] = (await duckRows(`SELECT count(*)::INTEGER AS n FROM ${data.table}`)) as [{ n: number }];
  const df = await readParquet(data.file);
  t.equal(df.partitionLengths?.length, df.npartitions);
  const length = df.length();
  t.equal(length.layers.size, 1, 'one literal task, no read');
  t.equal(await length.compute({ scheduler: 'sync' }), n);
  const derived = df
    .select(['id', 'x'])
    .rename({ x: 'y' })
    .assign({ z: col('y').mul(2) });
  t.same(derived.partitionLengths, df.partitionLengths, 'select, rename, assign keep the lengths');
  t.equal(derived.length().layers.size, 1);
  t.equal(df.filter(col('id').lt(100n)).partitionLengths, undefined, 'a filter forgets them');
  t.equal(await df.filter(col('id').lt(100n)).length().compute({ scheduler: 'sync' }), 100);
  const pruned = await readParquet(data.hive, { filters: [['part', '=', 1]] });
  const [{ p1 }] = (await duckRows(`SELECT count(*)::INTEGER AS p1 FROM ${data.table} WHERE part = 1`)) as [
    { p1: number },
  ];
  t.equal(await pruned.length().compute({ scheduler: 'sync' }), p1, 'partition pruning keeps them exact');
  const filtered = await readParquet(data.file, { filters: [['id', '<', 1234n]] });
  t.equal(filtered.partitionLengths, undefined, 'a pushed filter: counted by reading');
  t.equal(await filtered.length().compute({ scheduler: pool }), 1234);
});

t.test('partitioning: N row groups, per file, by size', async (t) => {
  t.equal((await readParquet(data.file, { splitRowGroups: 3 })).npartitions, 4);
  t.equal((await readParquet(data.file, { splitRowGroups: false })).npartitions, 1);
  t.equal((await readParquet(data.hive, { splitRowGroups: false })).npartitions, 3);
  const bySize = await readParquet(data.file, { blocksize: 1 });
  t.equal(bySize.npartitions, 10);
  const pruned = await readParquet(data.file, { filters: [['id', '>=', 5000n]] });
  t.equal(pruned.npartitions, 8, 'row groups the statistics rule out get no partition');
  t.same(pruned.divisions, undefined);
  const none = await readParquet(data.file, { filters: [['id', '<', 0n]], columns: ['id', 'x'] });
  t.equal(none.npartitions, 1, 'nothing matches: one empty partition');
  t.equal((await none.compute({ scheduler: 'sync' })).numRows, 0);
  const whole = await readParquet(data.file, { blocksize: 1e12 });
  t.equal(whole.npartitions, 1);
  t.same(tableRows(await whole.compute({ scheduler: 'sync' })).length, 20000);
});

t.test('divisions from statistics of a sorted column', async (t) => {
  const df = await readParquet(data.file, { sortedBy: 'id' });
  t.equal(df.index, 'id');
  t.same(df.divisions, [0n, 2048n, 4096n, 6144n, 8192n, 10240n, 12288n, 14336n, 16384n, 18432n, 19999n]);
  t.equal((await readParquet(data.file, { sortedBy: 'x' })).divisions, undefined, 'x has nulls: unknown');
  t.equal((await readParquet(data.file, { sortedBy: 'n' })).divisions, undefined, 'n is not sorted');
  const kept = df.filter(col('n').gt(0)).select('id', 'n');
  t.same(kept.divisions, df.divisions, 'row-wise steps keep divisions');
  t.equal(df.repartition({ npartitions: 5 }).divisions?.length, 6);
  await t.rejects(readParquet(data.file, { sortedBy: 'id', columns: ['x'] }), /sortedBy/);
});

t.test('errors name the column', async (t) => {
  await t.rejects(readParquet(data.file, { columns: ['nope'] }), /nope/);
});

t.test('fromArrow and fromRecords', async (t) => {
  const table = await readTable(data.file);
  const df = fromArrow(table, { npartitions: 7 });
  t.equal(df.npartitions, 7);
  sameRows(t, tableRows(await df.compute({ scheduler: pool })), tableRows(table));
  const rows = [{ a: 1, b: 'x' }, { a: null, b: 'y' }, { a: 3 }];
  const r = fromRecords(rows, { npartitions: 2 });
  t.same(tableRows(await r.compute({ scheduler: pool })), [
    { a: 1, b: 'x' },
    { a: null, b: 'y' },
    { a: 3, b: null },
  ]);
  const empty = fromRecords([], { fields: [{ name: 'a', type: { kind: 'int32' }, nullable: true }] });
  t.equal((await empty.compute({ scheduler: 'sync' })).numRows, 0);
});

t.test('partition tasks reuse a footer only while the file is unchanged', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-footer-cache-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'f.parquet');
  const write = (offset: number) =>
    writeTable(path, new arrow.Table({ x: arrow.makeVector(Int32Array.from({ length: 40 }, (_, i) => i + offset)) }), {
      rowGroupSize: 10,
      overwrite: true,
    });
  await write(0);
  const sum = async () => (await (await readParquet(path)).sum('x').compute()) as number;
  t.equal((await readParquet(path)).npartitions, 4, 'one partition per row group');
  t.equal(await sum(), 780);
  t.equal(await sum(), 780, 'again, from the cached footer');
  // Rewritten with other values and other row groups: the cached footer must not be used.
  await writeTable(
    path,
    new arrow.Table({ x: arrow.makeVector(Int32Array.from({ length: 30 }, (_, i) => i + 1000)) }),
    { rowGroupSize: 15, overwrite: true },
  );
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  t.equal((await readParquet(path)).npartitions, 2);
  t.equal(await sum(), 30 * 1000 + 435);
});
