import t from 'tap';
import { hashByteArrays, hashFixedWidth, hashValues } from '../../../src/parquet/write/hash.js';
import type { PhysicalValues } from '../../../src/parquet/write/leaf_data.js';
import { Random } from '../../kernels/reference/random.js';
import { xxhash64Reference } from '../../kernels/reference/xxhash64.js';

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

t.test('hashValues hashes the PLAIN bytes of every physical type (byte arrays without length)', async (t) => {
  const random = new Random(3);
  const n = 50;
  const int32 = Int32Array.from({ length: n }, () => random.u32() | 0);
  const int64 = BigInt64Array.from({ length: n }, () => BigInt.asIntN(64, random.bits(64)));
  const float = Float32Array.from({ length: n }, () => random.u32() / 7 - 1e8);
  const double = Float64Array.from({ length: n }, () => random.u32() / 3 - 1e9);
  const cases: [PhysicalValues, number][] = [
    [{ kind: 'int32', data: int32 }, 4],
    [{ kind: 'int64', data: int64 }, 8],
    [{ kind: 'float', data: float }, 4],
    [{ kind: 'double', data: double }, 8],
    [{ kind: 'int96', data: random.bytes(12 * n) }, 12],
    [{ kind: 'fixed_len_byte_array', width: 16, data: random.bytes(16 * n) }, 16],
    [{ kind: 'boolean', data: Uint8Array.from({ length: n }, () => random.below(2)) }, 1],
  ];
  for (const [values, width] of cases) {
    const bytes = bytesOf(values.data);
    const got = hashValues(values);
    t.equal(got.length, n);
    const expected = BigUint64Array.from({ length: n }, (_, i) =>
      xxhash64Reference(bytes.subarray(i * width, (i + 1) * width)),
    );
    t.same(got, expected, values.kind);
  }
});

t.test('byte arrays: a subarray of offsets hashes like its values alone', async (t) => {
  const encoder = new TextEncoder();
  const words = ['', 'a', 'abc', 'Nobody inspects the spammish repetition', 'π≈3.14', 'x'.repeat(77)];
  const data = encoder.encode(words.join(''));
  const offsets = new Int32Array(words.length + 1);
  words.forEach((w, i) => {
    offsets[i + 1] = offsets[i]! + encoder.encode(w).length;
  });
  const all = hashByteArrays(offsets, data);
  t.equal(all[0], 0xef46db3751d8e999n);
  t.equal(all[1], 0xd24ec4f1a98c6e5bn);
  t.equal(all[2], 0x44bc2cf5ad770999n);
  t.equal(all[3], 0xfbcea83c8a378bf1n);
  t.same(hashByteArrays(offsets.subarray(2, 5), data), all.slice(2, 4));
  t.same(hashValues({ kind: 'byte_array', offsets: offsets.subarray(3), data }), all.slice(3));
  t.same(hashByteArrays(Int32Array.of(0), data), new BigUint64Array(0));
});

t.test('seeds change the hash, the same seed gives the reference', async (t) => {
  const bytes = new Random(4).bytes(40);
  for (const seed of [0n, 42n, (1n << 64n) - 1n]) {
    const got = hashFixedWidth(bytes, 8, seed);
    t.same(
      got,
      BigUint64Array.from({ length: 5 }, (_, i) => xxhash64Reference(bytes.subarray(i * 8, i * 8 + 8), seed)),
    );
  }
  t.not(hashFixedWidth(bytes, 40, 1n)[0], hashFixedWidth(bytes, 40, 0n)[0]);
  t.throws(() => hashFixedWidth(bytes, 0), { code: 'BAD_ARGUMENT' });
});
