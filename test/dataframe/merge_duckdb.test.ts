// merge against DuckDB's JOIN over the same Parquet files: inner/left/right/full outer; int32 keys meeting int64
// keys, string keys, float keys with NaN, multi-column keys, null keys, duplicate keys on both sides
// (many-to-many), a skewed key, empty partitions; broadcast, shuffle and partition-wise plans; sync vs threads.
// Rows are compared sorted: each output row is identified by (left id, right rid) plus the coalesced key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import { emptyBatch } from '../../src/columnar/empty.js';
import { batchFromArrow } from '../../src/columnar/from_arrow.js';
import { sliceBatch } from '../../src/columnar/slice.js';
import type { Batch } from '../../src/columnar/types.js';
import { batchToRecords } from '../../src/columnar/values.js';
import { fromBatches, splitBatch, toSharedBatch } from '../../src/dataframe/create.js';
import { fromPartitions, literalTask } from '../../src/dataframe/emit.js';
import type { DataFrame } from '../../src/dataframe/frame.js';
import type { MergeOptions } from '../../src/dataframe/merge.js';
import { readTable } from '../../src/parquet/index.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, duckRun, norm } from './support.js';

// Left: k INTEGER skewed (a third of the rows are 0) with nulls, s VARCHAR with nulls, f DOUBLE with NaN and nulls,
// k2 a small key. Right: k BIGINT (so int32 meets int64), duplicates of every key, its own nulls and NaN.
const LEFT_SQL = `SELECT i::BIGINT AS id,
    CASE WHEN hash(i * 5 + 1) % 19 = 0 THEN NULL WHEN i % 3 = 0 THEN 0 ELSE (hash(i * 5 + 2) % 150)::INTEGER END AS k,
    CASE WHEN hash(i * 5 + 3) % 23 = 0 THEN NULL ELSE 's' || (hash(i * 5 + 4) % 100)::VARCHAR END AS s,
    CASE WHEN i % 29 = 0 THEN NULL WHEN i % 31 = 0 THEN 'NaN'::DOUBLE ELSE (hash(i * 5 + 5) % 300)::DOUBLE / 4 END AS f,
    (i % 4)::INTEGER AS k2,
    (hash(i) % 1000)::DOUBLE AS v
  FROM range(1500) r(i)`;
const RIGHT_SQL = `SELECT i::BIGINT AS rid,
    CASE WHEN i % 37 = 0 THEN NULL WHEN i % 50 = 0 THEN 0 ELSE (hash(i * 3 + 1) % 200)::BIGINT END AS k,
    CASE WHEN i % 41 = 0 THEN NULL ELSE 's' || (hash(i * 3 + 2) % 120)::VARCHAR END AS s,
    CASE WHEN i % 43 = 0 THEN NULL WHEN i % 47 = 0 THEN 'NaN'::DOUBLE ELSE (hash(i * 3 + 3) % 300)::DOUBLE / 4 END AS f,
    (i % 3)::INTEGER AS k2,
    (hash(i) % 1000)::DOUBLE AS v
  FROM range(400) r(i)`;

let dir: string;
let leftBatch: Batch;
let rightBatch: Batch;
const files = { left: '', right: '' };

