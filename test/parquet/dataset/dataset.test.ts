import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { ParquetError } from '../../../src/parquet/errors.js';
import { openDataset } from '../../../src/parquet/index.js';
import { duckdbExec, duckdbQuery, tableRows, tempDir } from '../../support/dataset_rows.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());

const hive = join(tmp.dir, 'hive');
await duckdbExec(`COPY (
    SELECT i::INTEGER AS id, 2023 + i % 2 AS year, i % 3 + 1 AS month, 'v' || i AS s,
      CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1.5 END AS d
    FROM range(120) r(i)
  ) TO '${hive}' (FORMAT parquet, PARTITION_BY (year, month))`);

const duckHive = (where = '') =>
  duckdbQuery(
    `SELECT * FROM read_parquet('${hive}/**/*.parquet', hive_partitioning=true, union_by_name=true) ${where}`,
  );

t.test('hive directory: files, partition columns typed like DuckDB, values equal', async (t) => {
  const ds = await openDataset(hive);
  t.equal(ds.files.length, 6);
  t.same(
    ds.partitionColumns.map((c) => [c.name, String(c.field.type)]),
    [
      ['year', 'Int64'],
      ['month', 'Int64'],
    ],
  );
  t.same(
    ds.schema.fields.map((f) => f.name),
    ['id', 's', 'd', 'year', 'month'],
  );
  t.equal(ds.fragments[0]!.partition.get('year'), 2023n);
  t.equal(await ds.countRows(), 120);
  const table = await ds.toTable();
  t.equal(table.numRows, 120);
  t.same(tableRows(table), await duckHive());
  t.equal(ds.stats.footersRead, 6, 'one footer per file, at open');
});

t.test('glob and list inputs', async (t) => {
  const glob = await openDataset(`${hive}/year=2024/*/*.parquet`);
  t.equal(glob.files.length, 3);
  t.same(tableRows(await glob.toTable()), await duckHive('WHERE year = 2024'));
  const deep = await openDataset(`${hive}/**/*.parquet`);
  t.equal(deep.files.length, 6);
  const list = await openDataset(glob.files.slice(0, 2));
  t.same(
    list.partitionColumns.map((c) => c.name),
    ['year', 'month'],
  );
  t.equal(list.files.length, 2);
});

t.test('column selection includes partition columns', async (t) => {
  const ds = await openDataset(hive);
  const table = await ds.toTable({ columns: ['month', 'id'] });
  t.same(
    table.schema.fields.map((f) => f.name),
    ['id', 'month'],
  );
  t.same(
    tableRows(table),
    await duckdbQuery(`SELECT id, month FROM read_parquet('${hive}/**/*.parquet', hive_partitioning=true)`),
  );
  const onlyPartition = await ds.toTable({ columns: ['year'] });
  t.equal(onlyPartition.numRows, 120);
});

t.test('partition pruning: files that cannot match are never opened', async (t) => {
  const ds = await openDataset(hive);
  const table = await ds.toTable({ filters: [['year', '=', 2024]] });
  t.equal(ds.stats.dataFilesOpened, 3);
  t.same(tableRows(table), await duckHive('WHERE year = 2024'));

  const lazy = await openDataset(hive, { unifySchemas: false });
  // Footers come from the file or from this thread's footer cache (the files are unchanged since `ds` read them).
  const footers = (d: typeof lazy): number => d.stats.footersRead + d.stats.footersCached;
  t.equal(footers(lazy), 1, 'schema from the first file only');
  t.equal(lazy.stats.footersCached, 1, 'its footer taken from the cache: unchanged since openDataset(hive)');
  const filter = [
    [
      ['year', '=', 2023],
      ['month', 'in', [1, 2]],
    ],
    [['month', '>', 2n]],
  ] as const;
  const pruned = await lazy.toTable({ filters: filter });
  t.equal(lazy.stats.dataFilesOpened, 4);
  t.ok(footers(lazy) <= 5);
  t.equal(lazy.stats.footersRead, 0, 'every footer from the cache');
  t.same(tableRows(pruned), await duckHive('WHERE (year = 2023 AND month IN (1, 2)) OR month > 2'));
  t.equal(await lazy.countRows({ filters: [['month', '!=', 1]] }), 80);
  t.same(lazy.matchingFragments([['year', '<', 2000]]), []);
  await t.rejects(lazy.toTable({ filters: [['nope', '=', 1]] }), { code: 'BAD_ARGUMENT' });
});

t.test('filters on data columns are pushed into each file read, mixed with partition terms', async (t) => {
  const ds = await openDataset(hive);
  const cases: [unknown, string][] = [
    [[['d', '>', 100]], 'WHERE d > 100'],
    [[['d', 'is-null']], 'WHERE d IS NULL'],
    [
      [
        [
          ['year', '=', 2023],
          ['d', '<', 30],
        ],
        [
          ['month', '=', 3],
          ['s', 'in', ['v2', 'v5', 'v8']],
        ],
      ],
      "WHERE (year = 2023 AND d < 30) OR (month = 3 AND s IN ('v2', 'v5', 'v8'))",
    ],
    [
      [
        [
          ['year', '=', 2024],
          ['id', '>=', 1000],
        ],
        [['month', '=', 1]],
      ],
      'WHERE (year = 2024 AND id >= 1000) OR month = 1',
    ],
  ];
  for (const [filter, where] of cases) {
    const table = await ds.toTable({ filters: filter as never });
    t.same(tableRows(table), await duckHive(where), where);
    t.equal(await ds.countRows({ filters: filter as never }), table.numRows, `count ${where}`);
  }
  const partial = await ds.toTable({ filters: [['d', '>', 170]], columns: ['id'] });
  t.same(tableRows(partial), await duckdbQuery(`SELECT id FROM read_parquet('${hive}/**/*.parquet') WHERE d > 170`));
});

