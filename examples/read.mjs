// The README's reading example, kept runnable: `node examples/read.mjs` (after `npm run build`).
import { ParquetFile, readTable } from 'tessera/parquet';

// A whole file (or some columns / row groups) as an apache-arrow Table, one record batch per row group.
const table = await readTable('fixtures/parquet-testing/data/alltypes_plain.parquet', { columns: ['id', 'bool_col'] });
console.log(
  table.numRows,
  table.schema.fields.map((f) => `${f.name}: ${f.type}`),
);
console.log(table.getChild('id')?.toArray()); // Int32Array [4, 5, 6, 7, 2, 3, 0, 1]

// Metadata first, then row groups on demand. A source is a path, a Uint8Array, or
// { byteLength, read(offset, length): Promise<Uint8Array> } (only the footer and the needed chunks are read).
const file = await ParquetFile.open('fixtures/parquet-testing/data/alltypes_plain.snappy.parquet');
console.log(
  file.numRows,
  file.metadata.createdBy,
  file.schema.columns.map((c) => c.name),
);
const batch = await file.readRowGroup(0, { columns: ['string_col'] });
console.log(batch.numRows);
await file.close();
