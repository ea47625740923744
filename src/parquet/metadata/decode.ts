// Entry points that decode Parquet metadata structures from bytes (thrift compact protocol).
import { ParquetError } from '../errors.js';
import {
  BloomFilterHeaderSpec,
  ColumnIndexSpec,
  FileCryptoMetaDataSpec,
  FileMetaDataSpec,
  OffsetIndexSpec,
  PageHeaderSpec,
} from './structs.js';
import { type Decoded, decodeStruct } from './thrift_reader.js';
import { encodeStruct } from './thrift_writer.js';
import type {
  BloomFilterHeader,
  ColumnIndex,
  FileCryptoMetaData,
  FileMetaData,
  LogicalType,
  OffsetIndex,
  PageHeader,
} from './types.js';

/** Decodes a footer (the bytes between the data and the 4-byte length + magic). */
export function decodeFileMetaData(bytes: Uint8Array): FileMetaData {
  const metadata = decodeStruct<FileMetaData>(FileMetaDataSpec, bytes).value;
  for (const element of metadata.schema) normalizeLogicalType(element);
  return metadata;
}

/** Decodes the plaintext FileCryptoMetaData that precedes an encrypted footer. */
export function decodeFileCryptoMetaData(bytes: Uint8Array): Decoded<FileCryptoMetaData> {
  return decodeStruct<FileCryptoMetaData>(FileCryptoMetaDataSpec, bytes);
}

/** Decodes a page header at `offset` of `bytes`; `length` is the header's size in bytes. */
export function decodePageHeader(bytes: Uint8Array, offset = 0): Decoded<PageHeader> {
  const decoded = decodeStruct<PageHeader>(PageHeaderSpec, bytes, offset);
  const h = decoded.value;
  if (h.compressedPageSize < 0 || h.uncompressedPageSize < 0) {
    throw new ParquetError('BAD_PAGE', `negative page size (${h.compressedPageSize}/${h.uncompressedPageSize})`);
  }
  return decoded;
}

/** Decodes a ColumnIndex (page index: per-page min/max/null counts). */
export function decodeColumnIndex(bytes: Uint8Array): ColumnIndex {
  return decodeStruct<ColumnIndex>(ColumnIndexSpec, bytes).value;
}

/** Decodes an OffsetIndex (page index: page locations and first row indexes). */
export function decodeOffsetIndex(bytes: Uint8Array): OffsetIndex {
  return decodeStruct<OffsetIndex>(OffsetIndexSpec, bytes).value;
}

/** Decodes a BloomFilterHeader; the bitset follows it. */
export function decodeBloomFilterHeader(bytes: Uint8Array, offset = 0): Decoded<BloomFilterHeader> {
  return decodeStruct<BloomFilterHeader>(BloomFilterHeaderSpec, bytes, offset);
}

/** The thrift union gives TIME/TIMESTAMP units as `{ type: 'MICROS' }`; the typed API uses the bare name. */
function normalizeLogicalType(element: { logicalType?: LogicalType }): void {
  const lt = element.logicalType as (LogicalType & { unit?: unknown }) | undefined;
  if (lt && (lt.type === 'TIME' || lt.type === 'TIMESTAMP')) {
    const unit = lt.unit as { type?: string } | string | undefined;
    const name = typeof unit === 'object' ? unit?.type : unit;
    if (name !== 'MILLIS' && name !== 'MICROS' && name !== 'NANOS') {
      // An unrecognised unit: the column reads as its physical type.
      element.logicalType = { type: 'UNRECOGNIZED', fieldId: lt.type === 'TIME' ? 7 : 8 };
    } else {
      (lt as { unit: string }).unit = name;
      (lt as { isAdjustedToUTC: boolean }).isAdjustedToUTC = Boolean(lt.isAdjustedToUTC);
    }
  }
}

/** Encodes a footer (FileMetaData) in the thrift compact protocol: the inverse of decodeFileMetaData. */
export function encodeFileMetaData(metadata: FileMetaData): Uint8Array {
  return encodeStruct(FileMetaDataSpec, metadata);
}
