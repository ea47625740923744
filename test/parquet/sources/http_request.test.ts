import t from 'tap';
import { parseContentRange } from '../../../src/parquet/sources/http_request.js';

t.test('Content-Range forms of RFC 9110 §14.4', async (t) => {
  t.same(parseContentRange('bytes 0-99/1234'), { start: 0, end: 99, total: 1234 });
  t.same(parseContentRange('bytes 5-9/*'), { start: 5, end: 9, total: undefined });
  t.same(parseContentRange('bytes */0'), { start: undefined, end: undefined, total: 0 });
  t.equal(parseContentRange(undefined), undefined);
  t.equal(parseContentRange('items 0-1/2'), undefined);
  t.equal(parseContentRange('bytes 0-/2'), undefined);
});
