// Int64, timestamp and date value columns in the fused group-by read (src/dataframe/ops/fused_partial.ts) and in
// codePartial: sum (int64, wrapping modulo 2^64 as the general path's kernels), mean, min and max equal the general
// path's (groupbyChunk over the partition read plainly) state for state and type for type, including values beyond
// 2^53, negative values, nulls, dictionary-encoded pages and a sum that overflows; and the whole group-by equals
// DuckDB's, compared exactly as decimal strings.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import t from 'tap';
import { batchToArrow } from '../../src/columnar/to_arrow.js';
import { type AggItem, normalizeAggSpec } from '../../src/dataframe/algorithms/agg_spec.js';
import { codePartial } from '../../src/dataframe/algorithms/code_partial.js';
import { type GroupPartial, groupbyChunk } from '../../src/dataframe/algorithms/group_partial.js';
import { fusedPartial, fusedPartialsTaken } from '../../src/dataframe/ops/fused_partial.js';
import { type ParquetPartitionSpec, readParquetPartition } from '../../src/dataframe/ops/read.js';
import { dictionaryField } from '../../src/dataframe/read_dictionary.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { duckRun, partitionSpecOf } from './support.js';

const dir = join(tmpdir(), `tessera-fused-int64-${process.pid}`);
mkdirSync(dir, { recursive: true });
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** k a string key with nulls; b BIGINT beyond 2^53 (both signs) with nulls (PLAIN pages); c BIGINT with 30 values
 *  and no nulls (dictionary pages); w BIGINT near 2^62 whose sums overflow int64; ts TIMESTAMP and dt DATE with
 *  nulls. */
const ROWS = `SELECT
    CASE WHEN i % 9 = 2 THEN NULL ELSE 'k' || (hash(i * 3 + 1) % 40)::VARCHAR END AS k,
    CASE WHEN i % 13 = 0 THEN NULL ELSE ((hash(i * 7) % 1000000)::BIGINT - 500000) * 30000000000 + i % 7 END AS b,
    ((hash(i * 5) % 30)::BIGINT - 15) * 1000000000000001 AS c,
    4611686018427387904 + (hash(i) % 1000)::BIGINT AS w,
    CASE WHEN i % 11 = 4 THEN NULL ELSE TIMESTAMP '2020-01-01' + to_microseconds((hash(i * 17) % 10000000000)::BIGINT) END AS ts,
    CASE WHEN i % 10 = 1 THEN NULL ELSE DATE '2000-01-01' + (hash(i * 19) % 9000)::INTEGER END AS dt
  FROM range(0, 20000) r(i)`;

const duck = join(dir, 'duck.parquet');
await duckRun(`COPY (${ROWS}) TO '${duck}' (FORMAT parquet, ROW_GROUP_SIZE 4096)`);
// This project's writer: many small pages per chunk, b's dictionary over its limit (plain pages after dictionary
// ones), c dictionary-encoded.
const pages = join(dir, 'pages.parquet');
await writeTable(pages, await readTable(duck), {
  rowGroupSize: 7000,
  dataPageSize: 2048,
  columns: { b: { dictionaryPageSizeLimit: 4096 } },
});

// DATA_PAGE_V2 from DuckDB: int64 values delta-encoded, zstd values sections.
const duckV2 = join(dir, 'duck_v2.parquet');
await duckRun(
  `COPY (${ROWS}) TO '${duckV2}' (FORMAT parquet, PARQUET_VERSION V2, COMPRESSION zstd, ROW_GROUP_SIZE 4096)`,
);

const COLUMNS = ['k', 'b', 'c', 'w', 'ts', 'dt'];

/** The partition spec of every row group of `path`. */
const specOf = (path: string): Promise<ParquetPartitionSpec> => partitionSpecOf(path, COLUMNS);

/** Every row of a partial's states, exactly (bigints as decimal strings, NaN kept), with the fields' types. */
function exactRows(partial: GroupPartial): string[] {
  const text = (_: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);
  const types = partial.groups.fields.map((f) => `${f.name}:${f.type.kind}`).join(',');
  return [
    types,
    ...batchToArrow(partial.groups)
      .toArray()
      .map((r) => JSON.stringify(r.toJSON(), text)),
  ];
}

const AGGS = [
  { b: ['sum', 'mean', 'min', 'max', 'count'], c: ['sum', 'min', 'max'], ts: ['min', 'max'], dt: ['min', 'max'] },
  { w: ['sum', 'mean'], c: ['mean'], dt: ['sum'] },
  { b: ['max'], ts: ['sum', 'min'] },
];

t.test('int64, timestamp and date states equal the general path, state for state and type for type', async (t) => {
  for (const path of [duck, pages, duckV2]) {
    const spec = await specOf(path);
    const plain = await readParquetPartition(spec);
    const dataFields = spec.dataFields.map((f) => (f.name === 'k' ? dictionaryField(f) : f));
    const coded = await readParquetPartition({ ...spec, dataFields, readDictionary: ['k'] });
    for (const agg of AGGS) {
      const items: AggItem[] = normalizeAggSpec(agg as never);
      for (const dropna of [false, true]) {
        const what = `${path.split('/').pop()} ${JSON.stringify(agg)} dropna ${dropna}`;
        const general = exactRows(groupbyChunk(plain, ['k'], items, dropna));
        const before = fusedPartialsTaken();
        const fused = await fusedPartial(spec, 'k', items, dropna);
        t.equal(fusedPartialsTaken(), before + 1, `fused path taken: ${what}`);
        t.same(fused && exactRows(fused), general, `fused: ${what}`);
        const byCode = codePartial(coded, 'k', items, dropna);
        t.same(byCode && exactRows(byCode), general, `codePartial: ${what}`);
      }
    }
  }
});

t.test('the group-by equals DuckDB exactly (int64 sums as decimal strings) and takes the fused path', async (t) => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  t.teardown(() => connection.closeSync());
  const agg = { b: ['sum', 'min', 'max', 'count'], c: ['sum', 'max'], ts: ['min', 'max'], dt: ['min', 'max'] };
  for (const path of [duck, pages, duckV2]) {
    const df = await readParquet(path, { columns: COLUMNS });
    const before = fusedPartialsTaken();
    const table = await df
      .groupby('k', { dropna: false })
      .agg(agg as never)
      .compute({ scheduler: 'sync' });
    t.ok(fusedPartialsTaken() > before, 'fused path taken');
    const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
    // Arrow JS gives timestamps as float milliseconds: back to exact microseconds (below 2^53).
    const cell = (v: unknown, i: number) => str(i === 7 || i === 8 ? Math.round((v as number) * 1000) : v);
    const ours = table
      .toArray()
      .map((r) => Object.values(r.toJSON()).map(cell).join('|'))
      .sort();
    const sql = `SELECT k::VARCHAR, sum(b)::VARCHAR, min(b)::VARCHAR, max(b)::VARCHAR, count(b)::VARCHAR,
        sum(c)::VARCHAR, max(c)::VARCHAR, epoch_us(min(ts))::VARCHAR, epoch_us(max(ts))::VARCHAR,
        epoch_ms(min(dt))::VARCHAR, epoch_ms(max(dt))::VARCHAR
      FROM read_parquet('${path}') GROUP BY k`;
    const reader = await connection.runAndReadAll(sql);
    const theirs = (reader.getRows() as unknown[][]).map((row) => row.map(str).join('|')).sort();
    t.same(ours, theirs, path.split('/').pop() ?? path);
  }
});
