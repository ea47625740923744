// The group-by partial fused with the read for 2 or 3 dictionary-encoded keys (src/dataframe/ops/fused_multi_key.ts):
// equal, state for state, to groupbyChunk over the partition read the general way (sums in the same row order), and
// a group-by of a readParquet frame equal to DuckDB's, with nulls, NaN, several row groups and dictionaries that
// differ from file to file.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { batchToArrow } from '../../src/columnar/to_arrow.js';
import { normalizeAggSpec } from '../../src/dataframe/algorithms/agg_spec.js';
import { type GroupPartial, groupbyChunk } from '../../src/dataframe/algorithms/group_partial.js';
import { fusedMultiKeyPartial, fusedMultiKeyTaken } from '../../src/dataframe/ops/fused_multi_key.js';
import { readParquetPartition } from '../../src/dataframe/ops/read.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, duckRun, partitionSpecOf, sameRows, sorted, tableRows } from './support.js';

const dir = join(tmpdir(), `tessera-fused-multi-${process.pid}`);
mkdirSync(join(dir, 'set'), { recursive: true });
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** k string key with nulls, w string key (key set shifted by `shift`), z int key, b int64 key with nulls; f double
 *  with nulls and NaN, n int32 with nulls, r float with nulls, m int32 without nulls (dictionary pages). */
const rows = (from: number, to: number, shift: number) => `SELECT
    CASE WHEN i % 9 = 2 THEN NULL ELSE 'k' || (hash(i * 3 + 1) % 12)::VARCHAR END AS k,
    'w' || (hash(i * 3 + 5) % 7 + ${shift})::VARCHAR AS w,
    (hash(i * 3 + 2) % 5)::INTEGER AS z,
    CASE WHEN i % 13 = 4 THEN NULL ELSE (hash(i * 17) % 4)::BIGINT * 1000000007 END AS b,
    CASE WHEN i % 11 = 0 THEN NULL WHEN i % 97 = 5 THEN 'NaN'::DOUBLE
         ELSE ((hash(i * 7 + 1) % 100000)::DOUBLE - 50000) / 8.1 END AS f,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (hash(i * 7 + 2) % 1000)::INTEGER - 500 END AS n,
    CASE WHEN i % 5 = 1 THEN NULL ELSE ((hash(i) % 200)::FLOAT - 100) / 3 END AS r,
    (hash(i * 11) % 50)::INTEGER - 25 AS m
  FROM range(${from}, ${to}) r(i)`;

