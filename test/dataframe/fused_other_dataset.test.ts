// A check of the fused group-by read on another dataset than the bench file and the trips (issue 16: "a check of
// this project uses another dataset, with other keys and other aggregates"): files written by DuckDB with its
// defaults (DATA_PAGE v1) and with PARQUET_VERSION V2, keys of 10, 1,000 and ~20,000 distinct values (int64 and
// string), int64, double and timestamp values with nulls. Results equal DuckDB's exactly (int64 sums as decimal
// strings, doubles to 12 significant digits), and every key takes the fused path: DuckDB writes the high-cardinality
// keys PLAIN (no dictionary page), which the fused read groups in kernel memory (integer keys, with or without
// nulls).
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import t from 'tap';
import { fieldFromArrow } from '../../src/columnar/from_arrow.js';
import { batchToArrow } from '../../src/columnar/to_arrow.js';
import { normalizeAggSpec } from '../../src/dataframe/algorithms/agg_spec.js';
import { codePartial } from '../../src/dataframe/algorithms/code_partial.js';
import type { GroupPartial } from '../../src/dataframe/algorithms/group_partial.js';
import { fusedPartial, fusedPartialsTaken } from '../../src/dataframe/ops/fused_partial.js';
import { type ParquetPartitionSpec, readParquetPartition } from '../../src/dataframe/ops/read.js';
import { dictionaryField } from '../../src/dataframe/read_dictionary.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ParquetFile } from '../../src/parquet/file.js';

const dir = join(tmpdir(), `tessera-fused-other-${process.pid}`);
mkdirSync(dir, { recursive: true });
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const instance = await DuckDBInstance.create(':memory:');
const duck = await instance.connect();
t.teardown(() => duck.closeSync());

const ROWS = `SELECT (hash(i) % 10)::BIGINT AS store,
    'sku-' || (hash(i * 3) % 1000)::VARCHAR AS sku,
    (hash(i * 5) % 20000)::BIGINT AS customer,
    CASE WHEN i % 17 = 0 THEN NULL ELSE (hash(i * 7) % 500)::BIGINT - 100 END AS qty,
    CASE WHEN i % 23 = 0 THEN NULL ELSE (hash(i * 11) % 100000)::DOUBLE / 100 END AS amount,
    CASE WHEN i % 31 = 0 THEN NULL ELSE (hash(i * 17) % 30000)::INTEGER END AS visitor,
    CASE WHEN i % 29 = 0 THEN NULL
         ELSE TIMESTAMP '2024-01-01' + to_microseconds((hash(i * 13) % 31536000000000)::BIGINT) END AS ts
  FROM range(60000) r(i)`;
const v1 = join(dir, 'v1.parquet');
const v2 = join(dir, 'v2.parquet');
await duck.run(`COPY (${ROWS}) TO '${v1}' (FORMAT parquet, ROW_GROUP_SIZE 20000)`);
await duck.run(`COPY (${ROWS}) TO '${v2}' (FORMAT parquet, PARQUET_VERSION V2, ROW_GROUP_SIZE 20000)`);

/** Group-bys and their SQL; timestamps compared in microseconds. */
const QUERIES: [string, Record<string, string | string[]>, string][] = [
  [
    'store',
    { '*': 'count', qty: ['sum', 'min', 'max', 'count'] },
    'count(*), sum(qty), min(qty), max(qty), count(qty)',
  ],
  [
    'store',
    { amount: ['sum', 'mean'], ts: ['min', 'max'] },
    'sum(amount), avg(amount), epoch_us(min(ts)), epoch_us(max(ts))',
  ],
  ['sku', { qty: ['sum', 'mean'], amount: ['max'] }, 'sum(qty), avg(qty), max(amount)'],
  ['sku', { '*': 'size', ts: ['min'] }, 'count(*), epoch_us(min(ts))'],
  ['customer', { qty: ['sum', 'max'] }, 'sum(qty), max(qty)'],
  [
    'customer',
    { '*': 'count', amount: ['min', 'mean'], ts: ['max'] },
    'count(*), min(amount), avg(amount), epoch_us(max(ts))',
  ],
  ['visitor', { qty: ['sum', 'min'] }, 'sum(qty), min(qty)'],
];

