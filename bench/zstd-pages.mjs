// The page bodies of a zstd-compressed Parquet file, for the zstd kernel benchmarks (bench/zstd-kernel.mjs and its
// A/B mode, bench/zstd-kernel-ab.mjs): v2 pages without their uncompressed levels, each with its decompressed size.
import { readFileSync } from 'node:fs';

const D = '../dist/src';
const { ParquetFile } = await import(`${D}/parquet/index.js`);
const { scanPages } = await import(`${D}/parquet/read/pages.js`);

/** Every page body of the file at `path` and its decompressed size; throws if a column chunk is not zstd. */
export async function zstdPages(path) {
  const file = await ParquetFile.open(path);
  const { rowGroups } = file.metadata;
  await file.close();
  const bytes = readFileSync(path);
  const pages = [];
  for (const rowGroup of rowGroups) {
    for (const { metaData: m } of rowGroup.columns) {
      if (m.codec !== 6) throw new Error(`${path}: a column chunk is not zstd-compressed (codec ${m.codec})`);
      const start = Number(m.dictionaryPageOffset ?? m.dataPageOffset);
      const chunk = bytes.subarray(start, start + Number(m.totalCompressedSize));
      for (const page of scanPages(chunk, Number(m.numValues))) {
        let body = chunk.subarray(page.bodyOffset, page.bodyOffset + page.bodyLength);
        let size = page.header.uncompressedPageSize;
        const v2 = page.header.dataPageHeaderV2;
        if (v2) {
          const levels = v2.definitionLevelsByteLength + v2.repetitionLevelsByteLength;
          body = body.subarray(levels);
          size -= levels;
        }
        pages.push({ body, size });
      }
    }
  }
  return pages;
}
