// Hive directory names of every partitionable type, compared with the ones DuckDB writes for the same data.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readTable, writeDataset } from '../../../src/parquet/index.js';
import { duckdbExec, tempDir } from '../../support/dataset_rows.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());

const source = join(tmp.dir, 'source.parquet');
await duckdbExec(`COPY (SELECT * FROM (VALUES
    (true, 1, 10000000000::BIGINT, 1.0::DOUBLE, DATE '2024-01-15', TIMESTAMP '2024-01-15 10:00:00',
     TIMESTAMPTZ '2024-01-15 10:00:00+00', 12.5::DECIMAL(10,2), 'a/b c', 1),
    (false, -3, -7::BIGINT, -0.25::DOUBLE, DATE '1969-12-31', TIMESTAMP '1969-12-31 23:59:59.123456',
     TIMESTAMPTZ '2024-01-15 10:00:00.5+00', -0.07::DECIMAL(10,2), 'São=%', 2),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 3)
  ) v(b, i, big, f, d, ts, tsz, dec, s, row)) TO '${source}' (FORMAT parquet)`);
await duckdbExec("SET TimeZone = 'UTC'");
const table = await readTable(source);

function dirs(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('_'))
    .sort();
}

for (const column of ['b', 'i', 'big', 'f', 'd', 'ts', 'tsz', 'dec', 's']) {
  t.test(`partitioning on ${column} names directories as DuckDB does`, async (t) => {
    const ours = join(tmp.dir, `ours-${column}`);
    const duck = join(tmp.dir, `duck-${column}`);
    await writeDataset(ours, table, { partitionOn: [column] });
    await duckdbExec(`COPY (SELECT * FROM '${source}') TO '${duck}' (FORMAT parquet, PARTITION_BY (${column}))`);
    t.same(dirs(ours), dirs(duck));
  });
}

t.test('timestamps with a time zone are UTC with +00', async (t) => {
  const ours = join(tmp.dir, 'explicit-tsz');
  await writeDataset(ours, table, { partitionOn: ['tsz'] });
  t.same(dirs(ours), [
    'tsz=2024-01-15%2010%3A00%3A00%2B00',
    'tsz=2024-01-15%2010%3A00%3A00.5%2B00',
    'tsz=__HIVE_DEFAULT_PARTITION__',
  ]);
});

t.test('columns that cannot be partition keys are refused before anything is written', async (t) => {
  const blob = {
    fields: [
      { name: 'k', type: { kind: 'binary' as const }, nullable: true },
      { name: 'v', type: { kind: 'int32' as const }, nullable: true },
    ],
    numRows: 1,
    columns: [
      {
        type: { kind: 'binary' as const },
        length: 1,
        nullCount: 0,
        offsets: Int32Array.of(0, 1),
        data: Uint8Array.of(7),
      },
      { type: { kind: 'int32' as const }, length: 1, nullCount: 0, values: Int32Array.of(1) },
    ],
  };
  await t.rejects(writeDataset(join(tmp.dir, 'bad'), [blob], { partitionOn: ['k'] }), {
    code: 'BAD_ARGUMENT',
    message: /cannot partition on column k of type binary/,
  });
  await t.rejects(writeDataset(join(tmp.dir, 'bad'), table, { partitionOn: ['row', 'row'] }), {
    code: 'BAD_ARGUMENT',
    message: /twice/,
  });
  await t.rejects(writeDataset(join(tmp.dir, 'bad'), [blob], { partitionOn: ['v', 'k'] }), {
    code: 'BAD_ARGUMENT',
  });
  t.notOk(
    readdirSync(tmp.dir).some((name) => name.includes('bad')),
    'nothing created',
  );
});
