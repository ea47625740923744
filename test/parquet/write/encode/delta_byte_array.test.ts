import t from 'tap';
import { Encoding } from '../../../../src/parquet/metadata/enums.js';
import { encodeDeltaByteArray, encodeDeltaLengthByteArray } from '../../../../src/parquet/write/encode/index.js';
import type { PhysicalValues } from '../../../../src/parquet/write/leaf_data.js';
import { comparable, Random, randomByteArrays, readBack } from './read_back.js';

function strings(values: string[]): PhysicalValues & { kind: 'byte_array' } {
  const bytes = values.map((v) => new TextEncoder().encode(v));
  const offsets = new Int32Array(values.length + 1);
  for (let i = 0; i < bytes.length; i++) offsets[i + 1] = offsets[i]! + bytes[i]!.length;
  const data = new Uint8Array(offsets[values.length]!);
  for (let i = 0; i < bytes.length; i++) data.set(bytes[i]!, offsets[i]!);
  return { kind: 'byte_array', offsets, data };
}

t.test('DELTA_LENGTH_BYTE_ARRAY round trips through the reader', async (t) => {
  const random = new Random(401);
  for (const count of [0, 1, 2, 129, 1000, 5000]) {
    const values = randomByteArrays(random, count);
    const back = readBack(encodeDeltaLengthByteArray(values), values, Encoding.DELTA_LENGTH_BYTE_ARRAY, count);
    t.same(comparable(back), comparable(values), `count ${count}`);
  }
  const edge = strings(['', '', 'a', '', 'x'.repeat(70_000), 'é✓']);
  const back = readBack(encodeDeltaLengthByteArray(edge), edge, Encoding.DELTA_LENGTH_BYTE_ARRAY, 6);
  t.same(comparable(back), comparable(edge), 'empty, long and multibyte strings');
});

t.test('DELTA_BYTE_ARRAY round trips through the reader: byte arrays', async (t) => {
  const random = new Random(402);
  for (const count of [0, 1, 2, 129, 1000, 5000]) {
    const values = randomByteArrays(random, count);
    const back = readBack(encodeDeltaByteArray(values), values, Encoding.DELTA_BYTE_ARRAY, count);
    t.same(comparable(back), comparable(values), `count ${count}`);
  }
  const edge = strings(['', 'apple', 'apple', 'applesauce', 'apply', '', 'b', 'banana'.repeat(5000), 'banana']);
  const back = readBack(encodeDeltaByteArray(edge), edge, Encoding.DELTA_BYTE_ARRAY, 9);
  t.same(comparable(back), comparable(edge), 'shared prefixes, repeats, empty values');
});

t.test('DELTA_BYTE_ARRAY round trips through the reader: fixed-length byte arrays', async (t) => {
  const random = new Random(403);
  for (const width of [1, 2, 16]) {
    for (const count of [0, 1, 2, 300]) {
      // Few distinct bytes so neighbours share prefixes.
      const data = Uint8Array.from({ length: count * width }, () => random.below(2));
      const values: PhysicalValues = { kind: 'fixed_len_byte_array', width, data };
      const back = readBack(encodeDeltaByteArray(values), values, Encoding.DELTA_BYTE_ARRAY, count);
      t.same(comparable(back), comparable(values), `width ${width} count ${count}`);
    }
  }
  t.throws(() => encodeDeltaByteArray({ kind: 'fixed_len_byte_array', width: 4, data: new Uint8Array(6) }), {
    code: 'BAD_ARGUMENT',
  });
});

t.test('DELTA_BYTE_ARRAY stores shared prefixes once', async (t) => {
  const urls = strings(
    Array.from({ length: 1000 }, (_, i) => `https://example.com/items/${String(i).padStart(6, '0')}`),
  );
  t.ok(encodeDeltaByteArray(urls).length < urls.data.length / 4);
});
