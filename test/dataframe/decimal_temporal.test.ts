// DECIMAL, DATE and TIMESTAMP reductions: exact decimal sum/min/max/mean (also per group), typed JS results
// (Decimal, Date, Timestamp) checked against DuckDB's values, and cast() with type names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import t from 'tap';
import { Decimal, Timestamp } from '../../src/columnar/js_values.js';
import { col } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ThreadPool } from '../../src/scheduler/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-decimal-'));
const path = join(dir, 'd.parquet');
const instance = await DuckDBInstance.create(':memory:');
const pool = new ThreadPool({ threads: 2 });
t.teardown(async () => {
  await pool.close();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});
// 2,000 rows in 4 row groups: d DECIMAL(18, 3) with values whose double sum is not exact, a DECIMAL(38, 10) with
// huge values, nulls, a key, a date and a microsecond timestamp.
const c = await instance.connect();
await c.run(`COPY (SELECT i % 3 AS k,
    CASE WHEN i % 17 = 0 THEN NULL ELSE (((i * 7919) % 100000 - 50000) / 1000 + 0.001)::DECIMAL(18, 3) END AS d,
    ((12345678901234567 + i)::VARCHAR || '.' || lpad(((i * 7919) % 10000000000)::VARCHAR, 10, '0'))::DECIMAL(38, 10) AS big,
    DATE '2020-02-29' + (i * 37 % 1000)::INTEGER AS day,
    TIMESTAMP '2021-06-01 12:00:00.123456' + to_microseconds(i * 1000003) AS ts,
    TIMESTAMPTZ '2021-06-01 12:00:00.5+00' + to_microseconds(i * 7) AS tz
  FROM range(2000) r(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 500)`);
async function duck(sql: string): Promise<Record<string, unknown>> {
  const r = await c.runAndReadAll(sql.replaceAll('DATA', `read_parquet('${path}')`));
  return r.getRowObjectsJson()[0] as Record<string, unknown>;
}
t.teardown(() => c.closeSync());

for (const scheduler of ['sync', 'threads'] as const) {
  const options = { scheduler: scheduler === 'sync' ? ('sync' as const) : pool };
  t.test(`decimal sum/min/max/mean are exact and typed (${scheduler})`, async (t) => {
    const df = await readParquet(path);
    const want = await duck(
      'SELECT sum(d)::VARCHAR s, min(d)::VARCHAR lo, max(d)::VARCHAR hi, avg(d)::DOUBLE m, sum(big)::VARCHAR bs FROM DATA',
    );
    const sum = await df.sum('d').compute(options);
    t.ok(sum instanceof Decimal);
    t.equal(String(sum), want.s);
    t.same([(sum as Decimal).precision, (sum as Decimal).scale], [38, 3], 'sum is DECIMAL(38, s)');
    t.equal(String(await df.min('d').compute(options)), want.lo);
    t.equal(String(await df.max('d').compute(options)), want.hi);
    t.equal(await df.mean('d').compute(options), want.m);
    t.equal(String(await df.sum('big').compute(options)), want.bs, 'a sum a double cannot hold exactly');
    const record = await df.sum(['d', 'k']).compute(options);
    t.equal(String(record.d), want.s);
  });

  t.test(`groupby().agg on decimals matches DuckDB (${scheduler})`, async (t) => {
    const df = (await readParquet(path)).repartition({ npartitions: 7 });
    const out = await df
      .groupby('k')
      .agg({ d: ['sum', 'min', 'max', 'mean'], big: ['sum'] }, { splitEvery: 2 })
      .compute(options);
    const r = await c.runAndReadAll(
      `SELECT k, sum(d)::VARCHAR s, min(d)::VARCHAR lo, max(d)::VARCHAR hi, avg(d)::DOUBLE m, sum(big)::VARCHAR bs
       FROM read_parquet('${path}') GROUP BY k ORDER BY k`,
    );
    const want = r.getRowObjectsJson() as Record<string, unknown>[];
    const decimalText = (v: unknown, scale: number) => new Decimal(toBig(v), 38, scale).toString();
    const rows = out.toArray().sort((a, b) => Number(a.k) - Number(b.k));
    t.equal(rows.length, 3);
    t.equal(String(out.schema.fields.find((f) => f.name === 'd_sum')!.type), 'Decimal[38e+3]');
    rows.forEach((row, i) => {
      t.equal(decimalText(row.d_sum, 3), want[i]!.s);
      t.equal(decimalText(row.d_min, 3), want[i]!.lo);
      t.equal(decimalText(row.d_max, 3), want[i]!.hi);
      t.equal(row.d_mean, want[i]!.m);
      t.equal(decimalText(row.big_sum, 10), want[i]!.bs);
    });
  });

  t.test(`min/max of DATE and TIMESTAMP are Date and Timestamp values (${scheduler})`, async (t) => {
    const df = await readParquet(path);
    const want = await duck(
      `SELECT strftime(min(day), '%Y-%m-%d') lo, strftime(max(day), '%Y-%m-%d') hi,
        strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%f') tlo, strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%f') thi,
        strftime(max(tz), '%Y-%m-%dT%H:%M:%S.%f') zhi FROM DATA`,
    );
    const lo = await df.min('day').compute(options);
    t.ok(lo instanceof Date);
    t.equal((lo as Date).toISOString().slice(0, 10), want.lo);
    t.equal(((await df.max('day').compute(options)) as Date).toISOString().slice(0, 10), want.hi);
    const tlo = await df.min('ts').compute(options);
    t.ok(tlo instanceof Timestamp);
    t.equal((tlo as Timestamp).unit, 'us');
    t.equal((tlo as Timestamp).timezone, undefined);
    t.equal(String(tlo), want.tlo, 'every microsecond digit kept');
    t.equal(String(await df.max('ts').compute(options)), want.thi);
    const zhi = (await df.max('tz').compute(options)) as Timestamp;
    t.equal(zhi.toISOString(), `${want.zhi}Z`);
    t.equal(zhi.timezone, 'UTC');
    t.equal(zhi.toDate().getTime(), Date.parse(`${String(want.zhi).slice(0, 23)}Z`));
    const mins = await df.min(['day', 'ts']).compute(options);
    t.ok(mins.day instanceof Date && mins.ts instanceof Timestamp);
  });
}

function toBig(v: unknown): bigint {
  // Arrow JS gives a decimal as a Uint32Array-backed value whose words are the two's complement integer
  const words = v as Uint32Array;
  let out = 0n;
  for (let w = words.length - 1; w >= 0; w--) out = (out << 32n) | BigInt(words[w]!);
  return BigInt.asIntN(words.length * 32, out);
}

t.test('cast accepts type names', async (t) => {
  const df = await readParquet(path);
  const out = await df
    .assign({ f: col('d').cast('float64'), g: col('k').cast('DOUBLE'), s: col('d').cast('varchar') })
    .select('d', 'f', 'g', 's')
    .head(3, { scheduler: 'sync' });
  t.equal(String(out.schema.fields[1]!.type), 'Float64');
  t.equal(String(out.schema.fields[2]!.type), 'Float64');
  const row = out.get(1)!;
  t.equal(row.f, Number(row.s));
  t.throws(() => col('d').cast('float65'), /unknown type name "float65".*float64/);
});
