// The group-by partial fused with the Parquet read (src/dataframe/ops/fused_partial.ts): equal, state for state, to
// codePartial over the partition read with its key's dictionary kept, and the whole group-by equal to DuckDB's, on
// files with null keys, null values, NaN, int32 / float / double values (PLAIN and dictionary-encoded), several row
// groups and pages, dictionaries that differ per row group and per file; and declining (the general path answers,
// equal to DuckDB) on a dictionary-fallback chunk, nunique and an empty file. DATA_PAGE_V2 pages (this project's
// writer and DuckDB's) are fused too.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { batchToArrow } from '../../src/columnar/to_arrow.js';
import { type AggItem, normalizeAggSpec } from '../../src/dataframe/algorithms/agg_spec.js';
import { codePartial } from '../../src/dataframe/algorithms/code_partial.js';
import { groupbyCombine } from '../../src/dataframe/algorithms/group_combine.js';
import type { GroupPartial } from '../../src/dataframe/algorithms/group_partial.js';
import {
  type FusedStates,
  fusedPartial,
  fusedPartialsTaken,
  fusedStates,
  fusedStatesPartial,
} from '../../src/dataframe/ops/fused_partial.js';
import { type ParquetPartitionSpec, readParquetPartition } from '../../src/dataframe/ops/read.js';
import { dictionaryField } from '../../src/dataframe/read_dictionary.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ParquetError } from '../../src/parquet/errors.js';
import { ParquetFile } from '../../src/parquet/file.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, duckRun, partitionSpecOf, sameRows, sorted, tableRows } from './support.js';

const dir = join(tmpdir(), `tessera-fused-${process.pid}`);
mkdirSync(join(dir, 'set'), { recursive: true });
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** Rows `from`..`to`: k a string key with nulls (key set shifted by `shift`), z an int key without nulls; f double
 *  (mostly distinct: PLAIN pages) with nulls and NaN, d double with few values (dictionary-encoded), n int32 with
 *  nulls, r float with nulls, b int64; m int32 and q float with few values and no nulls (dictionary pages whose
 *  gather is fused into the aggregates). */
const rows = (from: number, to: number, shift: number) => `SELECT
    CASE WHEN i % 9 = 2 THEN NULL ELSE 'k' || (hash(i * 3 + 1) % 40 + ${shift})::VARCHAR END AS k,
    (hash(i * 3 + 2) % 25)::INTEGER AS z,
    CASE WHEN i % 11 = 0 THEN NULL WHEN i % 97 = 5 THEN 'NaN'::DOUBLE
         ELSE ((hash(i * 7 + 1) % 100000)::DOUBLE - 50000) / 8.0 END AS f,
    ((hash(i * 5) % 100)::DOUBLE - 50) / 4 AS d,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (hash(i * 7 + 2) % 1000)::INTEGER - 500 END AS n,
    CASE WHEN i % 5 = 1 THEN NULL ELSE ((hash(i) % 200)::FLOAT - 100) / 4 END AS r,
    i::BIGINT AS b,
    (hash(i * 11) % 50)::INTEGER - 25 AS m,
    ((hash(i * 13) % 64)::FLOAT - 32) / 8 AS q
  FROM range(${from}, ${to}) r(i)`;

