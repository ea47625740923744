// groupby().agg() against DuckDB's GROUP BY over the same Parquet file: string, numeric and multi-column keys,
// nulls in keys and values, NaN, skewed keys, empty partitions, splitOut, on both schedulers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import t, { type Test } from 'tap';
import { emptyBatch } from '../../src/columnar/empty.js';
import { batchFromArrow } from '../../src/columnar/from_arrow.js';
import { sliceBatch } from '../../src/columnar/slice.js';
import { fromBatches, splitBatch, toSharedBatch } from '../../src/dataframe/create.js';
import type { AggSpec } from '../../src/dataframe/index.js';
import { readTable } from '../../src/parquet/index.js';

const ROWS = 30000;

// Skew: half the rows have cat 'c0'; 1/20 have a null cat. g2 is a small int key with nulls. price has nulls and
// NaN (DuckDB's var_samp rejects NaN, so variances are checked on qty and fkey); qty nulls; key is a high-cardinality int; flag a bool.
const TABLE_SQL = `
  SELECT i::BIGINT AS id,
    CASE WHEN hash(i * 8 + 1) % 20 = 0 THEN NULL
         WHEN hash(i * 8 + 2) % 2 = 0 THEN 'c0'
         ELSE 'c' || (hash(i * 8 + 3) % 40)::VARCHAR END AS cat,
    CASE WHEN hash(i * 8 + 4) % 11 = 0 THEN NULL ELSE (hash(i * 8 + 5) % 7)::INTEGER - 3 END AS g2,
    CASE WHEN hash(i * 8 + 6) % 13 = 0 THEN NULL
         WHEN hash(i * 8 + 6) % 997 = 1 THEN 'NaN'::DOUBLE
         ELSE (hash(i * 8 + 7) % 1000000)::DOUBLE / 100.0 - 3000 END AS price,
    CASE WHEN hash(i * 8 + 8) % 10 = 0 THEN NULL ELSE (hash(i * 8 + 9) % 1000)::INTEGER END AS qty,
    (hash(i * 8 + 10) % 5000)::INTEGER AS key,
    (hash(i * 8 + 11) % 3 = 0) AS flag,
    (hash(i * 8 + 12) % 100000)::DOUBLE / 8.0 AS fkey
  FROM range(${ROWS}) r(i)`;

let dir: string;
let path: string;
let instance: DuckDBInstance;

t.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-groupby-'));
  path = join(dir, 'data.parquet');
  instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`COPY (${TABLE_SQL}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 7000)`);
  c.closeSync();
});
t.teardown(() => {
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;

async function duck(sql: string): Promise<Row[]> {
  const c = await instance.connect();
  try {
    const reader = await c.runAndReadAll(sql.replaceAll('DATA', `read_parquet('${path}')`));
    return reader.getRowObjects() as Row[];
  } finally {
    c.closeSync();
  }
}

function norm(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object' && v !== null && 'toDouble' in v) return (v as { toDouble(): number }).toDouble();
  return v;
}

function rowKey(row: Row, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => norm(row[k]) ?? null));
}

