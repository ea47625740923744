import t from 'tap';
import { columnFromValues } from '../../../src/columnar/build.js';
import { decodeDictionary } from '../../../src/columnar/dictionary.js';
import { sliceColumn } from '../../../src/columnar/slice.js';
import type { Column, DataType } from '../../../src/columnar/types.js';
import { AlgorithmError } from '../../../src/dataframe/algorithms/errors.js';
import { hashColumn, hashColumns, hashOfNull, hashPartitions } from '../../../src/dataframe/algorithms/hash.js';
import {
  combineReference,
  floatWord,
  hashWordReference,
  integerWord,
  nullHashReference,
} from '../../kernels/reference/column_hash.js';
import { Random } from '../../kernels/reference/random.js';
import { xxhash64Reference } from '../../kernels/reference/xxhash64.js';

const hashes = (type: DataType, values: readonly unknown[], seed?: bigint) => [
  ...hashColumn(columnFromValues(type, values), seed),
];

t.test('every integer type hashes a value as the same 64-bit integer', async (t) => {
  const values = [0, 1, 7, 100, null];
  const expected = [0n, 1n, 7n, 100n].map((v) => hashWordReference(v, 0n)).concat(nullHashReference(0n));
  for (const kind of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'date32'] as const) {
    t.same(hashes({ kind }, values), expected, kind);
  }
  for (const kind of ['int64', 'uint64', 'date64'] as const) {
    t.same(
      hashes(
        { kind },
        values.map((v) => (v === null ? null : BigInt(v))),
      ),
      expected,
      kind,
    );
  }
  t.same(hashes({ kind: 'timestamp', unit: 'ms' }, [7n]), [hashWordReference(7n, 0n)]);
  t.same(hashes({ kind: 'int8' }, [-1]), hashes({ kind: 'int64' }, [-1n]), 'negative values sign-extend');
  t.same(hashes({ kind: 'int32' }, [-1]), [hashWordReference(integerWord(-1), 0n)]);
  t.same(
    hashes({ kind: 'bool' }, [true, false, null]),
    [1n, 0n].map((v) => hashWordReference(v, 0n)).concat(nullHashReference(0n)),
  );
});

t.test('floats: f32 and f64 alike, -0 = +0, every NaN equal, ints differ from floats', async (t) => {
  const f64 = hashes({ kind: 'float64' }, [1.5, 0, -0, Number.NaN, -Number.NaN, null]);
  t.same(hashes({ kind: 'float32' }, [1.5, 0, -0, Number.NaN, -Number.NaN, null]), f64);
  t.same(hashes({ kind: 'float16' }, [1.5, 0, -0, Number.NaN, -Number.NaN, null]), f64);
  t.equal(f64[1], f64[2]);
  t.equal(f64[3], f64[4]);
  t.equal(f64[0], hashWordReference(floatWord(1.5), 0n));
  t.not(hashes({ kind: 'float64' }, [1])[0], hashes({ kind: 'int64' }, [1n])[0]);
});

t.test('strings by their bytes; large, binary, sliced and dictionary-encoded columns alike', async (t) => {
  const values = ['apple', '', 'banana', null, 'apple', 'ünïcode'];
  const expected = values.map((v) =>
    v === null ? nullHashReference(0n) : xxhash64Reference(new TextEncoder().encode(v), 0n),
  );
  t.same(hashes({ kind: 'utf8' }, values), expected);
  t.same(hashes({ kind: 'large_utf8' }, values), expected);
  t.same(
    hashes(
      { kind: 'binary' },
      values.map((v) => (v === null ? null : new TextEncoder().encode(v))),
    ),
    expected,
  );
  t.same([...hashColumn(sliceColumn(columnFromValues({ kind: 'utf8' }, values), 2, 5))], expected.slice(2, 5));
  const dictType: DataType = { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'utf8' }, ordered: false };
  const dict = columnFromValues(dictType, values);
  t.equal(dict.type.kind, 'dictionary');
  t.same([...hashColumn(dict)], expected, 'dictionary by value');
  t.same([...hashColumn(dict)], [...hashColumn(decodeDictionary(dict))]);
  const int8Dict: DataType = { kind: 'dictionary', index: { kind: 'int8' }, value: { kind: 'int64' }, ordered: false };
  t.same(hashes(int8Dict, [5n, null, 5n, 6n]), hashes({ kind: 'int32' }, [5, null, 5, 6]));
});

