// Every compressed page body of a Parquet file, found with the reader's own footer and page-header decoding, for
// tests that exercise the codecs on pages written by real writers.
import { decodeFileMetaData } from '../../src/parquet/metadata/decode.js';
import { PageType } from '../../src/parquet/metadata/enums.js';
import { scanPages } from '../../src/parquet/read/pages.js';

/** A page's codec payload: for DATA_PAGE_V2 the (possibly compressed) values section after the levels. */
export interface RawPage {
  compressed: Uint8Array;
  uncompressedSize: number;
  isCompressed: boolean;
}

/** Every data and dictionary page of the file, in column-chunk order. */
export function readPages(file: Uint8Array): RawPage[] {
  const footerLength = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true);
  const metadata = decodeFileMetaData(file.subarray(file.length - 8 - footerLength, file.length - 8));
  const pages: RawPage[] = [];
  for (const rowGroup of metadata.rowGroups) {
    for (const chunk of rowGroup.columns) {
      const meta = chunk.metaData!;
      const dict = meta.dictionaryPageOffset;
      const start = dict !== undefined && dict > 0 && dict < meta.dataPageOffset ? dict : meta.dataPageOffset;
      const bytes = file.subarray(start, start + meta.totalCompressedSize);
      for (const page of scanPages(bytes, meta.numValues)) {
        const { header } = page;
        if (header.type === PageType.INDEX_PAGE) continue;
        const v2 = header.dataPageHeaderV2;
        const levels = v2 ? v2.definitionLevelsByteLength + v2.repetitionLevelsByteLength : 0;
        pages.push({
          compressed: bytes.subarray(page.bodyOffset + levels, page.bodyOffset + page.bodyLength),
          uncompressedSize: header.uncompressedPageSize - levels,
          isCompressed: v2?.isCompressed !== false,
        });
      }
    }
  }
  return pages;
}