const duck = join(dir, 'duck.parquet');
await duckRun(`COPY (${rows(0, 20000, 0)}) TO '${duck}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
await duckRun(`COPY (${rows(0, 9000, 0)}) TO '${join(dir, 'set', 'a.parquet')}' (FORMAT parquet)`);
await duckRun(`COPY (${rows(9000, 20000, 4)}) TO '${join(dir, 'set', 'b.parquet')}' (FORMAT parquet)`);
const pages = join(dir, 'pages.parquet');
await writeTable(pages, await readTable(duck), { rowGroupSize: 7000, dataPageSize: 1024 });

const AGG = {
  '*': 'count',
  f: ['sum', 'min', 'max', 'mean', 'count'],
  n: ['sum', 'min', 'max', 'mean'],
  r: ['sum', 'min', 'max'],
  m: ['sum', 'max', 'count'],
} as const;
const KEY_SETS = [
  ['k', 'w'],
  ['w', 'z'],
  ['k', 'z', 'b'],
];
const VALUES = ['f', 'n', 'r', 'm'];

const specOf = partitionSpecOf;

/** Every row of a partial's groups, exactly (bigints, NaN and -0 kept). */
function exactRows(partial: GroupPartial): string[] {
  const text = (_: string, v: unknown) =>
    typeof v === 'bigint'
      ? `${v}n`
      : typeof v === 'number' && !Number.isFinite(v)
        ? String(v)
        : Object.is(v, -0)
          ? '-0'
          : v;
  return batchToArrow(partial.groups)
    .toArray()
    .map((r) => JSON.stringify(r.toJSON(), text));
}

t.test('the fused multi-key partial equals groupbyChunk, state for state', async (t) => {
  for (const path of [duck, pages, join(dir, 'set', 'a.parquet'), join(dir, 'set', 'b.parquet')]) {
    for (const keys of KEY_SETS) {
      const spec = await specOf(path, [...keys, ...VALUES]);
      for (const agg of [AGG, { '*': 'size' }, { f: ['min'], n: ['count'] }]) {
        const items = normalizeAggSpec(agg as never);
        for (const dropna of [false, true]) {
          const what = `${path.split('/').pop()} by ${keys} ${JSON.stringify(agg)} dropna ${dropna}`;
          const fused = await fusedMultiKeyPartial(spec, keys, items, dropna);
          if (!fused) {
            t.fail(`fused path declined: ${what}`);
            continue;
          }
          const general = groupbyChunk(await readParquetPartition(spec), keys, items, dropna);
          t.same(fused.groups.fields, general.groups.fields, `fields: ${what}`);
          t.same(exactRows(fused), exactRows(general), `states: ${what}`);
        }
      }
    }
  }
});

t.test('the fused path declines float keys, keys the file lacks and int64 values', async (t) => {
  const spec = await specOf(duck, ['k', 'f', 'n']);
  const items = normalizeAggSpec({ n: ['sum'] } as never);
  t.equal(await fusedMultiKeyPartial(spec, ['k', 'f'], items, false), undefined, 'float key');
  const missing = { ...spec, dataFields: [...spec.dataFields, { ...spec.dataFields[0]!, name: 'absent' }] };
  t.equal(await fusedMultiKeyPartial(missing, ['k', 'absent'], items, false), undefined, 'absent key');
  // int64 values have no multi-key accumulators: declined, and the general path sums them.
  const withInt64 = await specOf(duck, ['k', 'w', 'b']);
  const int64Items = normalizeAggSpec({ b: ['sum', 'max'] } as never);
  t.equal(await fusedMultiKeyPartial(withInt64, ['k', 'w'], int64Items, false), undefined, 'int64 value');
  const df = await readParquet(duck, { columns: ['k', 'w', 'b'] });
  const got = await df
    .groupby(['k', 'w'])
    .agg({ b: ['sum', 'max'] })
    .compute({ scheduler: 'sync' });
  const want = await duckRows(
    `SELECT k, w, sum(b)::BIGINT AS b_sum, max(b) AS b_max FROM read_parquet('${duck}') WHERE k IS NOT NULL GROUP BY k, w`,
  );
  sameRows(t, sorted(tableRows(got)), sorted(want), 'int64 sums and max by two keys, equal to DuckDB');
});

const SQL = (from: string, keys: string[], where: string) => `SELECT ${keys.join(', ')}, count(*) AS count,
    sum(f) AS f_sum, min(f) AS f_min, max(f) AS f_max, avg(f) AS f_mean, count(f) AS f_count,
    sum(n) AS n_sum, min(n) AS n_min, max(n) AS n_max, avg(n) AS n_mean,
    sum(r) AS r_sum, min(r) AS r_min, max(r) AS r_max, sum(m) AS m_sum, max(m) AS m_max, count(m) AS m_count
  FROM ${from} ${where} GROUP BY ${keys.join(', ')}`;

t.test('a multi-key group-by of a readParquet frame equals DuckDB and takes the fused path', async (t) => {
  const pool = new ThreadPool({ threads: 2 });
  t.teardown(() => pool.close());
  for (const [path, from] of [
    [duck, `read_parquet('${duck}')`],
    [join(dir, 'set'), `read_parquet('${join(dir, 'set')}/*.parquet')`],
  ] as const) {
    for (const keys of KEY_SETS) {
      for (const dropna of [false, true]) {
        const df = await readParquet(path, { columns: [...keys, ...VALUES] });
        const grouped = df.groupby(keys, { dropna }).agg(AGG as never);
        const where = dropna ? `WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}` : '';
        const expected = sorted(await duckRows(SQL(from, keys, where)));
        const before = fusedMultiKeyTaken();
        const sync = sorted(tableRows(await grouped.compute({ scheduler: 'sync' })));
        t.ok(fusedMultiKeyTaken() > before, 'fused multi-key partials taken');
        sameRows(t, sync, expected, `${path.split('/').pop()} by ${keys}, dropna ${dropna}, sync`);
        sameRows(t, sorted(tableRows(await grouped.compute({ scheduler: pool }))), expected, 'pool');
      }
    }
  }
});
