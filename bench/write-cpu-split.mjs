// Where a Parquet write's CPU goes (groundwork for parallel writes, issue 15 item 3): the whole writeTable of one
// row group, the shredding of its batch (stays on the calling thread), and the encode + compress of each column
// chunk (the part a pool could take, chunk by chunk). CPU time (process.cpuUsage) is quoted beside wall time because
// the machine is shared; the load average is printed. Not a peer benchmark: it only splits Tessera's own time.
// Run: npm run build && node bench/write-cpu-split.mjs [--file path.parquet] [--runs N] [--codec snappy]
import os from 'node:os';
import { DATASETS, dataFile } from './datasets.mjs';
import { median } from './report.mjs';

const D = '../dist/src/parquet';
const { ParquetFile, writeTable } = await import(`${D}/index.js`);
const { shredBatch } = await import(`${D}/write/shred/shred.js`);
const { schemaFromArrow } = await import(`${D}/write/schema/from_arrow.js`);
const { LeafBuffer } = await import(`${D}/write/leaf_buffer.js`);
const { writeColumnChunk } = await import(`${D}/write/column_chunk_writer.js`);
const { resolveColumnOptions } = await import(`${D}/write/options.js`);
const { ParquetSchema } = await import(`${D}/schema.js`);

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const path = arg('--file', dataFile(DATASETS.full, 'snappy'));
const runs = Number(arg('--runs', 3));
const options = { codec: arg('--codec', 'snappy') };
const out = `${os.tmpdir()}/tessera-write-cpu-split-${process.pid}.parquet`;

const file = await ParquetFile.open(path);
const batch = await file.readRowGroup(0);
await file.close();

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function measure(fn) {
  const wall = performance.now();
  const cpu = cpuMs();
  const value = await fn();
  return { wall: performance.now() - wall, cpu: cpuMs() - cpu, value };
}

const samples = [];
for (let run = 0; run < runs; run++) {
  const total = await measure(() => writeTable(out, batch, { ...options, overwrite: true }));
  const schema = schemaFromArrow(batch.schema, {});
  const shred = await measure(() => shredBatch(batch, schema, { firstRow: 0 }));
  const columns = new ParquetSchema(schema.elements).columns;
  const chunks = {};
  for (const [i, column] of columns.entries()) {
    const buffer = new LeafBuffer();
    buffer.append(shred.value[i], batch.numRows);
    const data = buffer.take();
    const resolved = resolveColumnOptions(options, column.path);
    chunks[column.name] = (await measure(() => writeColumnChunk(column, data, resolved, async () => {}))).cpu;
  }
  samples.push({ total, shred: shred.cpu, chunks });
}

const med = (f) => Math.round(median(samples.map(f)));
const names = Object.keys(samples[0].chunks);
const chunkSum = med((s) => Object.values(s.chunks).reduce((a, b) => a + b, 0));
const largest = Math.max(...names.map((n) => med((s) => s.chunks[n])));
console.log(`rows ${batch.numRows} (row group 0 of ${path}), codec ${options.codec}, ${runs} runs, medians`);
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.availableParallelism()} cores`,
);
console.log(`writeTable: wall ${med((s) => s.total.wall)} ms, CPU ${med((s) => s.total.cpu)} ms`);
console.log(`shred CPU ${med((s) => s.shred)} ms; column chunks (encode + compress) CPU ${chunkSum} ms`);
for (const n of names) console.log(`  ${n.padEnd(8)} ${med((s) => s.chunks[n])} ms`);
console.log(`largest chunk ${largest} ms = ${((100 * largest) / chunkSum).toFixed(0)}% of the chunk work`);
