import { deflateSync, gzipSync } from 'node:zlib';
import t from 'tap';
import { CompressionCodec } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrip, assertRoundTrips } from '../../support/codec-assert.js';
import { csvLikeText, randomBytes, repetitiveBytes } from '../../support/data.js';

const GZIP = CompressionCodec.GZIP;

t.test('round trips', async (t) => {
  assertRoundTrips(t, GZIP, gzipSync);
});

t.test('concatenated gzip members decode as one stream', async (t) => {
  const a = csvLikeText(10_000, 1);
  const b = repetitiveBytes(7_000, 2);
  const both = Buffer.concat([a, b]);
  assertRoundTrip(t, GZIP, Buffer.concat([gzipSync(a), gzipSync(b)]), both, 'two members');
  assertRoundTrip(
    t,
    GZIP,
    Buffer.concat([gzipSync(a), gzipSync(new Uint8Array(0)), gzipSync(b)]),
    both,
    'empty middle',
  );
});

t.test('zlib-wrapped deflate (old writers) is accepted', async (t) => {
  const data = csvLikeText(3000, 3);
  assertRoundTrip(t, GZIP, deflateSync(data), data, 'zlib header');
});

t.test('a zip bomb stops at the header size', async (t) => {
  // 64 MB of zeros compresses to ~64 KB; the header claims 1 MB.
  const bomb = gzipSync(new Uint8Array(64 << 20));
  assertRejects(t, GZIP, bomb, 1 << 20, 'BAD_PAGE', 'bomb');
});

t.test('corrupt, truncated or mis-sized data is BAD_PAGE', async (t) => {
  const data = csvLikeText(20_000, 4);
  const packed = gzipSync(data);
  assertRejects(t, GZIP, packed, data.length - 1, 'BAD_PAGE', 'one short');
  assertRejects(t, GZIP, packed, data.length + 1, 'BAD_PAGE', 'one long');
  assertRejects(t, GZIP, packed.subarray(0, packed.length >> 1), data.length, 'BAD_PAGE', 'truncated');
  assertRejects(t, GZIP, randomBytes(100, 1), 1000, 'BAD_PAGE', 'not gzip');
});
