// Every expression is checked against DuckDB running the equivalent SQL over the same rows.
import t, { type Test } from 'tap';
import type { Field } from '../../../src/columnar/types.js';
import { col, type ExprBuilder, lit } from '../../../src/dataframe/expr/index.js';
import { canonical, type Dataset, duckdbValues, tesseraValues } from './duckdb_compare.js';

const field = (name: string, type: Field['type']): Field => ({ name, type, nullable: true });
const US_PER_DAY = 86_400_000_000n;

const FIELDS: Field[] = [
  field('id', { kind: 'int32' }),
  field('i8', { kind: 'int8' }),
  field('i16', { kind: 'int16' }),
  field('i32', { kind: 'int32' }),
  field('i64', { kind: 'int64' }),
  field('u8', { kind: 'uint8' }),
  field('u32', { kind: 'uint32' }),
  field('u64', { kind: 'uint64' }),
  field('f32', { kind: 'float32' }),
  field('f64', { kind: 'float64' }),
  field('b', { kind: 'bool' }),
  field('s', { kind: 'utf8' }),
  field('p', { kind: 'utf8' }),
  field('d', { kind: 'date32' }),
  field('ts', { kind: 'timestamp', unit: 'us' }),
  field('tsz', { kind: 'timestamp', unit: 'us', timezone: 'UTC' }),
  field('tms', { kind: 'timestamp', unit: 'ms' }),
  field('tns', { kind: 'timestamp', unit: 'ns' }),
  field('dec', { kind: 'decimal', precision: 9, scale: 2, bitWidth: 128 }),
];

// Values chosen for edges: nulls in every column, NaN/±Infinity/-0, zero divisors, non-ASCII strings, dates
// before the epoch and on leap days, timestamps before the epoch (floor, not truncation).
const RAW: unknown[][] = [
  [1, 1, 2, 10, 10n, 1, 1, 1n, 1.5, 2.5, true, 'héllo', 'hé', 0, 0n, 0n, 0n, 0n, 150n],
  [
    2,
    -1,
    0,
    -7,
    -(2n ** 40n),
    255,
    4_000_000_000,
    2n ** 63n,
    -0.25,
    Number.NaN,
    false,
    'Wörld',
    'W',
    19782,
    1_709_251_199_999_999n,
    1_709_251_199_999_999n,
    1_709_251_199_999_999n,
    1_709_251_199_999_999n,
    -1n,
  ],
  [3, null, 3, 0, 3n, null, null, null, null, null, null, null, 'x', null, null, null, null, null, null],
  [
    4,
    127,
    -3,
    2 ** 31 - 1,
    2n ** 62n,
    0,
    0,
    0n,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    true,
    '',
    '',
    -1,
    -1n,
    -1n,
    -1n,
    -1n,
    99999n,
  ],
  [
    5,
    -128,
    7,
    -(2 ** 31),
    -(2n ** 62n),
    7,
    7,
    18446744073709551615n,
    3,
    -0,
    null,
    '日本語🦆',
    '日本',
    -719528,
    -US_PER_DAY - 1n,
    -US_PER_DAY - 1n,
    -US_PER_DAY - 1n,
    -US_PER_DAY - 1n,
    -99999n,
  ],
  [
    6,
    5,
    null,
    12,
    null,
    9,
    9,
    9n,
    Number.NaN,
    0,
    false,
    'ABCabc',
    'abc',
    11016,
    951_782_400_000_000n,
    951_868_799_000_000n,
    951_868_799_123_000n,
    951_868_799_123_456n,
    0n,
  ],
  [
    7,
    0,
    5,
    5,
    5n,
    1,
    1,
    1n,
    0.1,
    0.1,
    true,
    'naïve café',
    'café',
    20000,
    1_728_000_123_456_789n,
    1_728_000_123_456_789n,
    1_728_000_123_456_789n,
    1_728_000_123_456_789n,
    1n,
  ],
  [
    8,
    100,
    100,
    -100,
    -100n,
    100,
    100,
    100n,
    -7.5,
    7.5,
    true,
    'x',
    null,
    60,
    5_184_000_000_000n,
    5_184_000_000_000n,
    5_184_000_000_000n,
    5_184_000_000_000n,
    12345n,
  ],
];
const DATA: Dataset = {
  fields: FIELDS,
  rows: RAW.map((r) => Object.fromEntries(FIELDS.map((f, i) => [f.name, r[i]]))),
};

