// Compression throughput and ratio of Tessera's writer codecs against the JS peers, on column data shaped like
// Parquet pages: PLAIN int64 and double values, bit-packed dictionary indices, PLAIN strings, CSV-like text;
// 32 MiB of each, cut into 1 MiB pages. Then, for file size against DuckDB: every page of DuckDB's snappy bench
// file, decompressed and compressed again by our kernel, column by column.
// Run: npm run build && node bench/compress.mjs [path of a DuckDB-written snappy file, default the 5M bench file]
// (env MIB=<data set size>, ROUNDS=<best of>).
import { existsSync, readFileSync } from 'node:fs';
import lz4js from 'lz4js';
import snappyjs from 'snappyjs';
import { CompressionCodec, compress, decompress } from '../dist/src/parquet/codecs/index.js';
import { decodeFileMetaData } from '../dist/src/parquet/metadata/decode.js';
import { scanPages } from '../dist/src/parquet/read/pages.js';

const TOTAL = Number(process.env.MIB ?? 32) << 20;
const PAGE = 1 << 20;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state ^ (state >>> 16)) >>> 0;
  };
}

/** Sequential int64 ids (a primary key column), PLAIN. */
function int64Ids() {
  const values = new BigInt64Array(TOTAL / 8);
  for (let i = 0; i < values.length; i++) values[i] = BigInt(1_000_000 + i);
  return new Uint8Array(values.buffer);
}

/** Millisecond timestamps with random gaps (an event-time column), PLAIN int64. */
function int64Timestamps() {
  const next = rng(2);
  const values = new BigInt64Array(TOTAL / 8);
  let ts = 1_700_000_000_000;
  for (let i = 0; i < values.length; i++) {
    ts += next() % 5000;
    values[i] = BigInt(ts);
  }
  return new Uint8Array(values.buffer);
}

/** Prices with two decimals in [0, 1000), PLAIN double. */
function doublePrices() {
  const next = rng(3);
  const values = new Float64Array(TOTAL / 8);
  for (let i = 0; i < values.length; i++) values[i] = (next() % 100_000) / 100;
  return new Uint8Array(values.buffer);
}

