// Per-code aggregation kernels (assembly/code_aggregate.ts): the histogram and first rows read straight from an
// RLE / bit-packed hybrid stream, and one slot per row with null keys in the last slot, against a plain reference.
import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import { encodeRleHybrid } from './reference/rle.js';

/** Codes below `dictCount` with runs (RLE runs) and stretches of distinct codes (bit-packed runs). */
function codes(random: Random, count: number, dictCount: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const code = random.below(dictCount);
    const run = random.below(3) === 0 ? 1 + random.below(30) : 1;
    for (let k = 0; k < run && out.length < count; k++) out.push(code);
  }
  return out;
}

function widthOf(dictCount: number): number {
  return dictCount <= 1 ? 0 : 32 - Math.clz32(dictCount - 1);
}

/** Histogram then first rows of the stream, as the fused read calls them; null when a kernel fails. */
function histogram(bytes: Uint8Array, width: number, count: number, dictCount: number, rowBase: number) {
  const a = arena();
  const mark = a.mark();
  try {
    const inPtr = a.copyIn(bytes);
    const countsPtr = a.alloc(dictCount * 8 + 8);
    a.view(Float64Array, countsPtr, dictCount).fill(0);
    const firstPtr = a.alloc(dictCount * 4 + 4);
    a.view(Int32Array, firstPtr, dictCount).fill(-1);
    const scratch = a.alloc(512 * 4);
    const status = a.wasm.codeHistogram(inPtr, bytes.length, width, count, dictCount, countsPtr, scratch);
    if (status < 0) return { status };
    const counts = Array.from(a.view(Float64Array, countsPtr, dictCount));
    const unseen = counts.filter((c) => c > 0).length;
    const left = a.wasm.codeFirstRows(inPtr, bytes.length, width, count, dictCount, firstPtr, rowBase, unseen, scratch);
    return { status, left, counts, first: Array.from(a.view(Int32Array, firstPtr, dictCount)) };
  } finally {
    a.release(mark);
  }
}

t.test('codeHistogram and codeFirstRows equal a count and first-row scan of the codes', async (t) => {
  const random = new Random(16);
  for (const dictCount of [1, 2, 7, 265, 1000, 70000]) {
    for (const count of [0, 1, 9, 513, 5000, 20000]) {
      const values = codes(random, count, dictCount);
      const width = widthOf(dictCount);
      const encoded = encodeRleHybrid(values, width, random);
      const counts = new Array<number>(dictCount).fill(0);
      const first = new Array<number>(dictCount).fill(-1);
      values.forEach((c, i) => {
        counts[c]!++;
        if (first[c]! < 0) first[c] = 100 + i;
      });
      const got = histogram(encoded, width, count, dictCount, 100);
      t.ok(got.status >= 0, `status, ${dictCount} codes, ${count} rows`);
      t.same(got.counts, counts, `counts, ${dictCount} codes, ${count} rows`);
      t.same(got.first, first, `first rows, ${dictCount} codes, ${count} rows`);
      t.equal(got.left, 0, 'every counted code met');
    }
  }
});

t.test('codeHistogram rejects an index past the dictionary and a truncated stream', async (t) => {
  const random = new Random(3);
  const values = codes(random, 300, 16);
  values[250] = 16; // one past a 16-value dictionary, in a 5-bit stream
  const encoded = encodeRleHybrid(values, 5, random);
  t.equal(histogram(encoded, 5, 300, 16, 0).status, KernelStatus.Invalid, 'bit-packed or RLE index past the end');
  // An RLE run of 10 copies of code 3 (width 2): header 10 << 1, value byte 3.
  const rle = Uint8Array.from([20, 3]);
  t.same(histogram(rle, 2, 10, 4, 0).counts, [0, 0, 0, 10], 'an RLE run adds its length at once');
  t.equal(histogram(rle, 2, 10, 3, 0).status, KernelStatus.Invalid, 'RLE value past the dictionary');
  t.equal(histogram(rle.subarray(0, 1), 2, 10, 4, 0).status, KernelStatus.Truncated, 'RLE value cut');
  const packed = Uint8Array.from([(2 << 1) | 1, 0xff, 0xff]);
  t.equal(histogram(packed, 2, 16, 4, 0).status, KernelStatus.Truncated, 'bit-packed run cut');
});

