import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { buildDictionaryReference } from './reference/dictionary_build.js';
import { Random } from './reference/random.js';

/** Byte-wise equality of two typed arrays (t.same is slow on long arrays). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return (
    Buffer.compare(
      new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

/** `count` values of `width` bytes drawn from `cardinality` random distinct ones. */
function fixedValues(random: Random, count: number, width: number, cardinality: number): Uint8Array {
  const pool = random.bytes(cardinality * width);
  const out = new Uint8Array(count * width);
  for (let i = 0; i < count; i++) {
    const k = random.below(cardinality);
    out.set(pool.subarray(k * width, (k + 1) * width), i * width);
  }
  return out;
}

t.test('dictBuildFixed matches the reference for every width path', async (t) => {
  const a = arena();
  const random = new Random(11);
  for (const width of [1, 2, 4, 8, 12, 16, 5]) {
    for (const [count, cardinality] of [
      [1, 1],
      [100, 3],
      [5000, 1000],
      [3000, 3000],
    ] as const) {
      const bytes = fixedValues(random, count, width, cardinality);
      const values = Array.from({ length: count }, (_, i) => bytes.subarray(i * width, (i + 1) * width));
      const expected = buildDictionaryReference(values, Number.MAX_SAFE_INTEGER, () => width)!;
      const bits = Math.ceil(Math.log2(count * 2 + 16));
      const inPtr = a.copyIn(bytes);
      const tablePtr = a.alloc(16 << bits);
      const indicesPtr = a.alloc(count * 4);
      const dictPtr = a.alloc(count * width);
      const distinct = a.wasm.dictBuildFixed(inPtr, count, width, tablePtr, bits, count, indicesPtr, dictPtr);
      t.equal(distinct, expected.dictionary.length, `width ${width} count ${count}: distinct`);
      t.ok(
        sameBytes(a.view(Int32Array, indicesPtr, count), expected.indices),
        `width ${width} count ${count}: indices`,
      );
      const dict = a.u8().slice(dictPtr, dictPtr + distinct * width);
      t.ok(sameBytes(dict, Buffer.concat(expected.dictionary)), `width ${width} count ${count}: dictionary`);
      // One entry fewer than needed: overflow.
      if (distinct > 0) {
        const over = a.wasm.dictBuildFixed(inPtr, count, width, tablePtr, bits, distinct - 1, indicesPtr, dictPtr);
        t.equal(over, KernelStatus.Overflow);
      }
      a.reset();
    }
  }
});

t.test('dictBuildFixed with a tiny table (all collisions) is still right', async (t) => {
  const a = arena();
  const random = new Random(12);
  const count = 200;
  const bytes = fixedValues(random, count, 8, 10);
  const values = Array.from({ length: count }, (_, i) => bytes.subarray(i * 8, (i + 1) * 8));
  const expected = buildDictionaryReference(values, 1e9, () => 8)!;
  const inPtr = a.copyIn(bytes);
  const tablePtr = a.alloc(16 << 4);
  const indicesPtr = a.alloc(count * 4);
  const dictPtr = a.alloc(count * 8);
  t.equal(a.wasm.dictBuildFixed(inPtr, count, 8, tablePtr, 4, 10, indicesPtr, dictPtr), expected.dictionary.length);
  t.same(a.view(Int32Array, indicesPtr, count), expected.indices);
  a.reset();
});

