import t from 'tap';
import { CompressionCodec, decompress } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrip, SIZES } from '../../support/codec-assert.js';
import { csvLikeText, randomBytes, repetitiveBytes, seededRandom } from '../../support/data.js';
import { hadoopLz4Compress, lz4CompressBlock } from '../../support/lz4.js';

const { LZ4, LZ4_RAW } = CompressionCodec;

function shapes(n: number): [string, Uint8Array][] {
  return [
    ['random', randomBytes(n, n)],
    ['repetitive', repetitiveBytes(n, n)],
    ['csv', csvLikeText(n, n)],
  ];
}

t.test('LZ4_RAW round trips', async (t) => {
  for (const n of SIZES)
    for (const [name, data] of shapes(n)) assertRoundTrip(t, LZ4_RAW, lz4CompressBlock(data), data, `${name} ${n}`);
});

t.test('LZ4 with Hadoop framing round trips, one or many blocks', async (t) => {
  for (const n of SIZES) {
    for (const [name, data] of shapes(n)) {
      assertRoundTrip(t, LZ4, hadoopLz4Compress(data), data, `${name} ${n}`);
      assertRoundTrip(t, LZ4, hadoopLz4Compress(data, 4096), data, `${name} ${n} in 4 KiB blocks`);
    }
  }
});

t.test('LZ4 falls back to a raw block when the Hadoop framing does not parse', async (t) => {
  for (const n of SIZES)
    for (const [name, data] of shapes(n)) assertRoundTrip(t, LZ4, lz4CompressBlock(data), data, `${name} ${n}`);
});

t.test('wrong sizes, truncation and corruption are BAD_PAGE', async (t) => {
  const data = csvLikeText(50_000, 5);
  const raw = lz4CompressBlock(data);
  const framed = hadoopLz4Compress(data, 8192);
  assertRejects(t, LZ4_RAW, raw, data.length - 1, 'BAD_PAGE', 'raw one short');
  assertRejects(t, LZ4_RAW, raw, data.length + 1, 'BAD_PAGE', 'raw one long');
  assertRejects(t, LZ4, framed, data.length - 1, 'BAD_PAGE', 'framed one short');
  assertRejects(t, LZ4, framed, data.length + 1, 'BAD_PAGE', 'framed one long');
  for (const cut of [1, 7, 9, raw.length >> 1, raw.length - 1]) {
    assertRejects(t, LZ4_RAW, raw.subarray(0, cut), data.length, 'BAD_PAGE', `raw cut ${cut}`);
    assertRejects(t, LZ4, framed.subarray(0, cut), data.length, 'BAD_PAGE', `framed cut ${cut}`);
  }
  assertRejects(t, LZ4_RAW, Uint8Array.of(0x10, 1, 2, 0, 0x00), 10, 'BAD_PAGE', 'offset before the output');
  const next = seededRandom(3);
  for (let round = 0; round < 200; round++) {
    const codec = round % 2 ? LZ4 : LZ4_RAW;
    const bad = (codec === LZ4 ? framed : raw).slice();
    for (let k = 0; k < 3; k++) bad[next() % bad.length] = next() >>> 24;
    try {
      t.equal(decompress(codec, bad, data.length).length, data.length, `mutation ${round}`);
    } catch (err) {
      t.equal((err as { code?: string }).code, 'BAD_PAGE', `mutation ${round}: BAD_PAGE`);
    }
  }
});

t.test('a header size beyond 255x the input is rejected before allocating', async (t) => {
  assertRejects(t, LZ4_RAW, new Uint8Array(100), 100 * 255 + 1000, 'BAD_PAGE', 'raw');
  assertRejects(t, LZ4, new Uint8Array(100), 100 * 255 + 1000, 'BAD_PAGE', 'hadoop');
});
