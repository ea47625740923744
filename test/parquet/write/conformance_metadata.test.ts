// Writer conformance of the metadata a peer reads (issue 4, "Conformance"): DuckDB's own footer reader
// (parquet_metadata) sees the min / max / null count we wrote for each column chunk, and the split-block bloom
// filters written with `bloomFilter: true` are used by DuckDB (parquet_bloom_probe) and by tessera's reader.
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { loadBloomFilter } from '../../../src/parquet/filter/bloom_reader.js';
import { keyDomain } from '../../../src/parquet/filter/keys.js';
import { ParquetFile, writeTable } from '../../../src/parquet/index.js';
import { seededRandom } from '../../support/data.js';
import { openDuckDB } from '../../support/duckdb_text.js';
import { tempDir } from '../../support/write_conformance.js';

const duckdb = await openDuckDB();
t.teardown(() => duckdb.closeSync());

const ROWS = 1000;
const GROUP = 600;
const next = seededRandom(7);
const int = (n: number) => Math.floor((next() / 2 ** 32) * n);
const orNull = <T>(make: () => T, i: number): T | null => (i % 9 === 4 ? null : make());

const i32 = Array.from({ length: ROWS }, (_, i) => orNull(() => int(100_001) - 50_000, i));
const i64 = Array.from({ length: ROWS }, (_, i) => orNull(() => BigInt(int(2 ** 31)) * 4_000_000_007n - 2n ** 62n, i));
// Above 2^31: signed order would put these below the small ones; UINT_32 statistics use unsigned order.
const u32 = Array.from({ length: ROWS }, (_, i) => orNull(() => (i % 2 ? 4_000_000_000 + int(1000) : int(1000)), i));
const f64 = Array.from({ length: ROWS }, (_, i) => orNull(() => (int(200_001) - 100_000) / 4, i));
const utf8 = Array.from({ length: ROWS }, (_, i) => orNull(() => `v${int(100_000)}é`, i));
const days = Array.from({ length: ROWS }, (_, i) => orNull(() => int(40_000) - 10_000, i));

const table = new arrow.Table({
  i32: arrow.vectorFromArray(i32, new arrow.Int32()),
  i64: arrow.vectorFromArray(i64, new arrow.Int64()),
  u32: arrow.vectorFromArray(u32, new arrow.Uint32()),
  f64: arrow.vectorFromArray(f64, new arrow.Float64()),
  utf8: arrow.vectorFromArray(utf8, new arrow.Utf8()),
  date: arrow.vectorFromArray(
    days.map((d) => (d === null ? null : new Date(d * 86_400_000))),
    new arrow.DateDay(),
  ),
});

function isoDay(d: number): string {
  return new Date(d * 86_400_000).toISOString().slice(0, 10);
}

/** Expected min, max (as DuckDB prints them) and null count of `values[start, end)`. */
function expectedStats<T>(
  values: readonly (T | null)[],
  start: number,
  end: number,
  compare: (a: T, b: T) => number,
  text: (v: T) => string,
): [string, string, number] {
  const present = values.slice(start, end).filter((v): v is T => v !== null);
  const sorted = [...present].sort(compare);
  return [text(sorted[0]!), text(sorted[sorted.length - 1]!), end - start - present.length];
}

const numeric = (a: number, b: number) => a - b;
const big = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

t.test('DuckDB reads the chunk statistics we wrote', async (t) => {
  const dir = tempDir(t);
  for (const pageVersion of [1, 2] as const) {
    const path = join(dir, `stats_v${pageVersion}.parquet`);
    await writeTable(path, table, { rowGroupSize: GROUP, pageVersion, dataPageRowLimit: 100 });
    const result = await duckdb.runAndReadAll(
      `SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count
       FROM parquet_metadata('${path}') ORDER BY row_group_id, column_id`,
    );
    const actual = result.getRows().map((r) => r.map((x) => (typeof x === 'bigint' ? Number(x) : x)));
    const expected: unknown[][] = [];
    for (const [group, start, end] of [
      [0, 0, GROUP],
      [1, GROUP, ROWS],
    ] as const) {
      const row = (name: string, stats: [string, string, number]) => [group, name, ...stats];
      expected.push(row('i32', expectedStats(i32, start, end, numeric, String)));
      expected.push(row('i64', expectedStats(i64, start, end, big, String)));
      expected.push(row('u32', expectedStats(u32, start, end, numeric, String)));
      expected.push(row('f64', expectedStats(f64, start, end, numeric, String)));
      expected.push(
        row(
          'utf8',
          expectedStats(utf8, start, end, bytewise, (s) => s),
        ),
      );
      expected.push(row('date', expectedStats(days, start, end, numeric, isoDay)));
    }
    // DuckDB prints doubles its own way: compare those numerically.
    const normalise = (rows: unknown[][]) =>
      rows.map((r) => (r[1] === 'f64' ? [r[0], r[1], Number(r[2]), Number(r[3]), r[4]] : r));
    t.same(normalise(actual), normalise(expected), `v${pageVersion}: min, max and null count of every chunk`);
  }
});

