// sortValues / setIndex edge cases on small in-memory frames (sync scheduler): no rows, only nulls, one distinct
// value, bigint keys, empty partitions between sorted ones, unsupported key types.
import t from 'tap';
import { columnFromValues } from '../../src/columnar/build.js';
import { batchFromRecords } from '../../src/columnar/records.js';
import { sliceBatch } from '../../src/columnar/slice.js';
import type { Field } from '../../src/columnar/types.js';
import { fromBatches, fromRecords } from '../../src/dataframe/create.js';

const sync = { scheduler: 'sync' } as const;

async function column(df: Awaited<ReturnType<typeof fromRecords>>, name: string): Promise<unknown[]> {
  return (await df.compute(sync)).getChild(name)!.toArray() as unknown as unknown[];
}

t.test('no rows, no partitions, only nulls, one value', async (t) => {
  const rows = batchFromRecords([{ k: 1, v: 'a' }]);
  const empty = fromBatches([sliceBatch(rows, 0, 0), sliceBatch(rows, 0, 0)], rows.fields);
  const sortedEmpty = await empty.sortValues('k', sync);
  t.equal(sortedEmpty.npartitions, 1);
  t.equal(sortedEmpty.divisions, undefined, 'no values: unknown divisions');
  t.equal((await sortedEmpty.compute(sync)).numRows, 0);

  const none = fromBatches([], rows.fields);
  t.equal((await (await none.sortValues('k', sync)).compute(sync)).numRows, 0);

  const nulls = fromRecords(
    [0, 1, 2, 3, 4, 5].map((i) => ({ k: null, i })),
    {
      npartitions: 3,
      fields: [
        { name: 'k', type: { kind: 'int32' }, nullable: true },
        { name: 'i', type: { kind: 'int32' }, nullable: false },
      ],
    },
  );
  const sortedNulls = await nulls.sortValues('k', sync);
  t.same(await column(sortedNulls, 'i'), [0, 1, 2, 3, 4, 5], 'all-null key: input order kept');

  const one = await fromRecords(
    [3, 3, null, 3].map((k, i) => ({ k, i })),
    { npartitions: 2 },
  ).sortValues('k', sync);
  t.same(one.divisions, [3, 3]);
  t.same(await column(one, 'i'), [0, 1, 3, 2]);
});

t.test('bigint keys give bigint divisions; setIndex sorted fills empty partitions', async (t) => {
  const fields: Field[] = [{ name: 'ts', type: { kind: 'timestamp', unit: 'ms' }, nullable: true }];
  const batch = {
    fields,
    numRows: 6,
    columns: [columnFromValues(fields[0]!.type, [5n, 1n, 9n, -2n, null, 7n])],
  };
  const df = fromBatches([sliceBatch(batch, 0, 3), sliceBatch(batch, 3, 6)], fields);
  const out = await df.sortValues('ts', { npartitions: 2, ...sync });
  t.ok(out.divisions!.every((d) => typeof d === 'bigint'));
  const ts = (await out.compute(sync)).getChild('ts')!;
  t.same(
    [0, 1, 2, 3, 4].map((r) => BigInt(ts.get(r) as bigint)),
    [-2n, 1n, 5n, 7n, 9n],
  );
  t.equal(ts.get(5), null, 'nulls last');

  const ordered = batchFromRecords([1, 2, 3, 4, 5, 6].map((k) => ({ k })));
  const withGaps = fromBatches(
    [sliceBatch(ordered, 0, 0), sliceBatch(ordered, 0, 2), sliceBatch(ordered, 2, 2), sliceBatch(ordered, 2, 6)],
    ordered.fields,
  );
  const indexed = await withGaps.setIndex('k', { sorted: true, ...sync });
  t.same(indexed.divisions, [1, 1, 3, 3, 6], 'empty partitions hold the empty range [d, d)');
  t.equal(indexed.index, 'k');
  const given = await withGaps.setIndex('k', { sorted: true, divisions: [0, 1, 3, 3, 6] });
  t.same(given.divisions, [0, 1, 3, 3, 6]);
  await t.rejects(withGaps.setIndex('k', { sorted: true, divisions: [0, 6] }), /2 divisions for 4 partitions/);
});

t.test('unsupported keys fail when the step is built', async (t) => {
  const bin = columnFromValues({ kind: 'binary' }, [Uint8Array.of(1), Uint8Array.of(0)]);
  const df = fromBatches([{ fields: [{ name: 'b', type: bin.type, nullable: true }], numRows: 2, columns: [bin] }]);
  await t.rejects(df.sortValues('b', sync), /cannot partition by binary/);
  await t.rejects(df.sortValues('b', { ...sync, naPosition: 'middle' as 'first' }), /naPosition middle/);
  await t.rejects(df.sortValues([], sync), /at least one column/);
});
