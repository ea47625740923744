// Filter, sort and merge on dictionary-encoded string columns against DuckDB, over several Parquet files whose
// dictionaries differ (other values, other orders, a file whose key is all null, an empty file), with null keys.
// The frames are read by readParquet, which keeps the string columns as dictionaries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Batch } from '../../src/columnar/types.js';
import { valueAt } from '../../src/columnar/values.js';
import type { ExprLike } from '../../src/dataframe/expr/builder.js';
import { col } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, duckRun, makeTestData, norm, sameRows, sorted, tableRows } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-dict-ops-'));
const pool = new ThreadPool({ threads: 2 });
t.teardown(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each file draws its zones from another slice of names, in another order of first appearance, so each has its own
// dictionary; the third file's zone is always null, the fourth file has no rows.
const FILE_SQL = [
  `SELECT i::BIGINT AS id, CASE WHEN i % 13 = 0 THEN NULL ELSE 'zone_' || (hash(i) % 40)::VARCHAR END AS zone,
     (i % 97)::DOUBLE AS fare FROM range(0, 3000) r(i)`,
  `SELECT i::BIGINT AS id, CASE WHEN i % 11 = 0 THEN NULL ELSE 'zone_' || (20 + (3000 - i) % 50)::VARCHAR END AS zone,
     (i % 89)::DOUBLE AS fare FROM range(3000, 5000) r(i)`,
  `SELECT i::BIGINT AS id, NULL::VARCHAR AS zone, (i % 7)::DOUBLE AS fare FROM range(5000, 5200) r(i)`,
  `SELECT i::BIGINT AS id, 'zone_1'::VARCHAR AS zone, 1.0::DOUBLE AS fare FROM range(0) r(i)`,
  `SELECT i::BIGINT AS id, CASE WHEN i % 5 = 0 THEN 'Zone_b' WHEN i % 5 = 1 THEN 'zone_10' ELSE 'zone_99' END AS zone,
     (i % 3)::DOUBLE AS fare FROM range(5200, 6000) r(i)`,
];
const files = FILE_SQL.map((_, k) => join(dir, `part-${k}.parquet`));
// The right side of the merges: zones with a name, some zones twice, some never seen on the left, a null zone.
const ZONES_SQL = `SELECT 'zone_' || i::VARCHAR AS zone, 'name ' || i::VARCHAR AS name FROM range(10, 60) r(i)
  UNION ALL SELECT 'zone_' || i::VARCHAR, 'again ' || i::VARCHAR FROM range(30, 35) r(i)
  UNION ALL SELECT 'Zone_b', 'b' UNION ALL SELECT 'nowhere', 'n' UNION ALL SELECT NULL, 'null zone'`;
const zonesFile = join(dir, 'zones.parquet');
const TABLE = `read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`;

t.before(async () => {
  for (let k = 0; k < files.length; k++) await duckRun(`COPY (${FILE_SQL[k]}) TO '${files[k]}' (FORMAT parquet)`);
  await duckRun(`COPY (${ZONES_SQL}) TO '${zonesFile}' (FORMAT parquet)`);
});

/** The rows of `parts` in order, restricted to `columns`, normalised. */
function rowsOf(parts: readonly Batch[], columns: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const p of parts) {
    const cols = columns.map((c) => p.columns[p.fields.findIndex((f) => f.name === c)]!);
    for (let r = 0; r < p.numRows; r++) {
      const row: Record<string, unknown> = {};
      columns.forEach((c, k) => {
        row[c] = norm(valueAt(cols[k]!, r));
      });
      out.push(row);
    }
  }
  return out;
}

t.test('the frame keeps zone as a dictionary, partition by partition', async (t) => {
  const df = await readParquet(files);
  t.equal(df.fields.find((f) => f.name === 'zone')?.type.kind, 'dictionary');
  const parts = await df.computePartitions({ scheduler: 'sync' });
  // One partition per row group: the empty file has none.
  t.equal(parts.length, files.length - 1);
  t.ok(parts.every((p) => p.columns[1]!.type.kind === 'dictionary'));
});

const FILTERS: [string, ExprLike, string][] = [
  ['eq', col('zone').eq('zone_12'), "zone = 'zone_12'"],
  ['ne', col('zone').ne('zone_12'), "zone <> 'zone_12'"],
  ['lt', col('zone').lt('zone_3'), "zone < 'zone_3'"],
  ['ge literal first', col('zone').ge('zone_45'), "zone >= 'zone_45'"],
  ['contains', col('zone').contains('_1'), "contains(zone, '_1')"],
  ['starts_with', col('zone').startsWith('Zone'), "starts_with(zone, 'Zone')"],
  ['ends_with', col('zone').endsWith('9'), "ends_with(zone, '9')"],
  ['is_null', col('zone').isNull(), 'zone IS NULL'],
  [
    'isin',
    col('zone').isin(['zone_3', 'Zone_b', 'zone_47', 'nowhere']),
    "zone IN ('zone_3', 'Zone_b', 'zone_47', 'nowhere')",
  ],
  ['not isin with null', col('zone').isin(['zone_3', null]).not(), "NOT (zone IN ('zone_3', NULL))"],
  ['is_not_null', col('zone').isNotNull(), 'zone IS NOT NULL'],
  ['not eq', col('zone').eq('zone_20').not(), "NOT (zone = 'zone_20')"],
  ['or of two zones', col('zone').eq('zone_20').or(col('zone').eq('Zone_b')), "zone = 'zone_20' OR zone = 'Zone_b'"],
  ['null-safe via fill_null', col('zone').fillNull('none').eq('none'), "COALESCE(zone, 'none') = 'none'"],
  ['upper', col('zone').upper().eq('ZONE_B'), "upper(zone) = 'ZONE_B'"],
  ['length', col('zone').length().gt(6), 'length(zone) > 6'],
  ['zone and fare', col('zone').ge('zone_30').and(col('fare').lt(20)), "zone >= 'zone_30' AND fare < 20"],
];

