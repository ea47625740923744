// Child process of the dataset atomicity test: starts replacing the dataset at argv[2] (overwrite), writes two of
// its partitions into the staging directory, reports "written" on stdout, then waits until it is killed.
import * as arrow from 'apache-arrow';
import { batchFromArrow } from '../../src/columnar/index.js';
import { createStaging, writePartitionFiles } from '../../src/parquet/dataset/write/index.js';

const target = process.argv[2] as string;
const table = arrow.tableFromArrays({
  id: Int32Array.from({ length: 10_000 }, (_, i) => i),
  year: Int32Array.from({ length: 10_000 }, (_, i) => 2000 + (i % 3)),
});
const { staging } = await createStaging(target, true);
for (const index of [0, 1]) {
  await writePartitionFiles(batchFromArrow(table), { staging, index, partitionOn: ['year'] });
}
process.stdout.write('written\n');
setInterval(() => undefined, 1_000);
