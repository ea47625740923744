// The compact-protocol decoder reads i64 values exactly up to 2^53 (zigzag varints of up to 10 bytes), and refuses
// larger ones rather than rounding them.
import t from 'tap';
import { decodeStruct, type StructSpec } from '../../../src/parquet/metadata/thrift_reader.js';
import { encodeStruct } from '../../../src/parquet/metadata/thrift_writer.js';

const spec: StructSpec = { struct: 'Probe', fields: { 1: ['n', 'i64'], 2: ['m', 'i32'], 20: ['far', 'i16'] } };

t.test('i64 round trip across varint lengths and signs', (t) => {
  const values = [
    0,
    1,
    -1,
    63,
    -64,
    64,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 32,
    2 ** 35 + 7,
    -(2 ** 40) - 3,
    2 ** 53 - 1,
    -(2 ** 53) + 1,
  ];
  for (const n of values) {
    const bytes = encodeStruct(spec, { n, m: -5, far: 300 });
    const { value, length } = decodeStruct<{ n: number; m: number; far: number }>(spec, bytes);
    t.same(value, { n, m: -5, far: 300 }, `n = ${n}`);
    t.equal(length, bytes.byteLength);
  }
  t.end();
});

t.test('i64 beyond 2^53 and truncated input are BAD_METADATA', (t) => {
  const big = encodeStruct({ struct: 'Big', fields: { 1: ['n', 'i64'] } }, { n: 2n ** 60n } as never);
  t.throws(() => decodeStruct(spec, big), { code: 'BAD_METADATA', message: /2\^53/ });
  const ok = encodeStruct(spec, { n: 2 ** 40 });
  t.throws(() => decodeStruct(spec, ok.subarray(0, ok.length - 2)), { code: 'BAD_METADATA', message: /truncated/ });
  t.end();
});
