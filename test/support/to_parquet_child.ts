// Child process of the toParquet kill test: replaces the dataset at argv[2] (overwrite) with a frame of three
// partitions whose last one never arrives (the built-in `sleep` op); once two write tasks have finished it reports
// "written" on stdout and waits to be killed.
import * as arrow from 'apache-arrow';
import { batchFromArrow } from '../../src/columnar/index.js';
import { fromPartitions, literalTask } from '../../src/dataframe/index.js';
import { literal } from '../../src/graph/task.js';

const target = process.argv[2] as string;
const batch = batchFromArrow(
  arrow.tableFromArrays({
    id: Int32Array.from({ length: 1_000 }, (_, i) => i),
    year: Int32Array.from({ length: 1_000 }, (_, i) => 2000 + (i % 3)),
  }),
);
const df = fromPartitions(
  [literalTask(batch), literalTask(batch), { fn: 'sleep', args: [1e9, literal(batch)] }],
  batch.fields,
);
let writes = 0;
await df.toParquet(target, {
  overwrite: true,
  partitionOn: ['year'],
  scheduler: 'sync',
  progressBar: false,
  onProgress: (event) => {
    if (event.type === 'task-finish' && String(event.key).includes('to-parquet') && ++writes === 2) {
      process.stdout.write('written\n');
    }
  },
});
process.stdout.write('committed (unexpected)\n');
