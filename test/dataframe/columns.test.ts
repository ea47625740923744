import t from 'tap';
import { col, lit } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { concatFrames } from '../../src/dataframe/rows.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { addRowCount } from './fixtures/ops.js';
import { duckRows, makeTestData, sameRows, tableRows } from './support.js';

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
const T = data.table;

for (const [label, scheduler] of SCHEDULERS) {
  t.test(`select, rename, assign, filter (${label})`, async (t) => {
    const df = await readParquet(data.file);
    const out = df
      .assign({ y: col('x').mul(col('n')), big: col('n').gt(100).or(col('s').isNull()), id2: col('id').add(1) })
      .filter(col('cat').eq('b').or(col('x').lt(0)))
      .rename({ s: 'label' })
      .select('id2', 'y', 'big', 'label');
    t.same(out.columns, ['id2', 'y', 'big', 'label']);
    sameRows(
      t,
      tableRows(await out.compute({ scheduler })),
      await duckRows(
        `SELECT id + 1 AS id2, x * n AS y, (n > 100 OR s IS NULL) AS big, s AS label FROM ${T} WHERE cat = 'b' OR x < 0`,
      ),
    );
  });

  t.test(`dropna, empty partitions, concat, repartition (${label})`, async (t) => {
    const df = await readParquet(data.file, { columns: ['id', 'x', 'n', 's'] });
    sameRows(
      t,
      tableRows(await df.dropna().compute({ scheduler })),
      await duckRows(
        `SELECT id, x, n, s FROM ${T} WHERE x IS NOT NULL AND NOT isnan(x) AND n IS NOT NULL AND s IS NOT NULL`,
      ),
      'dropna any',
    );
    sameRows(
      t,
      tableRows(await df.dropna({ subset: ['x', 'n'], how: 'all' }).compute({ scheduler })),
      await duckRows(`SELECT id, x, n, s FROM ${T} WHERE (x IS NOT NULL AND NOT isnan(x)) OR n IS NOT NULL`),
      'dropna all on a subset',
    );
    // Most partitions end up empty.
    const sparse = df.filter(col('id').lt(100).or(col('id').ge(19990)));
    const both = concatFrames([sparse, df.filter(col('id').eq(5000))]);
    t.equal(both.npartitions, 20);
    sameRows(
      t,
      tableRows(await both.compute({ scheduler })),
      await duckRows(
        `SELECT * FROM (SELECT id, x, n, s FROM ${T} WHERE id < 100 OR id >= 19990) UNION ALL (SELECT id, x, n, s FROM ${T} WHERE id = 5000)`,
      ),
    );
    const many = df.repartition({ npartitions: 37 });
    t.equal(many.npartitions, 37);
    const few = many.repartition({ npartitions: 3 });
    t.equal(few.npartitions, 3);
    sameRows(t, tableRows(await few.compute({ scheduler })), await duckRows(`SELECT id, x, n, s FROM ${T}`));
    t.equal(await many.length().compute({ scheduler }), 20000);
    t.equal(await sparse.length({ splitEvery: 2 }).compute({ scheduler }), 110);
  });

  t.test(`mapPartitions with a registered function (${label})`, async (t) => {
    const df = (await readParquet(data.file, { columns: ['id'] })).filter(col('id').lt(3000));
    const out = df.mapPartitions(addRowCount, ['rows']);
    t.same(out.columns, ['id', 'rows']);
    const rows = tableRows(await out.compute({ scheduler }));
    t.equal(rows.length, 3000);
    t.same(rows[0], { id: 0, rows: 2048 });
    t.same(rows[2999], { id: 2999, rows: 952 });
  });

  t.test(`head, tail, persist (${label})`, async (t) => {
    const df = await readParquet(data.file, { columns: ['id', 'cat'] });
    const head = tableRows(await df.head(3000, { scheduler }));
    sameRows(t, head, await duckRows(`SELECT id, cat FROM ${T} ORDER BY id LIMIT 3000`));
    const tail = tableRows(await df.filter(col('id').lt(10)).tail(4, { scheduler }));
    t.same(
      tail.map((r) => r.id),
      [6, 7, 8, 9],
    );
    t.equal((await df.filter(lit(false)).head(5, { scheduler })).numRows, 0);
    const persisted = await df.filter(col('cat').eq('a')).persist({ scheduler });
    t.equal(persisted.npartitions, 10);
    t.equal(persisted.layers.size, 1, 'persisted partitions are literal tasks');
    t.equal(await persisted.length().compute({ scheduler }), 14000);
  });
}

t.test('errors at graph-building time', async (t) => {
  const df = await readParquet(data.file, { columns: ['id', 's'] });
  t.throws(() => df.select('nope'), /nope/);
  t.throws(() => df.assign({ z: col('s').mul(2) }), /mul|s/);
  t.throws(() => df.filter(col('id').add(1)), /bool/);
  t.throws(() => df.mapPartitions(((b: unknown) => b) as never), /defineOp/, 'closures are refused');
  t.throws(() => concatFrames([df, df.select('id')]), /schemas differ/);
  t.throws(() => df.repartition({ npartitions: 0 }), /at least 1/);
});