t.test('dictBuildBytes matches the reference and stops at the PLAIN size limit', async (t) => {
  const a = arena();
  const random = new Random(13);
  for (const [count, cardinality, maxLen] of [
    [1, 1, 5],
    [1000, 20, 12],
    [4000, 3000, 40],
    [500, 50, 0],
  ] as const) {
    const pool = Array.from({ length: cardinality }, () => random.bytes(random.below(maxLen + 1)));
    const values = Array.from({ length: count }, () => pool[random.below(cardinality)]!);
    const base = 7;
    const offsets = new Int32Array(count + 1);
    offsets[0] = base;
    values.forEach((v, i) => {
      offsets[i + 1] = offsets[i]! + v.length;
    });
    const data = new Uint8Array(offsets[count]! - base);
    values.forEach((v, i) => {
      data.set(v, offsets[i]! - base);
    });
    const plain = (v: Uint8Array) => 4 + v.length;
    const expected = buildDictionaryReference(values, 1e9, plain)!;
    const exactSize = expected.dictionary.reduce((s, v) => s + plain(v), 0);
    for (const limit of [exactSize, exactSize - 1]) {
      const bits = Math.ceil(Math.log2(count * 2 + 16));
      const offsetsPtr = a.copyIn(new Uint8Array(offsets.buffer));
      const dataPtr = a.copyIn(data);
      const tablePtr = a.alloc(8 << bits);
      const indicesPtr = a.alloc(count * 4);
      const dictOffsetsPtr = a.alloc((count + 1) * 4);
      const dictDataPtr = a.alloc(data.length);
      const distinct = a.wasm.dictBuildBytes(
        offsetsPtr,
        count,
        dataPtr,
        base,
        tablePtr,
        bits,
        limit,
        indicesPtr,
        dictOffsetsPtr,
        dictDataPtr,
      );
      if (limit < exactSize) {
        t.equal(distinct, KernelStatus.Overflow, `count ${count}: limit ${limit} overflows`);
      } else {
        t.equal(distinct, expected.dictionary.length, `count ${count}: distinct`);
        t.ok(sameBytes(a.view(Int32Array, indicesPtr, count), expected.indices), `count ${count}: indices`);
        const dictOffsets = a.view(Int32Array, dictOffsetsPtr, distinct + 1).slice();
        const dictData = a.u8().slice(dictDataPtr, dictDataPtr + dictOffsets[distinct]!);
        const got = Array.from({ length: distinct }, (_, i) => dictData.subarray(dictOffsets[i], dictOffsets[i + 1]));
        t.same(got, expected.dictionary, `count ${count}: dictionary`);
      }
      a.reset();
    }
  }
});

t.test('dictBuildRange matches the reference for i32 and i64 ranges', async (t) => {
  const a = arena();
  const random = new Random(14);
  for (const width of [4, 8]) {
    for (const [count, span] of [
      [1, 1],
      [1000, 10],
      [5000, 4000],
    ] as const) {
      const lo = width === 4 ? -123456 : -(1n << 62n);
      const raw = Array.from({ length: count }, () => random.below(span));
      const bytes =
        width === 4
          ? new Uint8Array(Int32Array.from(raw, (r) => Number(lo) + r).buffer)
          : new Uint8Array(BigInt64Array.from(raw, (r) => BigInt(lo) + BigInt(r)).buffer);
      const values = Array.from({ length: count }, (_, i) => bytes.subarray(i * width, (i + 1) * width));
      const expected = buildDictionaryReference(values, Number.MAX_SAFE_INTEGER, () => width)!;
      const inPtr = a.copyIn(bytes);
      const mapPtr = a.alloc(span * 4);
      const indicesPtr = a.alloc(count * 4);
      const dictPtr = a.alloc(count * width);
      const distinct = a.wasm.dictBuildRange(inPtr, count, width, BigInt(lo), span, mapPtr, count, indicesPtr, dictPtr);
      t.equal(distinct, expected.dictionary.length, `width ${width} span ${span}: distinct`);
      t.ok(sameBytes(a.view(Int32Array, indicesPtr, count), expected.indices), `width ${width} span ${span}: indices`);
      t.ok(
        sameBytes(a.u8().slice(dictPtr, dictPtr + distinct * width), Buffer.concat(expected.dictionary)),
        `width ${width} span ${span}: dictionary`,
      );
      if (distinct > 0) {
        const over = a.wasm.dictBuildRange(
          inPtr,
          count,
          width,
          BigInt(lo),
          span,
          mapPtr,
          distinct - 1,
          indicesPtr,
          dictPtr,
        );
        t.equal(over, KernelStatus.Overflow);
      }
      a.reset();
    }
  }
});
