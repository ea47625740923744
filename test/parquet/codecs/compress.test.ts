import t from 'tap';
import { CompressionCodec, compress, decompress } from '../../../src/parquet/codecs/index.js';
import { ParquetError } from '../../../src/parquet/errors.js';
import { csvLikeText, randomBytes, repetitiveBytes, sameBytes } from '../../support/data.js';

/** Sizes across the formats' boundaries: empty, tiny, snappy's 64 KiB fragment, zstd frames, several MiB. */
const SIZES = [0, 1, 17, 4096, 65535, 65536, 65537, 1_000_000, 3 << 20];

const WRITABLE = [
  CompressionCodec.UNCOMPRESSED,
  CompressionCodec.SNAPPY,
  CompressionCodec.GZIP,
  CompressionCodec.BROTLI,
  CompressionCodec.ZSTD,
  CompressionCodec.LZ4_RAW,
];

function samples(n: number): [string, Uint8Array][] {
  return [
    ['random', randomBytes(n, n + 7)],
    ['repetitive', repetitiveBytes(n, n + 8)],
    ['csv', csvLikeText(n, n + 9)],
    ['zeros', new Uint8Array(n)],
  ];
}

t.test('every writable codec round trips through decompress', async (t) => {
  for (const codec of WRITABLE) {
    for (const n of SIZES) {
      for (const [name, data] of samples(n)) {
        const packed = compress(codec, data);
        const back = decompress(codec, packed, data.length);
        t.ok(sameBytes(back, data), `codec ${codec} ${name} ${n}`);
      }
    }
  }
});

t.test('compressible data shrinks', async (t) => {
  const data = csvLikeText(1 << 20, 5);
  for (const codec of WRITABLE.slice(1)) {
    const packed = compress(codec, data);
    t.ok(packed.length < data.length * 0.7, `codec ${codec}: ${packed.length} bytes`);
  }
});

t.test('levels round trip, and higher levels do not compress worse', async (t) => {
  const data = csvLikeText(300_000, 3);
  const levels: [number, number[]][] = [
    [CompressionCodec.GZIP, [0, 1, 6, 9]],
    [CompressionCodec.BROTLI, [0, 1, 5, 11]],
    [CompressionCodec.ZSTD, [-5, 0, 1, 3, 9, 19, 22]],
  ];
  for (const [codec, list] of levels) {
    const sizes: number[] = [];
    for (const level of list) {
      const packed = compress(codec, data, level);
      t.ok(sameBytes(decompress(codec, packed, data.length), data), `codec ${codec} level ${level}`);
      sizes.push(packed.length);
    }
    t.ok(sizes.at(-1)! <= sizes[1]!, `codec ${codec}: top level ${sizes.at(-1)} <= ${sizes[1]}`);
  }
});

t.test('a ZSTD page larger than zstd-codec can take in one call is several frames, read back whole', async (t) => {
  for (const level of [1, 12]) {
    const data = csvLikeText(9 << 20, level);
    const packed = compress(CompressionCodec.ZSTD, data, level);
    t.ok(sameBytes(decompress(CompressionCodec.ZSTD, packed, data.length), data), `level ${level}`);
  }
});

t.test('unsupported codecs and bad levels are ParquetErrors', async (t) => {
  const data = csvLikeText(100, 1);
  const expectCode = (fn: () => unknown, code: string, label: string): void => {
    try {
      fn();
      t.fail(`${label} should throw`);
    } catch (err) {
      t.ok(err instanceof ParquetError, `${label}: ParquetError`);
      t.equal((err as ParquetError).code, code, `${label}: ${code}`);
    }
  };
  expectCode(() => compress(CompressionCodec.LZO, data), 'UNSUPPORTED', 'LZO');
  expectCode(() => compress(CompressionCodec.LZ4, data), 'UNSUPPORTED', 'LZ4 (deprecated)');
  expectCode(() => compress(99, data), 'UNSUPPORTED', 'codec 99');
  expectCode(() => compress(CompressionCodec.GZIP, data, 10), 'BAD_ARGUMENT', 'gzip 10');
  expectCode(() => compress(CompressionCodec.BROTLI, data, -1), 'BAD_ARGUMENT', 'brotli -1');
  expectCode(() => compress(CompressionCodec.ZSTD, data, 23), 'BAD_ARGUMENT', 'zstd 23');
  expectCode(() => compress(CompressionCodec.ZSTD, data, 1.5), 'BAD_ARGUMENT', 'zstd 1.5');
  expectCode(() => compress(CompressionCodec.SNAPPY, data, 3), 'BAD_ARGUMENT', 'snappy with a level');
});

t.test('UNCOMPRESSED returns the input', async (t) => {
  const data = randomBytes(10, 1);
  t.equal(compress(CompressionCodec.UNCOMPRESSED, data), data);
});