t.test('codeSlots: a slot per row, null keys in the last slot, rows and first rows per slot', async (t) => {
  const random = new Random(5);
  for (const [count, dictCount] of [
    [0, 3],
    [1, 1],
    [1000, 7],
    [4099, 300],
  ] as const) {
    const validity = new Uint8Array((count >> 3) + 1);
    const dense: number[] = [];
    const slots: number[] = [];
    for (let i = 0; i < count; i++) {
      if (random.below(5) === 0) {
        slots.push(dictCount);
        continue;
      }
      validity[i >> 3]! |= 1 << (i & 7);
      const code = random.below(dictCount);
      dense.push(code);
      slots.push(code);
    }
    const rows = new Array<number>(dictCount + 1).fill(0);
    const first = new Array<number>(dictCount + 1).fill(-1);
    slots.forEach((s, i) => {
      rows[s]!++;
      if (first[s]! < 0) first[s] = 7 + i;
    });
    const a = arena();
    const mark = a.mark();
    const densePtr = a.copyIn(new Uint8Array(Uint32Array.from(dense).buffer));
    const validityPtr = a.copyIn(validity);
    const slotsPtr = a.alloc(count * 4 + 4);
    const rowsPtr = a.alloc((dictCount + 1) * 8);
    a.view(Float64Array, rowsPtr, dictCount + 1).fill(0);
    const firstPtr = a.alloc((dictCount + 1) * 4);
    a.view(Int32Array, firstPtr, dictCount + 1).fill(-1);
    const used = a.wasm.codeSlots(densePtr, validityPtr, count, dictCount, slotsPtr, rowsPtr, firstPtr, 7);
    t.equal(used, dense.length, 'dense codes used');
    t.same(Array.from(a.view(Int32Array, slotsPtr, count)), slots, 'slots');
    t.same(Array.from(a.view(Float64Array, rowsPtr, dictCount + 1)), rows, 'rows per slot');
    t.same(Array.from(a.view(Int32Array, firstPtr, dictCount + 1)), first, 'first rows');
    if (dense.length > 0) {
      a.view(Uint32Array, densePtr, 1)[0] = dictCount;
      const bad = a.wasm.codeSlots(densePtr, validityPtr, count, dictCount, slotsPtr, rowsPtr, firstPtr, 0);
      t.equal(bad, KernelStatus.Invalid, 'a code past the dictionary');
    }
    a.release(mark);
  }
});

t.test(
  'codeSlots without null keys: the codes are the slots (in place), first rows found after the histogram',
  async (t) => {
    const random = new Random(9);
    for (const [count, dictCount] of [
      [0, 2],
      [3000, 40],
      [5000, 4000],
    ] as const) {
      const dense = Array.from({ length: count }, () => random.below(dictCount));
      const rows = new Array<number>(dictCount + 1).fill(0);
      const first = new Array<number>(dictCount + 1).fill(-1);
      dense.forEach((c, i) => {
        rows[c]!++;
        if (first[c]! < 0) first[c] = 11 + i;
      });
      const a = arena();
      const mark = a.mark();
      const densePtr = a.copyIn(new Uint8Array(Uint32Array.from(dense).buffer));
      const rowsPtr = a.alloc((dictCount + 1) * 8);
      a.view(Float64Array, rowsPtr, dictCount + 1).fill(0);
      const firstPtr = a.alloc((dictCount + 1) * 4);
      a.view(Int32Array, firstPtr, dictCount + 1).fill(-1);
      t.equal(a.wasm.codeSlots(densePtr, 0, count, dictCount, densePtr, rowsPtr, firstPtr, 11), count, 'all used');
      t.same(Array.from(a.view(Int32Array, densePtr, count)), dense, 'codes kept as the slots');
      t.same(Array.from(a.view(Float64Array, rowsPtr, dictCount + 1)), rows, 'rows per slot');
      t.same(Array.from(a.view(Int32Array, firstPtr, dictCount + 1)), first, 'first rows');
      if (count > 0) {
        a.view(Uint32Array, densePtr, count)[count - 1] = dictCount;
        t.equal(a.wasm.codeSlots(densePtr, 0, count, dictCount, densePtr, rowsPtr, firstPtr, 0), KernelStatus.Invalid);
      }
      a.release(mark);
    }
  },
);

