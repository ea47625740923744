import t from 'tap';
import { columnFromValues } from '../../src/columnar/build.js';
import {
  batchFromArrow,
  batchToArrow,
  concatBatches,
  filterBatch,
  maskToIndices,
  sliceBatch,
  takeBatch,
} from '../../src/columnar/index.js';
import type { Batch } from '../../src/columnar/types.js';
import { arrowCasesTable, arrowTableText } from './arrow_cases.js';

/** A batch of every type, 5 rows repeated `times` times (so slices and bitmaps cross byte boundaries). */
function casesBatch(times: number): Batch {
  const one = batchFromArrow(arrowCasesTable());
  return concatBatches(Array.from({ length: times }, () => one));
}

const text = (batch: Batch) => arrowTableText(batchToArrow(batch));

function pick(columns: Record<string, string[]>, rows: number[]): Record<string, string[]> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, rows.map((i) => (i < 0 ? 'null' : v[i]!))]));
}

/** A seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const batch = casesBatch(7);
const all = text(batch);

t.test('concat repeats the rows; results live in SharedArrayBuffer', async (t) => {
  t.equal(batch.numRows, 35);
  const one = text(batchFromArrow(arrowCasesTable()));
  t.same(all.i32, Array.from({ length: 7 }, () => one.i32!).flat());
  t.same(pick(all, [0, 1, 2, 3, 4]), one);
  t.ok(batch.columns[0]!.values!.buffer instanceof SharedArrayBuffer);
});

t.test('slice is a view and matches the rows', async (t) => {
  for (const [start, end] of [
    [0, 35],
    [3, 20],
    [8, 16],
    [34, 35],
    [10, 10],
    [-5, 100],
  ]) {
    const rows = [];
    for (let i = Math.max(0, start!); i < Math.min(35, end!); i++) rows.push(i);
    t.same(text(sliceBatch(batch, start!, end)), pick(all, rows), `${start}..${end}`);
  }
  const s = sliceBatch(batch, 8, 16);
  t.equal(s.columns[2]!.values!.buffer, batch.columns[2]!.values!.buffer);
});

t.test('concat of slices gives the original rows back', async (t) => {
  const parts = [sliceBatch(batch, 0, 3), sliceBatch(batch, 3, 3), sliceBatch(batch, 3, 17), sliceBatch(batch, 17)];
  t.same(text(concatBatches(parts)), all);
});

t.test('take gathers rows in order, negative indices give nulls', async (t) => {
  const next = random(42);
  for (let round = 0; round < 5; round++) {
    const n = Math.floor(next() * 60);
    const rows = Array.from({ length: n }, () => Math.floor(next() * 36) - 1);
    t.same(text(takeBatch(batch, Int32Array.from(rows))), pick(all, rows), `round ${round}`);
  }
  t.equal(takeBatch(batch, new Int32Array(0)).numRows, 0);
  t.throws(() => takeBatch(batch, Int32Array.of(35)), RangeError);
});

t.test('filter keeps the rows of true mask entries (null entries drop the row)', async (t) => {
  const next = random(7);
  for (let round = 0; round < 5; round++) {
    const mask = Array.from({ length: 35 }, () => (next() < 0.2 ? null : next() < 0.5));
    const column = columnFromValues({ kind: 'bool' }, mask);
    const rows = mask.flatMap((m, i) => (m === true ? [i] : []));
    t.same([...maskToIndices(column, 35)], rows);
    t.same(text(filterBatch(batch, column)), pick(all, rows), `round ${round}`);
  }
  const none = filterBatch(batch, columnFromValues({ kind: 'bool' }, new Array(35).fill(false)));
  t.equal(none.numRows, 0);
  t.equal(batchToArrow(none).numRows, 0);
  t.equal(filterBatch(batch, new Uint8Array(5).fill(255)), batch, 'keeping everything returns the batch');
});

t.test('large masks (the kernel path) select the same rows', async (t) => {
  const next = random(3);
  for (const length of [4096, 10_001]) {
    const mask = Array.from({ length }, () => (next() < 0.1 ? null : next() < 0.5));
    const column = columnFromValues({ kind: 'bool' }, mask);
    const rows = mask.flatMap((m, i) => (m === true ? [i] : []));
    t.same([...maskToIndices(column, length)], rows, `length ${length}`);
    const bits = column.values as Uint8Array;
    const plain = [];
    for (let i = 0; i < length; i++) if ((bits[i >> 3]! >> (i & 7)) & 1) plain.push(i);
    t.same([...maskToIndices(bits, length)], plain, `bitmap of ${length}`);
  }
});
