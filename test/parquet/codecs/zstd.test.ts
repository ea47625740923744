// ZSTD pages through the zstdDecompress kernel, against frames written by libzstd (zstd-codec): every level 1-19,
// sizes from empty to several MiB, compressible and random bytes, several frames, large windows and zip bombs.
import t from 'tap';
import { CompressionCodec } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrip, assertRoundTrips } from '../../support/codec-assert.js';
import { csvLikeText, randomBytes, repetitiveBytes, seededRandom } from '../../support/data.js';
import { windowDescriptorOffset, zstdCompress, zstdCompressSimple } from '../../support/zstd.js';

const ZSTD = CompressionCodec.ZSTD;

/** 20 MiB of patterned bytes: larger than zstd-codec's 16 MB heap, compresses to a few KB. */
function patterned(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i % 251) ^ ((i >>> 12) & 0xff);
  return out;
}

/** Text with random bytes sprinkled in: literals with wide Huffman tables, short matches, many repeat offsets. */
function mixedBytes(n: number, seed: number): Uint8Array {
  const out = csvLikeText(n, seed);
  const next = seededRandom(seed + 1);
  for (let i = 0; i < n; i += 1 + (next() % 13)) out[i] = next() >>> 24;
  return out;
}

/** Little-endian int64 column values as a Parquet PLAIN page holds them (8-byte matches, entropy in low bytes). */
function int64Values(n: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const view = new DataView(new ArrayBuffer(n - (n % 8)));
  for (let i = 0; i < view.byteLength; i += 8) view.setBigInt64(i, BigInt(next() % 100_000), true);
  return new Uint8Array(view.buffer);
}

const KINDS: [string, (n: number, seed: number) => Uint8Array][] = [
  ['random', randomBytes],
  ['repetitive', repetitiveBytes],
  ['csv', csvLikeText],
  ['mixed', mixedBytes],
  ['int64', int64Values],
];

/** A copy of `frame` whose Window_Descriptor claims 2^(10 + exponent) bytes (decoding stays valid when larger). */
function withWindow(frame: Uint8Array, exponent: number): Uint8Array {
  const copy = frame.slice();
  copy[windowDescriptorOffset(copy)] = exponent << 3;
  return copy;
}

t.test('round trips', async (t) => {
  assertRoundTrips(t, ZSTD, zstdCompress);
});

t.test('every level 1-19 on every kind of data (one-shot frames with a content size)', async (t) => {
  for (let level = 1; level <= 19; level++) {
    for (const [name, make] of KINDS) {
      for (const n of [0, 1, 37, 4097, 150_000]) {
        const data = make(n, level * 100 + n);
        assertRoundTrip(t, ZSTD, zstdCompressSimple(data, level), data, `level ${level} ${name} ${n} bytes`);
      }
    }
  }
});

t.test('4-stream Huffman literals whose streams differ widely in length (the counted rounds)', async (t) => {
  // Each block's literals split in four segments: a 2-symbol alphabet (about 1 bit a symbol) in the first quarter,
  // 200 symbols (about 8 bits) in the rest, so stream 1 is several times shorter than the others and bounds the
  // rounds the 4-stream loop may run before its own end.
  const next = seededRandom(31);
  for (const size of [4_000, 40_000, 131_072, 300_000]) {
    const data = new Uint8Array(size);
    for (let block = 0; block < size; block += 131_072) {
      const end = Math.min(size, block + 131_072);
      const quarter = block + ((end - block) >> 2);
      for (let i = block; i < end; i++) data[i] = i < quarter ? 97 + (next() & 1) : 32 + (next() % 200);
    }
    for (const level of [1, 3, 19]) {
      assertRoundTrip(t, ZSTD, zstdCompressSimple(data, level), data, `skewed literals, ${size} bytes, level ${level}`);
    }
  }
});

t.test('several MiB at the streaming levels zstd-codec can hold (1-9), windows up to 8 MiB', async (t) => {
  for (const level of [1, 3, 6, 9]) {
    for (const [name, make] of KINDS) {
      const n = (level === 9 ? 5 : 2) << 20;
      const data = make(n, level);
      assertRoundTrip(t, ZSTD, zstdCompress(data, level), data, `level ${level} ${name} ${n} bytes`);
    }
  }
});

t.test('pages larger than zstd-codec heap (20 MiB) decode', async (t) => {
  const data = patterned(20 << 20);
  const frame = zstdCompress(data);
  t.ok(frame.length < 1 << 20, `compressed to ${frame.length} bytes`);
  assertRoundTrip(t, ZSTD, frame, data, '20 MiB page');
  assertRoundTrip(t, ZSTD, withWindow(frame, 14), data, '16 MiB window');
});

t.test('several frames in one page', async (t) => {
  const a = csvLikeText(100_000, 1);
  const b = repetitiveBytes(50_000, 2);
  const c = randomBytes(70_000, 3);
  const frames = Buffer.concat([zstdCompress(a), zstdCompressSimple(b, 19), zstdCompress(c, 1)]);
  assertRoundTrip(t, ZSTD, frames, Buffer.concat([a, b, c]), 'three frames');
});

t.test('a zip bomb stops at the header size', async (t) => {
  const bomb = zstdCompress(new Uint8Array(64 << 20));
  t.ok(bomb.length < 64 << 10, `bomb is ${bomb.length} bytes`);
  assertRejects(t, ZSTD, bomb, 1 << 20, 'BAD_PAGE', '64 MiB into 1 MiB');
  assertRejects(t, ZSTD, withWindow(bomb, 14), 17 << 20, 'BAD_PAGE', '16 MiB window');
});

t.test(
  'a frame window far beyond the page decodes: the kernel reserves no window, the page is the window',
  async (t) => {
    const data = csvLikeText(1000, 1);
    const frame = zstdCompress(data);
    assertRoundTrip(t, ZSTD, withWindow(frame, 20), data, '1 GiB window');
    assertRoundTrip(t, ZSTD, withWindow(frame, 31), data, '2 TiB window (largest exponent)');
  },
);

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
