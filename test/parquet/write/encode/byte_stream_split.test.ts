import t from 'tap';
import { Encoding } from '../../../../src/parquet/metadata/enums.js';
import { encodeByteStreamSplit } from '../../../../src/parquet/write/encode/index.js';
import { comparable, everyKind, Random, readBack } from './read_back.js';

t.test('BYTE_STREAM_SPLIT round trips through the reader: float, double, int32, int64, FLBA', async (t) => {
  const random = new Random(501);
  for (const count of [0, 1, 15, 16, 17, 1000, 10_001]) {
    for (const values of everyKind(random, count)) {
      if (values.kind === 'boolean' || values.kind === 'byte_array' || values.kind === 'int96') continue;
      const encoded = encodeByteStreamSplit(values);
      const back = readBack(encoded, values, Encoding.BYTE_STREAM_SPLIT, count);
      t.same(comparable(back), comparable(values), `${values.kind} count ${count}`);
    }
  }
});

t.test('BYTE_STREAM_SPLIT layout', async (t) => {
  t.same(
    encodeByteStreamSplit({ kind: 'int32', data: Int32Array.of(0x04030201, 0x08070605) }),
    Uint8Array.of(1, 5, 2, 6, 3, 7, 4, 8),
  );
});
