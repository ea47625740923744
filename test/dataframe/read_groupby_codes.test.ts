// The per-code group-by partial (src/dataframe/algorithms/code_partial.ts) that the fused read-and-aggregate uses
// when the sole key is read with its dictionary: equal to DuckDB's GROUP BY over files with null keys and values,
// NaN values, many row groups whose dictionaries differ, plain-encoded keys (no dictionary: every row its own code)
// and a dictionary that falls back to plain pages part-way; and equal, state for state, to the general partial.
import { join } from 'node:path';
import t from 'tap';
import { batchFromRecordBatch } from '../../src/columnar/from_arrow.js';
import type { Batch } from '../../src/columnar/types.js';
import { normalizeAggSpec } from '../../src/dataframe/algorithms/agg_spec.js';
import { codePartial } from '../../src/dataframe/algorithms/code_partial.js';
import { type GroupPartial, groupbyChunk } from '../../src/dataframe/algorithms/group_partial.js';
import { col } from '../../src/dataframe/expr/builder.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import { ParquetFile } from '../../src/parquet/file.js';
import { readTable } from '../../src/parquet/read_table.js';
import { writeTable } from '../../src/parquet/write/write_table.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData, sameRows, sorted, tableRows } from './support.js';

const data = await makeTestData();
t.teardown(() => data.remove());
const table = await readTable(data.file);
// Ten 2,048-row row groups (each with its own dictionaries) as written by DuckDB; the same rows with no dictionary
// at all; and with a dictionary page limit so small that chunks fall back to plain pages part-way.
const plain = join(data.dir, 'plain.parquet');
await writeTable(plain, table, { rowGroupSize: 3000, dictionary: false });
const fallback = join(data.dir, 'fallback.parquet');
await writeTable(fallback, table, { rowGroupSize: 3000, dictionaryPageSizeLimit: 256 });
const pool = new ThreadPool({ threads: 2 });
t.teardown(() => pool.close());

const AGG = {
  '*': 'count',
  n: ['sum', 'min', 'max', 'mean', 'count'],
  x: ['sum', 'min', 'max', 'mean', 'count'],
} as const;
const SQL = (file: string, key: string, where: string) => `SELECT ${key}, count(*) AS count,
    sum(n) AS n_sum, min(n) AS n_min, max(n) AS n_max, avg(n) AS n_mean, count(n) AS n_count,
    sum(x) AS x_sum, min(x) AS x_min, max(x) AS x_max, avg(x) AS x_mean, count(x) AS x_count
  FROM read_parquet('${file}') ${where} GROUP BY ${key}`;

/** Rows with floats rounded to 9 significant digits (sums in another order differ in the last bits). */
function rounded(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v,
      ]),
    ),
  );
}

for (const [name, file] of [
  ['DuckDB dictionaries', data.file],
  ['plain keys', plain],
  ['dictionary fallback', fallback],
] as const) {
  for (const key of ['s', 'n', 'cat']) {
    for (const dropna of [false, true]) {
      t.test(`${name}: groupby(${key}, dropna ${dropna}) equals DuckDB's`, async (t) => {
        const df = await readParquet(file, { columns: [key, 'n', 'x'] });
        const grouped = df.groupby(key, { dropna }).agg(AGG as never);
        const fused = [...grouped.layers.get(grouped.name)!.values()].filter((task) =>
          task.spec.fn.endsWith('#readGroupbyPartialOp'),
        );
        t.ok(fused.length > 0, 'fused with the read');
        const expected = rounded(sorted(await duckRows(SQL(file, key, dropna ? `WHERE ${key} IS NOT NULL` : ''))));
        for (const scheduler of ['sync', pool] as const) {
          const actual = rounded(sorted(tableRows(await grouped.compute({ scheduler }))));
          sameRows(t, actual, expected, scheduler === 'sync' ? 'sync' : 'pool');
        }
      });
    }
  }
}

