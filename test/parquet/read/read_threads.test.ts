// readTable({ threads }): the table read on worker threads equals the calling thread's, value for value, on every
// parquet-testing fixture and on a file of several row groups, for 2 and 3 threads; decoded buffers cross threads
// on SharedArrayBuffers; errors keep their type and code.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { closeReadPools, ParquetError, readTable, writeTable } from '../../../src/parquet/index.js';

t.teardown(closeReadPools);

const DATA = 'fixtures/parquet-testing/data';

function parquetFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return parquetFiles(path);
    return name.endsWith('.parquet') ? [path] : [];
  });
}

const replacer = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint'
    ? `${value}n`
    : ArrayBuffer.isView(value)
      ? Array.from(value as unknown as ArrayLike<number>)
      : value;

/** Every cell of every column as text, with validity, plus schema and batch layout. */
function cells(table: arrow.Table): string[] {
  const out = [`schema ${table.schema}`, `rows ${table.numRows}`, `batches ${table.batches.map((b) => b.numRows)}`];
  table.schema.fields.forEach((field, c) => {
    const column = table.getChildAt(c)!;
    out.push(`${field.name} nulls ${column.nullCount}`);
    for (let i = 0; i < column.length; i++) {
      out.push(`${field.name}[${i}] ${column.isValid(i) ? JSON.stringify(column.get(i), replacer) : 'null'}`);
    }
  });
  return out;
}

async function outcome(path: string, threads: number): Promise<string[]> {
  try {
    return cells(await readTable(path, { threads }));
  } catch (err) {
    return [`error ${err instanceof ParquetError ? err.code : (err as Error).name}`];
  }
}

t.test('every fixture reads the same on 1, 2 and 3 threads', async (t) => {
  const files = parquetFiles(DATA);
  t.ok(files.length > 50, `${files.length} fixtures`);
  let compared = 0;
  for (const path of files) {
    const one = await outcome(path, 1);
    for (const threads of [2, 3]) {
      const many = await outcome(path, threads);
      if (many.length !== one.length || many.some((line, i) => line !== one[i])) {
        const i = many.findIndex((line, k) => line !== one[k]);
        t.fail(`${path} threads ${threads}: first difference at line ${i}: ${one[i]} vs ${many[i]}`);
      } else compared++;
    }
  }
  t.equal(compared, files.length * 2);
});

t.test('a file of several row groups, with columns, row groups and dictionaries selected', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-threads-'));
  const path = join(dir, 'groups.parquet');
  const n = 10_000;
  const ids = new BigInt64Array(n).map((_, i) => BigInt(i * 3 - 5000));
  const prices = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : i / 8));
  const names = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : `name-${i % 97}`));
  const table = arrow.tableFromArrays({ id: ids, price: prices, name: names });
  await writeTable(path, table, { rowGroupSize: 1500 });
  const one = await readTable(path, { threads: 1 });
  t.equal(one.batches.length, 7);
  for (const threads of [2, 3]) {
    const many = await readTable(path, { threads });
    t.same(cells(many), cells(one), `threads ${threads}`);
    t.ok(many.getChild('price')!.data[0]!.values.buffer instanceof SharedArrayBuffer, 'decoded on shared memory');
    const options = { columns: ['name', 'id'], rowGroups: [4, 0], readDictionary: ['name'] };
    const picked = await readTable(path, { ...options, threads });
    t.same(cells(picked), cells(await readTable(path, { ...options, threads: 1 })), `selection, threads ${threads}`);
    t.equal(picked.schema.fields[0]!.type.typeId, arrow.Type.Dictionary);
    t.equal(picked.getChild('id')!.get(0), BigInt(4 * 1500 * 3 - 5000));
  }
  t.equal((await readTable(path)).numRows, n, 'default thread count');
  const empty = await readTable(path, { rowGroups: [], threads: 2 });
  t.equal(empty.numRows, 0);
  t.same(
    empty.schema.fields.map((f) => f.name),
    ['id', 'price', 'name'],
  );
});

t.test('bad arguments and errors from worker threads', async (t) => {
  const path = join(DATA, 'alltypes_plain.parquet');
  for (const threads of [0, 1.5, -1, '2']) {
    await t.rejects(readTable(path, { threads: threads as number }), { code: 'BAD_ARGUMENT', message: /threads/ });
  }
  await t.rejects(readTable(path, { threads: 2, rowGroups: [9] }), { code: 'BAD_ARGUMENT', message: /row group 9/ });
  await t.rejects(readTable(path, { threads: 2, columns: ['nope'] }), { code: 'BAD_ARGUMENT', message: /nope/ });
});
