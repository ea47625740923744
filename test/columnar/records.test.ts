import t from 'tap';
import { batchFromRecords, batchToRecords, inferType } from '../../src/columnar/index.js';

t.test('type inference follows pyarrow, with JS numbers as float64', async (t) => {
  t.same(inferType([1, 2.5, null]), { kind: 'float64' });
  t.same(inferType([1n, null]), { kind: 'int64' });
  t.same(inferType([1n, 2.5]), { kind: 'float64' });
  t.same(inferType([null, undefined]), { kind: 'null' });
  t.same(inferType(['a']), { kind: 'utf8' });
  t.same(inferType([true]), { kind: 'bool' });
  t.same(inferType([new Date(0)]), { kind: 'timestamp', unit: 'ms', timezone: 'UTC' });
  t.same(inferType([new Uint8Array(1)]), { kind: 'binary' });
  t.same(inferType([[1], [null, 2]]), {
    kind: 'list',
    child: { name: 'item', type: { kind: 'float64' }, nullable: true },
  });
  t.same(inferType([{ a: 1 }, { b: 'x' }]), {
    kind: 'struct',
    children: [
      { name: 'a', type: { kind: 'float64' }, nullable: true },
      { name: 'b', type: { kind: 'utf8' }, nullable: true },
    ],
  });
  t.throws(() => inferType(['a', 1], 'col'), /col mixes utf8 and float64/);
});

t.test('records round-trip through a batch', async (t) => {
  const rows = [
    { a: 1.5, b: 'x', c: true, d: [1, 2], e: { f: 'y' } },
    { a: null, b: 'é', c: null, d: [], e: null },
    { b: null, c: false, d: null, e: { f: null } },
  ];
  const batch = batchFromRecords(rows);
  t.same(
    batch.fields.map((f) => f.name),
    ['a', 'b', 'c', 'd', 'e'],
  );
  t.equal(batch.numRows, 3);
  t.same(batchToRecords(batch), [
    { a: 1.5, b: 'x', c: true, d: [1, 2], e: { f: 'y' } },
    { a: null, b: 'é', c: null, d: [], e: null },
    { a: null, b: null, c: false, d: null, e: { f: null } },
  ]);
  t.ok(batch.columns[0]!.values!.buffer instanceof SharedArrayBuffer);
  const typed = batchFromRecords([{ n: 5 }, { n: null }], [{ name: 'n', type: { kind: 'int16' }, nullable: true }]);
  t.same(typed.columns[0]!.values, Int16Array.of(5, 0));
  t.equal(typed.columns[0]!.nullCount, 1);
  t.equal(batchFromRecords([]).numRows, 0);
});