t.test(
  'null and URL-encoded partition values, strings with leading zeros, partition wins over file column',
  async (t) => {
    const dir = join(tmp.dir, 'strings');
    await duckdbExec(`COPY (
      SELECT i AS id, CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN 'a b/c' ELSE 'x=y' END AS s
      FROM range(9) r(i)
    ) TO '${dir}' (FORMAT parquet, PARTITION_BY (s))`);
    const ds = await openDataset(dir);
    t.equal(String(ds.partitionColumns[0]!.field.type), 'Utf8');
    t.same(
      tableRows(await ds.toTable()),
      await duckdbQuery(`SELECT * FROM read_parquet('${dir}/**/*.parquet', hive_partitioning=true)`),
    );
    t.equal((await ds.toTable({ filters: [['s', 'is-null']] })).numRows, 3);
    t.equal((await ds.toTable({ filters: [['s', '=', 'a b/c']] })).numRows, 3);

    const padded = join(tmp.dir, 'padded');
    for (const [month, date] of [
      ['01', '2024-01-31'],
      ['02', '2024-02-29'],
    ]) {
      mkdirSync(join(padded, `month=${month}`, `day=${date}`), { recursive: true });
      await duckdbExec(
        `COPY (SELECT 1 AS id, 7 AS month) TO '${join(padded, `month=${month}`, `day=${date}`, 'f.parquet')}' (FORMAT parquet)`,
      );
    }
    const p = await openDataset(padded);
    t.same(
      p.partitionColumns.map((c) => String(c.field.type)),
      ['Utf8', 'Date32<DAY>'],
    );
    t.same(
      tableRows(await p.toTable()),
      await duckdbQuery(`SELECT * FROM read_parquet('${padded}/**/*.parquet', hive_partitioning=true)`),
    );
    t.equal((await p.toTable({ filters: [['day', '>=', '2024-02-01']] })).numRows, 1);
    const plain = await openDataset(padded, { partitioning: false });
    t.same(
      plain.schema.fields.map((f) => f.name),
      ['id', 'month'],
    );
  },
);

t.test('schema unification: missing columns are null, ints and floats widen', async (t) => {
  const dir = join(tmp.dir, 'unify');
  mkdirSync(dir);
  await duckdbExec(
    `COPY (SELECT i::INTEGER AS id, i::SMALLINT AS x, 'a' || i AS s, (i / 4)::FLOAT AS f FROM range(5) r(i)) TO '${dir}/a.parquet' (FORMAT parquet)`,
    `COPY (SELECT (10 + i)::BIGINT AS id, (i * 1000000000000)::BIGINT AS x, (i * 0.5)::DOUBLE AS y, (i / 8)::DOUBLE AS f FROM range(4) r(i)) TO '${dir}/b.parquet' (FORMAT parquet)`,
  );
  const ds = await openDataset(dir);
  t.same(
    ds.schema.fields.map((f) => [f.name, String(f.type), f.nullable]),
    [
      ['id', 'Int64', true],
      ['x', 'Int64', true],
      ['s', 'Utf8', true],
      ['f', 'Float64', true],
      ['y', 'Float64', true],
    ],
  );
  t.same(
    tableRows(await ds.toTable()),
    await duckdbQuery(`SELECT * FROM read_parquet('${dir}/*.parquet', union_by_name=true)`),
  );
  const bad = join(tmp.dir, 'bad');
  mkdirSync(bad);
  await duckdbExec(
    `COPY (SELECT 1 AS id, 2 AS x) TO '${bad}/a.parquet' (FORMAT parquet)`,
    `COPY (SELECT 1 AS id, 'two' AS x) TO '${bad}/b.parquet' (FORMAT parquet)`,
  );
  const err = await openDataset(bad).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(err instanceof ParquetError);
  t.equal((err as ParquetError).code, 'BAD_SCHEMA');
  t.match((err as ParquetError).message, /column x .*a\.parquet.*b\.parquet/);
});

t.test('hidden and underscore files are skipped; empty selection keeps the schema', async (t) => {
  const ds = await openDataset(hive);
  t.notOk(ds.files.some((f) => /\/[._]/.test(f)));
  const empty = await ds.toTable({ filters: [['year', '=', 1999]] });
  t.equal(empty.numRows, 0);
  t.ok(empty.schema.fields.some((f) => f.name === 'year' && arrow.DataType.isInt(f.type)));
});

t.test('without unification, a file whose column cannot convert is a clear error at read', async (t) => {
  const dir = join(tmp.dir, 'lazy-bad');
  mkdirSync(dir);
  await duckdbExec(
    `COPY (SELECT 1::BIGINT AS x) TO '${dir}/a.parquet' (FORMAT parquet)`,
    `COPY (SELECT 2::INTEGER AS x) TO '${dir}/b.parquet' (FORMAT parquet)`,
    `COPY (SELECT 'three' AS x) TO '${dir}/c.parquet' (FORMAT parquet)`,
  );
  const ds = await openDataset(dir, { unifySchemas: false });
  const batches: number[] = [];
  await t.rejects(
    (async () => {
      for await (const batch of ds.iterBatches()) batches.push(Number(batch.getChild('x')!.get(0)));
    })(),
    { code: 'BAD_SCHEMA', message: /column x .*c\.parquet/ },
  );
  t.same(batches, [1, 2], 'int32 widened to the first file int64');
});
