// Column statistics fused with the Parquet read (src/dataframe/ops/read_stats.ts, read_reduce.ts): each
// partition's partial equals columnStatsChunk's on the partition read the general way (bit for bit: same sums,
// same extremes, NaN and null rules), a statistic of the frame equals the general tree reduction's and DuckDB's,
// and anything the fused read does not handle (DATA_PAGE_V2, an int64 sum past the i64 range) falls back.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { treeReduce } from '../../src/dataframe/emit.js';
import type { DataFrame } from '../../src/dataframe/frame.js';
import { type ParquetPartitionSpec, readParquetPartition } from '../../src/dataframe/ops/read.js';
import { fusedColumnPartials, fusedStatsTaken } from '../../src/dataframe/ops/read_stats.js';
import {
  type ColumnPartial,
  columnStatsChunk,
  finishColumnStat,
  mergeColumnStats,
  type StatName,
} from '../../src/dataframe/ops/stats.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { reduceStat } from '../../src/dataframe/reductions.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, duckRun, partitionSpecOf } from './support.js';

const dir = join(tmpdir(), `tessera-fused-stats-${process.pid}`);
mkdirSync(join(dir, 'set'), { recursive: true });
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** f double with nulls and NaN (plain pages), d double with few values (dictionary), n int32 with nulls, r float
 *  with nulls, b int64 (negative too), e int64 with nulls and few values, m int32 without nulls (dictionary), q float
 *  with few values; `shift` moves the values so that the files' dictionaries differ. */
const rows = (from: number, to: number, shift: number) => `SELECT
    CASE WHEN i % 11 = 0 THEN NULL WHEN i % 97 = 5 THEN 'NaN'::DOUBLE
         ELSE ((hash(i * 7 + 1) % 100000)::DOUBLE - 50000) / 8.1 END AS f,
    ((hash(i * 5) % 100)::DOUBLE - 50 + ${shift}) / 3 AS d,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (hash(i * 7 + 2) % 1000)::INTEGER - 500 END AS n,
    CASE WHEN i % 5 = 1 THEN NULL ELSE ((hash(i) % 200)::FLOAT - 100) / 3 END AS r,
    (i - 7000) * 1000003::BIGINT AS b,
    CASE WHEN i % 4 = 0 THEN NULL ELSE (hash(i * 3) % 30)::BIGINT - 15 + ${shift} END AS e,
    (hash(i * 11) % 50)::INTEGER - 25 + ${shift} AS m,
    CASE WHEN i % 6 = 1 THEN NULL ELSE 's' || (hash(i * 19) % 37)::VARCHAR END AS s,
    ((hash(i * 13) % 64)::FLOAT - 32 + ${shift}) / 7 AS q
  FROM range(${from}, ${to}) r(i)`;
const COLUMNS = ['f', 'd', 'n', 'r', 'b', 'e', 'm', 'q'];