t.test('nulls hash to one value per seed; seeds change every hash', async (t) => {
  t.equal(hashOfNull(), nullHashReference(0n));
  t.equal(hashOfNull(5), nullHashReference(5n));
  t.same(hashes({ kind: 'null' }, [null, null]), [nullHashReference(0n), nullHashReference(0n)]);
  const a = hashes({ kind: 'int64' }, [1n, null], 1n);
  const b = hashes({ kind: 'int64' }, [1n, null], 2n);
  t.not(a[0], b[0]);
  t.not(a[1], b[1]);
  t.same(hashes({ kind: 'int64' }, [1n], -1n), hashes({ kind: 'int64' }, [1n], (1n << 64n) - 1n), 'seeds mod 2^64');
});

t.test('structs combine children; lists fold elements; null rows hash as null', async (t) => {
  const type: DataType = {
    kind: 'struct',
    children: [
      { name: 'a', type: { kind: 'int32' }, nullable: true },
      { name: 'b', type: { kind: 'utf8' }, nullable: true },
    ],
  };
  const rows = [{ a: 1, b: 'x' }, null, { a: null, b: 'y' }];
  const got = hashes(type, rows);
  const h = (v: number) => hashWordReference(BigInt(v), 0n);
  const s = (v: string) => xxhash64Reference(new TextEncoder().encode(v), 0n);
  t.same(got, [combineReference(h(1), s('x')), nullHashReference(0n), combineReference(nullHashReference(0n), s('y'))]);
  t.same(
    got,
    [
      ...hashColumns([
        columnFromValues({ kind: 'int32' }, [1, 5, null]),
        columnFromValues({ kind: 'utf8' }, ['x', 'z', 'y']),
      ]),
    ].map((v, i) => (i === 1 ? nullHashReference(0n) : v)),
  );

  const listType: DataType = { kind: 'list', child: { name: 'item', type: { kind: 'int64' }, nullable: true } };
  const lists = [[1n, 2n], [], null, [2n, 1n], [1n, 2n]];
  const l = hashes(listType, lists);
  const fold = (items: bigint[]) =>
    items.reduce(
      (acc, v) => combineReference(acc, hashWordReference(v, 0n)),
      hashWordReference(BigInt(items.length), 0n),
    );
  t.same(l, [fold([1n, 2n]), fold([]), nullHashReference(0n), fold([2n, 1n]), fold([1n, 2n])]);
  t.same(
    hashes(
      { kind: 'large_list', child: { name: 'item', type: { kind: 'int32' }, nullable: true } },
      lists.map((x) => x?.map(Number)),
    ),
    l,
  );
  const fixed: DataType = {
    kind: 'fixed_size_list',
    listSize: 2,
    child: { name: 'item', type: { kind: 'int64' }, nullable: true },
  };
  t.same(hashes(fixed, [[1n, 2n], null, [2n, 1n]]), [fold([1n, 2n]), nullHashReference(0n), fold([2n, 1n])]);
  const sliced = sliceColumn(columnFromValues(listType, lists), 3, 5);
  t.same([...hashColumn(sliced)], l.slice(3), 'sliced lists');
});

t.test('decimals, fixed_size_binary and intervals hash their bytes', async (t) => {
  const fsb = columnFromValues({ kind: 'fixed_size_binary', byteWidth: 3 }, [new Uint8Array([1, 2, 3]), null]);
  t.same([...hashColumn(fsb)], [xxhash64Reference(new Uint8Array([1, 2, 3]), 0n), nullHashReference(0n)]);
  const dec = columnFromValues({ kind: 'decimal', precision: 10, scale: 2, bitWidth: 128 }, [12345n, -1n]);
  const bytes = new Uint8Array(dec.values!.buffer, dec.values!.byteOffset, 32);
  t.same(
    [...hashColumn(dec)],
    [xxhash64Reference(bytes.subarray(0, 16), 0n), xxhash64Reference(bytes.subarray(16), 0n)],
  );
});

