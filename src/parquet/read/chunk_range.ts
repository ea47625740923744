// Where a column chunk's bytes are, and its metadata checked against the schema.
import { ParquetError } from '../errors.js';
import type { ColumnChunk, ColumnMetaData, RowGroup } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';

/** Extra bytes read after a column chunk (see chunkRange). */
const CHUNK_PADDING = 100;

/** The metadata of a column's chunk in `rowGroup`, checked against the schema. */
export function chunkMetaData(rowGroup: RowGroup, column: ColumnDescriptor): ColumnMetaData {
  const chunk = rowGroup.columns[column.columnIndex]!;
  const meta = chunk.metaData;
  if (!meta) throw new ParquetError('BAD_METADATA', 'column chunk without meta_data');
  if (chunk.filePath) throw new ParquetError('UNSUPPORTED', `column data in another file (${chunk.filePath})`);
  if (meta.type !== column.physicalType) {
    throw new ParquetError(
      'BAD_METADATA',
      `column chunk type ${meta.type} differs from the schema's ${column.physicalType}`,
    );
  }
  return meta;
}

/** Whether a column chunk starts with a dictionary page (as chunkRange, trusting only an offset before the data). */
export function hasDictionaryPage(meta: ColumnMetaData): boolean {
  const dict = meta.dictionaryPageOffset;
  return dict !== undefined && dict > 0 && dict < meta.dataPageOffset;
}

/** Byte range of a column chunk: from its dictionary page (if any) to the end of its last page. */
export function chunkRange(chunk: ColumnChunk, fileSize: number): { start: number; length: number } {
  const meta = chunk.metaData!;
  let start = meta.dataPageOffset;
  // dictionary_page_offset is sometimes 0 or past the data page (buggy writers): only trust it before the data.
  const dict = meta.dictionaryPageOffset;
  if (dict !== undefined && dict > 0 && dict < start) start = dict;
  const length = meta.totalCompressedSize;
  const dataEnd = fileSize - 8;
  if (!(start >= 4) || !(length >= 0) || start + length > dataEnd) {
    throw new ParquetError(
      'BAD_METADATA',
      `column chunk range ${start}+${length} lies outside the data (file size ${fileSize})`,
    );
  }
  // Old parquet-mr versions under-reported total_compressed_size by a page header (PARQUET-816; parquet-testing's
  // nation.dict-malformed): reading a little past the end lets such chunks decode; page scanning stops at the
  // chunk's value count, so the extra bytes are never decoded for well-formed files.
  const padding = Math.min(CHUNK_PADDING, dataEnd - start - length);
  return { start, length: length + padding };
}