/** Dictionary indices of a skewed 1000-value dictionary, bit-packed at width 10 (RLE/bit-packed hybrid groups). */
function dictionaryIndices() {
  const next = rng(4);
  const out = new Uint8Array(TOTAL);
  let acc = 0;
  let bits = 0;
  let pos = 0;
  while (pos < TOTAL) {
    // Squaring a uniform draw skews toward small indices, as frequent values get the first dictionary slots.
    const u = (next() % 1000) / 1000;
    acc |= Math.floor(u * u * 1000) << bits;
    bits += 10;
    while (bits >= 8 && pos < TOTAL) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  return out;
}

/** PLAIN byte arrays (4-byte length + bytes): e-mail-like and category strings. */
function plainStrings() {
  const next = rng(5);
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  const out = new Uint8Array(TOTAL);
  const encoder = new TextEncoder();
  let pos = 0;
  while (pos < TOTAL) {
    const r = next();
    const s = r & 1 ? `${words[r % 10]}.${words[(r >>> 8) % 10]}${r % 9973}@example.com` : words[(r >>> 4) % 10];
    const bytes = encoder.encode(s);
    if (pos + 4 + bytes.length > TOTAL) break;
    new DataView(out.buffer).setUint32(pos, bytes.length, true);
    out.set(bytes, pos + 4);
    pos += 4 + bytes.length;
  }
  return out.subarray(0, pos);
}

/** CSV-like text, the data bench/codecs.mjs uses. */
function csvText() {
  const next = rng(6);
  const cats = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
  const lines = [];
  let length = 0;
  for (let id = 0; length < TOTAL; id++) {
    const r = next();
    const line = `${id},${r % 100000},${cats[r % 8]},${(r % 1000000) / 100},2024-${1 + (r % 12)}-${1 + (r % 28)}T${r % 24}:${r % 60}:00Z,note ${(next() >>> 4).toString(36)}\n`;
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join('')).subarray(0, TOTAL);
}

function pagesOf(data) {
  const pages = [];
  for (let off = 0; off < data.length; off += PAGE) pages.push(data.subarray(off, off + PAGE));
  return pages;
}

/** Best-of-ROUNDS throughput (input MB/s) and the ratio (input / output) of `fn` over all pages. */
function measure(pages, fn) {
  let best = Infinity;
  let outBytes = 0;
  for (let r = 0; r < ROUNDS; r++) {
    outBytes = 0;
    const t0 = performance.now();
    for (const page of pages) outBytes += fn(page).length;
    best = Math.min(best, performance.now() - t0);
  }
  const inBytes = pages.reduce((s, p) => s + p.length, 0);
  return { mbps: inBytes / 1e6 / (best / 1000), ratio: inBytes / outBytes };
}

function lz4jsCompress(page) {
  const out = new Uint8Array(lz4js.compressBound(page.length));
  const n = lz4js.compressBlock(page, out, 0, page.length, new Uint32Array(65536));
  // 0 means "incompressible": a writer would then store the page as one literal run, about its own size.
  return n > 0 ? out.subarray(0, n) : page;
}

const compressors = [
  ['tessera SNAPPY', (p) => compress(CompressionCodec.SNAPPY, p)],
  ['snappyjs.compress', (p) => snappyjs.compress(p)],
  ['tessera LZ4_RAW', (p) => compress(CompressionCodec.LZ4_RAW, p)],
  ['lz4js.compressBlock', lz4jsCompress],
  ['tessera ZSTD level 1', (p) => compress(CompressionCodec.ZSTD, p, 1)],
];

const datasets = [
  ['int64 ids (PLAIN)', int64Ids],
  ['int64 timestamps (PLAIN)', int64Timestamps],
  ['double prices (PLAIN)', doublePrices],
  ['dictionary indices (bit-packed, w=10)', dictionaryIndices],
  ['strings (PLAIN byte arrays)', plainStrings],
  ['CSV-like text', csvText],
];

console.log(`${TOTAL >> 20} MiB per data set in ${PAGE >> 20} MiB pages; best of ${ROUNDS}; MB/s of input\n`);
console.log(`${'data'.padEnd(40)}${compressors.map(([name]) => name.padStart(24)).join('')}`);
for (const [label, make] of datasets) {
  const pages = pagesOf(make());
  // Correctness first: our pages must decompress back.
  for (const page of pages.slice(0, 2)) {
    for (const codec of [CompressionCodec.SNAPPY, CompressionCodec.LZ4_RAW]) {
      const back = decompress(codec, compress(codec, page), page.length);
      if (Buffer.compare(back, page) !== 0) throw new Error(`${label}: codec ${codec} does not round trip`);
    }
  }
  const cells = compressors.map(([, fn]) => {
    const { mbps, ratio } = measure(pages, fn);
    return `${mbps.toFixed(0)} MB/s x${ratio.toFixed(2)}`.padStart(24);
  });
  console.log(`${label.padEnd(40)}${cells.join('')}`);
}

/** Per column of a DuckDB snappy file: DuckDB's compressed page bytes against ours for the same page contents. */
function recompressDuckdbPages(path) {
  const file = new Uint8Array(readFileSync(path));
  const view = new DataView(file.buffer, file.byteOffset);
  const footerLength = view.getUint32(file.length - 8, true);
  const metadata = decodeFileMetaData(file.subarray(file.length - 8 - footerLength, file.length - 8));
  const columns = new Map();
  for (const rowGroup of metadata.rowGroups) {
    for (const chunk of rowGroup.columns) {
      const meta = chunk.metaData;
      if (meta.codec !== CompressionCodec.SNAPPY) throw new Error(`${path}: not a snappy file`);
      const name = meta.pathInSchema.join('.');
      const dict = meta.dictionaryPageOffset;
      const start = dict !== undefined && dict > 0 && dict < meta.dataPageOffset ? dict : meta.dataPageOffset;
      const bytes = file.subarray(start, start + meta.totalCompressedSize);
      const entry = columns.get(name) ?? { pages: [], theirs: 0 };
      for (const page of scanPages(bytes, meta.numValues)) {
        const body = bytes.subarray(page.bodyOffset, page.bodyOffset + page.bodyLength);
        const v2 = page.header.dataPageHeaderV2;
        if (v2) throw new Error('data page v2 not handled here');
        entry.pages.push(decompress(CompressionCodec.SNAPPY, body, page.header.uncompressedPageSize));
        entry.theirs += body.length;
      }
      columns.set(name, entry);
    }
  }
  console.log(`\n${path}: every page recompressed by tessera SNAPPY (page bytes only, headers excluded)`);
  console.log(
    `${'column'.padEnd(10)}${'raw'.padStart(14)}${'DuckDB snappy'.padStart(16)}${'tessera'.padStart(14)}${'ours/theirs'.padStart(13)}${'MB/s'.padStart(8)}`,
  );
  let raw = 0;
  let theirs = 0;
  let ours = 0;
  for (const [name, entry] of columns) {
    const size = entry.pages.reduce((s, p) => s + p.length, 0);
    const { mbps, ratio } = measure(entry.pages, (p) => compress(CompressionCodec.SNAPPY, p));
    const mine = Math.round(size / ratio);
    raw += size;
    theirs += entry.theirs;
    ours += mine;
    console.log(
      `${name.padEnd(10)}${String(size).padStart(14)}${String(entry.theirs).padStart(16)}${String(mine).padStart(14)}${(mine / entry.theirs).toFixed(4).padStart(13)}${mbps.toFixed(0).padStart(8)}`,
    );
  }
  console.log(
    `${'total'.padEnd(10)}${String(raw).padStart(14)}${String(theirs).padStart(16)}${String(ours).padStart(14)}${(ours / theirs).toFixed(4).padStart(13)}`,
  );
}

const duckdbFile = process.argv[2] ?? 'bench/data/bench-5m-snappy.parquet';
if (existsSync(duckdbFile)) recompressDuckdbPages(duckdbFile);
else console.log(`\n${duckdbFile} not found (node bench/generate.mjs writes it): DuckDB comparison skipped`);