t.test('a float key (NaN values, nulls) and an int64 value column equal the unfused path', async (t) => {
  for (const file of [data.file, plain]) {
    const df = await readParquet(file, { columns: ['x', 'n', 'id'] });
    const spec = { '*': 'count', n: ['sum', 'min', 'max'], id: ['sum', 'max'] } as never;
    const fused = await df.groupby('x', { dropna: false }).agg(spec).compute({ scheduler: 'sync' });
    // An assigned column makes the frame no plain read: grouped partition by partition, by the general path.
    const general = await df
      .assign({ one: col('n') })
      .groupby('x', { dropna: false })
      .agg(spec)
      .compute({ scheduler: 'sync' });
    sameRows(t, sorted(tableRows(fused)), sorted(tableRows(general)), file === plain ? 'plain' : 'dictionaries');
  }
});

/** The row groups of `file` read with `key` kept as a dictionary. */
async function dictionaryBatches(file: string, key: string, columns: string[]): Promise<Batch[]> {
  const parquet = await ParquetFile.open(file);
  const out: Batch[] = [];
  for await (const b of parquet.iterBatches({ columns, readDictionary: [key] })) out.push(batchFromRecordBatch(b));
  await parquet.close();
  return out;
}

t.test('codePartial gives groupbyChunk’s partial, state for state', async (t) => {
  let checked = 0;
  for (const file of [data.file, fallback]) {
    for (const key of ['s', 'n']) {
      // Int values under a string key; an int key with float values (a key is not also a value here).
      // A min or a max alone (not both of one column) takes its own pass.
      const spec = key === 's' ? AGG : { '*': 'count', x: AGG.x };
      const lone = key === 's' ? { x: ['min'], n: ['max'] } : { x: ['max'] };
      for (const items of [normalizeAggSpec(spec as never), normalizeAggSpec(lone as never)])
        for (const batch of await dictionaryBatches(file, key, [key, 'n', 'x'])) {
          for (const dropna of [false, true]) {
            const fast = codePartial(batch, key, items, dropna);
            if (!fast) throw new Error('codePartial declined a dictionary key');
            const general = groupbyChunk(batch, [key], items, dropna);
            t.same(fast.groups.fields, general.groups.fields);
            t.equal(fast.groups.numRows, general.groups.numRows);
            fast.groups.columns.forEach((c, i) => {
              const g = general.groups.columns[i]!;
              t.equal(c.nullCount, g.nullCount, `${fast.groups.fields[i]!.name} nulls`);
              const valid = (col: typeof c, r: number) =>
                !col.validity || (col.validity[r >> 3]! & (1 << (r & 7))) !== 0;
              for (let r = 0; r < c.length; r++) {
                if (!valid(g, r)) continue;
                const text = (col: typeof c) =>
                  Buffer.from(
                    col.data!.subarray(col.offsets![r]! as number, col.offsets![r + 1]! as number),
                  ).toString();
                const a = c.type.kind === 'utf8' ? text(c) : c.values![r];
                const b = g.type.kind === 'utf8' ? text(g) : g.values![r];
                if (!Object.is(a, b)) t.fail(`${fast.groups.fields[i]!.name} row ${r}: ${a} != ${b}`);
              }
            });
            checked++;
          }
        }
    }
  }
  t.ok(checked > 20);
  const [batch] = await dictionaryBatches(data.file, 's', ['s', 'n', 'id']);
  t.equal(codePartial(batch!, 's', normalizeAggSpec({ n: ['nunique'] }), false), undefined, 'nunique declined');
  // Int64 values: the general path's int64 sums (wrapping), means and int64 extremes, value for value.
  const int64 = normalizeAggSpec({ id: ['sum', 'mean', 'min', 'max'] });
  const bigRows = (partial: GroupPartial | undefined) =>
    partial?.groups.columns.slice(1).map((c) => `${c.type.kind}:${Array.from(c.values as ArrayLike<unknown>, String)}`);
  t.same(bigRows(codePartial(batch!, 's', int64, false)), bigRows(groupbyChunk(batch!, ['s'], int64, false)), 'int64');
  t.equal(codePartial(batch!, 'n', normalizeAggSpec({ id: ['count'] }), false), undefined, 'a plain key declined');
});
