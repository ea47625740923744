// Child process of the atomic-write test: opens a ParquetWriter on argv[2], writes one row group, reports
// "written" on stdout, then keeps the file open until it is killed.
import * as arrow from 'apache-arrow';
import { ParquetWriter } from '../../src/parquet/index.js';

const path = process.argv[2] as string;
const table = arrow.tableFromArrays({ id: Int32Array.from({ length: 10_000 }, (_, i) => i) });
const writer = await ParquetWriter.open(path, table.schema, { rowGroupSize: 5_000 });
await writer.write(table);
process.stdout.write('written\n');
setInterval(() => undefined, 1_000);
