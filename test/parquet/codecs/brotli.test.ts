import { brotliCompressSync as brotliCompressSlow, constants } from 'node:zlib';
import t from 'tap';
import { CompressionCodec } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrips } from '../../support/codec-assert.js';
import { csvLikeText, randomBytes } from '../../support/data.js';

const BROTLI = CompressionCodec.BROTLI;

/** Quality 5: the default (11) takes most of a minute on the larger inputs; decoding is the same format. */
function brotliCompressSync(data: Uint8Array): Uint8Array {
  return brotliCompressSlow(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
}

t.test('round trips', async (t) => {
  assertRoundTrips(t, BROTLI, brotliCompressSync);
});

t.test('a brotli bomb stops at the header size', async (t) => {
  const bomb = brotliCompressSync(new Uint8Array(64 << 20));
  t.ok(bomb.length < 1000, 'bomb is tiny');
  assertRejects(t, BROTLI, bomb, 1 << 20, 'BAD_PAGE', 'bomb');
});

t.test('corrupt, truncated or mis-sized data is BAD_PAGE', async (t) => {
  const data = csvLikeText(20_000, 4);
  const packed = brotliCompressSync(data);
  assertRejects(t, BROTLI, packed, data.length - 1, 'BAD_PAGE', 'one short');
  assertRejects(t, BROTLI, packed, data.length + 1, 'BAD_PAGE', 'one long');
  assertRejects(t, BROTLI, packed.subarray(0, packed.length >> 1), data.length, 'BAD_PAGE', 'truncated');
  assertRejects(t, BROTLI, randomBytes(100, 1), 1000, 'BAD_PAGE', 'not brotli');
});
