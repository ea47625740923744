// The README's writing example, kept runnable: `node examples/write.mjs` (after `npm run build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { ParquetFile, ParquetWriter, readTable, writeTable } from 'tessera/parquet';

const dir = mkdtempSync(join(tmpdir(), 'tessera-example-'));
const table = tableFromArrays({
  id: Int32Array.from({ length: 1000 }, (_, i) => i),
  city: Array.from({ length: 1000 }, (_, i) => ['Oslo', 'Lima', 'Pune'][i % 3]),
  fare: Float64Array.from({ length: 1000 }, (_, i) => i * 0.25),
});

// One call; the file appears at its path only once complete (an existing file needs overwrite: true).
await writeTable(join(dir, 'trips.parquet'), table, { codec: 'zstd', rowGroupSize: 400, bloomFilter: true });
const file = await ParquetFile.open(join(dir, 'trips.parquet'));
console.log(file.metadata.rowGroups.map((g) => g.numRows)); // [ 400, 400, 200 ]
await file.close();

// Streaming: batches in, bounded memory; per-column options, v2 pages.
const writer = await ParquetWriter.open(join(dir, 'stream.parquet'), table.schema, {
  pageVersion: 2,
  columns: { fare: { encoding: 'BYTE_STREAM_SPLIT', dictionary: false } },
});
for (const batch of table.batches) await writer.write(batch);
await writer.close();
const back = await readTable(join(dir, 'stream.parquet'), { filters: [['city', '=', 'Lima']] });
console.log(back.numRows); // 333
rmSync(dir, { recursive: true });
