// Pages compressed by `compress` must be readable by other Parquet implementations, not only by our decompress:
// DuckDB (libzstd, snappy, zlib, brotli and lz4 in C/C++) and parquet-wasm (arrow-rs). Large ZSTD pages are
// several concatenated frames (zstd-compress.ts), which is what this checks for ZSTD.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import t from 'tap';
import { CompressionCodec, compress } from '../../../src/parquet/codecs/index.js';
import { seededRandom } from '../../support/data.js';
import { singlePageParquet } from '../../support/single_page_parquet.js';
import { scanZstdFrames } from '../../support/zstd-scan.js';

/** `n` increasing int64 values with random low digits: compressible, but not trivially. */
function values(n: number, seed: number): BigInt64Array {
  const next = seededRandom(seed);
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt(i) * 1000n + BigInt(next() % 1000);
  return out;
}

function checksum(v: BigInt64Array): { count: number; sum: bigint; xor: bigint } {
  let sum = 0n;
  let xor = 0n;
  for (let i = 0; i < v.length; i++) {
    sum += v[i]!;
    xor ^= v[i]! * BigInt(i + 1);
  }
  return { count: v.length, sum, xor };
}

const cases: [string, number, number | undefined, number][] = [
  ['SNAPPY', CompressionCodec.SNAPPY, undefined, 400_000],
  ['GZIP', CompressionCodec.GZIP, undefined, 400_000],
  ['BROTLI', CompressionCodec.BROTLI, undefined, 400_000],
  ['LZ4_RAW', CompressionCodec.LZ4_RAW, undefined, 400_000],
  ['ZSTD one frame', CompressionCodec.ZSTD, 1, 100_000],
  // 9.6 MB pages: 10 frames at level 1, 37 at level 12.
  ['ZSTD several frames (level 1)', CompressionCodec.ZSTD, 1, 1_200_000],
  ['ZSTD several frames (level 12)', CompressionCodec.ZSTD, 12, 1_200_000],
];

t.test('DuckDB and parquet-wasm read pages of every codec', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-compress-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const duckdb = await (await DuckDBInstance.create(':memory:')).connect();
  for (const [name, codec, level, n] of cases) {
    const v = values(n, n + codec);
    const expected = checksum(v);
    let body: Uint8Array = new Uint8Array(0);
    const file = singlePageParquet(v, codec, (plain) => {
      body = compress(codec, plain, level);
      return body;
    });
    if (codec === CompressionCodec.ZSTD) {
      const { frames } = scanZstdFrames(body);
      t.equal(frames > 1, n * 8 > 1 << 20, `${name}: ${frames} frame(s)`);
    }
    const path = join(dir, `${name.replace(/\W+/g, '_')}.parquet`);
    writeFileSync(path, file);

    const reader = await duckdb.runAndReadAll(
      `SELECT count(*)::BIGINT AS c, sum(v)::VARCHAR AS s, bit_xor(v * (file_row_number + 1))::VARCHAR AS x
       FROM read_parquet('${path}', file_row_number = true)`,
    );
    const [row] = reader.getRowObjects();
    t.equal(Number(row!.c), expected.count, `${name}: DuckDB count`);
    t.equal(row!.s, String(expected.sum), `${name}: DuckDB sum`);
    t.equal(row!.x, String(expected.xor), `${name}: DuckDB values in order`);

    const table = tableFromIPC(readParquet(file).intoIPCStream());
    const column = table.getChild('v')!;
    const read = new BigInt64Array(column.length);
    let i = 0;
    for (const value of column) read[i++] = value as bigint;
    const got = checksum(read);
    t.equal(got.count, expected.count, `${name}: parquet-wasm count`);
    t.equal(got.sum, expected.sum, `${name}: parquet-wasm sum`);
    t.equal(got.xor, expected.xor, `${name}: parquet-wasm values in order`);
  }
  duckdb.closeSync();
});
