// Splitting a batch by partition columns: groups in directory order, rows in their order, keys dropped, nulls and
// dictionary entries that repeat a value grouped as one directory.
import t from 'tap';
import { type Batch, batchFromRecords, batchToRecords, type Column } from '../../../src/columnar/index.js';
import { splitByPartition } from '../../../src/parquet/dataset/write/split_by_partition.js';

const batch = batchFromRecords([
  { city: 'b', year: 2024, v: 1 },
  { city: 'a', year: 2023, v: 2 },
  { city: null, year: 2024, v: 3 },
  { city: 'b', year: 2024, v: 4 },
  { city: 'a', year: 2024, v: 5 },
]);

t.test('groups by every key, in directory order', async (t) => {
  const groups = splitByPartition(batch, ['city', 'year']);
  t.same(
    groups.map((g) => [g.dirs.join('/'), batchToRecords(g.batch).map((r) => r.v)]),
    [
      ['city=__HIVE_DEFAULT_PARTITION__/year=2024.0', [3]],
      ['city=a/year=2023.0', [2]],
      ['city=a/year=2024.0', [5]],
      ['city=b/year=2024.0', [1, 4]],
    ],
    'numbers inferred as float64 format as doubles, like DuckDB',
  );
  t.same(
    groups[0]!.batch.fields.map((f) => f.name),
    ['v'],
  );
});

t.test('one group keeps the batch without copying', async (t) => {
  const [only] = splitByPartition(batch, []);
  t.equal(only!.batch.columns[0], batch.columns[0]);
  t.same(only!.dirs, []);
});

t.test('a dictionary whose entries repeat a value makes one directory', async (t) => {
  const dictionary: Column = {
    type: { kind: 'utf8' },
    length: 3,
    nullCount: 0,
    offsets: Int32Array.of(0, 1, 2, 3),
    data: new TextEncoder().encode('xyx'),
  };
  const keys: Column = {
    type: { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'utf8' }, ordered: false },
    length: 4,
    nullCount: 0,
    values: Int32Array.of(0, 1, 2, 0),
    dictionary,
  };
  const values: Column = { type: { kind: 'int32' }, length: 4, nullCount: 0, values: Int32Array.of(1, 2, 3, 4) };
  const input: Batch = {
    fields: [
      { name: 'k', type: keys.type, nullable: true },
      { name: 'v', type: values.type, nullable: true },
    ],
    numRows: 4,
    columns: [keys, values],
  };
  const groups = splitByPartition(input, ['k']);
  t.same(
    groups.map((g) => [g.dirs.join('/'), batchToRecords(g.batch).map((r) => r.v)]),
    [
      ['k=x', [1, 3, 4]],
      ['k=y', [2]],
    ],
  );
});
