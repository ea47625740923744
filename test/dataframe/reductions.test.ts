import t from 'tap';
import { col } from '../../src/dataframe/expr/builder.js';
import type { DataFrame } from '../../src/dataframe/frame.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData, norm, normRow, sameRows, sorted, tableRows } from './support.js';

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

// Three shapes of the same question: row-group partitions, many small partitions, mostly empty partitions.
async function frames(): Promise<[string, DataFrame, string][]> {
  const df = await readParquet(data.file);
  return [
    ['row groups', df, data.table],
    ['40 partitions', df.repartition({ npartitions: 40 }), data.table],
    [
      'sparse',
      df.filter(col('id').lt(50).or(col('id').ge(19000))),
      `(SELECT * FROM ${data.table} WHERE id < 50 OR id >= 19000)`,
    ],
  ];
}

// [statistic, DuckDB aggregate, the columns it applies to by default, or explicit columns].
const STATS: [string, string, string[], boolean][] = [
  ['sum', 'sum', ['id', 'x', 'n', 'part'], false],
  ['mean', 'avg', ['id', 'x', 'n', 'part'], false],
  ['min', 'min', ['id', 'x', 'n', 's', 'cat', 'flag', 'part'], false],
  ['max', 'max', ['id', 'x', 'n', 's', 'cat', 'flag', 'part'], false],
  ['count', 'count', ['id', 'x', 'n', 's', 'cat', 'flag', 'part'], false],
  ['std', 'stddev_samp', ['id', 'x', 'n', 'part'], false],
  ['var', 'var_samp', ['id', 'x', 'n', 'part'], false],
  ['any', 'bool_or', ['flag'], true],
  ['all', 'bool_and', ['flag'], true],
];

// DuckDB's stddev/variance raise "out of range" on NaN input; ours give NaN (IEEE 754), which this SQL spells out.
function aggregateSql(sql: string, c: string): string {
  if (c !== 'x' || !sql.includes('_samp')) return `${sql}(${c})`;
  return `CASE WHEN count(*) FILTER (WHERE isnan(x)) > 0 THEN 'NaN'::DOUBLE ELSE ${sql}(x) FILTER (WHERE NOT isnan(x)) END`;
}

for (const [label, scheduler] of SCHEDULERS) {
  t.test(`per-column statistics match DuckDB (${label})`, async (t) => {
    for (const [shape, df, table] of await frames()) {
      for (const [stat, sql, columns, explicit] of STATS) {
        const expected = (
          await duckRows(`SELECT ${columns.map((c) => `${aggregateSql(sql, c)} AS ${c}`).join(', ')} FROM ${table}`)
        )[0]!;
        const reduce = (
          df as unknown as Record<string, (c?: unknown, o?: unknown) => { compute(o: unknown): Promise<unknown> }>
        )[stat]!;
        const all = (await reduce
          .call(df, explicit ? columns : undefined, { splitEvery: 3 })
          .compute({ scheduler })) as Record<string, unknown>;
        t.same(Object.keys(all), columns, `${stat}: default columns (${shape})`);
        t.same(normRow(all), expected, `${stat} (${shape})`);
        const one = await reduce.call(df, columns[0]).compute({ scheduler });
        t.equal(norm(one), expected[columns[0]!], `${stat}(${columns[0]}) as a scalar (${shape})`);
      }
    }
  });

  t.test(`NaN propagates like DuckDB (${label})`, async (t) => {
    const df = await readParquet(data.file, { columns: ['id', 'x'] });
    const expected = (
      await duckRows(`SELECT sum(x) s, avg(x) m, min(x) lo, max(x) hi, 'NaN'::DOUBLE sd FROM ${data.table}`)
    )[0]!;
    t.same(
      [
        norm(await df.sum('x').compute({ scheduler })),
        norm(await df.mean('x').compute({ scheduler })),
        norm(await df.min('x').compute({ scheduler })),
        norm(await df.max('x').compute({ scheduler })),
        norm(await df.std('x').compute({ scheduler })),
      ],
      [expected.s, expected.m, expected.lo, expected.hi, expected.sd],
    );
  });

  t.test(`nunique, valueCounts, describe (${label})`, async (t) => {
    for (const [shape, df, table] of await frames()) {
      for (const c of ['s', 'cat', 'x', 'n', 'flag']) {
        const [{ k }] = (await duckRows(`SELECT count(DISTINCT ${c}) AS k FROM ${table}`)) as [{ k: number }];
        t.equal(await df.nunique(c, { splitEvery: 2 }).compute({ scheduler }), k, `nunique(${c}) (${shape})`);
      }
      const counts = df.valueCounts('cat', { splitEvery: 4 });
      t.equal(counts.npartitions, 1);
      const rows = tableRows(await counts.compute({ scheduler }));
      sameRows(
        t,
        sorted(rows),
        sorted(await duckRows(`SELECT cat, count(*) AS count FROM ${table} GROUP BY cat`)),
        `valueCounts (${shape})`,
      );
      const frequencies = rows.map((r) => r.count as number);
      t.same(
        frequencies,
        [...frequencies].sort((a, b) => b - a),
        'most frequent first',
      );
    }
    const df = await readParquet(data.file);
    const described = tableRows(await df.describe(['n', 'id']).compute({ scheduler }));
    t.same(
      described.map((r) => r.statistic),
      ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'],
    );
    const quantiles = ['0.25', '0.5', '0.75'];
    for (const c of ['n', 'id']) {
      const [e] = await duckRows(
        `SELECT count(${c})::DOUBLE a, avg(${c}) b, stddev_samp(${c}) c, min(${c})::DOUBLE d, ` +
          `${quantiles.map((q, i) => `quantile_cont(${c}, ${q}) q${i}`).join(', ')}, max(${c})::DOUBLE e FROM ${data.table}`,
      );
      t.same(
        described.map((r) => r[c]),
        [e!.a, e!.b, e!.c, e!.d, e!.q0, e!.q1, e!.q2, e!.e],
        `describe ${c}`,
      );
    }
  });
}

t.test('reductions refuse columns they cannot reduce', async (t) => {
  const df = await readParquet(data.file);
  // Read from Parquet, the string column is a dictionary of utf8 (the DataFrame keeps dictionaries).
  t.throws(() => df.sum('s'), /sum: column s is a dictionary of utf8/);
  t.throws(() => df.mean(['nope']), /nope/);
  t.throws(() => df.nunique('nope'), /nope/);
});
