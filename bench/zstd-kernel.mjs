// The zstd kernel alone (issue 15, item 1): every page of the bench zstd file decompressed by zstdIntoArena (input
// copy into wasm memory + zstdDecompress), `--passes` times in one process; prints the CPU time per pass (min and
// median). For A/B-testing kernel changes: the whole-read ratio (bench/zstd-read.mjs) moves only by the kernel's
// share, and this isolates it. Not a peer benchmark; no result file.
// Run: npm run build && node bench/zstd-kernel.mjs [--file path.parquet] [--passes N]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { DATASETS, dataFile } from './datasets.mjs';

const D = '../dist/src';
const { ParquetFile } = await import(`${D}/parquet/index.js`);
const { scanPages } = await import(`${D}/parquet/read/pages.js`);
const { Arena } = await import(`${D}/kernels/arena.js`);
const { zstdIntoArena } = await import(`${D}/parquet/codecs/zstd.js`);

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const path = arg('--file', dataFile(DATASETS.full, 'zstd'));
const passes = Number(arg('--passes', 7));

const file = await ParquetFile.open(path);
const { rowGroups } = file.metadata;
await file.close();
const bytes = readFileSync(path);
/** Every page body (v2 pages: without their uncompressed levels) and its decompressed size. */
const pages = [];
for (const rowGroup of rowGroups) {
  for (const { metaData: m } of rowGroup.columns) {
    if (m.codec !== 6) throw new Error(`${path}: a column chunk is not zstd-compressed (codec ${m.codec})`);
    const start = Number(m.dictionaryPageOffset ?? m.dataPageOffset);
    const chunk = bytes.subarray(start, start + Number(m.totalCompressedSize));
    for (const page of scanPages(chunk, Number(m.numValues))) {
      let body = chunk.subarray(page.bodyOffset, page.bodyOffset + page.bodyLength);
      let size = page.header.uncompressedPageSize;
      const v2 = page.header.dataPageHeaderV2;
      if (v2) {
        const levels = v2.definitionLevelsByteLength + v2.repetitionLevelsByteLength;
        body = body.subarray(levels);
        size -= levels;
      }
      pages.push({ body, size });
    }
  }
}
const arena = new Arena();
const times = [];
for (let pass = 0; pass < passes; pass++) {
  const start = process.cpuUsage();
  for (const { body, size } of pages) {
    const mark = arena.mark();
    zstdIntoArena(arena, body, size);
    arena.release(mark);
  }
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
const mb = (n) => (n / 1e6).toFixed(1);
const input = pages.reduce((n, p) => n + p.body.length, 0);
const output = pages.reduce((n, p) => n + p.size, 0);
console.log(`${path}: ${pages.length} pages, ${mb(input)} MB -> ${mb(output)} MB`);
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `CPU ms per pass: min ${sorted[0].toFixed(0)}, median ${sorted[passes >> 1].toFixed(0)} (${passes} passes)`,
);