/** [Tessera expression, equivalent DuckDB SQL]. */
const CASES: [ExprBuilder, string][] = [
  // arithmetic and promotion
  [col('i32').add(col('i16')), 'i32 + i16'],
  [col('i16').mul(2), 'i16 * 2'],
  [col('i64').sub(col('i32')), 'i64 - i32'],
  [col('u8').add(col('i8')), 'u8 + i8'],
  [col('u32').add(col('i32')), 'u32 + i32'],
  [col('f32').add(col('i16')), 'f32 + i16'],
  [col('f32').mul(col('f32')), 'f32 * f32'],
  [col('f64').div(col('i32')), 'f64 / i32'],
  [col('i32').div(col('i16')), 'i32 / i16'],
  [col('f32').div(col('f32')), 'f32 / f32'],
  [col('i32').mod(col('i16')), 'i32 % i16'],
  [col('i64').mod(col('i16')), 'i64 % i16'],
  [col('f64').mod(col('f32')), 'f64 % f32'],
  [col('i32').neg(), '-i32'],
  [col('f64').neg(), '-f64'],
  [col('dec').mul(2), 'dec * 2'],
  [col('dec').add(col('f64')), 'dec + f64'],
  [col('i32').add(lit(null)), 'i32 + NULL'],
  [col('u64').sub(col('u8')), 'u64 - u8'],
  // comparisons (NaN = NaN, NaN above everything, -0 = 0, bytes order for strings)
  [col('f64').gt(1), 'f64 > 1'],
  [col('f64').eq(col('f64')), 'f64 = f64'],
  [col('f64').lt(col('f32')), 'f64 < f32'],
  [col('f64').ge(col('f32')), 'f64 >= f32'],
  [col('f64').eq(0), 'f64 = 0'],
  [col('i64').gt(col('u64')), 'i64 > u64'],
  [col('i64').le(col('i32')), 'i64 <= i32'],
  [col('u32').ne(col('i32')), 'u32 <> i32'],
  [col('s').lt(col('p')), 's < p'],
  [col('s').ge('naïve'), "s >= 'naïve'"],
  [col('s').eq('héllo'), "s = 'héllo'"],
  [col('d').lt('2024-03-01'), "d < '2024-03-01'"],
  [col('ts').ge(col('d')), 'ts >= d'],
  [col('tns').gt(col('tms')), 'tns > tms'],
  [col('tsz').eq(col('ts')), 'tsz = ts::TIMESTAMPTZ'],
  [col('b').eq(true), 'b = true'],
  [col('b').lt(col('b').not()), 'b < NOT b'],
  // three-valued logic
  [col('i32').gt(0).and(col('b')), 'i32 > 0 AND b'],
  [col('i32').gt(0).or(col('b')), 'i32 > 0 OR b'],
  [col('b').and(col('f32').gt(0)), 'b AND f32 > 0'],
  [col('b').or(col('f32').gt(0)), 'b OR f32 > 0'],
  [col('b').not(), 'NOT b'],
  [col('b').isNull(), 'b IS NULL'],
  [col('s').isNotNull(), 's IS NOT NULL'],
  // IN lists (a null in the list makes a non-match null)
  [col('s').isin(['héllo', 'x']), "s IN ('héllo', 'x')"],
  [col('s').isin(['héllo', null]), "s IN ('héllo', NULL)"],
  [col('i32').isin([10, -7, 3]), 'i32 IN (10, -7, 3)'],
  [col('i64').isin([10n, 0n]), 'i64 IN (10, 0)'],
  [col('f64').isin([2.5, Number.NaN]), "f64 IN (2.5, 'NaN'::DOUBLE)"],
  // coalesce
  [col('i32').fillNull(0), 'COALESCE(i32, 0)'],
  [col('i8').fillNull(col('i16')), 'COALESCE(i8, i16)'],
  [col('s').fillNull('?'), "COALESCE(s, '?')"],
  [col('f64').fillNull(col('i32')), 'COALESCE(f64, i32)'],
  [col('b').fillNull(false), 'COALESCE(b, false)'],
  // strings
  [col('s').lower(), 'lower(s)'],
  [col('s').upper(), 'upper(s)'],
  [col('s').length(), 'length(s)'],
  [col('s').contains('é'), "contains(s, 'é')"],
  [col('s').contains(col('p')), 'contains(s, p)'],
  [col('s').startsWith(col('p')), 'starts_with(s, p)'],
  [col('s').endsWith('é'), "ends_with(s, 'é')"],
  [col('s').contains(''), "contains(s, '')"],
  // casts
  [col('i32').cast({ kind: 'utf8' }), 'i32::VARCHAR'],
  [col('i64').cast({ kind: 'float64' }), 'i64::DOUBLE'],
  [col('i16').cast({ kind: 'int8' }), 'i16::TINYINT'],
  [col('f32').cast({ kind: 'float64' }), 'f32::DOUBLE'],
  [col('b').cast({ kind: 'int32' }), 'b::INTEGER'],
  [col('i32').cast({ kind: 'bool' }), 'i32::BOOLEAN'],
  [col('d').cast({ kind: 'utf8' }), 'd::VARCHAR'],
  [col('ts').cast({ kind: 'utf8' }), 'ts::VARCHAR'],
  [col('tns').cast({ kind: 'utf8' }), 'tns::VARCHAR'],
  [col('tsz').cast({ kind: 'utf8' }), 'tsz::VARCHAR'],
  [col('ts').cast({ kind: 'date32' }).cast({ kind: 'utf8' }), 'ts::DATE::VARCHAR'],
  [col('tms').cast({ kind: 'timestamp', unit: 'us' }).cast({ kind: 'utf8' }), 'tms::TIMESTAMP::VARCHAR'],
  [col('d').cast({ kind: 'timestamp', unit: 'us' }).cast({ kind: 'utf8' }), 'd::TIMESTAMP::VARCHAR'],
  [col('dec').cast({ kind: 'utf8' }), 'dec::VARCHAR'],
  [col('i32').cast({ kind: 'utf8' }).cast({ kind: 'int64' }), 'i32::VARCHAR::BIGINT'],
  [col('f64').cast({ kind: 'utf8' }).cast({ kind: 'float64' }), 'f64::VARCHAR::DOUBLE'],
  [col('d').cast({ kind: 'utf8' }).cast({ kind: 'date32' }).cast({ kind: 'utf8' }), 'd::VARCHAR::DATE::VARCHAR'],
  // date parts
  ...(['d', 'ts', 'tsz', 'tms', 'tns'] as const).flatMap((c): [ExprBuilder, string][] => [
    [col(c).year(), `year(${c})`],
    [col(c).month(), `month(${c})`],
    [col(c).day(), `day(${c})`],
    [col(c).hour(), `hour(${c})`],
    [col(c).minute(), `minute(${c})`],
    [col(c).second(), `second(${c})`],
    [col(c).dayOfWeek(), `dayofweek(${c})`],
    [col(c).dayOfYear(), `dayofyear(${c})`],
  ]),
];

