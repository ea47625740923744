// dropDuplicates against DuckDB's SELECT DISTINCT / GROUP BY over the same Parquet file: numeric, string and float
// (NaN) columns with nulls, multi-column subsets, a skewed column, empty partitions; keep 'first' / 'last' (the
// exact surviving rows and their order: min(id) / max(id) per group, ascending), tree reduction and splitOut.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { emptyBatch } from '../../src/columnar/empty.js';
import { batchFromArrow } from '../../src/columnar/from_arrow.js';
import { sliceBatch } from '../../src/columnar/slice.js';
import type { Batch } from '../../src/columnar/types.js';
import { fromBatches, splitBatch, toSharedBatch } from '../../src/dataframe/create.js';
import type { DataFrame } from '../../src/dataframe/frame.js';
import { readTable } from '../../src/parquet/index.js';
import { duckRows, duckRun, norm } from './support.js';

// a: small int key with nulls; s: skewed strings (half 'hot') with nulls; x: few doubles with NaN and nulls.
const SQL = `SELECT i::BIGINT AS id,
    CASE WHEN hash(i * 4 + 1) % 17 = 0 THEN NULL ELSE (hash(i * 4 + 2) % 9)::INTEGER END AS a,
    CASE WHEN hash(i * 4 + 3) % 19 = 0 THEN NULL WHEN i % 2 = 0 THEN 'hot'
         ELSE 's' || (hash(i * 4 + 4) % 40)::VARCHAR END AS s,
    CASE WHEN hash(i * 4 + 5) % 13 = 0 THEN NULL WHEN hash(i * 4 + 5) % 13 = 1 THEN 'NaN'::DOUBLE
         ELSE (hash(i * 4 + 6) % 6)::DOUBLE / 2 END AS x
  FROM range(3000) r(i)`;

let dir: string;
let path: string;
let batch: Batch;

t.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-distinct-'));
  path = join(dir, 'data.parquet');
  await duckRun(`COPY (${SQL}) TO '${path}' (FORMAT parquet)`);
  batch = toSharedBatch(batchFromArrow(await readTable(path)));
});
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function frame(n: number): DataFrame {
  const parts = splitBatch(batch, n);
  const empty = emptyBatch(batch.fields);
  return fromBatches([sliceBatch(batch, 0, 0), ...parts.slice(0, 2), empty, ...parts.slice(2), empty], batch.fields);
}

async function ids(df: DataFrame): Promise<number[]> {
  const parts = await df.computePartitions({ scheduler: 'sync' });
  return parts.flatMap((p) => Array.from(p.columns[0]!.values as BigInt64Array, Number));
}

for (const subset of [['a'], ['s'], ['x'], ['a', 's'], ['s', 'x', 'a']]) {
  t.test(`dropDuplicates(${subset.join(',')}) keeps DuckDB's min/max(id) rows, in order`, async (t) => {
    const df = frame(7);
    for (const keep of ['first', 'last'] as const) {
      const fn = keep === 'first' ? 'min' : 'max';
      const want = (
        await duckRows(`SELECT ${fn}(id) AS id FROM read_parquet('${path}') GROUP BY ${subset.join(', ')} ORDER BY 1`)
      ).map((r) => r.id as number);
      for (const splitEvery of [2, 8]) {
        const out = df.dropDuplicates(subset, { keep, splitEvery });
        t.equal(out.npartitions, 1);
        t.same(await ids(out), want, `keep ${keep}, splitEvery ${splitEvery}: ${want.length} rows`);
      }
      const split = df.dropDuplicates(subset, { keep, splitOut: 3 });
      t.equal(split.npartitions, 3);
      const parts = await split.computePartitions({ scheduler: 'sync' });
      const partIds = parts.map((p) => Array.from(p.columns[0]!.values as BigInt64Array, Number));
      t.ok(
        partIds.every((p) => p.every((v, i) => i === 0 || p[i - 1]! < v)),
        'splitOut: row order kept in every partition',
      );
      t.same(
        partIds.flat().sort((x, y) => x - y),
        want,
        `keep ${keep}, splitOut 3`,
      );
    }
  });
}

t.test('dropDuplicates() of every column matches SELECT DISTINCT', async (t) => {
  const df = frame(5).select('a', 's', 'x');
  const text = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r.map(norm))).sort();
  const want = text((await duckRows(`SELECT DISTINCT a, s, x FROM read_parquet('${path}')`)).map(Object.values));
  for (const options of [{}, { splitOut: 2 }]) {
    const table = await df.dropDuplicates(undefined, options).compute({ scheduler: 'sync' });
    const columns = ['a', 's', 'x'].map((n) => [...table.getChild(n)!]);
    const got = text(Array.from({ length: table.numRows }, (_, i) => columns.map((c) => c[i])));
    t.same(got, want, `${JSON.stringify(options)}: ${want.length} distinct rows`);
  }
});

t.test('frames without rows, bad arguments', async (t) => {
  const none = fromBatches([emptyBatch(batch.fields)], batch.fields);
  t.equal((await none.dropDuplicates('a').compute({ scheduler: 'sync' })).numRows, 0);
  t.same(none.dropDuplicates().columns, ['id', 'a', 's', 'x']);
  t.throws(() => none.dropDuplicates('nope'), /no column "nope"/);
  t.throws(() => none.dropDuplicates([]), /no columns/);
});
