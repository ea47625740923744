// The README's DataFrame example, kept runnable: `node examples/dataframe.mjs` (after `npm run build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { col, readParquet } from 'tessera/dataframe';

// Lazy: every step adds tasks to a graph; nothing runs until compute().
const trips = await readParquet('fixtures/parquet-testing/data/alltypes_plain.parquet', {
  columns: ['id', 'bool_col', 'double_col'],
});
const priced = trips.assign({ fare: col('double_col').mul(2).add(col('id')) }).filter(col('id').gt(1));
const byFlag = priced.groupby('bool_col').agg({ fare: ['count', 'sum', 'mean'], id: ['nunique'] });
const table = await byFlag.compute({ scheduler: 'threads' }); // an apache-arrow Table
console.log(table.toArray().map((row) => row.toJSON()));
console.log(await priced.nuniqueApprox('id').compute()); // HyperLogLog: 6

// Write a partitioned dataset, published atomically with a _metadata summary file.
const dir = mkdtempSync(join(tmpdir(), 'tessera-example-'));
await priced.toParquet(join(dir, 'trips'), { partitionOn: ['bool_col'] });
console.log((await readParquet(join(dir, 'trips'))).npartitions);
rmSync(dir, { recursive: true });
