import t from 'tap';
import { inferFields } from '../../src/dataframe/columns.js';
import { computeAll } from '../../src/dataframe/compute_all.js';
import { fromRecords } from '../../src/dataframe/create.js';
import { mapPartitionsOp, partitionwiseOp, treeReduce, treeReduceFrame } from '../../src/dataframe/emit.js';
import { col } from '../../src/dataframe/expr/builder.js';
import {
  concatPartitionList,
  concatPartitions,
  partitionLength,
  slicePartition,
} from '../../src/dataframe/ops/core.js';
import { literal } from '../../src/graph/task.js';

const rows = Array.from({ length: 100 }, (_, i) => ({ i, s: `v${i % 7}` }));

t.test('mapPartitionsOp: one task per partition naming the op, parents shared', async (t) => {
  const df = fromRecords(rows, { npartitions: 10 });
  const out = mapPartitionsOp(df, slicePartition, [0, 2], df.fields, { name: 'first-two' });
  t.equal(out.npartitions, 10);
  t.match(out.name, /^first-two-/);
  t.equal(out.layers.size, 2);
  t.equal(out.layers.get(df.name), df.layers.get(df.name), 'parent layer shared, not copied');
  const spec = out.graph().get(out.key(3))!;
  t.match(spec.fn, /ops\/core\.ts#slicePartition$/);
  t.same(spec.args, [{ $ref: [df.name, 3] }, 0, 2]);
  t.equal((await out.compute({ scheduler: 'sync' })).numRows, 20);
});

t.test('partitionwiseOp zips frames', async (t) => {
  const a = fromRecords(rows, { npartitions: 4 });
  const b = fromRecords(rows, { npartitions: 4 });
  const zipped = partitionwiseOp([a, b], concatPartitions, [], a.fields);
  t.equal(zipped.npartitions, 4);
  t.throws(() => partitionwiseOp([a, fromRecords(rows, { npartitions: 3 })], concatPartitions, [], a.fields));
});

t.test('treeReduce: chunk, combine per splitEvery, aggregate', async (t) => {
  const df = fromRecords(rows, { npartitions: 20 });
  const total = treeReduce<number>(df, {
    chunk: { op: partitionLength },
    aggregate: { op: 'sum' },
    splitEvery: 3,
  });
  // 20 chunks -> 7 -> 3 combine tasks, then the aggregate.
  const reduceLayer = [...total.layers.values()].at(-1)!;
  t.equal(reduceLayer.size, 20 + 7 + 3 + 1);
  t.equal(await total.compute({ scheduler: 'sync' }), 100);
  const empty = fromRecords([], { fields: df.fields });
  t.equal(
    await treeReduce<number>(empty, { chunk: { op: partitionLength }, aggregate: { op: 'sum' } }).compute({
      scheduler: 'sync',
    }),
    0,
  );
});

t.test('treeReduceFrame gives a one-partition frame', async (t) => {
  const df = fromRecords(rows, { npartitions: 5 });
  const all = treeReduceFrame(
    df,
    {
      chunk: { op: slicePartition, args: [0, 1] },
      aggregate: { op: concatPartitionList, args: [literal(df.fields)] },
      splitEvery: 2,
    },
    df.fields,
  );
  t.equal(all.npartitions, 1);
  t.same(
    (await all.compute({ scheduler: 'sync' })).toArray().map((r) => r.i),
    [0, 20, 40, 60, 80],
  );
});

t.test('inferFields runs the op on an empty partition', async (t) => {
  const df = fromRecords(rows);
  t.same(
    inferFields(df.fields, slicePartition, [0, 1]).map((f) => f.name),
    ['i', 's'],
  );
  t.throws(() => inferFields(df.fields, 'file:///nowhere.js#missing', []), /not loaded/);
});

t.test('computeAll computes frames and scalars in one graph', async (t) => {
  const df = fromRecords(rows, { npartitions: 4 });
  const [table, n, total] = await computeAll([df, df.length(), df.sum('i')], { scheduler: 'sync' });
  t.equal(table.numRows, 100);
  t.equal(n, 100);
  t.equal(total, 4950);
});

t.test('compute of a one-partition frame asks for the partition itself: no concatenation task', async (t) => {
  const df = fromRecords(
    Array.from({ length: 6 }, (_, i) => ({ k: `k${i % 2}`, x: i })),
    { npartitions: 3 },
  );
  const grouped = df.groupby('k').agg({ x: ['sum'] });
  t.equal(grouped.npartitions, 1);
  const keys: string[] = [];
  const table = await grouped.compute({
    scheduler: 'sync',
    onProgress: (e) => {
      if (e.type === 'task-finish') keys.push(JSON.stringify(e.key));
    },
  });
  t.same(
    table.toArray().map((r) => r.toJSON()),
    [
      { k: 'k0', x_sum: 6 },
      { k: 'k1', x_sum: 9 },
    ],
  );
  t.notOk(
    keys.some((k) => k.includes('concat')),
    'no concat task ran',
  );
  const empty = await fromRecords([{ x: 1 }], { npartitions: 1 })
    .filter(col('x').gt(5))
    .compute({ scheduler: 'sync' });
  t.equal(empty.numRows, 0, 'an empty partition gives an empty table of the frame columns');
  t.same(
    empty.schema.fields.map((f) => f.name),
    ['x'],
  );
});
