import { compress } from 'snappyjs';
import t from 'tap';
import { CompressionCodec, decompress } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrips } from '../../support/codec-assert.js';
import { csvLikeText, seededRandom } from '../../support/data.js';

const SNAPPY = CompressionCodec.SNAPPY;

t.test('round trips random, repetitive and text data of many sizes', async (t) => {
  assertRoundTrips(t, SNAPPY, compress);
});

t.test('wrong uncompressed size is BAD_PAGE', async (t) => {
  const data = csvLikeText(5000, 3);
  const packed = compress(data);
  assertRejects(t, SNAPPY, packed, 4999, 'BAD_PAGE', 'one short');
  assertRejects(t, SNAPPY, packed, 5001, 'BAD_PAGE', 'one long');
});

t.test('truncated and corrupted blocks are BAD_PAGE, never a crash', async (t) => {
  const data = csvLikeText(20_000, 4);
  const packed = compress(data);
  for (const cut of [1, 2, 10, packed.length >> 1, packed.length - 1]) {
    assertRejects(t, SNAPPY, packed.subarray(0, cut), data.length, 'BAD_PAGE', `cut at ${cut}`);
  }
  // A copy whose offset reaches before the start of the output.
  assertRejects(t, SNAPPY, Uint8Array.of(5, 0x00, 9, 0x01, 0x02), 5, 'BAD_PAGE', 'offset too far');
  assertRejects(t, SNAPPY, Uint8Array.of(5, 0x00, 9, 0x01, 0x00), 5, 'BAD_PAGE', 'offset 0');
  assertRejects(t, SNAPPY, Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80), 5, 'BAD_PAGE', 'bad preamble');
  const next = seededRandom(11);
  for (let round = 0; round < 200; round++) {
    const bad = packed.slice();
    for (let k = 0; k < 3; k++) bad[next() % bad.length] = next() >>> 24;
    try {
      t.equal(decompress(SNAPPY, bad, data.length).length, data.length, `mutation ${round}: decodes to the size`);
    } catch (err) {
      t.equal((err as { code?: string }).code, 'BAD_PAGE', `mutation ${round}: BAD_PAGE`);
    }
  }
});

t.test('a preamble promising a huge page is rejected without allocating it', async (t) => {
  // 1.9 GB declared in a 7-byte block; 64/3 bytes per input byte is the most snappy can produce.
  const bomb = Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x07, 0x00, 0x41);
  assertRejects(t, SNAPPY, bomb, 0x70000000, 'BAD_PAGE', 'bomb');
});