async function check(t: Test, data: Dataset, expr: ExprBuilder, sql: string): Promise<void> {
  const ours = tesseraValues(data, expr);
  const theirs = await duckdbValues(data, sql);
  if (ours instanceof Error || theirs instanceof Error) {
    t.equal(
      ours instanceof Error,
      theirs instanceof Error,
      `${sql}: both fail (${String(ours instanceof Error ? ours.message : (theirs as Error).message)})`,
    );
    return;
  }
  const type = ours.column.type;
  t.same(
    ours.values.map((v) => canonical(v, type)),
    theirs.map((v) => canonical(v, type)),
    sql,
  );
}

t.test('expressions agree with DuckDB', async (t) => {
  for (const [expr, sql] of CASES) await check(t, DATA, expr, sql);
});

t.test('on an empty batch every expression gives zero rows, like DuckDB', async (t) => {
  const empty: Dataset = { fields: FIELDS, rows: [] };
  for (const [expr, sql] of CASES) await check(t, empty, expr, sql);
});

t.test('integer overflow fails in both (DuckDB: "Overflow in addition of INT8")', async (t) => {
  const small = (rows: unknown[][]): Dataset => ({
    fields: FIELDS.slice(0, 5),
    rows: rows.map((r) => Object.fromEntries(FIELDS.slice(0, 5).map((f, i) => [f.name, r[i]]))),
  });
  const edge = small([
    [1, 127, 32767, 2 ** 31 - 1, 2n ** 63n - 1n],
    [2, 1, 1, 1, 1n],
  ]);
  const cases: [ExprBuilder, string][] = [
    [col('i8').add(1), 'i8 + 1'],
    [col('i8').add(col('i8')), 'i8 + i8'],
    [col('i16').mul(col('i16')), 'i16 * i16'],
    [col('i32').add(col('i8')), 'i32 + i8'],
    [col('i32').mul(col('i32')), 'i32 * i32'],
    [col('i64').add(col('i8')), 'i64 + i8'],
    [col('i64').mul(2), 'i64 * 2'],
    [col('i8').neg(), '-i8'],
    [col('i16').cast({ kind: 'int8' }), 'i16::TINYINT'],
    [col('i64').cast({ kind: 'int32' }), 'i64::INTEGER'],
  ];
  for (const [expr, sql] of cases) {
    const ours = tesseraValues(edge, expr);
    t.ok(ours instanceof Error || sql === '-i8', `${sql}: Tessera fails`);
    await check(t, edge, expr, sql);
  }
  // Without the extreme row, the same expressions succeed in both.
  const fine = small([
    [2, 1, 1, 1, 1n],
    [3, -128, -32768, -(2 ** 31), -(2n ** 63n)],
  ]);
  for (const [expr, sql] of [
    [col('i8').sub(col('i8')), 'i8 - i8'],
    [col('i64').add(0), 'i64 + 0'],
  ] as const) {
    await check(t, fine, expr, sql);
  }
  const min = small([[1, -128, 1, 1, 1n]]);
  await check(t, min, col('i8').neg(), '-i8');
});

t.test('conversion failures fail in both', async (t) => {
  for (const [expr, sql] of [
    [col('f64').cast({ kind: 'int32' }), 'f64::INTEGER'],
    [col('s').cast({ kind: 'int32' }), 's::INTEGER'],
    [col('u64').cast({ kind: 'int64' }), 'u64::BIGINT'],
  ] as const) {
    t.ok(tesseraValues(DATA, expr) instanceof Error, `${sql}: Tessera fails`);
    await check(t, DATA, expr, sql);
  }
});
