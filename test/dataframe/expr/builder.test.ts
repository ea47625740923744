import t from 'tap';
import { batchFromRecords } from '../../../src/columnar/records.js';
import { columnValues } from '../../../src/columnar/values.js';
import {
  col,
  type Expr,
  ExprError,
  evaluate,
  exprColumns,
  exprName,
  exprToString,
  lit,
} from '../../../src/dataframe/expr/index.js';

t.test('the builder makes plain JSON', async (t) => {
  const e = col('price').mul(col('qty')).gt(100).and(col('name').startsWith('a'));
  const expected: Expr = {
    op: 'and',
    args: [
      {
        op: 'gt',
        args: [
          {
            op: 'mul',
            args: [
              { op: 'col', name: 'price' },
              { op: 'col', name: 'qty' },
            ],
          },
          { op: 'lit', value: 100 },
        ],
      },
      {
        op: 'starts_with',
        args: [
          { op: 'col', name: 'name' },
          { op: 'lit', value: 'a' },
        ],
      },
    ],
  };
  t.same(e.expr, expected);
  t.same(JSON.parse(JSON.stringify(e)), expected, 'JSON.stringify(builder) is the expression');
  t.same(structuredClone(e.expr), expected, 'survives structured clone');
  t.same(lit(5n).expr, { op: 'lit', value: '5', type: { kind: 'int64' } });
  t.same(col('a').cast({ kind: 'float64' }).alias('b').expr, {
    op: 'alias',
    name: 'b',
    args: [{ op: 'cast', to: { kind: 'float64' }, args: [{ op: 'col', name: 'a' }] }],
  });
  t.equal(exprToString(e.expr), '(((col("price") * col("qty")) > lit(100)) AND starts_with(col("name"), lit("a")))');
  t.same(exprColumns(e.expr), ['price', 'qty', 'name']);
  t.equal(exprName(col('x').add(1).alias('y').expr), 'y');
  t.equal(exprName(col('x').expr), 'x');
});

const batch = batchFromRecords([
  { price: 2.5, qty: 4n, name: 'apple' },
  { price: null, qty: 1n, name: 'kiwi' },
  { price: 10, qty: null, name: null },
]);

t.test('evaluates built expressions; JSON from elsewhere evaluates the same', async (t) => {
  const e = col('price').mul(col('qty'));
  t.same(columnValues(evaluate(e.expr, batch)), [10, null, null]);
  const json = JSON.parse(JSON.stringify(e)) as Expr;
  t.same(columnValues(evaluate(json, batch)), [10, null, null]);
  t.same(columnValues(evaluate(lit(3).expr, batch)), [3, 3, 3]);
  t.same(columnValues(evaluate(col('name').length().alias('n').expr, batch)), [5, 4, null]);
});

t.test('errors name the expression and the column', async (t) => {
  t.throws(() => evaluate(col('nope').add(1).expr, batch), {
    name: 'ExprError',
    code: 'UNKNOWN_COLUMN',
    message: /no column "nope" \(columns: price, qty, name\) in col\("nope"\)/,
  });
  t.throws(() => evaluate(col('name').add(1).expr, batch), {
    code: 'TYPE_MISMATCH',
    message: /cannot apply add to utf8 and .* in \(col\("name"\) \+ lit\(1\)\)/,
  });
  t.throws(() => evaluate(col('price').lower().expr, batch), {
    code: 'TYPE_MISMATCH',
    message: /lower\(col\("price"\)\)/,
  });
  t.throws(() => evaluate({ op: 'frobnicate' } as unknown as Expr, batch), ExprError);
  const err = (() => {
    try {
      evaluate(col('name').cast({ kind: 'int32' }).expr, batch);
    } catch (e) {
      return e as ExprError;
    }
  })();
  t.equal(err?.code, 'CONVERSION');
  t.match(err?.message, /could not convert string 'apple' to int32 in CAST\(col\("name"\) AS int32\)/);
});

t.test('dictionary columns evaluate as their values', async (t) => {
  const dict = batchFromRecords(
    [{ city: 'Paris' }, { city: null }, { city: 'Lyon' }, { city: 'Paris' }],
    [
      {
        name: 'city',
        type: { kind: 'dictionary', index: { kind: 'int8' }, value: { kind: 'utf8' }, ordered: false },
        nullable: true,
      },
    ],
  );
  t.same(columnValues(evaluate(col('city').upper().expr, dict)), ['PARIS', null, 'LYON', 'PARIS']);
  t.same(columnValues(evaluate(col('city').eq('Paris').expr, dict)), [true, null, false, true]);
});