t.test('slotSumFloat64 and slotSumInt32 add each value to its slot (int32 into exact int64)', async (t) => {
  const random = new Random(12);
  const count = 3000;
  const slots = 17;
  const ids = Int32Array.from({ length: count }, () => random.below(slots));
  const f64 = Float64Array.from({ length: count }, () => (random.below(2000) - 1000) / 8);
  const i32 = Int32Array.from({ length: count }, () => random.u32() | 0);
  const sums = new Float64Array(slots);
  const big = new BigInt64Array(slots);
  ids.forEach((s, i) => {
    sums[s]! += f64[i]!;
    big[s]! += BigInt(i32[i]!);
  });
  const a = arena();
  const mark = a.mark();
  const idsPtr = a.copyIn(new Uint8Array(ids.buffer));
  const fPtr = a.copyIn(new Uint8Array(f64.buffer));
  const iPtr = a.copyIn(new Uint8Array(i32.buffer));
  const out = a.alloc(slots * 8);
  a.view(Float64Array, out, slots).fill(0);
  a.wasm.slotSumFloat64(fPtr, idsPtr, count, out);
  t.same(Array.from(a.view(Float64Array, out, slots)), Array.from(sums), 'f64 sums (exact: eighths)');
  a.view(BigInt64Array, out, slots).fill(0n);
  a.wasm.slotSumInt32(iPtr, idsPtr, count, out);
  t.same(Array.from(a.view(BigInt64Array, out, slots)), Array.from(big), 'i32 sums in i64');
  a.release(mark);
});

t.test('slotDict kernels: sums and min/max read through the dictionary equal gather-then-aggregate', async (t) => {
  const random = new Random(31);
  const count = 4000;
  const slots = 23;
  const dictCount = 300;
  const ids = Int32Array.from({ length: count }, () => random.below(slots));
  const indices = Uint32Array.from({ length: count }, () => random.below(dictCount));
  const f64 = Float64Array.from({ length: dictCount }, (_, i) =>
    i % 50 === 7 ? Number.NaN : (random.below(4000) - 2000) / 8,
  );
  const i32 = Int32Array.from({ length: dictCount }, () => random.u32() | 0);
  const a = arena();
  const mark = a.mark();
  const idsPtr = a.copyIn(new Uint8Array(ids.buffer));
  const indicesPtr = a.copyIn(new Uint8Array(indices.buffer));
  const fPtr = a.copyIn(new Uint8Array(f64.buffer));
  const iPtr = a.copyIn(new Uint8Array(i32.buffer));
  const sums = a.alloc(slots * 8);
  const mins = a.alloc(slots * 8);
  const maxs = a.alloc(slots * 8);
  const gathered = a.alloc(count * 8);
  const counts = a.alloc(slots * 8);
  const run = (dict: boolean, float: boolean) => {
    a.view(Float64Array, sums, slots).fill(0);
    a.view(Float64Array, counts, slots).fill(0);
    if (float) {
      a.view(Float64Array, mins, slots).fill(Number.NaN);
      a.view(Float64Array, maxs, slots).fill(Number.NEGATIVE_INFINITY);
    } else {
      a.view(Int32Array, mins, slots).fill(0x7fffffff);
      a.view(Int32Array, maxs, slots).fill(-0x80000000);
    }
    const k = a.wasm;
    const dictPtr = float ? fPtr : iPtr;
    if (dict) {
      t.equal(
        (float ? k.slotDictSumFloat64 : k.slotDictSumInt32)(indicesPtr, dictPtr, dictCount, idsPtr, count, sums),
        0,
      );
      const minMax = float ? k.slotDictMinMaxFloat64 : k.slotDictMinMaxInt32;
      t.equal(minMax(indicesPtr, dictPtr, dictCount, idsPtr, count, mins, maxs), 0);
    } else {
      k.dictGatherFixed(indicesPtr, count, dictPtr, dictCount, float ? 8 : 4, gathered);
      (float ? k.groupSumFloat64 : k.groupSumInt32)(gathered, 0, idsPtr, count, sums, counts);
      (float ? k.groupMinMaxFloat64 : k.groupMinMaxInt32)(gathered, 0, idsPtr, count, mins, maxs);
    }
    const Extreme = float ? Float64Array : Int32Array;
    return {
      sums: float
        ? Array.from(a.view(Float64Array, sums, slots), String)
        : Array.from(a.view(BigInt64Array, sums, slots), String),
      mins: Array.from(a.view(Extreme, mins, slots) as ArrayLike<number>, String),
      maxs: Array.from(a.view(Extreme, maxs, slots) as ArrayLike<number>, String),
    };
  };
  for (const float of [true, false]) t.same(run(true, float), run(false, float), float ? 'f64 (NaN)' : 'i32');
  indices[count - 1] = dictCount;
  a.view(Uint32Array, indicesPtr, count).set(indices);
  t.equal(a.wasm.slotDictSumFloat64(indicesPtr, fPtr, dictCount, idsPtr, count, sums), KernelStatus.Invalid);
  t.equal(a.wasm.slotDictMinMaxInt32(indicesPtr, iPtr, dictCount, idsPtr, count, mins, maxs), KernelStatus.Invalid);
  a.release(mark);
});

