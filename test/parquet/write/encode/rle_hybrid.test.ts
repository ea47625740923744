import t from 'tap';
import { arena } from '../../../../src/kernels/arena.js';
import { Encoding, Type } from '../../../../src/parquet/metadata/enums.js';
import { decodeLevelsV1 } from '../../../../src/parquet/read/levels.js';
import { decodeValues } from '../../../../src/parquet/read/values.js';
import {
  dictionaryIndexBitWidth,
  encodeDictionaryIndices,
  encodeRleBooleans,
  encodeRleHybrid,
  encodeRleHybridWithLength,
  rleHybridBound,
} from '../../../../src/parquet/write/encode/index.js';
import { Random, readBack, readBackRleHybrid, sameArray } from './read_back.js';

function runny(random: Random, count: number, width: number): Uint32Array {
  const out: number[] = [];
  while (out.length < count) {
    const value = Number(random.bits(width));
    const run = random.below(3) === 0 ? 1 + random.below(30) : 1;
    for (let k = 0; k < run && out.length < count; k++) out.push(value);
  }
  return Uint32Array.from(out);
}

t.test('levels (Uint8Array) round trip through the reader, widths 0..8', async (t) => {
  const random = new Random(101);
  for (let width = 0; width <= 8; width++) {
    for (const count of [0, 1, 7, 8, 9, 64, 1000, 20_000]) {
      const values = runny(random, count, width);
      const encoded = encodeRleHybrid(Uint8Array.from(values), width);
      t.ok(encoded.length <= rleHybridBound(count, width), 'within the bound');
      sameArray(t, readBackRleHybrid(encoded, width, count), values, `width ${width} count ${count}`);
    }
  }
});

t.test('dictionary indices (Int32Array) round trip through the reader, widths 0..32', async (t) => {
  const random = new Random(102);
  for (let width = 0; width <= 32; width++) {
    for (const count of [0, 1, 9, 300, 5000]) {
      const values = runny(random, count, width);
      const encoded = encodeRleHybrid(Int32Array.from(values), width);
      sameArray(t, readBackRleHybrid(encoded, width, count), values, `width ${width} count ${count}`);
    }
  }
});

t.test("dictionary indices decode through the reader's dictionary path", async (t) => {
  const random = new Random(103);
  for (const dictSize of [1, 2, 300, 70_000]) {
    const indices = Int32Array.from(runny(random, 4000, 17), (v) => v % dictSize);
    const page = encodeDictionaryIndices(indices, dictSize);
    t.equal(page[0], dictionaryIndexBitWidth(dictSize), 'bit width byte');
    const a = arena();
    const mark = a.mark();
    const dictPtr = a.alloc(dictSize * 4);
    a.view(Int32Array, dictPtr, dictSize).set(Int32Array.from({ length: dictSize }, (_, i) => i * 3 - 7));
    const ptr = a.copyIn(page);
    const dense = decodeValues(
      a,
      { physicalType: Type.INT32, width: 4 },
      Encoding.RLE_DICTIONARY,
      ptr,
      page.length,
      indices.length,
      0,
      { count: dictSize, valuesPtr: dictPtr, offsetsPtr: 0, bytesPtr: 0 },
    );
    sameArray(
      t,
      a.view(Int32Array, dense.valuesPtr, indices.length),
      indices.map((i) => i * 3 - 7),
      `gathered values, dictionary of ${dictSize}`,
    );
    a.release(mark);
  }
  t.same([0, 1, 2, 3, 4, 5, 9].map(dictionaryIndexBitWidth), [0, 0, 1, 2, 2, 3, 4]);
});

t.test('levels with a length prefix decode through the reader (data page v1)', async (t) => {
  const random = new Random(105);
  for (const maxLevel of [1, 3, 7]) {
    const width = 32 - Math.clz32(maxLevel);
    const values = runny(random, 3000, width).map((v) => Math.min(v, maxLevel));
    const encoded = encodeRleHybridWithLength(Uint8Array.from(values), width);
    const a = arena();
    const mark = a.mark();
    const ptr = a.copyIn(encoded);
    const levels = decodeLevelsV1(a, Encoding.RLE, ptr, encoded.length, values.length, maxLevel);
    t.equal(levels.consumed, encoded.length, 'consumed the prefix and the runs');
    sameArray(t, a.view(Uint32Array, levels.ptr, values.length), values, `max level ${maxLevel}`);
    a.release(mark);
  }
});

t.test('RLE booleans carry the length prefix and round trip through the reader', async (t) => {
  const random = new Random(104);
  for (const count of [0, 1, 8, 13, 1000, 50_000]) {
    const values = Uint8Array.from(runny(random, count, 1));
    const encoded = encodeRleBooleans(values);
    t.equal(new DataView(encoded.buffer).getUint32(0, true), encoded.length - 4, 'length prefix');
    sameArray(
      t,
      readBack(encoded, { kind: 'boolean', data: values }, Encoding.RLE, count).data,
      values,
      `count ${count}`,
    );
  }
});

t.test('encodeRleHybrid rejects a bad width and values wider than it', async (t) => {
  t.throws(() => encodeRleHybrid(Uint8Array.of(1), 9), { code: 'BAD_ARGUMENT' });
  t.throws(() => encodeRleHybrid(Int32Array.of(1), 33), { code: 'BAD_ARGUMENT' });
  t.throws(() => encodeRleHybrid(Int32Array.of(1), 1.5), { code: 'BAD_ARGUMENT' });
  t.throws(() => encodeRleHybrid(Uint8Array.of(0, 1, 2), 1), { code: 'BAD_ARGUMENT' });
  t.throws(() => encodeRleHybrid(Int32Array.of(0, -1), 31), { code: 'BAD_ARGUMENT' }, 'negative index');
  t.same(
    encodeRleHybrid(Int32Array.of(-1, -1), 32),
    Uint8Array.of(4, 0xff, 0xff, 0xff, 0xff),
    'width 32 takes all bits',
  );
});
