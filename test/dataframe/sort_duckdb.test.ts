// sortValues / setIndex against DuckDB's ORDER BY over the same Parquet rows: nulls (first and last), NaN,
// duplicates, a skewed key, strings, multi-column keys with mixed directions, empty partitions, given divisions;
// the divisions bound every partition's keys; sync and threads agree. The input is in id order and the sort is
// stable, so ties keep id order: DuckDB's `ORDER BY <keys>, id` is the exact expected row order.
import t, { type Test } from 'tap';
import type { Batch } from '../../src/columnar/types.js';
import { valueAt } from '../../src/columnar/values.js';
import {
  compareDivisionValues,
  divisionValueAt,
  type SortDivisionValue,
} from '../../src/dataframe/algorithms/sort_divisions.js';
import { col } from '../../src/dataframe/expr/builder.js';
import type { DataFrame } from '../../src/dataframe/frame.js';
import { readParquet } from '../../src/dataframe/read_parquet.js';
import type { SortValuesOptions } from '../../src/dataframe/sort.js';
import { ThreadPool } from '../../src/scheduler/pool.js';
import { duckRows, makeTestData, norm, sameRows } from './support.js';

const data = await makeTestData();
t.teardown(() => data.remove());
// Read once: every sort below samples and then shuffles its input, which would decode the file twice per case.
const input = await (await readParquet(data.file)).persist({ scheduler: 'sync' });

const SPARSE_SQL = `(SELECT * FROM ${data.table} WHERE id < 40 OR (id >= 9000 AND id < 9100) OR id >= 19950)`;
const sparse = (df: DataFrame) =>
  df.filter(
    col('id')
      .lt(40)
      .or(col('id').ge(9000).and(col('id').lt(9100)))
      .or(col('id').ge(19950)),
  );

function orderBy(by: readonly string[], ascending: readonly boolean[], naPosition: 'first' | 'last'): string {
  const terms = by.map((c, k) => `${c} ${ascending[k] ? 'ASC' : 'DESC'} NULLS ${naPosition.toUpperCase()}`);
  return [...terms, 'id'].join(', ');
}

/** The rows of `parts` restricted to `columns` (id and the sort keys determine the order), normalised. */
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

/** DuckDB's rows of `source` ordered by `order`, restricted to `columns`. */
function duckOrdered(source: string, columns: readonly string[], order: string) {
  return duckRows(`SELECT ${columns.join(', ')} FROM ${source} ORDER BY ${order}`);
}

/** Every row's first-key value lies in its partition's [d_i, d_i+1) (the last closed); nulls and NaN excepted. */
function checkDivisions(
  t: Test,
  parts: readonly Batch[],
  column: string,
  divisions: readonly unknown[],
  label: string,
) {
  t.equal(divisions.length, parts.length + 1, `${label}: npartitions + 1 divisions`);
  const d = divisions as SortDivisionValue[];
  for (let k = 1; k < d.length; k++) t.ok(compareDivisionValues(d[k - 1]!, d[k]!) < 0, `${label}: divisions increase`);
  let bad = 0;
  parts.forEach((p, i) => {
    const c = p.columns[p.fields.findIndex((f) => f.name === column)]!;
    for (let r = 0; r < p.numRows; r++) {
      const v = divisionValueAt(c, r);
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
      const last = i === parts.length - 1;
      if (compareDivisionValues(d[i]!, v) > 0 || compareDivisionValues(v, d[i + 1]!) > (last ? 0 : -1)) {
        if (bad++ < 3) t.fail(`${label}: partition ${i} holds ${String(v)} outside [${d[i]}, ${d[i + 1]}]`);
      }
    }
  });
  t.equal(bad, 0, `${label}: every key within its partition's divisions`);
}

const CASES: [string, string[], SortValuesOptions, boolean][] = [
  ['x (nulls, NaN)', ['x'], {}, false],
  ['x desc, nulls first', ['x'], { ascending: false, naPosition: 'first' }, false],
  ['cat (skewed) asc, n desc, nulls first', ['cat', 'n'], { ascending: [true, false], naPosition: 'first' }, false],
  ['s desc (strings, nulls)', ['s'], { ascending: false }, false],
  ['n, x into 7', ['n', 'x'], { npartitions: 7 }, false],
  ['flag, s, x into 3', ['flag', 's', 'x'], { npartitions: 3, ascending: [false, true, true] }, false],
  ['id desc into 2', ['id'], { ascending: false, npartitions: 2 }, false],
  ['sparse input: x into 5', ['x'], { npartitions: 5 }, true],
  ['sparse input: s, nulls first', ['s'], { naPosition: 'first' }, true],
];