t.test('setBits sets a run of bits and keeps the others', async (t) => {
  const a = arena();
  const mark = a.mark();
  const ptr = a.copyIn(new Uint8Array(4));
  a.wasm.setBits(ptr, 3, 14);
  t.same(Array.from(a.view(Uint8Array, ptr, 4)), [0b11111000, 0xff, 0b00000001, 0]);
  a.release(mark);
});

t.test('widenFloat32 widens exactly (NaN, infinities, -0)', async (t) => {
  const input = Float32Array.from([1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 3.4028234663852886e38, 1e-45]);
  const a = arena();
  const mark = a.mark();
  const inPtr = a.copyIn(new Uint8Array(input.buffer));
  const outPtr = a.alloc(input.length * 8);
  a.wasm.widenFloat32(inPtr, input.length, outPtr);
  t.same(Array.from(a.view(Float64Array, outPtr, input.length)), Array.from(input));
  t.ok(Object.is(a.view(Float64Array, outPtr, 2)[1], -0), '-0 kept');
  a.release(mark);
});

t.test('i64 slot kernels: sums wrap modulo 2^64 as groupSumInt64, min/max through the dictionary', async (t) => {
  const random = new Random(47);
  const count = 3000;
  const slots = 13;
  const dictCount = 200;
  const ids = Int32Array.from({ length: count }, () => random.below(slots));
  const indices = Uint32Array.from({ length: count }, () => random.below(dictCount));
  // Values beyond 2^53, both signs, and near the int64 limits (sums overflow).
  const dict = BigInt64Array.from({ length: dictCount }, (_, i) =>
    i % 40 === 3
      ? 2n ** 63n - 1n - BigInt(i)
      : i % 40 === 4
        ? -(2n ** 63n) + BigInt(i)
        : BigInt.asIntN(64, (BigInt(random.u32()) << 32n) | BigInt(random.u32())),
  );
  const values = BigInt64Array.from(indices, (d) => dict[d]!);
  const sums = new BigInt64Array(slots);
  const mins = new BigInt64Array(slots).fill(2n ** 63n - 1n);
  const maxs = new BigInt64Array(slots).fill(-(2n ** 63n));
  ids.forEach((s, i) => {
    sums[s] = BigInt.asIntN(64, sums[s]! + values[i]!);
    if (values[i]! < mins[s]!) mins[s] = values[i]!;
    if (values[i]! > maxs[s]!) maxs[s] = values[i]!;
  });
  const a = arena();
  const mark = a.mark();
  const idsPtr = a.copyIn(new Uint8Array(ids.buffer));
  const indicesPtr = a.copyIn(new Uint8Array(indices.buffer));
  const dictPtr = a.copyIn(new Uint8Array(dict.buffer));
  const valuesPtr = a.copyIn(new Uint8Array(values.buffer));
  const out = a.alloc(slots * 8);
  const lo = a.alloc(slots * 8);
  const hi = a.alloc(slots * 8);
  const read = (ptr: number) => Array.from(a.view(BigInt64Array, ptr, slots), String);
  a.view(BigInt64Array, out, slots).fill(0n);
  a.wasm.slotSumInt64(valuesPtr, idsPtr, count, out);
  t.same(read(out), Array.from(sums, String), 'slotSumInt64');
  a.view(BigInt64Array, out, slots).fill(0n);
  t.equal(a.wasm.slotDictSumInt64(indicesPtr, dictPtr, dictCount, idsPtr, count, out), 0);
  t.same(read(out), Array.from(sums, String), 'slotDictSumInt64');
  a.view(BigInt64Array, lo, slots).fill(2n ** 63n - 1n);
  a.view(BigInt64Array, hi, slots).fill(-(2n ** 63n));
  t.equal(a.wasm.slotDictMinMaxInt64(indicesPtr, dictPtr, dictCount, idsPtr, count, lo, hi), 0);
  t.same(read(lo), Array.from(mins, String), 'mins');
  t.same(read(hi), Array.from(maxs, String), 'maxs');
  indices[count - 1] = dictCount;
  a.view(Uint32Array, indicesPtr, count).set(indices);
  t.equal(a.wasm.slotDictSumInt64(indicesPtr, dictPtr, dictCount, idsPtr, count, out), KernelStatus.Invalid);
  t.equal(a.wasm.slotDictMinMaxInt64(indicesPtr, dictPtr, dictCount, idsPtr, count, lo, hi), KernelStatus.Invalid);
  a.release(mark);
});
