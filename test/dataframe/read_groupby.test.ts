// Group-by partials fused with the Parquet read (issue 16 items 3 and 4): a group-by straight over readParquet reads
// and reduces a few partitions per task, and gives DuckDB's GROUP BY, on both schedulers, with string (dictionary)
// and integer keys.
import { join } from 'node:path';
import t from 'tap';
import { col } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData, sameRows, sorted, tableRows } from './support.js';

const data = await makeTestData();
t.teardown(() => data.remove());
// 40 row groups: 40 partitions, read and reduced two per task.
const small = join(data.dir, 'small.parquet');
await writeTable(small, await readTable(data.file), { rowGroupSize: 500 });
const pool = new ThreadPool({ threads: 2 });
t.teardown(() => pool.close());

const SQL = (key: string) => `SELECT ${key}, count(*) AS count, sum(n) AS n_sum, min(n) AS n_min, max(n) AS n_max,
    avg(n) AS n_mean, count(DISTINCT id % 97) AS m_nunique
  FROM (SELECT *, id % 97 AS m FROM read_parquet('${small}')) GROUP BY ${key}`;

for (const key of ['s', 'cat', 'n']) {
  t.test(`groupby(${key}) over a 40-partition read equals DuckDB's`, async (t) => {
    const df = await readParquet(small, { columns: [key, 'n', 'id'] });
    t.equal(df.npartitions, 40);
    const withM = df.assign({ m: col('id').mod(97) });
    // The frame with an assigned column is not a plain read: the unfused path, to compare the fused one with.
    const fused = df.groupby(key, { dropna: false }).agg({ '*': 'count', n: ['sum', 'min', 'max', 'mean'] });
    const layer = [...fused.layers.get(fused.name)!.values()];
    const fusedTasks = layer.filter((task) => task.spec.fn.endsWith('#readGroupbyPartialOp'));
    t.equal(fusedTasks.length, 20, 'two partitions per fused task');
    t.same([...fused.layers.keys()], [fused.name], "the read's layer is left out: the fused tasks replace it");
    const expected = sorted(
      (await duckRows(SQL(key))).map(({ m_nunique: _m, ...rest }) => rest as Record<string, unknown>),
    );
    for (const scheduler of ['sync', pool] as const) {
      sameRows(
        t,
        sorted(tableRows(await fused.compute({ scheduler }))),
        expected,
        `fused, ${scheduler === 'sync' ? 'sync' : 'pool'}`,
      );
    }
    const unfused = withM.groupby(key, { dropna: false }).agg({ '*': 'count', m: ['nunique'] });
    t.notOk(
      [...unfused.layers.get(unfused.name)!.values()].some((task) => task.spec.fn.endsWith('#readGroupbyPartialOp')),
      'a derived frame is grouped partition by partition',
    );
    const withNunique = sorted(
      (await duckRows(SQL(key))).map((r) => ({ [key]: r[key], count: r.count, m_nunique: r.m_nunique })),
    );
    sameRows(t, sorted(tableRows(await unfused.compute({ scheduler: pool }))), withNunique, 'unfused nunique');
  });
}
