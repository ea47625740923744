import t from 'tap';
import { globMatcher, hasGlobSyntax, splitGlob } from '../../../src/parquet/dataset/glob.js';

t.test('glob matching', async (t) => {
  const m = globMatcher('**/*.parquet');
  t.ok(m('a.parquet'));
  t.ok(m('x=1/y=2/a.parquet'));
  t.notOk(m('a.parquet.crc'));
  const one = globMatcher('year=*/d?ta_[0-9].parquet');
  t.ok(one('year=2024/data_0.parquet'));
  t.notOk(one('year=2024/m=1/data_0.parquet'));
  t.notOk(one('year=2024/data_x.parquet'));
  t.ok(globMatcher('[!a]b')('cb'));
  t.notOk(globMatcher('[!a]b')('ab'));
  t.ok(globMatcher('a.(b)+')('a.(b)+'), 'regex characters are literal');
  t.ok(globMatcher('x/**')('x/y/z'));
});

t.test('splitting the static base from the pattern', async (t) => {
  t.same(splitGlob('/data/set/**/*.parquet'), { base: '/data/set', rest: '**/*.parquet' });
  t.same(splitGlob('*.parquet'), { base: '.', rest: '*.parquet' });
  t.ok(hasGlobSyntax('a/*'));
  t.notOk(hasGlobSyntax('a/b=1/c.parquet'));
});