t.test('sortValues matches ORDER BY (sync)', async (t) => {
  const df = input;
  t.equal(df.npartitions, 10);
  for (const [label, by, options, isSparse] of CASES) {
    const input = isSparse ? sparse(df) : df;
    const ascending = by.map((_, k) =>
      Array.isArray(options.ascending) ? options.ascending[k] : (options.ascending ?? true),
    );
    const columns = ['id', ...by.filter((c) => c !== 'id')];
    const out = await input.sortValues(by, { ...options, scheduler: 'sync' });
    const parts = await out.computePartitions({ scheduler: 'sync' });
    const order = orderBy(by, ascending, options.naPosition ?? 'last');
    sameRows(t, rowsOf(parts, columns), await duckOrdered(isSparse ? SPARSE_SQL : data.table, columns, order), label);
    if (ascending[0]) {
      t.equal(out.index, by[0], `${label}: index`);
      checkDivisions(t, parts, by[0]!, out.divisions ?? [], label);
    } else {
      t.equal(out.divisions, undefined, `${label}: descending first key, unknown divisions`);
    }
    if (options.npartitions) t.ok(out.npartitions <= options.npartitions, `${label}: at most npartitions`);
  }
});

t.test('skewed keys collapse repeated boundaries; each value sits in one partition', async (t) => {
  const df = input;
  const out = await df.sortValues('cat', { npartitions: 8, scheduler: 'sync' });
  const parts = await out.computePartitions({ scheduler: 'sync' });
  checkDivisions(t, parts, 'cat', out.divisions!, 'cat');
  const homes = new Map<string, Set<number>>();
  parts.forEach((p, i) => {
    const c = p.columns[p.fields.findIndex((f) => f.name === 'cat')]!;
    for (let r = 0; r < p.numRows; r++) {
      const v = String(divisionValueAt(c, r));
      homes.set(v, (homes.get(v) ?? new Set()).add(i));
    }
  });
  t.ok(
    [...homes.values()].every((s) => s.size === 1),
    'no value spans two partitions',
  );
  t.ok(out.npartitions < 8, `fewer partitions than asked (${out.npartitions}): 'a' is 70% of the rows`);
});

t.test('given divisions: no sampling, rows clamped into the end partitions', async (t) => {
  const df = input;
  const out = await df.sortValues('n', { divisions: [-400, -100, 0, 250, 400], scheduler: 'sync' });
  t.same(out.divisions, [-400, -100, 0, 250, 400]);
  const parts = await out.computePartitions({ scheduler: 'sync' });
  t.equal(parts.length, 4);
  sameRows(t, rowsOf(parts, ['id', 'n']), await duckOrdered(data.table, ['id', 'n'], 'n NULLS LAST, id'), 'rows');
  const first = parts[0]!;
  const n = first.columns[first.fields.findIndex((f) => f.name === 'n')]!;
  t.equal(divisionValueAt(n, 0), -500, 'values below the first boundary go to the first partition');
  await t.rejects(df.sortValues('n', { divisions: [3, 1] }), /divisions must increase/);
  await t.rejects(df.sortValues('nope'), /no column "nope"/);
});

t.test('setIndex: shuffle, known divisions, sorted: true', async (t) => {
  const df = input;
  const byS = await df.setIndex('s', { npartitions: 4, scheduler: 'sync' });
  t.equal(byS.index, 's');
  const sParts = await byS.computePartitions({ scheduler: 'sync' });
  sameRows(
    t,
    rowsOf(sParts, ['id', 's']),
    await duckOrdered(data.table, ['id', 's'], 's NULLS LAST, id'),
    'setIndex(s)',
  );
  checkDivisions(t, sParts, 's', byS.divisions!, 'setIndex(s)');

  const known = await readParquet(data.file, { sortedBy: 'id' });
  t.ok(known.divisions, 'readParquet found divisions on id');
  const indexed = await known.setIndex('id');
  t.same(indexed.divisions, known.divisions, 'known divisions kept');
  t.notOk(
    [...indexed.layers.keys()].some((name) => name.includes('shuffle')),
    'no shuffle',
  );

  const sorted = await df.setIndex('id', { sorted: true, scheduler: 'sync' });
  t.same(sorted.divisions!.map(Number), [...Array.from({ length: 10 }, (_, i) => i * 2048), 19999]);
  t.equal(sorted.name, df.name, 'same partitions, no new tasks');
  await t.rejects(df.setIndex('x', { sorted: true, scheduler: 'sync' }), /partitions overlap/);
});

t.test('sync and threads give equal partitions', async (t) => {
  const pool = new ThreadPool({ threads: 2 });
  t.teardown(() => pool.close());
  const df = sparse(input);
  const a = await df.sortValues(['s', 'x'], { ascending: [true, false], npartitions: 4, scheduler: 'sync' });
  const b = await df.sortValues(['s', 'x'], { ascending: [true, false], npartitions: 4, scheduler: pool });
  t.same(b.divisions, a.divisions);
  const pa = await a.computePartitions({ scheduler: 'sync' });
  const pb = await b.computePartitions({ scheduler: pool });
  t.same(
    pb.map((p) => p.numRows),
    pa.map((p) => p.numRows),
  );
  sameRows(t, rowsOf(pb, ['id', 's', 'x']), rowsOf(pa, ['id', 's', 'x']), 'rows');
});