t.test('bloom filters: DuckDB probes them, tessera reads them', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'bloom.parquet');
  const bloomColumns = ['i32', 'i64', 'utf8'];
  await writeTable(path, table, {
    rowGroupSize: GROUP,
    columns: { i32: { bloomFilter: true }, i64: { bloomFilter: { fpp: 0.01 } }, utf8: { bloomFilter: { ndv: 2000 } } },
  });
  const meta = await duckdb.runAndReadAll(
    `SELECT path_in_schema, count(bloom_filter_offset)::INTEGER FROM parquet_metadata('${path}')
     GROUP BY path_in_schema ORDER BY path_in_schema`,
  );
  t.same(
    meta.getRows(),
    [
      ['date', 0],
      ['f64', 0],
      ['i32', 2],
      ['i64', 2],
      ['u32', 0],
      ['utf8', 2],
    ],
    'a bloom filter in each row group of the columns that asked for one, none elsewhere',
  );

  const sqlLiteral = (v: number | bigint | string) => (typeof v === 'string' ? `'${v}'` : String(v));
  const probe = async (column: string, value: number | bigint | string): Promise<boolean[]> => {
    const r = await duckdb.runAndReadAll(
      `SELECT bloom_filter_excludes FROM parquet_bloom_probe('${path}', '${column}', ${sqlLiteral(value)})
       ORDER BY row_group_id`,
    );
    return r.getRows().map((row) => row[0] === true);
  };
  const values: Record<string, readonly (number | bigint | string | null)[]> = { i32, i64, utf8 };
  const absentValues: Record<string, (k: number) => number | bigint | string> = {
    i32: (k) => 1_000_000 + k,
    i64: (k) => 2n ** 62n + BigInt(k),
    utf8: (k) => `absent-${k}`,
  };
  const file = await ParquetFile.open(path);
  t.teardown(() => file.close());
  for (const column of bloomColumns) {
    const present = values[column]!;
    const descriptor = file.schema.columns.find((c) => c.name === column)!;
    const domain = keyDomain(descriptor);
    const toKey = (v: number | bigint | string) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
    const filters = [
      await loadBloomFilter(file, 0, descriptor, domain),
      await loadBloomFilter(file, 1, descriptor, domain),
    ];
    t.ok(filters[0] && filters[1], `${column}: tessera loads both filters`);
    let duckMisses = 0;
    let tesseraMisses = 0;
    for (let row = 0; row < ROWS; row += 7) {
      const v = present[row];
      if (v === null || v === undefined) continue;
      const group = row < GROUP ? 0 : 1;
      if ((await probe(column, v))[group]) duckMisses++;
      if (filters[group]?.absent(toKey(v))) tesseraMisses++;
    }
    t.equal(duckMisses, 0, `${column}: DuckDB never excludes a value the row group holds`);
    t.equal(tesseraMisses, 0, `${column}: tessera never excludes a value the row group holds`);
    let duckExcluded = 0;
    let tesseraExcluded = 0;
    const probes = 100;
    for (let k = 0; k < probes; k++) {
      const v = absentValues[column]!(k);
      if ((await probe(column, v)).every(Boolean)) duckExcluded++;
      if (filters.every((f) => f?.absent(toKey(v)))) tesseraExcluded++;
    }
    // With fpp <= 0.05 per filter, two filters both let through a given absent value far less than 20% of the time.
    t.ok(duckExcluded >= 80, `${column}: DuckDB excludes ${duckExcluded}/${probes} absent values`);
    t.ok(tesseraExcluded >= 80, `${column}: tessera excludes ${tesseraExcluded}/${probes} absent values`);
  }
});
