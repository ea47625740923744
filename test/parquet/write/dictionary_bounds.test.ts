import t from 'tap';
import { buildDictionary } from '../../../src/parquet/write/dictionary.js';
import { boundsFromDictionary, dictionaryRanks } from '../../../src/parquet/write/dictionary_bounds.js';
import type { PhysicalValues } from '../../../src/parquet/write/leaf_data.js';
import { computeBounds, type StatOrder } from '../../../src/parquet/write/statistics.js';
import { Random } from '../../kernels/reference/random.js';

/** Values of a `pages`-page column drawn from a pool; each page's bounds from the dictionary must equal
 *  computeBounds over the page's values. */
t.test('page bounds from dictionary ranks equal bounds of the values, for every kind and order', async (t) => {
  const random = new Random(91);
  const n = 3000;
  const pick = <T>(pool: readonly T[]) => pool[random.below(pool.length)]!;
  const words = Array.from({ length: 200 }, () => random.bytes(random.below(9)));
  const drawn = Array.from({ length: n }, () => pick(words));
  const offsets = new Int32Array(n + 1);
  drawn.forEach((w, i) => {
    offsets[i + 1] = offsets[i]! + w.length;
  });
  const floats = [Number.NaN, 0, -0, 1.5, -2.25, Number.POSITIVE_INFINITY, 1e-300, -7];
  const cases: [PhysicalValues, StatOrder][] = [
    [{ kind: 'int32', data: Int32Array.from({ length: n }, () => random.u32() | 0) }, 'signed'],
    [{ kind: 'int32', data: Int32Array.from({ length: n }, () => (random.u32() | 0) >> 20) }, 'unsigned'],
    [{ kind: 'int64', data: BigInt64Array.from({ length: n }, () => BigInt.asIntN(64, random.bits(64))) }, 'unsigned'],
    [{ kind: 'int64', data: BigInt64Array.from({ length: n }, () => BigInt(random.below(100) - 50)) }, 'signed'],
    [{ kind: 'double', data: Float64Array.from({ length: n }, () => pick(floats)) }, 'signed'],
    [{ kind: 'float', data: Float32Array.from({ length: n }, () => pick(floats)) }, 'signed'],
    [{ kind: 'byte_array', offsets, data: Buffer.concat(drawn) }, 'unsigned'],
    [{ kind: 'byte_array', offsets, data: Buffer.concat(drawn) }, 'decimal'],
    [{ kind: 'fixed_len_byte_array', width: 3, data: random.bytes(3 * n) }, 'unsigned'],
    [{ kind: 'fixed_len_byte_array', width: 4, data: random.bytes(4 * n) }, 'decimal'],
    [{ kind: 'fixed_len_byte_array', width: 2, data: random.bytes(2 * n) }, 'float16'],
  ];
  for (const [values, order] of cases) {
    const { indices, dictionary } = buildDictionary(values, 1 << 30)!;
    const ranks = dictionaryRanks(dictionary, order)!;
    for (const [start, end] of [
      [0, n],
      [0, 1],
      [17, 400],
      [2999, 3000],
    ] as const) {
      const page = indices.subarray(start, end);
      const expected = computeBounds(gather(dictionary, page), order);
      const got = boundsFromDictionary(page, dictionary, ranks, order);
      t.same(got, expected, `${values.kind} ${order} [${start}, ${end})`);
    }
  }
});

t.test('a page of NaNs has no bounds; INT96 and order none have no ranks; bad indices throw', async (t) => {
  const { indices, dictionary } = buildDictionary(
    { kind: 'double', data: Float64Array.of(Number.NaN, 1, Number.NaN) },
    100,
  )!;
  const ranks = dictionaryRanks(dictionary, 'signed')!;
  t.same([...ranks], [-1, 0]);
  t.equal(boundsFromDictionary(Int32Array.of(0, 0), dictionary, ranks, 'signed'), undefined);
  t.ok(boundsFromDictionary(indices, dictionary, ranks, 'signed'));
  t.equal(boundsFromDictionary(new Int32Array(0), dictionary, ranks, 'signed'), undefined);
  t.throws(() => boundsFromDictionary(Int32Array.of(2), dictionary, ranks, 'signed'), { code: 'BAD_ARGUMENT' });
  t.equal(dictionaryRanks({ kind: 'int96', data: new Uint8Array(12) }, 'signed'), undefined);
  t.equal(dictionaryRanks(dictionary, 'none'), undefined);
});

/** dictionary[indices[i]] for every i, as PhysicalValues of the dictionary's kind. */
function gather(dictionary: PhysicalValues, indices: Int32Array): PhysicalValues {
  const list = [...indices];
  switch (dictionary.kind) {
    case 'int32':
      return { kind: 'int32', data: Int32Array.from(list, (i) => dictionary.data[i]!) };
    case 'int64':
      return { kind: 'int64', data: BigInt64Array.from(list, (i) => dictionary.data[i]!) };
    case 'float':
      return { kind: 'float', data: Float32Array.from(list, (i) => dictionary.data[i]!) };
    case 'double':
      return { kind: 'double', data: Float64Array.from(list, (i) => dictionary.data[i]!) };
    case 'fixed_len_byte_array': {
      const w = dictionary.width;
      return {
        kind: dictionary.kind,
        width: w,
        data: Buffer.concat(list.map((i) => dictionary.data.subarray(i * w, (i + 1) * w))),
      };
    }
    case 'byte_array': {
      const parts = list.map((i) => dictionary.data.subarray(dictionary.offsets[i], dictionary.offsets[i + 1]));
      const offsets = new Int32Array(parts.length + 1);
      parts.forEach((p, k) => {
        offsets[k + 1] = offsets[k]! + p.length;
      });
      return { kind: 'byte_array', offsets, data: Buffer.concat(parts) };
    }
    default:
      throw new Error('not used');
  }
}
