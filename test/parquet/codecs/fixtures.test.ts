// Decompresses every page of parquet-testing files written by real writers (parquet-mr, parquet-cpp, Arrow).
import { readFileSync } from 'node:fs';
import t from 'tap';
import { arena } from '../../../src/kernels/arena.js';
import { CompressionCodec, decompress, decompressIntoArena } from '../../../src/parquet/codecs/index.js';
import { sameBytes } from '../../support/data.js';
import { readPages } from '../../support/pages.js';

const DATA = new URL('../../../fixtures/parquet-testing/data/', import.meta.url);
const MAX_TESTED_PAGE = 64 << 20;
const FILES: [string, number][] = [
  ['hadoop_lz4_compressed.parquet', CompressionCodec.LZ4],
  ['hadoop_lz4_compressed_larger.parquet', CompressionCodec.LZ4],
  ['non_hadoop_lz4_compressed.parquet', CompressionCodec.LZ4],
  ['lz4_raw_compressed.parquet', CompressionCodec.LZ4_RAW],
  ['lz4_raw_compressed_larger.parquet', CompressionCodec.LZ4_RAW],
  ['concatenated_gzip_members.parquet', CompressionCodec.GZIP],
  ['large_string_map.brotli.parquet', CompressionCodec.BROTLI],
  ['byte_stream_split.zstd.parquet', CompressionCodec.ZSTD],
  ['alltypes_plain.snappy.parquet', CompressionCodec.SNAPPY],
  ['datapage_v2.snappy.parquet', CompressionCodec.SNAPPY],
];

for (const [name, codec] of FILES) {
  const path = new URL(name, DATA);
  t.test(name, async (t) => {
    const pages = readPages(readFileSync(path));
    t.ok(pages.length > 0, 'found pages');
    for (const [i, page] of pages.entries()) {
      // large_string_map.brotli.parquet holds 1 GiB pages (1.6 KB compressed): too slow for a unit test.
      if (!page.isCompressed || page.uncompressedSize > MAX_TESTED_PAGE) continue;
      const out = decompress(codec, page.compressed, page.uncompressedSize);
      t.equal(out.length, page.uncompressedSize, `page ${i}: size`);
      const a = arena();
      const mark = a.mark();
      const ptr = decompressIntoArena(a, codec, page.compressed, page.uncompressedSize);
      t.ok(sameBytes(a.u8().subarray(ptr, ptr + page.uncompressedSize), out), `page ${i}: arena bytes agree`);
      a.release(mark);
    }
  });
}
