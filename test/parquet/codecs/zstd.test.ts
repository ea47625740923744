import t from 'tap';
import { CompressionCodec } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrip, assertRoundTrips } from '../../support/codec-assert.js';
import { csvLikeText, randomBytes, repetitiveBytes } from '../../support/data.js';
import { windowDescriptorOffset, zstdCompress } from '../../support/zstd.js';

const ZSTD = CompressionCodec.ZSTD;

/** 20 MiB of patterned bytes: larger than zstd-codec's 16 MB heap, compresses to a few KB. */
function patterned(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i % 251) ^ ((i >>> 12) & 0xff);
  return out;
}

/** A copy of `frame` whose Window_Descriptor claims 2^(10 + exponent) bytes (decoding stays valid when larger). */
function withWindow(frame: Uint8Array, exponent: number): Uint8Array {
  const copy = frame.slice();
  copy[windowDescriptorOffset(copy)] = exponent << 3;
  return copy;
}

t.test('round trips', async (t) => {
  assertRoundTrips(t, ZSTD, zstdCompress);
});

t.test('pages larger than zstd-codec heap (20 MiB) decode', async (t) => {
  const data = patterned(20 << 20);
  const frame = zstdCompress(data);
  t.ok(frame.length < 1 << 20, `compressed to ${frame.length} bytes`);
  assertRoundTrip(t, ZSTD, frame, data, 'wasm stream');
  // A 16 MiB window is past what the wasm heap can hold: the pure-JS decoder takes the page.
  assertRoundTrip(t, ZSTD, withWindow(frame, 14), data, 'fzstd fallback');
});

t.test('several frames in one page', async (t) => {
  const a = csvLikeText(100_000, 1);
  const b = repetitiveBytes(50_000, 2);
  assertRoundTrip(t, ZSTD, Buffer.concat([zstdCompress(a), zstdCompress(b)]), Buffer.concat([a, b]), 'two frames');
});

t.test('a zip bomb stops at the header size on both decoders', async (t) => {
  const bomb = zstdCompress(new Uint8Array(64 << 20));
  t.ok(bomb.length < 64 << 10, `bomb is ${bomb.length} bytes`);
  assertRejects(t, ZSTD, bomb, 1 << 20, 'BAD_PAGE', 'wasm');
  assertRejects(t, ZSTD, withWindow(bomb, 14), 17 << 20, 'BAD_PAGE', 'fzstd');
});

t.test('a frame window far beyond the page decodes: the kernel reserves no window, the page is the window', async (t) => {
  const data = csvLikeText(1000, 1);
  const frame = zstdCompress(data);
  assertRoundTrip(t, ZSTD, withWindow(frame, 20), data, '1 GiB window');
  assertRoundTrip(t, ZSTD, withWindow(frame, 31), data, '2 TiB window (largest exponent)');
});

t.test('corrupt, truncated or mis-sized data is BAD_PAGE', async (t) => {
  const data = csvLikeText(200_000, 4);
  const frame = zstdCompress(data);
  assertRejects(t, ZSTD, frame, data.length - 1, 'BAD_PAGE', 'one short');
  assertRejects(t, ZSTD, frame, data.length + 1, 'BAD_PAGE', 'one long');
  for (const cut of [3, 6, 20, frame.length >> 1, frame.length - 1]) {
    assertRejects(t, ZSTD, frame.subarray(0, cut), data.length, 'BAD_PAGE', `cut ${cut}`);
  }
  assertRejects(t, ZSTD, randomBytes(100, 1), 1000, 'BAD_PAGE', 'not zstd');
  const bad = frame.slice();
  for (let i = 40; i < bad.length - 10; i += 97) bad[i] ^= 0x5a;
  assertRejects(t, ZSTD, bad, data.length, 'BAD_PAGE', 'corrupted body');
});
