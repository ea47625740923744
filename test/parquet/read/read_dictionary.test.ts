// readDictionary (issue 16 item 1): dictionary-encoded chunks read as Arrow Dictionary vectors (codes + the chunk's
// dictionary), equal value for value to a plain read; chunks without a dictionary get the identity dictionary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { readTable } from '../../../src/parquet/read_table.js';
import { writeTable } from '../../../src/parquet/write/write_table.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-read-dictionary-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const N = 25_000;
const words = ['alpha', 'beta', 'gamma', 'delta', '', 'epsilon'];
const names = Array.from({ length: N }, (_, i) => (i % 11 === 5 ? null : words[(i * 7) % words.length]!));
const ints = Int32Array.from({ length: N }, (_, i) => (i * 13) % 40);
const flags = Array.from({ length: N }, (_, i) => i % 3 === 0);
const table = new arrow.Table({
  name: arrow.vectorFromArray(names, new arrow.Utf8()),
  code: arrow.makeVector(ints),
  flag: arrow.vectorFromArray(flags, new arrow.Bool()),
});

const path = join(dir, 'dict.parquet');
const plainPath = join(dir, 'plain.parquet');
await writeTable(path, table, { rowGroupSize: 10_000, dataPageSize: 4096 });
await writeTable(plainPath, table, { rowGroupSize: 10_000, dictionary: false });

for (const [label, file] of [
  ['dictionary-encoded chunks', path],
  ['chunks without a dictionary (identity dictionary)', plainPath],
] as const) {
  t.test(`${label}: Dictionary vectors equal to the plain read`, async (t) => {
    const kept = await readTable(file, { readDictionary: ['name', 'code'] });
    const plain = await readTable(file);
    for (const column of ['name', 'code']) {
      const field = kept.schema.fields.find((f) => f.name === column)!;
      t.ok(arrow.DataType.isDictionary(field.type), `${column} is ${field.type}`);
      t.same([...kept.getChild(column)!], [...plain.getChild(column)!], `${column} values`);
      t.equal(kept.getChild(column)!.nullCount, plain.getChild(column)!.nullCount);
    }
    t.same([...kept.getChild('flag')!], flags, 'other columns are read plainly');
    t.equal(kept.batches.length, 3, 'one batch per row group');
    const sizes = kept.batches.map((b) => b.getChild('name')!.data[0]!.dictionary!.length);
    if (file === path)
      t.ok(
        sizes.every((n) => n <= words.length),
        `dictionaries of ${sizes} values, not one per row`,
      );
    else t.same(sizes, [10_000, 10_000, 5_000], 'identity dictionaries');
  });
}

t.test('columns that cannot keep a dictionary are refused with the column named', async (t) => {
  await t.rejects(readTable(path, { readDictionary: ['nope'] }), { code: 'BAD_ARGUMENT', message: /nope/ });
  await t.rejects(readTable(path, { readDictionary: ['flag'] }), { code: 'UNSUPPORTED', message: /flag/ });
});

t.test('a column selection without rows still has the Dictionary type', async (t) => {
  const empty = join(dir, 'empty.parquet');
  await writeTable(empty, table.slice(0, 0));
  const read = await readTable(empty, { readDictionary: ['name'] });
  t.equal(read.numRows, 0);
  t.ok(arrow.DataType.isDictionary(read.schema.fields.find((f) => f.name === 'name')!.type));
});