const duck = join(dir, 'duck.parquet');
await duckRun(`COPY (${rows(0, 20000, 0)}) TO '${duck}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
// Another file of the dataset, with other keys: the files' dictionaries differ.
await duckRun(
  `COPY (${rows(0, 12000, 0)}) TO '${join(dir, 'set', 'a.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 3000)`,
);
await duckRun(`COPY (${rows(12000, 20000, 25)}) TO '${join(dir, 'set', 'b.parquet')}' (FORMAT parquet)`);
const table = await readTable(duck);
// Many small pages per chunk (this project's writer), dictionaries falling back to plain pages, DATA_PAGE_V2.
const pages = join(dir, 'pages.parquet');
await writeTable(pages, table, { rowGroupSize: 7000, dataPageSize: 1024 });
// Value chunks written plain in many small pages (f's dictionary over its limit, n without one).
const mixed = join(dir, 'mixed.parquet');
const mixedColumns = { f: { dictionaryPageSizeLimit: 256 }, n: { dictionary: false } };
await writeTable(mixed, table, { rowGroupSize: 3000, dataPageSize: 1024, columns: mixedColumns });
const fallback = join(dir, 'fallback.parquet');
await writeTable(fallback, table, { rowGroupSize: 3000, dictionaryPageSizeLimit: 128 });
const v2 = join(dir, 'v2.parquet');
await writeTable(v2, table, { rowGroupSize: 3000, pageVersion: 2 });
// Uncompressed DATA_PAGE_V2 (is_compressed false) in small pages.
const v2Plain = join(dir, 'v2_plain.parquet');
await writeTable(v2Plain, table, { rowGroupSize: 5000, dataPageSize: 2048, pageVersion: 2, codec: 'uncompressed' });
// DATA_PAGE_V2 from another writer (DuckDB: delta and dictionary encodings, zstd values sections).
const duckV2 = join(dir, 'duck_v2.parquet');
await duckRun(
  `COPY (${rows(0, 20000, 0)}) TO '${duckV2}' (FORMAT parquet, PARQUET_VERSION V2, COMPRESSION zstd, ROW_GROUP_SIZE 4096)`,
);
// A dataset whose second file lacks a value column (read as nulls) and stores the int key as BIGINT (widened).
mkdirSync(join(dir, 'evolved'));
await duckRun(`COPY (${rows(0, 6000, 0)}) TO '${join(dir, 'evolved', 'a.parquet')}' (FORMAT parquet)`);
await duckRun(
  `COPY (SELECT k, z::BIGINT AS z, f, d, r, m, q FROM (${rows(6000, 9000, 5)})) TO '${join(dir, 'evolved', 'b.parquet')}' (FORMAT parquet)`,
);
const empty = join(dir, 'empty.parquet');
await duckRun(`COPY (${rows(0, 0, 0)}) TO '${empty}' (FORMAT parquet)`);

const AGG = {
  '*': 'count',
  f: ['sum', 'min', 'max', 'mean', 'count'],
  n: ['sum', 'min', 'max', 'mean', 'count'],
  r: ['sum', 'min', 'max'],
  d: ['sum', 'mean', 'max'],
  m: ['sum', 'min', 'max', 'count'],
  q: ['sum', 'min', 'max'],
} as const;
const SQL = (from: string, key: string, where: string) => `SELECT ${key}, count(*) AS count,
    sum(f) AS f_sum, min(f) AS f_min, max(f) AS f_max, avg(f) AS f_mean, count(f) AS f_count,
    sum(n) AS n_sum, min(n) AS n_min, max(n) AS n_max, avg(n) AS n_mean, count(n) AS n_count,
    sum(r) AS r_sum, min(r) AS r_min, max(r) AS r_max, sum(d) AS d_sum, avg(d) AS d_mean, max(d) AS d_max,
    sum(m) AS m_sum, min(m) AS m_min, max(m) AS m_max, count(m) AS m_count, sum(q) AS q_sum, min(q) AS q_min, max(q) AS q_max
  FROM ${from} ${where} GROUP BY ${key}`;

/** The partition spec of every row group of `path`, for `columns`. */
const specOf = partitionSpecOf;

/** The partial of the unfused path: the partition read with the key's dictionary kept, then codePartial. */
async function codedPartial(spec: ParquetPartitionSpec, key: string, items: AggItem[], dropna: boolean) {
  const dataFields = spec.dataFields.map((f) => (f.name === key ? dictionaryField(f) : f));
  const batch = await readParquetPartition({ ...spec, dataFields, readDictionary: [key] });
  return codePartial(batch, key, items, dropna);
}

/** Every row of a partial's states, exactly (bigints and NaN kept). */
function exactRows(partial: GroupPartial): string[] {
  const text = (_: string, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  return batchToArrow(partial.groups)
    .toArray()
    .map((r) => JSON.stringify(r.toJSON(), text));
}

const columns = (key: string) => [key, 'f', 'n', 'r', 'd', 'm', 'q'];

t.test('the fused partial equals codePartial, state for state', async (t) => {
  const lone = { f: ['min'], n: ['max'], r: ['max'] } as const;
  for (const path of [
    duck,
    pages,
    mixed,
    v2,
    v2Plain,
    duckV2,
    join(dir, 'set', 'a.parquet'),
    join(dir, 'set', 'b.parquet'),
  ]) {
    for (const key of ['k', 'z']) {
      const spec = await specOf(path, columns(key));
      for (const agg of [AGG, lone, { '*': 'count' }, { '*': 'size', n: 'count' }]) {
        const items = normalizeAggSpec(agg as never);
        for (const dropna of [false, true]) {
          const what = `${path.split('/').pop()} by ${key} ${JSON.stringify(agg)} dropna ${dropna}`;
          const fused = await fusedPartial(spec, key, items, dropna);
          if (!fused) {
            t.fail(`fused path declined: ${what}`);
            continue;
          }
          const coded = (await codedPartial(spec, key, items, dropna))!;
          t.same(fused.groups.fields, coded.groups.fields, `fields: ${what}`);
          t.same(exactRows(fused), exactRows(coded), `states: ${what}`);
        }
      }
    }
  }
});

t.test('several partitions fused into one partial equal the combine of their partials, state for state', async (t) => {
  // One partition per row group of a file (sums of one group then add per partition first, then across them).
  for (const path of [duck, pages]) {
    for (const key of ['k', 'z']) {
      const whole = await specOf(path, columns(key));
      const specs = whole.rowGroups.map((i) => ({ ...whole, rowGroups: [i] }));
      for (const agg of [AGG, { '*': 'count' }]) {
        const items = normalizeAggSpec(agg as never);
        const states = await Promise.all(specs.map((spec) => fusedStates(spec, key, items)));
        if (states.some((s) => s === undefined)) {
          t.fail('fused path declined');
          continue;
        }
        for (const dropna of [false, true]) {
          const merged = fusedStatesPartial(states as FusedStates[], items, dropna);
          const partials = await Promise.all(specs.map((spec) => codedPartial(spec, key, items, dropna)));
          const combined = groupbyCombine(partials as GroupPartial[], [key], items);
          const what = `${path.split('/').pop()} by ${key} ${JSON.stringify(agg)} dropna ${dropna}`;
          t.same(merged.groups.fields, combined.groups.fields, `fields: ${what}`);
          t.same(exactRows(merged), exactRows(combined), `states: ${what}`);
        }
      }
    }
  }
});

t.test('a group-by fused with the read equals DuckDB (sync and a pool), and takes the fused path', async (t) => {
  const pool = new ThreadPool({ threads: 2 });
  t.teardown(() => pool.close());
  for (const [path, from] of [
    [duck, `read_parquet('${duck}')`],
    [pages, `read_parquet('${pages}')`],
    [mixed, `read_parquet('${mixed}')`],
    [v2, `read_parquet('${v2}')`],
    [duckV2, `read_parquet('${duckV2}')`],
    [join(dir, 'set'), `read_parquet('${join(dir, 'set')}/*.parquet')`],
  ] as const) {
    for (const key of ['k', 'z']) {
      for (const dropna of [false, true]) {
        const df = await readParquet(path, { columns: columns(key) });
        const grouped = df.groupby(key, { dropna }).agg(AGG as never);
        const expected = sorted(await duckRows(SQL(from, key, dropna ? `WHERE ${key} IS NOT NULL` : '')));
        const before = fusedPartialsTaken();
        const sync = sorted(tableRows(await grouped.compute({ scheduler: 'sync' })));
        t.ok(fusedPartialsTaken() > before, 'fused partials taken');
        sameRows(t, sync, expected, `${path.split('/').pop()} by ${key}, dropna ${dropna}, sync`);
        sameRows(t, sorted(tableRows(await grouped.compute({ scheduler: pool }))), expected, 'pool');
      }
    }
  }
});

t.test('a corrupt chunk is a ParquetError naming the file, row group and column', async (t) => {
  for (const source of [duck, duckV2]) {
    const bytes = readFileSync(source);
    const file = await ParquetFile.open(source);
    const k = file.schema.columns.find((c) => c.name === 'k')!;
    const meta = file.rowGroups[1]!.columns[k.columnIndex]!.metaData!;
    await file.close();
    // Garbage over the second half of the key chunk of row group 1 (its data pages).
    const end = Number(meta.dictionaryPageOffset ?? meta.dataPageOffset) + Number(meta.totalCompressedSize);
    const from = Math.floor((Number(meta.dataPageOffset) + end) / 2);
    for (let i = from; i < end; i++) bytes[i] = (i * 37) & 0xff;
    const corrupt = join(dir, `corrupt_${source.split('/').pop()}`);
    writeFileSync(corrupt, bytes);
    const spec = await specOf(corrupt, columns('k'));
    const error = await fusedPartial(spec, 'k', normalizeAggSpec(AGG as never), false).catch((err: unknown) => err);
    t.ok(error instanceof ParquetError, 'a ParquetError');
    t.match((error as Error).message, /corrupt_/, 'names the file');
    t.match((error as Error).message, /row group 1/, 'names the row group');
    t.match((error as Error).message, /column k/, 'names the column');
  }
});

t.test('declined where it does not apply, and the general path still equals DuckDB', async (t) => {
  const items = normalizeAggSpec(AGG as never);
  for (const path of [fallback]) {
    const spec = await specOf(path, columns('k'));
    t.equal(await fusedPartial(spec, 'k', items, false), undefined, `${path.split('/').pop()} declined`);
    const df = await readParquet(path, { columns: columns('k') });
    const actual = sorted(
      tableRows(
        await df
          .groupby('k', { dropna: false })
          .agg(AGG as never)
          .compute({ scheduler: 'sync' }),
      ),
    );
    sameRows(t, actual, sorted(await duckRows(SQL(`read_parquet('${path}')`, 'k', ''))), path);
  }
  const spec = await specOf(duck, ['k', 'b']);
  t.ok(await fusedPartial(spec, 'k', normalizeAggSpec({ b: ['sum'] }), false), 'int64 sum fused (fused_int64.test.ts)');
  t.equal(await fusedPartial(spec, 'k', normalizeAggSpec({ b: ['nunique'] } as never), false), undefined, 'nunique');
  const df = await readParquet(duck, { columns: ['k', 'b'] });
  const sums = sorted(
    tableRows(
      await df
        .groupby('k', { dropna: false })
        .agg({ b: ['sum'] })
        .compute({ scheduler: 'sync' }),
    ),
  );
  sameRows(t, sums, sorted(await duckRows(`SELECT k, sum(b) AS b_sum FROM read_parquet('${duck}') GROUP BY k`)));
  // A file lacking a column, or storing the key as another type than the dataset's, takes the general path.
  const evolved = await readParquet(join(dir, 'evolved'), { columns: columns('k') });
  const before = fusedPartialsTaken();
  const byK = await evolved
    .groupby('k', { dropna: false })
    .agg(AGG as never)
    .compute({ scheduler: 'sync' });
  t.equal(fusedPartialsTaken() - before, 1, 'the file with every column fused, the other not');
  const from = `read_parquet('${join(dir, 'evolved')}/*.parquet', union_by_name = true)`;
  sameRows(t, sorted(tableRows(byK)), sorted(await duckRows(SQL(from, 'k', ''))), 'missing column');
  const byZ = await readParquet(join(dir, 'evolved'), { columns: ['z', 'f', 'd', 'r'] });
  const zAgg = { '*': 'count', f: ['sum', 'max'], r: ['min'] } as const;
  const zRows = await byZ
    .groupby('z', { dropna: false })
    .agg(zAgg as never)
    .compute({ scheduler: 'sync' });
  const zSql = `SELECT z, count(*) AS count, sum(f) AS f_sum, max(f) AS f_max, min(r) AS r_min FROM ${from} GROUP BY z`;
  sameRows(t, sorted(tableRows(zRows)), sorted(await duckRows(zSql)), 'a key widened from INTEGER to BIGINT');
  const none = await specOf(empty, columns('k'));
  t.equal(await fusedPartial(none, 'k', items, false), undefined, 'empty file declined');
  const emptyDf = await readParquet(empty, { columns: columns('k') });
  t.equal(
    (
      await emptyDf
        .groupby('k', { dropna: false })
        .agg(AGG as never)
        .compute({ scheduler: 'sync' })
    ).numRows,
    0,
    'no groups',
  );
});
