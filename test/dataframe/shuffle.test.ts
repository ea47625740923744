// Hash shuffles against DuckDB's rows: nothing lost or duplicated, every key in exactly one output partition, input
// order kept within a partition, nulls and multi-column keys, int32 keys meeting int64 keys, both schedulers.
import t from 'tap';
import type { Batch } from '../../src/columnar/types.js';
import { valueAt } from '../../src/columnar/values.js';
import { col } from '../../src/dataframe/expr/builder.js';
import type { DataFrame } from '../../src/dataframe/frame.js';
import { indicesByPartition } from '../../src/dataframe/ops/shuffle.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData, sameRows, sorted, tableRows } from './support.js';

const pool = new ThreadPool({ threads: 2 });
const data = await makeTestData();
t.teardown(async () => {
  await pool.close();
  data.remove();
});

function column(batch: Batch, name: string): unknown[] {
  const i = batch.fields.findIndex((f) => f.name === name);
  return Array.from({ length: batch.numRows }, (_, r) => valueAt(batch.columns[i]!, r));
}

/** Key text of every row of every partition -> the partitions it appeared in. */
function keyHomes(parts: readonly Batch[], on: readonly string[]): Map<string, Set<number>> {
  const homes = new Map<string, Set<number>>();
  parts.forEach((p, j) => {
    const cols = on.map((c) => column(p, c));
    for (let r = 0; r < p.numRows; r++) {
      const key = JSON.stringify(cols.map((c) => (typeof c[r] === 'bigint' ? Number(c[r]) : c[r])));
      homes.set(key, (homes.get(key) ?? new Set()).add(j));
    }
  });
  return homes;
}

t.test('indicesByPartition is a stable bucket sort and refuses ids out of range', async (t) => {
  const got = indicesByPartition(Int32Array.from([2, 0, 2, 1, 0]), 3).map((a) => [...a]);
  t.same(got, [[1, 4], [3], [0, 2]]);
  t.throws(() => indicesByPartition(Int32Array.from([0, 3]), 3), /row 1 was sent to partition 3 of 3/);
});

for (const [schedName, scheduler] of [
  ['sync', 'sync'],
  ['threads', pool],
] as const) {
  t.test(`hash shuffle (${schedName})`, async (t) => {
    const df = await readParquet(data.file);
    const cases: [string, DataFrame, string[], number, string][] = [
      ['cat into 4', df, ['cat'], 4, data.table],
      ['s (nulls) into 7', df, ['s'], 7, data.table],
      ['cat, flag into 3', df, ['cat', 'flag'], 3, data.table],
      [
        'sparse input into 5',
        df.filter(col('id').lt(40).or(col('id').ge(19500))),
        ['n'],
        5,
        `(SELECT * FROM ${data.table} WHERE id < 40 OR id >= 19500)`,
      ],
      ['one output partition', df, ['x'], 1, data.table],
    ];
    // The threads scheduler repeats one case: the split/piece/concat graph is the same for every partitioner.
    for (const [label, frame, on, n, sql] of schedName === 'sync' ? cases : cases.slice(0, 1)) {
      const shuffled = frame.shuffle(on, { npartitions: n });
      t.equal(shuffled.npartitions, n, `${label}: partitions`);
      const parts = await shuffled.computePartitions({ scheduler });
      const table = await shuffled.compute({ scheduler });
      sameRows(t, sorted(tableRows(table)), sorted(await duckRows(`SELECT * FROM ${sql}`)), `${label}: rows`);
      const split = [...keyHomes(parts, on).entries()].filter(([, homes]) => homes.size > 1);
      t.same(split, [], `${label}: every key in one partition`);
      for (const [j, p] of parts.entries()) {
        const ids = column(p, 'id') as bigint[];
        t.ok(
          ids.every((v, r) => r === 0 || ids[r - 1]! < v),
          `${label}: partition ${j} keeps input order`,
        );
      }
      if (n > 1) t.ok(parts.filter((p) => p.numRows > 0).length > 1, `${label}: rows spread`);
    }
  });
}

t.test('int32 keys meet equal int64 keys', async (t) => {
  const df = await readParquet(data.file);
  const narrow = await df.select('n').shuffle('n', { npartitions: 6 }).computePartitions({ scheduler: 'sync' });
  const wide = await df
    .assign({ n: col('n').cast({ kind: 'int64' }) })
    .select('n')
    .shuffle('n', { npartitions: 6 })
    .computePartitions({ scheduler: 'sync' });
  t.equal(wide[0]!.fields[0]!.type.kind, 'int64');
  const a = keyHomes(narrow, ['n']);
  const b = keyHomes(wide, ['n']);
  t.equal(a.size, b.size, 'same keys');
  const differ = [...a.entries()].filter(([k, homes]) => [...homes][0] !== [...(b.get(k) ?? [])][0]);
  t.same(differ, [], 'each key in the same partition');
});

t.test('bad arguments are clear errors when the step is built', async (t) => {
  const df = await readParquet(data.file);
  t.throws(() => df.shuffle('nope'), /nope/);
  t.throws(() => df.shuffle([]), /at least one column/);
  t.throws(() => df.shuffle('cat', { npartitions: 0 }), /npartitions must be at least 1/);
});
