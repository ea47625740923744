import t from 'tap';
import { Encoding } from '../../../../src/parquet/metadata/enums.js';
import { deltaBinaryPackedBound, encodeDeltaBinaryPacked } from '../../../../src/parquet/write/encode/index.js';
import { comparable, Random, readBack } from './read_back.js';

const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

/** Int32 sequences: sorted steps, random, extremes (wrapping deltas), constant. */
function int32s(random: Random, count: number, kind: number): Int32Array {
  let v = random.u32() | 0;
  return Int32Array.from({ length: count }, () => {
    if (kind === 0) v = (v + random.below(50) - 10) | 0;
    else if (kind === 1) v = random.u32() | 0;
    else if (kind === 2) v = [I32_MIN, I32_MAX, 0, -1, 1][random.below(5)]!;
    return v;
  });
}

function int64s(random: Random, count: number, kind: number): BigInt64Array {
  let v = BigInt.asIntN(64, random.bits(64));
  const extremes = [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 1n];
  return BigInt64Array.from({ length: count }, () => {
    if (kind === 0) v = BigInt.asIntN(64, v + BigInt(random.below(1000)) - 100n);
    else if (kind === 1) v = BigInt.asIntN(64, random.bits(random.below(65)));
    else if (kind === 2) v = extremes[random.below(5)]!;
    return v;
  });
}

t.test('DELTA_BINARY_PACKED round trips through the reader, INT32 and INT64', async (t) => {
  const random = new Random(301);
  for (const count of [0, 1, 2, 3, 32, 33, 128, 129, 130, 1000, 65_537]) {
    for (let kind = 0; kind < 4; kind++) {
      const i32 = int32s(random, count, kind);
      const e32 = encodeDeltaBinaryPacked(i32);
      t.ok(e32.length <= deltaBinaryPackedBound(count, 32));
      const back32 = readBack(e32, { kind: 'int32', data: i32 }, Encoding.DELTA_BINARY_PACKED, count);
      t.same(comparable(back32), comparable({ kind: 'int32', data: i32 }), `int32 count ${count} kind ${kind}`);
      const i64 = int64s(random, count, kind);
      const e64 = encodeDeltaBinaryPacked(i64);
      const back64 = readBack(e64, { kind: 'int64', data: i64 }, Encoding.DELTA_BINARY_PACKED, count);
      t.same(comparable(back64), comparable({ kind: 'int64', data: i64 }), `int64 count ${count} kind ${kind}`);
    }
  }
});

t.test('DELTA_BINARY_PACKED is compact on sorted data', async (t) => {
  const sorted = Int32Array.from({ length: 100_000 }, (_, i) => 1_000_000 + i * 3);
  t.ok(encodeDeltaBinaryPacked(sorted).length < 100_000 / 8 + 1000, 'constant step: width 0 miniblocks');
  t.same(
    encodeDeltaBinaryPacked(new Int32Array(0)),
    Uint8Array.of(0x80, 0x01, 4, 0, 0),
    'empty: header only (block 128, 4 miniblocks, 0 values, first 0)',
  );
});
