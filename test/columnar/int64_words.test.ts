import t from 'tap';
import { int64FromIntegers, integersFromInt64 } from '../../src/columnar/int64_words.js';

t.test('int64 <-> number through the words, both signs, up to 2^53', async (t) => {
  const numbers = [
    0,
    1,
    -1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    2 ** 32 + 5,
    -(2 ** 32) - 5,
    2 ** 53 - 1,
    -(2 ** 53) + 1,
  ];
  const wide = int64FromIntegers(Float64Array.from(numbers));
  t.same([...wide], numbers.map(BigInt));
  t.ok(wide.buffer instanceof SharedArrayBuffer);
  t.same([...integersFromInt64(wide)], numbers);
  t.same([...integersFromInt64(BigInt64Array.from([7n, -8n, 9n]), 2)], [7, -8], 'first length values');
  const offset = new BigInt64Array(4).fill(3n).subarray(1);
  t.same([...integersFromInt64(offset)], [3, 3, 3], 'a view at an offset');
});
