// groupby(keys).sum()/mean()/count()/min()/max()/nunique()/size() against DuckDB, dropna (pandas' default: rows
// with a null key are left out), and writeTable of an array of records.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import t from 'tap';
import { fromRecords } from '../../src/dataframe/create.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';

const records = [
  { k: 'a', x: 1, s: 'p' },
  { k: 'b', x: 2, s: null },
  { k: null, x: 3, s: 'q' },
  { k: 'a', x: null, s: 'p' },
  { k: 'a', x: 5, s: 'r' },
  { k: null, x: 7, s: 'r' },
  { k: 'b', x: 2.5, s: 's' },
];
const df = fromRecords(records, { npartitions: 3 });
const sync = { scheduler: 'sync' as const };
const instance = await DuckDBInstance.create(':memory:');
const c = await instance.connect();
t.teardown(() => {
  c.closeSync();
  instance.closeSync();
});
const values = records.map(
  (r) => `(${r.k === null ? 'NULL' : `'${r.k}'`}, ${r.x ?? 'NULL'}, ${r.s === null ? 'NULL' : `'${r.s}'`})`,
);
await c.run(`CREATE TABLE d AS SELECT * FROM (VALUES ${values.join(', ')}) v(k, x, s)`);

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

function rows(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): Record<string, unknown>[] {
  return table
    .toArray()
    .map((r) => r.toJSON())
    .sort((a, b) => String(a.k).localeCompare(String(b.k)));
}

t.test('shortcuts equal the DuckDB aggregates, named as the columns', async (t) => {
  const cases: [string, () => { compute(o: unknown): Promise<unknown> }, string][] = [
    ['sum', () => df.groupby('k').sum(), 'sum(x)::DOUBLE AS x'],
    ['mean', () => df.groupby('k').mean(), 'avg(x) AS x'],
    ['count', () => df.groupby('k').count(), 'count(x)::DOUBLE AS x, count(s)::DOUBLE AS s'],
    ['min', () => df.groupby('k').min(), 'min(x) AS x'],
    ['max', () => df.groupby('k').max(['x']), 'max(x) AS x'],
    ['nunique', () => df.groupby('k').nunique(), 'count(DISTINCT x)::DOUBLE AS x, count(DISTINCT s)::DOUBLE AS s'],
    ['size', () => df.groupby('k').size(), 'count(*)::DOUBLE AS size'],
  ];
  for (const [name, frame, sql] of cases) {
    const got = rows((await frame().compute(sync)) as never);
    const want = await duck(`SELECT k, ${sql} FROM d WHERE k IS NOT NULL GROUP BY k ORDER BY k`);
    t.same(got, want, name);
  }
});

t.test('dropna: false keeps the null-key group', async (t) => {
  const got = rows((await df.groupby('k', { dropna: false }).size().compute(sync)) as never);
  t.same(got, await duck('SELECT k, count(*)::DOUBLE AS size FROM d GROUP BY k ORDER BY k NULLS LAST'));
  t.equal(got.length, 3);
  t.equal((await df.groupby('k').size().compute(sync)).numRows, 2, 'dropna defaults to true (pandas)');
  t.throws(() => df.groupby('k', { dropna: 'no' as never }), /dropna must be true or false/);
  t.throws(() => df.groupby('k').sum(['s']), /sum needs a numeric column|sum/);
});

t.test('writeTable takes an array of records', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-records-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'r.parquet');
  await writeTable(path, records);
  const table = await readTable(path);
  t.same(
    table.toArray().map((r) => r.toJSON()),
    records,
  );
  await t.rejects(writeTable(join(dir, 'bad.parquet'), [{ a: 1 }, { a: 'x' }]), {
    code: 'BAD_ARGUMENT',
    message: /writeTable: cannot make a table of these records.*mixes/,
  });
  await t.rejects(writeTable(join(dir, 'bad2.parquet'), 42 as never), {
    code: 'BAD_ARGUMENT',
    message: /array of records/,
  });
  t.same(readdirSync(dir), ['r.parquet'], 'nothing left by the failed writes');
});
