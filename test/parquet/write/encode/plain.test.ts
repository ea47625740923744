import t from 'tap';
import { Encoding } from '../../../../src/parquet/metadata/enums.js';
import { encodePlain } from '../../../../src/parquet/write/encode/index.js';
import { type PhysicalValues, physicalLength } from '../../../../src/parquet/write/leaf_data.js';
import { comparable, everyKind, Random, readBack } from './read_back.js';

t.test('PLAIN of every physical type round trips through the reader', async (t) => {
  const random = new Random(201);
  for (const count of [0, 1, 2, 15, 16, 17, 1000, 10_001]) {
    for (const values of everyKind(random, count)) {
      t.equal(physicalLength(values), count);
      const encoded = encodePlain(values);
      const back = readBack(encoded, values, Encoding.PLAIN, count);
      t.same(comparable(back), comparable(values), `${values.kind} count ${count}`);
    }
  }
});

t.test('PLAIN layouts', async (t) => {
  t.same(encodePlain({ kind: 'boolean', data: Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 0, 1) }), Uint8Array.of(0x0d, 0x01));
  t.same(encodePlain({ kind: 'int32', data: Int32Array.of(1, -2) }), Uint8Array.of(1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff));
  const strings = { kind: 'byte_array', offsets: Int32Array.of(2, 4, 4, 5), data: Uint8Array.of(9, 9, 65, 66, 67, 9) };
  t.same(
    encodePlain(strings as PhysicalValues),
    Uint8Array.of(2, 0, 0, 0, 65, 66, 0, 0, 0, 0, 1, 0, 0, 0, 67),
    'offsets starting past 0',
  );
  const view = new Int32Array(8).subarray(2, 4);
  view.set([7, 8]);
  t.same(encodePlain({ kind: 'int32', data: view }), Uint8Array.of(7, 0, 0, 0, 8, 0, 0, 0), 'a subarray view');
});

t.test('PLAIN rejects byte-array offsets outside the data', async (t) => {
  const data = Uint8Array.of(1, 2, 3);
  t.throws(() => encodePlain({ kind: 'byte_array', offsets: Int32Array.of(0, 4), data }), { code: 'BAD_ARGUMENT' });
  t.throws(() => encodePlain({ kind: 'byte_array', offsets: Int32Array.of(0, 3, 1, 3), data }), {
    code: 'BAD_ARGUMENT',
  });
  t.throws(() => encodePlain({ kind: 'byte_array', offsets: new Int32Array(0), data }), { code: 'BAD_ARGUMENT' });
});
