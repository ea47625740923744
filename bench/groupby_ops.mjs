// Ops for bench/groupby.mjs, found by worker threads through their stable names (defineOp).
import { batchFromRecordBatch } from '../dist/src/columnar/index.js';
import { defineOp } from '../dist/src/ops/registry.js';
import { ParquetFile } from '../dist/src/parquet/index.js';

/** Row group `index` of the Parquet file at `path`, columns `columns`, as a Batch. */
export const readRowGroupOp = defineOp(import.meta.url, 'readRowGroupOp', async (path, index, columns) => {
  const file = await ParquetFile.open(path);
  try {
    return batchFromRecordBatch(await file.readRowGroup(index, { columns }));
  } finally {
    await file.close();
  }
});
