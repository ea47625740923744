import t from 'tap';
import { CompressionCodec, codecName } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrip } from '../../support/codec-assert.js';
import { randomBytes } from '../../support/data.js';

t.test('LZO and unknown codecs are UNSUPPORTED', async (t) => {
  assertRejects(t, CompressionCodec.LZO, Uint8Array.of(1, 2, 3), 3, 'UNSUPPORTED', 'LZO');
  for (const codec of [8, 42, -1, 1.5]) assertRejects(t, codec, Uint8Array.of(1), 1, 'UNSUPPORTED', `codec ${codec}`);
  try {
    const { decompress } = await import('../../../src/parquet/codecs/index.js');
    decompress(CompressionCodec.LZO, new Uint8Array(4), 4);
  } catch (err) {
    t.match((err as Error).message, /unsupported codec LZO/);
  }
});

t.test('codec names follow parquet.thrift', async (t) => {
  t.equal(codecName(CompressionCodec.LZ4_RAW), 'LZ4_RAW');
  t.equal(codecName(9), 'codec 9');
});

t.test('UNCOMPRESSED returns the bytes and checks the size', async (t) => {
  const data = randomBytes(1000, 1);
  assertRoundTrip(t, CompressionCodec.UNCOMPRESSED, data, data, 'uncompressed');
  assertRejects(t, CompressionCodec.UNCOMPRESSED, data, 999, 'BAD_PAGE', 'size mismatch');
});

t.test('invalid or impossible uncompressed sizes are rejected before any allocation', async (t) => {
  const input = randomBytes(1024, 2);
  for (const codec of [1, 2, 4, 5, 6, 7]) {
    assertRejects(t, codec, input, -1, 'BAD_PAGE', `${codecName(codec)} negative`);
    assertRejects(t, codec, input, 2 ** 31, 'BAD_PAGE', `${codecName(codec)} 2^31`);
    assertRejects(t, codec, input, 0.5, 'BAD_PAGE', `${codecName(codec)} fractional`);
  }
  // 1 KB cannot expand to 2^31 - 1 bytes under any codec with a bounded ratio.
  for (const codec of [1, 2, 5, 6, 7]) {
    assertRejects(t, codec, input, 2 ** 31 - 1, 'BAD_PAGE', `${codecName(codec)} absurd size`);
  }
});

t.test('empty pages decompress to nothing under every codec', async (t) => {
  for (const codec of [0, 1, 2, 4, 5, 6, 7]) {
    assertRoundTrip(t, codec, new Uint8Array(0), new Uint8Array(0), codecName(codec));
  }
});
