// Throughput of the writer's value encoders (src/parquet/write/encode/) on 5M-value columns cut into pages of
// 128Ki values (the shape the page writer hands them over), best of ROUNDS.
// Run: npm run build && node bench/encoders.mjs
import { Encoding } from '../dist/src/parquet/metadata/enums.js';
import { encodeRleHybrid, encodeValues } from '../dist/src/parquet/write/encode/index.js';
import { slicePhysical } from '../dist/src/parquet/write/leaf_data.js';

const N = 5_000_000;
const PAGE = 128 * 1024;
const ROUNDS = 5;

let state = 12345;
function next() {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return (state ^ (state >>> 16)) >>> 0;
}

function strings(n) {
  const te = new TextEncoder();
  const parts = Array.from({ length: n }, (_, i) => te.encode(`user_${(i * 7919) % 100_000}_${next() % 1000}`));
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + parts[i].length;
  const data = new Uint8Array(offsets[n]);
  for (let i = 0; i < n; i++) data.set(parts[i], offsets[i]);
  return { kind: 'byte_array', offsets, data };
}

function time(name, pages) {
  let best = Number.POSITIVE_INFINITY;
  let bytes = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    bytes = 0;
    for (const encode of pages) bytes += encode().length;
    best = Math.min(best, performance.now() - t0);
  }
  console.log(
    `${name.padEnd(36)} ${best.toFixed(1).padStart(8)} ms  ${(bytes / 2 ** 20).toFixed(1).padStart(7)} MiB out`,
  );
}

function paged(values, encoding) {
  const pages = [];
  for (let start = 0; start < N; start += PAGE) {
    const page = slicePhysical(values, start, Math.min(N, start + PAGE));
    pages.push(() => encodeValues(page, encoding));
  }
  return pages;
}

function pagedRle(array, width) {
  const pages = [];
  for (let start = 0; start < N; start += PAGE) {
    const page = array.subarray(start, Math.min(N, start + PAGE));
    pages.push(() => encodeRleHybrid(page, width));
  }
  return pages;
}

const levels = Uint8Array.from({ length: N }, () => (next() % 10 === 0 ? 0 : 1));
const indices = Int32Array.from({ length: N }, () => next() % 1000);
const sorted = Int32Array.from({ length: N }, (_, i) => i * 3 + (next() % 4));
const longs = BigInt64Array.from({ length: N }, (_, i) => BigInt(1_700_000_000_000 + i * 1000 + (next() % 500)));
const doubles = Float64Array.from({ length: N }, () => next() / 977);
const bools = Uint8Array.from({ length: N }, () => next() & 1);
const text = strings(N);

console.log(`${N} values per column, pages of ${PAGE} values, best of ${ROUNDS}`);
time('levels, 10% nulls (RLE hybrid w1)', pagedRle(levels, 1));
time('dictionary indices (RLE hybrid w10)', pagedRle(indices, 10));
time('int32 PLAIN', paged({ kind: 'int32', data: sorted }, Encoding.PLAIN));
time('int32 DELTA_BINARY_PACKED', paged({ kind: 'int32', data: sorted }, Encoding.DELTA_BINARY_PACKED));
time('int64 DELTA_BINARY_PACKED', paged({ kind: 'int64', data: longs }, Encoding.DELTA_BINARY_PACKED));
time('double PLAIN', paged({ kind: 'double', data: doubles }, Encoding.PLAIN));
time('double BYTE_STREAM_SPLIT', paged({ kind: 'double', data: doubles }, Encoding.BYTE_STREAM_SPLIT));
time('boolean PLAIN', paged({ kind: 'boolean', data: bools }, Encoding.PLAIN));
time('boolean RLE', paged({ kind: 'boolean', data: bools }, Encoding.RLE));
time('strings PLAIN', paged(text, Encoding.PLAIN));
time('strings DELTA_LENGTH_BYTE_ARRAY', paged(text, Encoding.DELTA_LENGTH_BYTE_ARRAY));
time('strings DELTA_BYTE_ARRAY', paged(text, Encoding.DELTA_BYTE_ARRAY));
