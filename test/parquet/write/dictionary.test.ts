import t, { type Test } from 'tap';
import { arena } from '../../../src/kernels/arena.js';
import { buildDictionary } from '../../../src/parquet/write/dictionary.js';
import { type PhysicalValues, physicalLength } from '../../../src/parquet/write/leaf_data.js';
import { Random } from '../../kernels/reference/random.js';

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The bytes of value i of fixed-width or byte-array values. */
function valueBytes(values: PhysicalValues, i: number): Uint8Array {
  if (values.kind === 'byte_array') return values.data.subarray(values.offsets[i], values.offsets[i + 1]);
  const width = bytesOf(values.data).length / physicalLength(values);
  return bytesOf(values.data).subarray(i * width, (i + 1) * width);
}

/** Checks that the indices reproduce the values and that the dictionary is in first-occurrence order. */
function checkDictionary(t: Test, values: PhysicalValues, limit = 1 << 30): void {
  const result = buildDictionary(values, limit);
  if (!result) {
    t.fail(`${values.kind}: no dictionary`);
    return;
  }
  const { indices, dictionary } = result;
  t.equal(dictionary.kind, values.kind);
  const n = physicalLength(values);
  t.equal(indices.length, n);
  let bad = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const index = indices[i]!;
    if (index > next) bad++; // a new entry must be the next one: first-occurrence order
    if (index === next) next++;
    if (Buffer.compare(valueBytes(dictionary, index), valueBytes(values, i)) !== 0) bad++;
  }
  t.equal(bad, 0, `${values.kind}: indices reproduce the values in first-occurrence order`);
  t.equal(physicalLength(dictionary), next, `${values.kind}: no unused entries`);
  const keys = new Set(Array.from({ length: next }, (_, i) => Buffer.from(valueBytes(dictionary, i)).toString('hex')));
  t.equal(keys.size, next, `${values.kind}: entries are distinct`);
}

t.test('every physical type: indices reproduce the values, first-occurrence order', async (t) => {
  const random = new Random(21);
  const n = 20_000;
  const pick = <T>(pool: T[]) => pool[random.below(pool.length)]!;
  const ints = Array.from({ length: 500 }, () => random.u32() | 0);
  const bigs = Array.from({ length: 500 }, () => BigInt.asIntN(64, random.bits(64)));
  const words = Array.from({ length: 700 }, () => random.bytes(random.below(30)));
  const offsets = new Int32Array(n + 1);
  const drawn = Array.from({ length: n }, () => pick(words));
  let at = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = at;
    at += drawn[i]!.length;
  }
  offsets[n] = at;
  checkDictionary(t, { kind: 'int32', data: Int32Array.from({ length: n }, () => pick(ints)) });
  checkDictionary(t, { kind: 'int64', data: BigInt64Array.from({ length: n }, () => pick(bigs)) });
  checkDictionary(t, { kind: 'float', data: Float32Array.from({ length: n }, () => pick(ints) / 3) });
  checkDictionary(t, { kind: 'double', data: Float64Array.from({ length: n }, () => pick(ints) / 7) });
  const int96Pool = Array.from({ length: 100 }, () => random.bytes(12));
  checkDictionary(t, { kind: 'int96', data: Buffer.concat(Array.from({ length: n }, () => pick(int96Pool))) });
  const flbaPool = Array.from({ length: 100 }, () => random.bytes(16));
  checkDictionary(t, {
    kind: 'fixed_len_byte_array',
    width: 16,
    data: Buffer.concat(Array.from({ length: n }, () => pick(flbaPool))),
  });
  checkDictionary(t, { kind: 'byte_array', offsets, data: Buffer.concat(drawn) });
  // A page's subarray of a chunk's offsets (offsets[0] > 0).
  checkDictionary(t, { kind: 'byte_array', offsets: offsets.subarray(5000, 9001), data: Buffer.concat(drawn) });
});

t.test('dense integer ranges (direct map) give the same dictionaries as hashing', async (t) => {
  const random = new Random(22);
  const n = 5000;
  checkDictionary(t, { kind: 'int32', data: Int32Array.from({ length: n }, () => random.below(100) - 50) });
  checkDictionary(t, { kind: 'int32', data: Int32Array.from({ length: n }, () => 0x7fffffff - random.below(3000)) });
  checkDictionary(t, { kind: 'int32', data: Int32Array.from({ length: n }, () => -0x80000000 + random.below(3000)) });
  checkDictionary(t, { kind: 'int32', data: Int32Array.from({ length: n }, (_, i) => i) });
  const top = (1n << 63n) - 1n;
  checkDictionary(t, {
    kind: 'int64',
    data: BigInt64Array.from({ length: n }, () => top - BigInt(random.below(9000))),
  });
  checkDictionary(t, {
    kind: 'int64',
    data: BigInt64Array.from({ length: n }, () => -top - 1n + BigInt(random.below(10))),
  });
  checkDictionary(t, { kind: 'int64', data: BigInt64Array.from({ length: n }, () => BigInt(random.below(2 * n) - n)) });
  // The span limit: a few far-apart values go through the hash table.
  checkDictionary(t, { kind: 'int64', data: BigInt64Array.of(-top, top, 0n, top, -top) });
  checkDictionary(t, { kind: 'int32', data: Int32Array.of(-0x80000000, 0x7fffffff, 0, 0x7fffffff) });
  // The dictionary limit also holds on the direct-map path.
  t.equal(buildDictionary({ kind: 'int32', data: Int32Array.from({ length: 100 }, (_, i) => i) }, 4 * 99), undefined);
});

