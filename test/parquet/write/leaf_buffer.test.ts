import t from 'tap';
import { LeafBuffer, leafDataBytes } from '../../../src/parquet/write/leaf_buffer.js';
import type { LeafData, PhysicalValues } from '../../../src/parquet/write/leaf_data.js';

/** Plain arrays of a LeafData, to compare with t.same. */
function plain(d: LeafData) {
  const v = d.values;
  return {
    numLevels: d.numLevels,
    numRows: d.numRows,
    defLevels: d.defLevels ? [...d.defLevels] : undefined,
    repLevels: d.repLevels ? [...d.repLevels] : undefined,
    values:
      v.kind === 'byte_array'
        ? Array.from({ length: v.offsets.length - 1 }, (_, i) =>
            new TextDecoder().decode(v.data.subarray(v.offsets[i], v.offsets[i + 1])),
          )
        : v.kind === 'int64'
          ? [...v.data].map(String)
          : [...(v.data as Uint8Array)],
  };
}

function strings(words: string[], padBefore = 0): PhysicalValues {
  const bytes = new TextEncoder().encode(`${'#'.repeat(padBefore)}${words.join('')}#####`);
  const offsets = new Int32Array(words.length + 1);
  offsets[0] = padBefore;
  for (let i = 0; i < words.length; i++) offsets[i + 1] = (offsets[i] as number) + (words[i] as string).length;
  return { kind: 'byte_array', offsets, data: bytes };
}

t.test('one piece is kept as given, no copy', async (t) => {
  const leaf: LeafData = { numLevels: 3, numRows: 3, values: { kind: 'int32', data: Int32Array.of(1, 2, 3) } };
  const buffer = new LeafBuffer();
  buffer.append(leaf, 1000);
  t.equal(buffer.rows, 3);
  t.equal(buffer.take(), leaf);
  t.equal(buffer.rows, 0);
});

t.test('pieces are joined in order, levels and values, and storage is reused', async (t) => {
  const buffer = new LeafBuffer();
  const piece = (start: number, n: number): LeafData => ({
    numLevels: n,
    numRows: n,
    defLevels: Uint8Array.from({ length: n }, (_, i) => (start + i) % 2),
    values: { kind: 'int64', data: BigInt64Array.from({ length: n }, (_, i) => BigInt(start + i) * 3n) },
  });
  for (let round = 0; round < 3; round++) {
    // Expected rows far too small: the store must grow.
    for (let s = 0; s < 50; s += 10) buffer.append(piece(s + round, 10), 12);
    const joined = buffer.take();
    t.same(plain(joined), {
      numLevels: 50,
      numRows: 50,
      defLevels: Array.from({ length: 50 }, (_, i) => (i + round) % 2),
      repLevels: undefined,
      values: Array.from({ length: 50 }, (_, i) => String(BigInt(i + round) * 3n)),
    });
    t.ok(joined.values.data instanceof BigInt64Array);
  }
});

t.test('byte arrays: offsets rebased, bytes outside the offsets dropped', async (t) => {
  const buffer = new LeafBuffer();
  const a: LeafData = { numLevels: 2, numRows: 2, values: strings(['ab', 'c'], 3) };
  const b: LeafData = {
    numLevels: 3,
    numRows: 2,
    repLevels: Uint8Array.of(0, 1, 0),
    values: strings(['', 'def', 'g']),
  };
  const empty: LeafData = { numLevels: 1, numRows: 1, repLevels: Uint8Array.of(0), values: strings([]) };
  buffer.append({ ...a, repLevels: Uint8Array.of(0, 0) }, 100);
  buffer.append(b, 100);
  buffer.append(empty, 100);
  const joined = buffer.take();
  t.same(plain(joined), {
    numLevels: 6,
    numRows: 5,
    defLevels: undefined,
    repLevels: [0, 0, 0, 1, 0, 0],
    values: ['ab', 'c', '', 'def', 'g'],
  });
  const v = joined.values as Extract<PhysicalValues, { kind: 'byte_array' }>;
  t.same([...v.offsets], [0, 2, 3, 3, 6, 7]);
  t.equal(v.data.byteLength, 7);
  // Taken once, the buffer starts over with a fresh single piece.
  buffer.append(a, 100);
  buffer.append(a, 100);
  t.same(plain(buffer.take()).values, ['ab', 'c', 'ab', 'c']);
});

t.test('leafDataBytes counts what the offsets span', async (t) => {
  t.equal(leafDataBytes({ numLevels: 2, numRows: 2, values: strings(['ab', 'c'], 3) }), 3 + 12);
  t.equal(
    leafDataBytes({
      numLevels: 2,
      numRows: 2,
      defLevels: Uint8Array.of(1, 1),
      values: { kind: 'double', data: new Float64Array(2) },
    }),
    18,
  );
});
