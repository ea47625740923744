import t from 'tap';
import { col, fromRecords } from '../../src/dataframe/index.js';
t.test('smoke', async (t) => {
  const df = fromRecords([{ a: 1, b: 'x' }, { a: 2, b: null }, { a: 3, b: 'z' }], { npartitions: 2 });
  const out = df.assign({ c: col('a').mul(2) }).filter(col('a').gt(1)).select('c', 'b');
  const tab = await out.compute({ scheduler: 'sync' });
  t.same(tab.toArray().map((r) => r.toJSON()), [{ c: 4, b: null }, { c: 6, b: 'z' }]);
  const tab2 = await out.compute({ scheduler: 'threads' });
  t.same(tab2.toArray().map((r) => r.toJSON()), [{ c: 4, b: null }, { c: 6, b: 'z' }]);
});