const duck = join(dir, 'duck.parquet');
await duckRun(`COPY (${rows(0, 20000, 0)}) TO '${duck}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
for (let i = 0; i < 10; i++) {
  const path = join(dir, 'set', `p${i}.parquet`);
  await duckRun(`COPY (${rows(i * 1500, i * 1500 + 1500, i * 3)}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 700)`);
}
const table = await readTable(duck);
// Many small pages per chunk (this project's writer), dictionaries falling back to plain pages.
const pages = join(dir, 'pages.parquet');
await writeTable(pages, table, { rowGroupSize: 7000, dataPageSize: 1024, dictionaryPageSizeLimit: 512 });
const v2 = join(dir, 'v2.parquet');
await writeTable(v2, table, { rowGroupSize: 3000, pageVersion: 2 });
// int64 values whose sum leaves the i64 range (the exact sum is a bigint).
const huge = join(dir, 'huge.parquet');
await duckRun(
  `COPY (SELECT (4611686018427387904 + i)::BIGINT AS b FROM range(0, 5) r(i)) TO '${huge}' (FORMAT parquet)`,
);

/** The partition spec of every row group of `path`, for `columns`. */
const specOf = partitionSpecOf;

/** A partial's fields (m2 left out: the fused read does not compute it), bigints and NaN kept as text. */
function fieldsOf(p: ColumnPartial): string {
  const { m2: _, ...rest } = p;
  return JSON.stringify(rest, (_k, v) =>
    typeof v === 'bigint'
      ? `${v}n`
      : typeof v === 'number' && !Number.isFinite(v)
        ? String(v)
        : Object.is(v, -0)
          ? '-0'
          : v,
  );
}

t.test('the fused partial equals columnStatsChunk on the partition read the general way', async (t) => {
  for (const path of [duck, pages, v2, join(dir, 'set', 'p0.parquet'), join(dir, 'set', 'p7.parquet')]) {
    const spec = await specOf(path, COLUMNS);
    const fused = await fusedColumnPartials(spec, COLUMNS);
    if (!fused) {
      t.fail(`fused path declined: ${path}`);
      continue;
    }
    const general = columnStatsChunk(await readParquetPartition(spec), COLUMNS);
    for (const name of COLUMNS) t.equal(fieldsOf(fused[name]!), fieldsOf(general[name]!), `${path} ${name}`);
    // A partition of some row groups, in another order of columns.
    if (spec.rowGroups.length < 3) continue;
    const part = { ...spec, rowGroups: spec.rowGroups.slice(1, 3) };
    const some = await fusedColumnPartials(part, ['q', 'b']);
    const someGeneral = columnStatsChunk(await readParquetPartition(part), ['q', 'b']);
    t.equal(fieldsOf(some!.q!), fieldsOf(someGeneral.q!), `${path} q of row groups 1-2`);
    t.equal(fieldsOf(some!.b!), fieldsOf(someGeneral.b!), `${path} b of row groups 1-2`);
  }
});

t.test('the fused read declines an int64 sum past i64, a filter and a missing column', async (t) => {
  t.equal(await fusedColumnPartials(await specOf(huge, ['b']), ['b']), undefined, 'int64 overflow');
  const spec = await specOf(duck, ['f']);
  const filtered = { ...spec, filter: { column: 'f', op: '>', value: 0 } } as unknown as ParquetPartitionSpec;
  t.equal(await fusedColumnPartials(filtered, ['f']), undefined, 'filter');
  const missing = { ...spec, dataFields: [{ ...spec.dataFields[0]!, name: 'absent' }] };
  t.equal(await fusedColumnPartials(missing, ['absent']), undefined, 'column the file lacks');
});

/** The general tree reduction of `stat` of `column` (what reduceStat builds without the fused read). */
function generalStat(df: DataFrame, stat: StatName, column: string, splitEvery: number) {
  return treeReduce(df, {
    name: stat,
    chunk: { op: columnStatsChunk, args: [[column]] },
    combine: { op: mergeColumnStats, args: [[column]] },
    aggregate: { op: finishColumnStat, args: [column, stat] },
    splitEvery,
  }).compute({ scheduler: 'sync' });
}

const text = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v));

t.test(
  'statistics of a readParquet frame equal the general reduction and DuckDB, and take the fused path',
  async (t) => {
    const pool = new ThreadPool({ threads: 2 });
    t.teardown(() => pool.close());
    const stats: StatName[] = ['sum', 'mean', 'min', 'max', 'count', 'any', 'all'];
    const sql = { sum: 'sum', mean: 'avg', min: 'min', max: 'max', count: 'count' } as Record<string, string>;
    for (const [path, from] of [
      [duck, `read_parquet('${duck}')`],
      [pages, `read_parquet('${pages}')`],
      [v2, `read_parquet('${v2}')`],
      [join(dir, 'set'), `read_parquet('${join(dir, 'set')}/*.parquet')`],
    ] as const) {
      const df = await readParquet(path, { columns: COLUMNS });
      for (const splitEvery of [2, 8]) {
        for (const stat of stats) {
          for (const column of COLUMNS) {
            const what = `${path.split('/').pop()} ${stat}(${column}) splitEvery ${splitEvery}`;
            const before = fusedStatsTaken();
            const fused = await reduceStat(df, stat, column, { splitEvery }).compute({ scheduler: 'sync' });
            t.ok(fusedStatsTaken() > before, `fused: ${what}`);
            const general = await generalStat(df, stat, column, splitEvery);
            t.equal(text(fused), text(general), `equal to the general path: ${what}`);
            if (splitEvery === 8 && (stat === 'sum' || stat === 'mean')) {
              const pooled = await reduceStat(df, stat, column).compute({ scheduler: pool });
              t.equal(text(pooled), text(general), `pool: ${what}`);
            }
            // DuckDB is the reference on the files it wrote: on this project's writer's files its max(f) is not
            // NaN (it may answer from the chunk statistics, which leave NaN out); those are checked against the
            // general path only.
            const fn = sql[stat];
            if (!fn || path === pages || path === v2) continue;
            // duckRows rounds to 9 significant digits: compared within 1e-8, relative.
            const [row] = await duckRows(`SELECT ${fn}(${column}) AS v FROM ${from}`);
            const expected = row!.v;
            const got = typeof fused === 'bigint' ? Number(fused) : (fused as number);
            if (typeof expected === 'number' && typeof got === 'number' && Number.isFinite(got) && got !== 0) {
              t.ok(Math.abs(got - expected) <= 1e-8 * Math.abs(expected), `DuckDB: ${what} ${got} vs ${expected}`);
            } else t.equal(Number.isNaN(got) ? 'NaN' : got, expected, `DuckDB: ${what}`);
          }
        }
      }
      // Several columns at once: one record.
      const record = await df.sum(['f', 'b', 'q']).compute({ scheduler: 'sync' });
      for (const name of ['f', 'b', 'q']) {
        t.equal(text(record[name]), text(await generalStat(df, 'sum', name, 8)), `record sum ${name}`);
      }
    }
  },
);

t.test('an int64 sum past the i64 range is the exact bigint, read the general way', async (t) => {
  const df = await readParquet(huge, { columns: ['b'] });
  t.equal(await df.sum('b').compute({ scheduler: 'sync' }), 4611686018427387904n * 5n + 10n);
  t.equal(await df.max('b').compute({ scheduler: 'sync' }), 4611686018427387908n);
});

t.test('a record over columns of several kinds: numeric ones fused, the others read the general way', async (t) => {
  for (const path of [duck, join(dir, 'set')]) {
    const df = await readParquet(path, { columns: ['s', 'f', 'n', 'b'] });
    for (const stat of ['min', 'max', 'count'] as const) {
      const before = fusedStatsTaken();
      const got = (await reduceStat(df, stat).compute({ scheduler: 'sync' })) as Record<string, unknown>;
      t.ok(fusedStatsTaken() > before, `fused: ${stat}`);
      t.same(Object.keys(got), ['s', 'f', 'n', 'b'], 'columns in order');
      for (const name of ['s', 'f', 'n', 'b']) {
        t.equal(
          text(got[name]),
          text(await generalStat(df, stat, name, 8)),
          `${path.split('/').pop()} ${stat}(${name})`,
        );
      }
    }
  }
});