t.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-merge-'));
  files.left = join(dir, 'left.parquet');
  files.right = join(dir, 'right.parquet');
  await duckRun(`COPY (${LEFT_SQL}) TO '${files.left}' (FORMAT parquet)`);
  await duckRun(`COPY (${RIGHT_SQL}) TO '${files.right}' (FORMAT parquet)`);
  leftBatch = toSharedBatch(batchFromArrow(await readTable(files.left)));
  rightBatch = toSharedBatch(batchFromArrow(await readTable(files.right)));
});
const pool = new ThreadPool({ threads: 2 });
t.teardown(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `batch` in `n` partitions with empty partitions at the start, the middle and the end. */
function frame(batch: Batch, n: number): DataFrame {
  if (n === 1) return fromBatches([batch], batch.fields);
  const parts = splitBatch(batch, n - 3);
  const empty = emptyBatch(batch.fields);
  return fromBatches([sliceBatch(batch, 0, 0), ...parts.slice(0, 1), empty, ...parts.slice(1), empty], batch.fields);
}

const SQL_JOIN = { inner: 'JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', outer: 'FULL OUTER JOIN' } as const;

/** DuckDB's (id, rid, coalesced keys) rows of the join on `keys` (same names on both sides). */
async function duckJoin(keys: readonly string[], how: keyof typeof SQL_JOIN): Promise<string[]> {
  const on = keys.map((k) => `l.${k} = r.${k}`).join(' AND ');
  const coalesced = keys.map((k) => `COALESCE(l.${k}, r.${k}) AS ${k}`).join(', ');
  return duckText(
    `SELECT l.id, r.rid, ${coalesced}, l.v AS v_x, r.v AS v_y
       FROM read_parquet('${files.left}') l ${SQL_JOIN[how]} read_parquet('${files.right}') r ON ${on}`,
  );
}

/** DuckDB's rows of `sql` as sorted JSON texts of their values in column order. */
async function duckText(sql: string): Promise<string[]> {
  return (await duckRows(sql)).map((r) => JSON.stringify(Object.values(r))).sort();
}

/** Rows of `table`'s `names` columns as sorted JSON texts (column iterators: much faster than row proxies). */
function textRows(table: arrow.Table, names: readonly string[]): string[] {
  const columns = names.map((n) => [...table.getChild(n)!].map(norm));
  return Array.from({ length: table.numRows }, (_, i) => JSON.stringify(columns.map((c) => c[i]))).sort();
}

async function ours(df: DataFrame, keys: readonly string[], scheduler: 'sync' | ThreadPool = 'sync') {
  return textRows(await df.compute({ scheduler }), ['id', 'rid', ...keys, 'v_x', 'v_y']);
}

function sameText(t: Test, got: readonly string[], want: readonly string[], message: string): void {
  const i = got.findIndex((x, k) => x !== want[k]);
  if (got.length === want.length && i < 0) t.pass(`${message}: ${got.length} rows`);
  else t.same({ length: got.length, row: got[i] }, { length: want.length, row: want[i] }, message);
}

const HOWS = ['inner', 'left', 'right', 'outer'] as const;

t.test('DuckDB: NaN keys match NaN keys in joins (the rule the join follows)', async (t) => {
  const rows = await duckRows(
    `SELECT count(*) AS n FROM (SELECT 'NaN'::DOUBLE AS f) a JOIN (SELECT 'NaN'::DOUBLE AS f) b ON a.f = b.f`,
  );
  t.equal(rows[0]!.n, 1);
});

for (const keys of [['k'], ['s'], ['f'], ['k2', 's']]) {
  t.test(`merge on ${keys.join(',')} matches DuckDB (broadcast and shuffle plans)`, async (t) => {
    const left = frame(leftBatch, 6);
    const plans: [string, DataFrame, MergeOptions][] = [
      ['right in 1 partition', frame(rightBatch, 1), {}],
      ['shuffle', frame(rightBatch, 5), { npartitions: 4 }],
    ];
    // Forced broadcast of a side with several partitions: on two key sets (the plan does not depend on the keys).
    if (keys.length === 1 && keys[0] !== 'f')
      plans.push(['broadcast: true', frame(rightBatch, 4), { broadcast: true }]);
    for (const how of HOWS) {
      const want = await duckJoin(keys, how);
      for (const [label, right, options] of plans) {
        const merged = left.merge(right, { on: keys, how, ...options });
        sameText(t, await ours(merged, keys), want, `${how}, ${label} (${merged.npartitions} partitions)`);
      }
    }
  });
}

t.test('a one-partition left side is broadcast for right joins; leftOn/rightOn with other names', async (t) => {
  const left = frame(leftBatch, 1);
  const right = frame(rightBatch, 5);
  const merged = left.merge(right, { on: 'k', how: 'right' });
  t.equal(merged.npartitions, 5, 'keeps the right partitioning');
  sameText(t, await ours(merged, ['k']), await duckJoin(['k'], 'right'), 'right join, left broadcast');
  const inner = left.merge(right, { on: 'k' });
  t.equal(inner.npartitions, 5);

  const renamed = frame(rightBatch, 3).rename({ k: 'rk', s: 'rs' });
  const byName = frame(leftBatch, 4).merge(renamed, { leftOn: ['k', 's'], rightOn: ['rk', 'rs'], how: 'outer' });
  t.same(byName.columns, ['id', 'k', 's', 'f_x', 'k2_x', 'v_x', 'rid', 'rk', 'rs', 'f_y', 'k2_y', 'v_y']);
  const got = textRows(await byName.compute({ scheduler: 'sync' }), ['id', 'rid', 'k', 'rk']);
  const want = await duckText(
    `SELECT l.id, r.rid, l.k, r.k AS rk FROM read_parquet('${files.left}') l FULL OUTER JOIN
     read_parquet('${files.right}') r ON l.k = r.k AND l.s = r.s`,
  );
  sameText(t, got, want, 'outer join on two differently named keys');
});

t.test('equal known divisions: partition-wise merge without a shuffle', async (t) => {
  // Both sides sorted by `id` with the same boundaries; the right side's ids are a subset with repeats.
  const bounds = [0, 300, 1200, 1499];
  const leftParts = [0, 1, 2].map((i) => sliceBatch(leftBatch, bounds[i]!, i === 2 ? 1500 : bounds[i + 1]!));
  const rightIds = rightBatch.columns[0]!.values as BigInt64Array;
  t.ok(
    rightIds.every((v, i) => v === BigInt(i)),
    'right rid is 0..399',
  );
  const right = fromBatches([rightBatch], rightBatch.fields).rename({ rid: 'id' });
  const rightParts = await right.computePartitions({ scheduler: 'sync' });
  const divisions = bounds.map((b) => BigInt(b));
  const l = fromPartitions(leftParts.map(literalTask), leftBatch.fields, { divisions, index: 'id' });
  const rb = rightParts[0]!;
  const r = fromPartitions(
    [sliceBatch(rb, 0, 300), sliceBatch(rb, 300, 400), sliceBatch(rb, 400, 400)].map(literalTask),
    rb.fields,
    { divisions, index: 'id' },
  );
  for (const how of HOWS) {
    const merged = l.merge(r, { leftIndex: true, rightIndex: true, how });
    t.equal(merged.npartitions, 3);
    t.same(merged.divisions, divisions, `${how}: divisions kept`);
    t.notOk(
      [...merged.layers.keys()].some((name) => name.includes('shuffle')),
      `${how}: no shuffle layer`,
    );
    const got = textRows(await merged.compute({ scheduler: 'sync' }), ['id', 'k_x', 'k_y']);
    const want = await duckText(
      `SELECT COALESCE(l.id, r.rid) AS id, l.k AS k_x, r.k AS k_y FROM read_parquet('${files.left}') l
       ${SQL_JOIN[how]} read_parquet('${files.right}') r ON l.id = r.rid`,
    );
    sameText(t, got, want, `${how} on the index`);
  }
});

t.test('sync and threads give equal results (shuffle merge, dropDuplicates with splitOut)', async (t) => {
  const merged = frame(leftBatch, 5).merge(frame(rightBatch, 4), { on: 'k', how: 'outer', npartitions: 3 });
  const a = await merged.computePartitions({ scheduler: 'sync' });
  const b = await merged.computePartitions({ scheduler: pool });
  t.same(
    b.map((p) => p.numRows),
    a.map((p) => p.numRows),
  );
  const text = (p: Batch[]) =>
    JSON.stringify(
      p.map((b) => batchToRecords(b)),
      (_k, v) => (typeof v === 'bigint' ? `${v}` : v),
    );
  t.equal(text(b), text(a), 'same rows, same order');
  const distinct = frame(leftBatch, 5).dropDuplicates(['k', 's'], { splitOut: 2 });
  t.equal(
    text(await distinct.computePartitions({ scheduler: pool })),
    text(await distinct.computePartitions({ scheduler: 'sync' })),
    'dropDuplicates: same rows, same order',
  );
});

t.test('bad merges fail when built', async (t) => {
  const left = frame(leftBatch, 2);
  const right = frame(rightBatch, 2);
  t.throws(() => left.merge(right, { leftOn: 'k', rightOn: 'f' }), /different types/);
  t.throws(() => left.merge(right, { on: 'nope' }), /no column "nope"/);
  t.throws(() => left.merge(right, { leftIndex: true, rightOn: 'k' }), /leftIndex needs/);
  t.throws(() => left.merge(right, { leftOn: 'k' }), /both sides/);
});
