import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import type { Batch, DataType, Field } from '../../../src/columnar/types.js';
import { valueAt } from '../../../src/columnar/values.js';
import {
  descendingCountOrder,
  distinctValueCounts,
  hasKernelDistinct,
  mergeDistinctValues,
} from '../../../src/dataframe/algorithms/distinct_values.js';
import {
  distinctKeysChunk,
  distinctKeysCount,
  valueCountsAggregate,
  valueCountsChunk,
} from '../../../src/dataframe/ops/distinct.js';

const values = (c: ReturnType<typeof columnFromValues>) => Array.from({ length: c.length }, (_, i) => valueAt(c, i));

t.test('distinct values with counts: nulls left out, NaN one value, -0 equal to 0', async (t) => {
  const column = columnFromValues({ kind: 'float64' }, [1.5, Number.NaN, null, -0, 0, Number.NaN, 1.5, null, 2]);
  const d = distinctValueCounts(column);
  t.same(values(d.values), [1.5, Number.NaN, -0, 2], 'first occurrences, in order');
  t.same([...d.counts], [2, 2, 2, 1]);
  t.equal(d.values.nullCount, 0);
  const strings = columnFromValues({ kind: 'utf8' }, ['b', null, 'a', 'b', '', '']);
  const s = distinctValueCounts(strings);
  t.same(values(s.values), ['b', 'a', '']);
  t.same([...s.counts], [2, 1, 2]);
  const empty = distinctValueCounts(columnFromValues({ kind: 'int32' }, []));
  t.same([empty.values.length, empty.counts.length], [0, 0]);
  const allNull = distinctValueCounts(columnFromValues({ kind: 'int64' }, [null, null]));
  t.same([allNull.values.length, allNull.counts.length], [0, 0]);
});

t.test('merging partials adds the counts of equal values, first-seen order', async (t) => {
  const a = distinctValueCounts(columnFromValues({ kind: 'int64' }, [5n, 7n, 5n]));
  const b = distinctValueCounts(columnFromValues({ kind: 'int64' }, [9n, 7n, 7n]));
  const empty = distinctValueCounts(columnFromValues({ kind: 'int64' }, []));
  const merged = mergeDistinctValues([empty, a, b]);
  t.same(values(merged.values), [5n, 7n, 9n]);
  t.same([...merged.counts], [2, 3, 1]);
  t.equal(mergeDistinctValues([empty]).values.length, 0);
  t.throws(() => mergeDistinctValues([]), RangeError);
});

t.test('descending count order keeps ties in their order', async (t) => {
  t.same([...descendingCountOrder(Float64Array.from([1, 3, 2, 3, 1]))], [1, 3, 2, 0, 4]);
});

t.test('kernel path for flat types, generic path for nested ones and float16', async (t) => {
  const kinds: [DataType, boolean][] = [
    [{ kind: 'int32' }, true],
    [{ kind: 'utf8' }, true],
    [{ kind: 'bool' }, true],
    [{ kind: 'decimal', precision: 20, scale: 2, bitWidth: 128 }, true],
    [{ kind: 'float16' }, false],
    [{ kind: 'list', child: { name: 'item', type: { kind: 'int32' }, nullable: true } }, false],
  ];
  for (const [type, kernel] of kinds) t.equal(hasKernelDistinct(type), kernel, type.kind);
  // The generic path still answers: a list column.
  const listType: DataType = { kind: 'list', child: { name: 'item', type: { kind: 'int32' }, nullable: true } };
  const lists = columnFromValues(listType, [[1, 2], null, [1, 2], [], [3]]);
  const field: Field = { name: 'l', type: listType, nullable: true };
  const batch: Batch = { fields: [field], numRows: 5, columns: [lists] };
  t.equal(distinctKeysCount([distinctKeysChunk(batch, 'l')]), 3);
  const fields: Field[] = [field, { name: 'count', type: { kind: 'float64' }, nullable: false }];
  const counts = valueCountsAggregate([valueCountsChunk(batch, 'l', fields)], fields);
  t.same(values(counts.columns[1]!), [2, 1, 1]);
});

t.test('valueCounts and nunique ops on the kernel path, through a merge', async (t) => {
  const field: Field = { name: 'c', type: { kind: 'utf8' }, nullable: true };
  const fields: Field[] = [field, { name: 'count', type: { kind: 'float64' }, nullable: false }];
  const part = (xs: (string | null)[]): Batch => ({
    fields: [field],
    numRows: xs.length,
    columns: [columnFromValues({ kind: 'utf8' }, xs)],
  });
  const parts = [part(['x', 'y', null, 'y']), part([]), part(['z', 'y', 'x', 'z', 'z'])];
  const result = valueCountsAggregate(
    parts.map((p) => valueCountsChunk(p, 'c', fields)),
    fields,
  );
  t.same(values(result.columns[0]!), ['y', 'z', 'x']);
  t.same(values(result.columns[1]!), [3, 3, 2]);
  t.equal(distinctKeysCount(parts.map((p) => distinctKeysChunk(p, 'c'))), 3);
});
