import t from 'tap';
import { col } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData } from './support.js';

const pool = new ThreadPool({ threads: 2 });
const data = await makeTestData();
t.teardown(async () => {
  await pool.close();
  data.remove();
});

t.test('nuniqueApprox is within 3 standard errors of DuckDB count(DISTINCT), on sync and threads', async (t) => {
  const df = await readParquet(data.file);
  const sparse = df.filter(col('id').lt(50).or(col('id').ge(19000)));
  const sparseTable = `(SELECT * FROM ${data.table} WHERE id < 50 OR id >= 19000)`;
  for (const [frame, table] of [
    [df, data.table],
    [sparse, sparseTable],
  ] as const) {
    for (const c of ['id', 'x', 'n', 's', 'cat', 'flag', 'part']) {
      // DuckDB's DISTINCT counts every NaN as one value, as ours does.
      const exact = Number((await duckRows(`SELECT count(DISTINCT ${c}) AS d FROM ${table}`))[0]!.d);
      for (const precision of [10, 14]) {
        const sync = await frame.nuniqueApprox(c, { precision }).compute({ scheduler: 'sync' });
        const threads = await frame.nuniqueApprox(c, { precision }).compute({ scheduler: pool });
        t.equal(threads, sync, `${c} p=${precision}: threads = sync`);
        const bound = 3 * (1.04 / Math.sqrt(2 ** precision)) * exact;
        t.ok(Math.abs(sync - exact) <= Math.max(bound, 0.5), `${c} p=${precision}: ${sync} vs ${exact}`);
      }
    }
  }
});

t.test('quantile is within the documented rank error of DuckDB quantile_cont', async (t) => {
  const df = await readParquet(data.file);
  const qs = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];
  for (const c of ['x', 'n', 'id']) {
    // Ours ignores NaN; DuckDB sorts it last, so it is filtered out of DuckDB's input.
    const where = c === 'x' ? 'WHERE NOT isnan(x)' : '';
    const [{ n }] = (await duckRows(`SELECT count(${c}) AS n FROM ${data.table} ${where}`)) as [{ n: number }];
    const got = await df.quantile(c, qs).compute({ scheduler: pool });
    for (const [i, q] of qs.entries()) {
      const b = (Math.PI * Math.sqrt(q * (1 - q))) / 100 + 1 / n;
      const lo = Math.max(0, q - b);
      const hi = Math.min(1, q + b);
      const [row] = await duckRows(
        `SELECT quantile_cont(${c}, ${lo}) AS lo, quantile_cont(${c}, ${hi}) AS hi FROM ${data.table} ${where}`,
      );
      const slack = c === 'x' ? 0 : 1; // integer columns: a result between two neighbouring values
      t.ok(
        got[i]! >= Number(row!.lo) - slack && got[i]! <= Number(row!.hi) + slack,
        `${c} q=${q}: ${got[i]} in [${row!.lo}, ${row!.hi}]`,
      );
    }
  }
});
