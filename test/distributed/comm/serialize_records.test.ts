// Small objects travel as msgpack records (serialize.ts): many objects of one shape, shapes that differ by one key,
// dictionaries larger than a record, Maps and typed arrays inside records all decode to what was sent, and each
// message decodes on its own (no shapes shared between messages).
import t from 'tap';
import { decodeMessage, encodeMessage } from '../../../src/distributed/comm/serialize.js';

t.test('records round-trip, message by message', async (t) => {
  const tasks = Array.from({ length: 5000 }, (_, i) => ({
    key: `k-${i}`,
    spec: { fn: i % 2 ? 'inc' : 'add', args: i % 3 ? [i] : [{ $ref: `k-${i - 1}` }, i] },
    order: i,
    ...(i % 7 === 0 ? { retries: 2 } : {}),
  }));
  const dict: Record<string, number> = {};
  for (let i = 0; i < 40; i++) dict[`d-${i}`] = i;
  const column = new Float64Array(new SharedArrayBuffer(80)).fill(2.5);
  const message = [
    { op: 'update-graph', tasks, wants: ['k-1'] },
    { op: 'data', data: { x: { values: column, n: 10 } }, nbytes: dict, map: new Map([['a', 1]]) },
  ];
  const first = encodeMessage(message);
  const second = encodeMessage([{ op: 'update-graph', tasks: tasks.slice(0, 3), wants: [] }]);
  // The second message is decoded first: it must not need shapes defined by the first.
  const back2 = decodeMessage(second) as Array<{ tasks: unknown[] }>;
  t.same(back2[0]?.tasks, tasks.slice(0, 3));
  const back = decodeMessage(first) as typeof message;
  t.same(back[0], message[0], 'tasks of a few shapes, optional keys included');
  const data = back[1] as { data: { x: { values: Float64Array; n: number } }; nbytes: unknown; map: unknown };
  t.same(data.nbytes, dict, 'a dictionary larger than a record');
  t.ok(data.data.x.values instanceof Float64Array && data.data.x.values.buffer instanceof SharedArrayBuffer);
  t.same(Array.from(data.data.x.values), Array.from(column));
  t.same(data.map, { a: 1 }, 'a Map arrives as a plain object, as before');
});