t.test('filter on a dictionary column matches DuckDB WHERE', async (t) => {
  const df = await readParquet(files);
  for (const [label, predicate, where] of FILTERS) {
    const out = df.filter(predicate);
    const parts = await out.computePartitions({ scheduler: 'sync' });
    for (const p of parts) t.equal(p.columns[1]!.type.kind, 'dictionary', `${label}: result keeps the dictionary`);
    const expected = await duckRows(`SELECT id, zone, fare FROM ${TABLE} WHERE ${where} ORDER BY id`);
    sameRows(t, rowsOf(parts, ['id', 'zone', 'fare']), expected, label);
  }
});

t.test('filter: compute() gives values, on threads too', async (t) => {
  const df = await readParquet(files);
  const table = await df.filter(col('zone').lt('zone_15')).compute({ scheduler: pool });
  const expected = await duckRows(`SELECT id, zone, fare FROM ${TABLE} WHERE zone < 'zone_15'`);
  t.same(sorted(tableRows(table)), sorted(expected));
  t.ok(expected.length > 100);
});

t.test('sortValues on a dictionary column matches ORDER BY across files', async (t) => {
  const df = await readParquet(files);
  for (const [ascending, nulls] of [
    [true, 'last'],
    [false, 'first'],
  ] as const) {
    for (const npartitions of [1, 3, 6]) {
      const out = await df.sortValues(['zone', 'id'], { ascending, naPosition: nulls, npartitions, scheduler: 'sync' });
      const parts = await out.computePartitions({ scheduler: 'sync' });
      const dir = ascending ? 'ASC' : 'DESC';
      const expected = await duckRows(
        `SELECT id, zone FROM ${TABLE} ORDER BY zone ${dir} NULLS ${nulls.toUpperCase()}, id ${dir}`,
      );
      sameRows(t, rowsOf(parts, ['id', 'zone']), expected, `${dir} nulls ${nulls}, ${npartitions} partitions`);
    }
  }
});

t.test('merge on a dictionary key matches DuckDB JOIN', async (t) => {
  const left = await readParquet(files);
  const right = await readParquet(zonesFile, { readDictionary: ['zone'] });
  t.equal(right.fields[0]!.type.kind, 'dictionary');
  const SQL = { inner: 'JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', outer: 'FULL OUTER JOIN' } as const;
  for (const how of ['inner', 'left', 'right', 'outer'] as const) {
    for (const [scheduler, plan] of [
      ['sync', { broadcast: true }],
      [pool, { broadcast: false, npartitions: 3 }],
    ] as const) {
      const out = left.merge(right, { on: 'zone', how, ...plan });
      t.equal(out.fields[1]!.type.kind, 'dictionary', `${how}: the shared key stays a dictionary`);
      const table = await out.compute({ scheduler });
      const expected = await duckRows(
        `SELECT l.id, COALESCE(l.zone, r.zone) AS zone, l.fare, r.name
           FROM ${TABLE} l ${SQL[how]} read_parquet('${zonesFile}') r ON l.zone = r.zone`,
      );
      const actual = tableRows(table).map((r) => ({ id: r.id, zone: r.zone, fare: r.fare, name: r.name }));
      t.same(
        sorted(actual),
        sorted(expected),
        `${how} (${scheduler === 'sync' ? 'sync, broadcast' : 'threads, hash shuffle'})`,
      );
    }
  }
  // Plain strings on one side, a dictionary on the other.
  const plain = right.assign({ zone: col('zone').upper().lower() });
  const table = await left.merge(plain, { on: 'zone', how: 'inner' }).compute({ scheduler: 'sync' });
  const expected = await duckRows(
    `SELECT l.id, l.zone, l.fare, r.name FROM ${TABLE} l JOIN read_parquet('${zonesFile}') r
       ON l.zone = lower(upper(r.zone))`,
  );
  t.same(
    sorted(tableRows(table).map((r) => ({ id: r.id, zone: r.zone, fare: r.fare, name: r.name }))),
    sorted(expected),
  );
});

t.test('filter on a hive dataset: the partition key beside a dictionary string column', async (t) => {
  const data = await makeTestData();
  t.teardown(() => data.remove());
  const df = await readParquet(data.hive);
  t.equal(df.fields.find((f) => f.name === 'cat')?.type.kind, 'dictionary');
  for (const [predicate, where] of [
    [col('part').eq(1), 'part = 1'],
    [col('part').isin([0, 2]), 'part IN (0, 2)'],
    [col('part').gt(0).and(col('cat').eq('a')), "part > 0 AND cat = 'a'"],
    [col('part').add(1).mul(2).ge(4), '(part + 1) * 2 >= 4'],
    [col('cat').isin(['b', 'c9', 'c19']).or(col('cat').isNull()), "cat IN ('b', 'c9', 'c19') OR cat IS NULL"],
  ] as const) {
    const parts = await df.filter(predicate).computePartitions({ scheduler: 'sync' });
    const expected = await duckRows(
      `SELECT id, part, cat FROM read_parquet('${data.hive}/**/*.parquet', hive_partitioning = true)
         WHERE ${where} ORDER BY id`,
    );
    const actual = rowsOf(parts, ['id', 'part', 'cat']).sort((a, b) => (a.id as number) - (b.id as number));
    sameRows(t, actual, expected, where);
  }
});
