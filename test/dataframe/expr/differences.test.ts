// Where Tessera's expressions knowingly differ from DuckDB: each difference is shown side by side with DuckDB's
// answer, so a change on either side is noticed.
import t from 'tap';
import type { Field } from '../../../src/columnar/types.js';
import { col, type ExprBuilder } from '../../../src/dataframe/expr/index.js';
import { type Dataset, duckdbValues, tesseraValues } from './duckdb_compare.js';

const field = (name: string, type: Field['type']): Field => ({ name, type, nullable: true });

async function both(data: Dataset, expr: ExprBuilder, sql: string) {
  const ours = tesseraValues(data, expr);
  if (ours instanceof Error) throw ours;
  const theirs = await duckdbValues(data, sql);
  if (theirs instanceof Error) throw theirs;
  return { ours: ours.values, type: ours.column.type, theirs };
}

t.test('case mapping: JavaScript full Unicode mapping vs DuckDB utf8proc simple mapping', async (t) => {
  const data: Dataset = {
    fields: [field('id', { kind: 'int32' }), field('s', { kind: 'utf8' })],
    rows: [
      { id: 1, s: 'straße' },
      { id: 2, s: 'İstanbul' },
    ],
  };
  const upper = await both(data, col('s').upper(), 'upper(s)');
  t.same(upper.ours, ['STRASSE', 'İSTANBUL']);
  t.same(upper.theirs, ['STRAẞE', 'İSTANBUL']);
  const lower = await both(data, col('s').lower(), 'lower(s)');
  t.same(lower.ours, ['straße', 'i̇stanbul']);
  t.same(lower.theirs, ['straße', 'istanbul']);
});

t.test('double -> string uses JavaScript number formatting', async (t) => {
  const data: Dataset = {
    fields: [field('id', { kind: 'int32' }), field('x', { kind: 'float64' })],
    rows: [
      { id: 1, x: 100 },
      { id: 2, x: 1e20 },
      { id: 3, x: Number.NaN },
      { id: 4, x: 0.1 },
    ],
  };
  const r = await both(data, col('x').cast({ kind: 'utf8' }), 'x::VARCHAR');
  t.same(r.ours, ['100', '100000000000000000000', 'NaN', '0.1']);
  t.same(r.theirs, ['100.0', '1e+20', 'nan', '0.1']);
});

t.test('uint64 with a signed integer: float64 here, HUGEINT in DuckDB', async (t) => {
  const data: Dataset = {
    fields: [field('id', { kind: 'int32' }), field('u', { kind: 'uint64' }), field('i', { kind: 'int64' })],
    rows: [{ id: 1, u: 2n ** 64n - 1n, i: -1n }],
  };
  const r = await both(data, col('u').add(col('i')), 'u + i');
  t.same(r.type, { kind: 'float64' });
  t.same(r.ours, [2 ** 64]); // the exact answer 2^64 - 2 is not a double
  t.same(r.theirs, ['18446744073709551614']);
});

t.test('decimals compute in float64 (DuckDB keeps DECIMAL)', async (t) => {
  const data: Dataset = {
    fields: [field('id', { kind: 'int32' }), field('d', { kind: 'decimal', precision: 9, scale: 2, bitWidth: 128 })],
    rows: [{ id: 1, d: 10n }],
  };
  const r = await both(data, col('d').add(col('d')).add(col('d')), 'd + d + d');
  t.same(r.type, { kind: 'float64' });
  t.same(r.ours, [0.30000000000000004]);
  t.same(r.theirs, ['0.30']);
});

t.test('date parts and lengths are int32 here, BIGINT in DuckDB (same values)', async (t) => {
  const data: Dataset = {
    fields: [field('id', { kind: 'int32' }), field('d', { kind: 'date32' })],
    rows: [{ id: 1, d: 19782 }],
  };
  const r = await both(data, col('d').year(), 'year(d)');
  t.same(r.type, { kind: 'int32' });
  t.same(r.ours, [2024]);
  t.same(r.theirs, ['2024']);
});

t.test('casting a timestamp to a coarser unit floors (DuckDB truncates toward zero)', async (t) => {
  const data: Dataset = {
    fields: [field('id', { kind: 'int32' }), field('ts', { kind: 'timestamp', unit: 'us' })],
    rows: [{ id: 1, ts: -1n }],
  };
  const r = await both(
    data,
    col('ts').cast({ kind: 'timestamp', unit: 'ms' }).cast({ kind: 'utf8' }),
    'ts::TIMESTAMP_MS::VARCHAR',
  );
  t.same(r.ours, ['1969-12-31 23:59:59.999']);
  t.same(r.theirs, ['1970-01-01 00:00:00']);
});
