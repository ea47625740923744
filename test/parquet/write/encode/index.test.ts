import t from 'tap';
import { Encoding } from '../../../../src/parquet/metadata/enums.js';
import { encodeValues } from '../../../../src/parquet/write/encode/index.js';
import { comparable, everyKind, Random, readBack } from './read_back.js';

const APPLIES: Record<number, readonly string[]> = {
  [Encoding.PLAIN]: ['boolean', 'int32', 'int64', 'int96', 'float', 'double', 'byte_array', 'fixed_len_byte_array'],
  [Encoding.RLE]: ['boolean'],
  [Encoding.DELTA_BINARY_PACKED]: ['int32', 'int64'],
  [Encoding.DELTA_LENGTH_BYTE_ARRAY]: ['byte_array'],
  [Encoding.DELTA_BYTE_ARRAY]: ['byte_array', 'fixed_len_byte_array'],
  [Encoding.BYTE_STREAM_SPLIT]: ['int32', 'int64', 'float', 'double', 'fixed_len_byte_array'],
  [Encoding.PLAIN_DICTIONARY]: [],
  [Encoding.RLE_DICTIONARY]: [],
  [Encoding.BIT_PACKED]: [],
  99: [],
};

t.test('encodeValues: every type x encoding round trips through the reader, or is UNSUPPORTED', async (t) => {
  const random = new Random(601);
  for (const count of [0, 1, 333]) {
    for (const values of everyKind(random, count)) {
      for (const [encoding, kinds] of Object.entries(APPLIES)) {
        const e = Number(encoding);
        if (!kinds.includes(values.kind)) {
          t.throws(() => encodeValues(values, e), { code: 'UNSUPPORTED' }, `${values.kind} encoding ${e}`);
          continue;
        }
        const back = readBack(encodeValues(values, e), values, e, count);
        t.same(comparable(back), comparable(values), `${values.kind} encoding ${e} count ${count}`);
      }
    }
  }
});
