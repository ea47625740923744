// A/B test of zstd kernel builds (issue 15, item 1): every page of the bench zstd file decompressed by the
// zstdDecompress export of each given kernels.wasm, passes alternating between the builds in one process so the
// machine's load weighs on both alike. Each build gets its own instance with all page bodies resident in its
// memory (the kernel's time only, no input copies); every page's output is checked against build A's.
// Not a peer benchmark; no result file. Keep a build aside with `cp build/kernels.wasm /tmp/A.wasm`.
// Run: node bench/zstd-kernel-ab.mjs A.wasm B.wasm [--file path.parquet] [--passes N]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { DATASETS, dataFile } from './datasets.mjs';

const D = '../dist/src';
const { ParquetFile } = await import(`${D}/parquet/index.js`);
const { scanPages } = await import(`${D}/parquet/read/pages.js`);

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const builds = argv.filter((a, i) => a.endsWith('.wasm') && !argv[i - 1]?.startsWith('--'));
if (builds.length < 2) throw new Error('usage: node bench/zstd-kernel-ab.mjs A.wasm B.wasm [--passes N]');
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

/** One build's instance with every page body copied in (64-byte gaps for the kernel's over-reads). */
function load(wasmPath) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
    env: {
      abort() {
        throw new Error(`${wasmPath}: kernel aborted`);
      },
    },
  });
  const k = instance.exports;
  const base = k.memory.buffer.byteLength;
  const inputs = pages.reduce((n, p) => n + p.body.length + 64, 0);
  const outSize = Math.max(...pages.map((p) => p.size)) + 64;
  k.memory.grow(Math.ceil((inputs + outSize) / 65536) + 1);
  const mem = new Uint8Array(k.memory.buffer);
  let at = base;
  const ptrs = pages.map((p) => {
    mem.set(p.body, at);
    const ptr = at;
    at += p.body.length + 64;
    return ptr;
  });
  return { name: wasmPath, k, ptrs, out: at, times: [] };
}

const runs = builds.map(load);
/** Decodes every page once; returns the CPU ms. */
function pass(run) {
  const start = process.cpuUsage();
  for (let i = 0; i < pages.length; i++) {
    const status = run.k.zstdDecompress(run.ptrs[i], pages[i].body.length, run.out, pages[i].size);
    if (status !== pages[i].size) throw new Error(`${run.name}: page ${i} status ${status}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
// Same output from every build, page by page (untimed).
for (let i = 0; i < pages.length; i++) {
  const outs = runs.map((r) => {
    r.k.zstdDecompress(r.ptrs[i], pages[i].body.length, r.out, pages[i].size);
    return Buffer.from(r.k.memory.buffer, r.out, pages[i].size);
  });
  for (const o of outs.slice(1)) if (!o.equals(outs[0])) throw new Error(`page ${i}: builds disagree`);
}
for (let p = 0; p < passes; p++) {
  const order = p % 2 === 0 ? runs : [...runs].reverse();
  for (const run of order) run.times.push(pass(run));
}
const mb = (n) => (n / 1e6).toFixed(1);
console.log(
  `${path}: ${pages.length} pages, ${mb(pages.reduce((n, p) => n + p.body.length, 0))} MB -> ` +
    `${mb(pages.reduce((n, p) => n + p.size, 0))} MB; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
);
for (const run of runs) {
  const sorted = [...run.times].sort((a, b) => a - b);
  console.log(
    `${run.name}: CPU ms per pass min ${sorted[0].toFixed(0)}, median ${sorted[passes >> 1].toFixed(0)} ` +
      `(${run.times.map((t) => t.toFixed(0)).join(' ')})`,
  );
}
