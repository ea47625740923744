// One JS type for every count (number), and the typed values of scalar results (Decimal, Timestamp).
import t from 'tap';
import { Decimal, Timestamp, typedValue } from '../../src/columnar/js_values.js';
import { parseTypeName } from '../../src/columnar/type_names.js';
import { fromRecords } from '../../src/dataframe/create.js';

t.test('counts are numbers everywhere and add up without "Cannot mix BigInt"', async (t) => {
  const df = fromRecords(
    [
      { k: 'a', v: 1 },
      { k: 'b', v: null },
      { k: 'a', v: 3 },
      { k: null, v: 4 },
    ],
    { npartitions: 2 },
  );
  const o = { scheduler: 'sync' as const };
  const length = await df.length().compute(o);
  const count = await df.count('v').compute(o);
  const counts = await df.count().compute(o);
  const nunique = await df.nunique('k').compute(o);
  const vc = (await df.valueCounts('k').compute(o)).toArray();
  const g = (
    await df
      .groupby('k')
      .agg({ v: ['count', 'nunique', 'nuniqueApprox'], '*': 'count' })
      .compute(o)
  ).toArray();
  const values = [
    length,
    count,
    counts.k,
    nunique,
    vc[0].count,
    g[0].v_count,
    g[0].v_nunique,
    g[0].v_nuniqueApprox,
    g[0].count,
  ];
  for (const v of values) t.equal(typeof v, 'number');
  t.same(values, [4, 3, 3, 2, 2, 2, 2, 2, 2]);
  t.equal(
    values.reduce((a, b) => a + b, 0),
    22,
  );
});

t.test('Decimal and Timestamp keep every digit', async (t) => {
  t.equal(new Decimal(-5n, 10, 3).toString(), '-0.005');
  t.equal(new Decimal(12345n, 10, 0).toString(), '12345');
  t.equal(new Decimal(150n, 5, 2).toNumber(), 1.5);
  t.equal(JSON.stringify({ d: new Decimal(150n, 5, 2) }), '{"d":"1.50"}');
  const ns = new Timestamp(-1n, 'ns');
  t.equal(ns.toISOString(), '1969-12-31T23:59:59.999999999');
  t.equal(ns.toDate().getTime(), -1);
  t.equal(new Timestamp(1_700_000_000_123_456n, 'us', 'UTC').toISOString(), '2023-11-14T22:13:20.123456Z');
  t.equal(new Timestamp(5n, 's').toISOString(), '1970-01-01T00:00:05');
  t.ok(new Timestamp(1n, 'ms') < new Timestamp(2n, 'ms'), 'comparable with <');
  t.same(typedValue({ kind: 'date32' }, 19000), new Date(Date.UTC(2022, 0, 8)));
  t.same(typedValue({ kind: 'date64' }, 86_400_000n), new Date(86_400_000));
  t.equal(typedValue({ kind: 'int64' }, 5n), 5n);
  t.equal(typedValue({ kind: 'date32' }, null), null);
});

t.test('type names', async (t) => {
  t.same(parseTypeName('DOUBLE'), { kind: 'float64' });
  t.same(parseTypeName('decimal(10, 2)'), { kind: 'decimal', precision: 10, scale: 2, bitWidth: 128 });
  t.same(parseTypeName('timestamp[ms, Europe/Paris]'), { kind: 'timestamp', unit: 'ms', timezone: 'Europe/Paris' });
  t.same(parseTypeName('time[ns]'), { kind: 'time', unit: 'ns' });
  t.throws(() => parseTypeName('decimal(3, 5)'), /scale <= precision/);
});
