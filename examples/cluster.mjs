// The README's cluster example, kept runnable: `node examples/cluster.mjs` (after `npm run build`).
import { readParquet } from 'tessera/dataframe';
import { Client, LocalCluster } from 'tessera/distributed';

// A scheduler and two single-thread worker processes on this machine, sharing a fresh random token.
const cluster = await LocalCluster.start({ workers: 2, threadsPerWorker: 1 });
const client = new Client(cluster);
try {
  const trips = await readParquet('fixtures/parquet-testing/data/alltypes_plain.parquet');
  const byFlag = trips.groupby('bool_col').agg({ id: ['count', 'sum'] });
  const table = await byFlag.compute({ scheduler: client });
  console.log(
    table
      .toArray()
      .map((row) => row.toJSON())
      .sort((a, b) => Number(a.bool_col) - Number(b.bool_col)),
  );
  console.log(await client.submit('inc', 41));
} finally {
  await client.close();
  await cluster.close();
}
