// Walks the pages of a column chunk: decodes each page header, bounds its sizes by the chunk's bytes, and stops
// once the chunk's values are all accounted for (trailing bytes are ignored, as other readers do).
import { ParquetError } from '../errors.js';
import { decodePageHeader } from '../metadata/decode.js';
import { PageType } from '../metadata/enums.js';
import type { PageHeader } from '../metadata/types.js';

/** One page of a column chunk: its header and where its (compressed) body lies in the chunk's bytes. */
export interface PageSlice {
  readonly header: PageHeader;
  /** Index of the page within the chunk (dictionary page included), for error messages. */
  readonly index: number;
  readonly bodyOffset: number;
  readonly bodyLength: number;
}

/** Values a page may claim per byte of its uncompressed body: generous enough for RLE runs of nulls (a run of
 *  any length costs a few bytes), tight enough that a corrupt count cannot demand gigabytes from a tiny page. */
const MAX_VALUES_PER_PAGE_BYTE = 1 << 17;
const MAX_VALUES_PER_PAGE = 1 << 28;

/** The pages holding `numValues` values, from the start of `chunk`. */
export function scanPages(chunk: Uint8Array, numValues: number): PageSlice[] {
  const pages: PageSlice[] = [];
  let offset = 0;
  let values = 0;
  while (values < numValues && offset < chunk.byteLength) {
    const index = pages.length;
    let decoded: ReturnType<typeof decodePageHeader>;
    try {
      decoded = decodePageHeader(chunk, offset);
    } catch (err) {
      if (!(err instanceof ParquetError)) throw err;
      // After whole pages, an undecodable header means the chunk stops short of its value count (its bytes are
      // followed by padding or another chunk): say so rather than only that a header is garbled.
      if (index > 0) {
        throw new ParquetError(
          'BAD_PAGE',
          `column chunk holds ${values} of its ${numValues} values: no valid page header follows (${err.detail})`,
          { page: index, offset },
        );
      }
      throw err.withContext({ page: index });
    }
    const { value: header, length } = decoded;
    const bodyOffset = offset + length;
    const bodyLength = header.compressedPageSize;
    if (bodyOffset + bodyLength > chunk.byteLength) {
      throw new ParquetError(
        'BAD_PAGE',
        `page body of ${bodyLength} bytes runs past the column chunk (${chunk.byteLength - bodyOffset} bytes left)`,
        { page: index },
      );
    }
    const pageValues = dataPageValues(header, index);
    if (
      pageValues > MAX_VALUES_PER_PAGE ||
      pageValues > (header.uncompressedPageSize + 64) * MAX_VALUES_PER_PAGE_BYTE
    ) {
      throw new ParquetError('BAD_PAGE', `page claims ${pageValues} values in ${header.uncompressedPageSize} bytes`, {
        page: index,
      });
    }
    values += pageValues;
    pages.push({ header, index, bodyOffset, bodyLength });
    offset = bodyOffset + bodyLength;
  }
  if (values < numValues) {
    throw new ParquetError('BAD_PAGE', `column chunk ends after ${values} of ${numValues} values`);
  }
  return pages;
}

/** The number of values (nulls included) a data page holds; 0 for other pages. */
export function dataPageValues(header: PageHeader, index: number): number {
  let n = 0;
  if (header.type === PageType.DATA_PAGE) {
    if (!header.dataPageHeader)
      throw new ParquetError('BAD_PAGE', 'DATA_PAGE without data_page_header', { page: index });
    n = header.dataPageHeader.numValues;
  } else if (header.type === PageType.DATA_PAGE_V2) {
    if (!header.dataPageHeaderV2) {
      throw new ParquetError('BAD_PAGE', 'DATA_PAGE_V2 without data_page_header_v2', { page: index });
    }
    n = header.dataPageHeaderV2.numValues;
  }
  if (!(n >= 0)) throw new ParquetError('BAD_PAGE', `negative value count ${n}`, { page: index });
  return n;
}
