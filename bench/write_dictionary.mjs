// Throughput of the writer's dictionary, statistics and hashing kernels on columns shaped like the 5M-row bench
// table (bench/generate.mjs), one 1M-row chunk at a time with a 1 MiB dictionary limit (the writer's defaults).
// Run: npm run build && node bench/write_dictionary.mjs
import { performance } from 'node:perf_hooks';
import { buildDictionary } from '../dist/src/parquet/write/dictionary.js';
import { boundsFromDictionary, dictionaryRanks } from '../dist/src/parquet/write/dictionary_bounds.js';
import { hashValues } from '../dist/src/parquet/write/hash.js';
import { computeBounds } from '../dist/src/parquet/write/statistics.js';

const ROWS = 5_000_000;
const CHUNK = 1_000_000;
const DICT_LIMIT = 1 << 20;

let state = 12345;
const next = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return (state ^ (state >>> 16)) >>> 0;
};

function strings(n, make) {
  const encoder = new TextEncoder();
  const parts = [];
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const b = encoder.encode(make(i));
    parts.push(b);
    offsets[i + 1] = offsets[i] + b.length;
  }
  return { kind: 'byte_array', offsets, data: Buffer.concat(parts) };
}

const columns = {
  id: { values: { kind: 'int64', data: BigInt64Array.from({ length: ROWS }, (_, i) => BigInt(i)) }, order: 'signed' },
  key: { values: { kind: 'int32', data: Int32Array.from({ length: ROWS }, () => next() % 100000) }, order: 'signed' },
  cat: { values: strings(ROWS, () => `category_${next() % 50}`), order: 'unsigned' },
  price: {
    values: { kind: 'double', data: Float64Array.from({ length: ROWS }, () => (next() % 10000000) / 100) },
    order: 'signed',
  },
  qty: { values: { kind: 'int32', data: Int32Array.from({ length: ROWS }, () => next() % 1000) }, order: 'signed' },
  ts: {
    values: {
      kind: 'int64',
      data: BigInt64Array.from(
        { length: ROWS },
        (_, i) => 1704067200000000n + BigInt(i) * 1000000n + BigInt(next() % 1000000),
      ),
    },
    order: 'signed',
  },
  note: {
    values: strings(ROWS, () => (next().toString(36) + next().toString(36)).slice(0, 12 + (next() % 17))),
    order: 'unsigned',
  },
};

function slice(values, start, end) {
  if (values.kind === 'byte_array') return { ...values, offsets: values.offsets.subarray(start, end + 1) };
  return { kind: values.kind, data: values.data.subarray(start, end) };
}

function time(fn) {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

console.log(`${ROWS} rows in chunks of ${CHUNK}; best of 3, ms for all chunks`);
console.log(
  'column  dictionary  (result)      bounds   xxhash64   bounds from dictionary (ranks + pages of 2^18 indices)',
);
for (const [name, { values, order }] of Object.entries(columns)) {
  let outcome = '';
  const dict = time(() => {
    let built = 0;
    for (let s = 0; s < ROWS; s += CHUNK) if (buildDictionary(slice(values, s, s + CHUNK), DICT_LIMIT)) built++;
    outcome = built === ROWS / CHUNK ? 'dictionary' : built === 0 ? 'fallback' : `${built} dicts`;
  });
  const bounds = time(() => {
    for (let s = 0; s < ROWS; s += CHUNK) computeBounds(slice(values, s, s + CHUNK), order);
  });
  const hash = time(() => {
    for (let s = 0; s < ROWS; s += CHUNK) hashValues(slice(values, s, s + CHUNK));
  });
  let viaDictionary = '';
  if (outcome === 'dictionary') {
    const chunks = [];
    for (let s = 0; s < ROWS; s += CHUNK) chunks.push(buildDictionary(slice(values, s, s + CHUNK), DICT_LIMIT));
    const ms = time(() => {
      for (const { indices, dictionary } of chunks) {
        const ranks = dictionaryRanks(dictionary, order);
        for (let p = 0; p < indices.length; p += 1 << 18) {
          boundsFromDictionary(indices.subarray(p, p + (1 << 18)), dictionary, ranks, order);
        }
      }
    });
    viaDictionary = ms.toFixed(1).padStart(10);
  }
  console.log(
    `${name.padEnd(7)} ${dict.toFixed(1).padStart(10)}  ${outcome.padEnd(12)} ${bounds.toFixed(1).padStart(8)} ${hash.toFixed(1).padStart(10)} ${viaDictionary}`,
  );
}
