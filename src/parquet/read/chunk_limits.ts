// Size limits that follow from the Arrow layout the reader produces.
import { ParquetError } from '../errors.js';
import { Type } from '../metadata/enums.js';
import type { ColumnMetaData } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';

/** Arrow Binary and Utf8 address their bytes with 32-bit offsets. */
const MAX_BYTE_ARRAY_DATA = 0x7fffffff;

/**
 * Refuses a BYTE_ARRAY column chunk whose uncompressed size passes what 32-bit Arrow offsets can address, before
 * any page is inflated: such a chunk (parquet-testing's large_string_map.brotli, 2 GiB from 3 KB) would cost
 * seconds and gigabytes only to fail when its values are gathered. The uncompressed size counts levels and page
 * headers too, so a chunk just over the limit whose values alone would fit is refused as well.
 */
export function checkByteArrayChunkSize(column: ColumnDescriptor, meta: ColumnMetaData): void {
  if (column.physicalType !== Type.BYTE_ARRAY || !(meta.totalUncompressedSize > MAX_BYTE_ARRAY_DATA)) return;
  throw new ParquetError(
    'UNSUPPORTED',
    `BYTE_ARRAY column chunk of ${meta.totalUncompressedSize} uncompressed bytes: more than the 2 GiB one Arrow ` +
      'Binary/Utf8 array can hold',
  );
}