t.test('hashColumns folds columns in order; one column equals hashColumn', async (t) => {
  const a = columnFromValues({ kind: 'int64' }, [1n, 2n, null]);
  const b = columnFromValues({ kind: 'utf8' }, ['x', null, 'z']);
  t.same([...hashColumns([a])], [...hashColumn(a)]);
  const ha = hashColumn(a, 3n);
  const hb = hashColumn(b, 3n);
  t.same(
    [...hashColumns([a, b], 3n)],
    [0, 1, 2].map((i) => combineReference(ha[i]!, hb[i]!)),
  );
  t.not(hashColumns([a, b])[0], hashColumns([b, a])[0]);
  t.throws(() => hashColumns([a, columnFromValues({ kind: 'int64' }, [1n])]), AlgorithmError);
  t.throws(() => hashColumns([]), AlgorithmError);
});

t.test('long columns: chunk boundaries, nulls and strings agree with the reference', async (t) => {
  const random = new Random(21);
  const n = 150_001;
  const ints = Array.from({ length: n }, (_, i) => (random.below(10) === 0 ? null : BigInt(i % 1000) - 500n));
  const got = hashColumn(columnFromValues({ kind: 'int64' }, ints), 9n);
  let mismatches = 0;
  for (let i = 0; i < n; i += 97) {
    const v = ints[i];
    const expected = v === null || v === undefined ? nullHashReference(9n) : hashWordReference(integerWord(v), 9n);
    if (got[i] !== expected) mismatches++;
  }
  t.equal(mismatches, 0);
  const strings = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `k${i % 5000}`));
  const sh = hashColumn(columnFromValues({ kind: 'utf8' }, strings));
  t.equal(sh[65_537], xxhash64Reference(new TextEncoder().encode(`k${65_537 % 5000}`), 0n));
  t.equal(sh[70_000], nullHashReference(0n));
  t.equal(sh[5001], sh[1], 'equal strings in different chunks');
});

t.test('malformed columns throw AlgorithmError', async (t) => {
  const broken: Column = {
    type: { kind: 'utf8' },
    length: 2,
    nullCount: 0,
    offsets: new Int32Array([0, 5, 3]),
    data: new Uint8Array(5),
  };
  t.throws(() => hashColumn(broken), { code: 'MALFORMED_COLUMN' });
  const past: Column = {
    type: { kind: 'utf8' },
    length: 1,
    nullCount: 0,
    offsets: new Int32Array([0, 9]),
    data: new Uint8Array(5),
  };
  t.throws(() => hashColumn(past), { code: 'MALFORMED_COLUMN' });
  const dict: Column = {
    type: { kind: 'dictionary', index: { kind: 'int32' }, value: { kind: 'int32' }, ordered: false },
    length: 1,
    nullCount: 0,
    values: new Int32Array([4]),
    dictionary: columnFromValues({ kind: 'int32' }, [1, 2]),
  };
  t.throws(() => hashColumn(dict), { code: 'MALFORMED_COLUMN' });
  t.throws(() => hashColumn({ type: { kind: 'int32' }, length: 1, nullCount: 0 }), { code: 'MALFORMED_COLUMN' });
});

t.test('hashPartitions: the low 32 bits scaled to [0, n), equal keys together, evenly spread', async (t) => {
  const n = 100_000;
  const keys = columnFromValues(
    { kind: 'int64' },
    Array.from({ length: n }, (_, i) => BigInt(i % 5000)),
  );
  const parts = hashPartitions([keys], 7, 3n);
  const h = hashColumn(keys, 3n);
  const counts = new Array(7).fill(0);
  for (let i = 0; i < n; i++) {
    if (parts[i] !== Number(((h[i]! & 0xffffffffn) * 7n) >> 32n)) t.fail(`row ${i}`);
    counts[parts[i]!]++;
    if (i >= 5000 && parts[i] !== parts[i - 5000]) t.fail(`key ${i % 5000} in two partitions`);
  }
  for (const c of counts) t.ok(Math.abs(c - n / 7) < n / 7 / 10, `partition size ${c}`);
  t.same(
    [...hashPartitions([keys], 1)].every((p) => p === 0),
    true,
  );
  t.throws(() => hashPartitions([keys], 0), { code: 'INVALID_ARGUMENT' });
});