const text = (v: unknown): string =>
  v === null || v === undefined
    ? 'null'
    : typeof v === 'number' && !Number.isInteger(v)
      ? Number(v.toPrecision(12)).toString()
      : String(v);

/** Whether the key column of every row group of `path` is dictionary-encoded (the fused path's condition). */
async function dictionaryKey(path: string, key: string): Promise<boolean> {
  const file = await ParquetFile.open(path);
  const column = file.schema.columns.find((c) => c.name === key)!;
  const all = file.rowGroups.every(
    (rg) => rg.columns[column.columnIndex]!.metaData!.dictionaryPageOffset !== undefined,
  );
  await file.close();
  return all;
}

t.test('group-bys on a DuckDB-written dataset equal DuckDB and take the fused path', async (t) => {
  for (const path of [v1, v2]) {
    for (const [key, agg, sql] of QUERIES) {
      const what = `${path.split('/').pop()} by ${key} ${JSON.stringify(agg)}`;
      const df = await readParquet(path, { columns: [key, ...Object.keys(agg).filter((c) => c !== '*')] });
      const before = fusedPartialsTaken();
      const table = await df
        .groupby(key)
        .agg(agg as never)
        .compute({ scheduler: 'sync' });
      const fused = fusedPartialsTaken() - before;
      t.ok(fused > 0, `fused path: ${what}`);
      const names = table.schema.fields.map((f) => f.name);
      // Arrow JS gives timestamps as float milliseconds: back to exact microseconds (below 2^53).
      const cell = (row: Record<string, unknown>, name: string) =>
        text(name.startsWith('ts') && row[name] !== null ? Math.round((row[name] as number) * 1000) : row[name]);
      const ours = table
        .toArray()
        .map((r) => names.map((n) => cell(r.toJSON(), n)).join('|'))
        .sort();
      const reader = await duck.runAndReadAll(
        `SELECT ${key}, ${sql} FROM read_parquet('${path}') WHERE ${key} IS NOT NULL GROUP BY ${key}`,
      );
      const theirs = (reader.getRows() as unknown[][]).map((row) => row.map(text).join('|')).sort();
      t.same(ours, theirs, what);
    }
  }
});

t.test(
  'plain integer keys: the fused states equal codePartial over the key read as an identity dictionary',
  async (t) => {
    const file = await ParquetFile.open(v1);
    const dataFields = file.arrowSchema(['customer', 'visitor', 'qty', 'amount']).fields.map(fieldFromArrow);
    const rowGroups = file.rowGroups.length;
    await file.close();
    t.notOk(await dictionaryKey(v1, 'customer'), 'the customer key chunks are PLAIN');
    t.notOk(await dictionaryKey(v1, 'visitor'), 'the visitor key chunks (with nulls) are PLAIN');
    const items = normalizeAggSpec({ '*': 'count', qty: ['sum', 'mean', 'min', 'max'], amount: ['sum', 'max'] });
    const cases = [
      ['customer', false],
      ['visitor', false],
      ['visitor', true],
    ] as const;
    for (let rg = 0; rg < rowGroups; rg++) {
      for (const [key, dropna] of cases) {
        // One row group per partition: the identity dictionary's slots add in row order, as the kernels do.
        const fields = dataFields.filter((f) => f.name !== (key === 'customer' ? 'visitor' : 'customer'));
        const spec: ParquetPartitionSpec = { path: v1, rowGroups: [rg], dataFields: fields, constants: [] };
        const fused = await fusedPartial(spec, key, items, dropna);
        const coded = await readParquetPartition({
          ...spec,
          dataFields: fields.map((f) => (f.name === key ? dictionaryField(f) : f)),
          readDictionary: [key],
        });
        const expected = codePartial(coded, key, items, dropna);
        const rows = (p: GroupPartial | undefined) =>
          p &&
          batchToArrow(p.groups)
            .toArray()
            .map((r) => JSON.stringify(r.toJSON(), (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
        const what = `row group ${rg} by ${key}, dropna ${dropna}`;
        t.ok(fused, `fused: ${what}`);
        t.ok(expected, `codePartial: ${what}`);
        t.same(rows(fused), rows(expected), what);
      }
    }
  },
);