t.test('floats compare by bit pattern: NaN dedups, -0 and +0 stay apart', async (t) => {
  const result = buildDictionary(
    { kind: 'double', data: Float64Array.of(Number.NaN, 0, -0, Number.NaN, 0, -0) },
    1000,
  )!;
  t.same([...result.indices], [0, 1, 2, 0, 1, 2]);
  const dict = result.dictionary.data as Float64Array;
  t.ok(Number.isNaN(dict[0]));
  t.ok(Object.is(dict[1], 0));
  t.ok(Object.is(dict[2], -0));
  const floats = buildDictionary({ kind: 'float', data: Float32Array.of(-0, 0, -0) }, 1000)!;
  t.same([...floats.indices], [0, 1, 0]);
});

t.test('the size limit: undefined once the PLAIN dictionary would pass it', async (t) => {
  const data = Int32Array.from({ length: 1000 }, (_, i) => i % 10);
  t.ok(buildDictionary({ kind: 'int32', data }, 40), 'exactly 10 x 4 bytes fits');
  t.equal(buildDictionary({ kind: 'int32', data }, 39), undefined);
  t.equal(buildDictionary({ kind: 'int64', data: new BigInt64Array(5).map((_, i) => BigInt(i)) }, 39), undefined);
  const offsets = Int32Array.of(0, 3, 6, 9, 12);
  const text = new TextEncoder().encode('abcabcdefxyz'); // abc, abc, def, xyz: 3 entries of 4 + 3
  t.ok(buildDictionary({ kind: 'byte_array', offsets, data: text }, 21));
  t.equal(buildDictionary({ kind: 'byte_array', offsets, data: text }, 20), undefined);
  t.equal(buildDictionary({ kind: 'int32', data: Int32Array.of(1) }, 0), undefined);
  // A high-cardinality column stops early rather than building a huge table.
  const distinct = Int32Array.from({ length: 1_000_000 }, (_, i) => i);
  t.equal(buildDictionary({ kind: 'int32', data: distinct }, 1 << 20), undefined);
});

t.test('empty inputs and booleans', async (t) => {
  const empty = buildDictionary({ kind: 'int32', data: new Int32Array(0) }, 100)!;
  t.equal(empty.indices.length, 0);
  t.equal(physicalLength(empty.dictionary), 0);
  const emptyBytes = buildDictionary({ kind: 'byte_array', offsets: Int32Array.of(4), data: new Uint8Array(9) }, 100)!;
  t.equal(physicalLength(emptyBytes.dictionary), 0);
  const zeroWidth = buildDictionary({ kind: 'fixed_len_byte_array', width: 0, data: new Uint8Array(0) }, 100)!;
  t.equal(zeroWidth.indices.length, 0);
  t.equal(buildDictionary({ kind: 'boolean', data: Uint8Array.of(0, 1, 1) }, 100), undefined);
  const emptyStrings = buildDictionary(
    { kind: 'byte_array', offsets: Int32Array.of(0, 0, 0, 1), data: Uint8Array.of(65) },
    100,
  )!;
  t.same([...emptyStrings.indices], [0, 0, 1]);
  t.same([...(emptyStrings.dictionary as { offsets: Int32Array }).offsets], [0, 0, 1]);
});

t.test('the deciding prefix: same outcome as the whole chunk, without copying the chunk in', async (t) => {
  // Distinct values only after the prefix (twice the limit's PLAIN size): the prefix fits, the whole does not.
  const late = Int32Array.from({ length: 10_000 }, (_, i) => (i < 5_000 ? i % 3 : i));
  t.equal(buildDictionary({ kind: 'int32', data: late }, 400), undefined);
  // Exactly at the limit over the whole chunk, repeats everywhere: the prefix is not decisive, the chunk fits.
  const cyclic = Int32Array.from({ length: 10_000 }, (_, i) => (i * 7) % 100);
  const fits = buildDictionary({ kind: 'int32', data: cyclic }, 400);
  t.equal(fits?.indices.length, 10_000);
  t.equal(buildDictionary({ kind: 'int32', data: cyclic }, 399), undefined);
  // Byte arrays: the prefix is measured in PLAIN bytes (4-byte length + bytes).
  const words = Array.from({ length: 5_000 }, (_, i) => `w${i < 2_500 ? i % 5 : i}`);
  const encoder = new TextEncoder();
  const data = encoder.encode(words.join(''));
  const offsets = new Int32Array(words.length + 1);
  for (let i = 0; i < words.length; i++) offsets[i + 1] = (offsets[i] as number) + (words[i] as string).length;
  t.equal(buildDictionary({ kind: 'byte_array', offsets, data }, 100), undefined, 'late distinct values overflow');
  t.ok(buildDictionary({ kind: 'byte_array', offsets: offsets.subarray(0, 2_501), data }, 100), 'the prefix fits');

  // A high-cardinality chunk far larger than the limit: the kernel memory grows by the prefix, not the chunk.
  const n = 1_000_000;
  const big = {
    kind: 'byte_array' as const,
    offsets: Int32Array.from({ length: n + 1 }, (_, i) => 16 * i),
    data: new Uint8Array(16 * n),
  };
  new DataView(big.data.buffer).setUint32(0, 1);
  for (let i = 0; i < n; i++) new DataView(big.data.buffer).setUint32(16 * i, i);
  const before = arena().wasm.memory.buffer.byteLength;
  t.equal(buildDictionary(big, 1 << 20), undefined);
  t.ok(arena().wasm.memory.buffer.byteLength - before <= 16 << 20, 'arena growth bounded by the prefix');
});