function close(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function compareRows(t: Test, got: Row[], want: Row[], keys: readonly string[], label: string): void {
  t.equal(got.length, want.length, `${label}: group count`);
  const byKey = new Map(want.map((r) => [rowKey(r, keys), r]));
  let bad = 0;
  for (const row of got) {
    const other = byKey.get(rowKey(row, keys));
    if (!other) {
      if (bad++ < 5) t.fail(`${label}: unexpected group ${rowKey(row, keys)}`);
      continue;
    }
    for (const name of Object.keys(other)) {
      if (!close(norm(row[name]), norm(other[name]))) {
        if (bad++ < 5) t.fail(`${label}: ${rowKey(row, keys)} ${name}: ${norm(row[name])} != ${norm(other[name])}`);
      }
    }
  }
  t.equal(bad, 0, `${label}: every value equal`);
}

async function tesseraFrame(npartitions: number) {
  const batch = toSharedBatch(batchFromArrow(await readTable(path)));
  const parts = splitBatch(batch, npartitions);
  // Empty partitions at the start, the middle and the end.
  const empty = sliceBatch(batch, 0, 0);
  return fromBatches([empty, ...parts.slice(0, 2), emptyBatch(batch.fields), ...parts.slice(2), empty], batch.fields);
}

const SPEC: AggSpec = {
  '*': 'count',
  price: ['count', 'sum', 'mean', 'min', 'max', 'first', 'last', 'nunique'],
  qty: ['sum', 'mean', 'min', 'max', 'var', 'std', 'nunique'],
  key: ['nunique', 'max'],
  fkey: ['nunique', 'var', 'std'],
  flag: ['any', 'all'],
};

function aggSql(keys: readonly string[]): string {
  return `SELECT ${keys.join(', ')}, count(*) AS count,
    count(price) AS price_count, sum(price) AS price_sum, avg(price) AS price_mean, min(price) AS price_min,
    max(price) AS price_max,
    arg_min(price, id) FILTER (WHERE price IS NOT NULL) AS price_first,
    arg_max(price, id) FILTER (WHERE price IS NOT NULL) AS price_last,
    count(DISTINCT price) AS price_nunique,
    sum(qty) AS qty_sum, avg(qty) AS qty_mean, min(qty) AS qty_min, max(qty) AS qty_max,
    var_samp(qty) AS qty_var, stddev_samp(qty) AS qty_std, count(DISTINCT qty) AS qty_nunique,
    count(DISTINCT key) AS key_nunique, max(key) AS key_max, count(DISTINCT fkey) AS fkey_nunique, var_samp(fkey) AS fkey_var, stddev_samp(fkey) AS fkey_std,
    bool_or(flag) AS flag_any, bool_and(flag) AS flag_all
    FROM DATA GROUP BY ${keys.join(', ')}`;
}

function rowsOf(table: { toArray(): { toJSON(): Row }[] }): Row[] {
  return table.toArray().map((r) => r.toJSON());
}

for (const scheduler of ['sync', 'threads'] as const) {
  t.test(`groupby matches DuckDB (${scheduler})`, async (t) => {
    const df = await tesseraFrame(5);
    for (const keys of [['cat'], ['g2'], ['cat', 'g2'], ['flag', 'g2'], ['fkey']]) {
      const want = await duck(aggSql(keys));
      for (const options of [{}, { splitEvery: 2 }, { splitOut: 3, splitEvery: 3 }]) {
        const result = df.groupby(keys, { dropna: false }).agg(SPEC, options);
        t.equal(result.npartitions, options.splitOut ?? 1);
        const got = rowsOf(await result.compute({ scheduler }));
        compareRows(t, got, want, keys, `${keys.join(',')} ${JSON.stringify(options)}`);
      }
    }
  });
}

t.test('sync and threads give equal results; splitOut puts each group in one partition', async (t) => {
  const df = await tesseraFrame(4);
  const frame = df
    .groupby(['cat', 'key'], { dropna: false })
    .agg({ price: ['sum', 'count'], qty: 'nunique' }, { splitOut: 4 });
  const a = await frame.computePartitions({ scheduler: 'sync' });
  const b = await frame.computePartitions({ scheduler: 'threads' });
  t.equal(a.length, 4);
  const seen = new Set<string>();
  for (const part of a) {
    t.ok(part.numRows > 0, 'every output partition has groups');
  }
  const ra = rowsOf(await frame.compute({ scheduler: 'sync' }));
  const rb = rowsOf(await frame.compute({ scheduler: 'threads' }));
  t.same(rb, ra);
  for (const r of ra) {
    const k = rowKey(r, ['cat', 'key']);
    t.notOk(seen.has(k) && t.fail(`group ${k} twice`));
    seen.add(k);
  }
  t.equal(b.length, 4);
  const want = await duck('SELECT count(*) AS n FROM (SELECT DISTINCT cat, key FROM DATA)');
  t.equal(ra.length, Number(want[0]!.n));
});

t.test('a frame without rows or partitions gives no groups', async (t) => {
  const df = await tesseraFrame(2);
  const none = fromBatches([emptyBatch(df.fields)], df.fields);
  const out = await none
    .groupby('cat', { dropna: false })
    .agg({ price: ['sum', 'nunique'] })
    .compute({ scheduler: 'sync' });
  t.equal(out.numRows, 0);
  t.same(
    out.schema.fields.map((f) => f.name),
    ['cat', 'price_sum', 'price_nunique'],
  );
});
