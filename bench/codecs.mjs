// Decompression throughput of Tessera's codecs against the JS peers, on ~50 MB of CSV-like text cut into
// 1 MiB pages (the shape of Parquet pages). Run: npm run build && node bench/codecs.mjs
import lz4js from 'lz4js';
import snappyjs from 'snappyjs';
import { ZstdCodec } from 'zstd-codec';
import { arena } from '../dist/src/kernels/arena.js';
import { CompressionCodec, decompress, decompressIntoArena } from '../dist/src/parquet/codecs/index.js';

const TOTAL = 50 << 20;
const PAGE = 1 << 20;
const ROUNDS = 5;

function csvLikeText(n) {
  const cats = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
  const lines = [];
  let state = 12345;
  let length = 0;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state ^ (state >>> 16)) >>> 0;
  };
  for (let id = 0; length < n; id++) {
    const r = next();
    const line = `${id},${r % 100000},${cats[r % 8]},${(r % 1000000) / 100},2024-${1 + (r % 12)}-${1 + (r % 28)}T${r % 24}:${r % 60}:00Z,note ${(next() >>> 4).toString(36)}\n`;
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join('')).subarray(0, n);
}

/** Best-of-ROUNDS MB/s of `fn` over all pages (decompressed bytes per second). */
function measure(label, pages, fn) {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const page of pages) fn(page);
    best = Math.min(best, performance.now() - t0);
  }
  const bytes = pages.reduce((s, p) => s + p.size, 0);
  const mbps = bytes / 1e6 / (best / 1000);
  console.log(`${label.padEnd(44)} ${mbps.toFixed(0).padStart(6)} MB/s`);
  return mbps;
}

const data = csvLikeText(TOTAL);
const raw = [];
for (let off = 0; off < TOTAL; off += PAGE) raw.push(data.subarray(off, off + PAGE));
console.log(
  `data: ${(TOTAL / 1e6).toFixed(1)} MB CSV-like text in ${raw.length} pages of ${PAGE} bytes; best of ${ROUNDS}\n`,
);

const a = arena();
const intoArena = (codec) => (p) => {
  const mark = a.mark();
  decompressIntoArena(a, codec, p.compressed, p.size);
  a.release(mark);
};

// Snappy
const snappyPages = raw.map((d) => ({ compressed: snappyjs.compress(d), size: d.length }));
console.log(`snappy ratio ${(TOTAL / snappyPages.reduce((s, p) => s + p.compressed.length, 0)).toFixed(2)}`);
measure('snappyjs.uncompress', snappyPages, (p) => snappyjs.uncompress(p.compressed));
measure('tessera decompress(SNAPPY) (copy in + out)', snappyPages, (p) => decompress(1, p.compressed, p.size));
measure('tessera decompressIntoArena(SNAPPY)', snappyPages, intoArena(CompressionCodec.SNAPPY));

// LZ4
const lz4Pages = raw.map((d) => {
  const out = new Uint8Array(lz4js.compressBound(d.length));
  const n = lz4js.compressBlock(d, out, 0, d.length, new Uint32Array(65536));
  return { compressed: out.slice(0, n), size: d.length };
});
console.log(`\nlz4 ratio ${(TOTAL / lz4Pages.reduce((s, p) => s + p.compressed.length, 0)).toFixed(2)}`);
measure('lz4js.decompressBlock', lz4Pages, (p) => {
  const out = new Uint8Array(p.size);
  lz4js.decompressBlock(p.compressed, out, 0, p.compressed.length, 0);
});
measure('tessera decompress(LZ4_RAW) (copy in + out)', lz4Pages, (p) => decompress(7, p.compressed, p.size));
measure('tessera decompressIntoArena(LZ4_RAW)', lz4Pages, intoArena(CompressionCodec.LZ4_RAW));

// ZSTD
const zstd = await new Promise((resolve) => ZstdCodec.run(resolve));
const simple = new zstd.Simple();
const zstdPages = raw.map((d) => ({ compressed: simple.compress(d, 3), size: d.length }));
console.log(`\nzstd ratio ${(TOTAL / zstdPages.reduce((s, p) => s + p.compressed.length, 0)).toFixed(2)}`);
measure('zstd-codec Simple.decompress (<8 MB pages only)', zstdPages, (p) => simple.decompress(p.compressed));
measure('tessera decompress(ZSTD) (copy in + out)', zstdPages, (p) => decompress(6, p.compressed, p.size));
measure('tessera decompressIntoArena(ZSTD)', zstdPages, intoArena(CompressionCodec.ZSTD));
const big = [{ compressed: new zstd.Streaming().compressChunks(raw.slice(0, 24), 1 << 20, 3), size: 24 << 20 }];
measure('tessera decompress(ZSTD), one 24 MiB page', big, (p) => decompress(6, p.compressed, p.size));
measure('tessera decompressIntoArena(ZSTD), one 24 MiB page', big, intoArena(CompressionCodec.ZSTD));
