// Typed views of the parquet.thrift structures. Field names are the thrift names in camelCase; i64 fields are
// JavaScript numbers (the decoder rejects values beyond 2^53, which no real file needs for sizes and counts).

/** A unit of TIME and TIMESTAMP logical types. */
export type TimeUnit = 'MILLIS' | 'MICROS' | 'NANOS';

/** parquet.thrift `LogicalType` union, flattened into a tagged object. */
export type LogicalType =
  | { type: 'STRING' }
  | { type: 'MAP' }
  | { type: 'LIST' }
  | { type: 'ENUM' }
  | { type: 'DECIMAL'; scale: number; precision: number }
  | { type: 'DATE' }
  | { type: 'TIME'; isAdjustedToUTC: boolean; unit: TimeUnit }
  | { type: 'TIMESTAMP'; isAdjustedToUTC: boolean; unit: TimeUnit }
  | { type: 'INTEGER'; bitWidth: number; isSigned: boolean }
  | { type: 'UNKNOWN' }
  | { type: 'JSON' }
  | { type: 'BSON' }
  | { type: 'UUID' }
  | { type: 'FLOAT16' }
  | { type: 'VARIANT'; specificationVersion?: number }
  | { type: 'GEOMETRY'; crs?: string }
  | { type: 'GEOGRAPHY'; crs?: string; algorithm?: number }
  | { type: 'VECTOR' }
  /** A logical type this reader does not know: the column reads as its physical type. */
  | { type: 'UNRECOGNIZED'; fieldId: number };

/** parquet.thrift `SchemaElement`: one node of the depth-first flattened schema tree. */
export interface SchemaElement {
  type?: number;
  typeLength?: number;
  repetitionType?: number;
  name: string;
  numChildren?: number;
  convertedType?: number;
  scale?: number;
  precision?: number;
  fieldId?: number;
  logicalType?: LogicalType;
}

/** parquet.thrift `Statistics` (binary values are PLAIN encoded, byte arrays without length prefix). */
export interface Statistics {
  max?: Uint8Array;
  min?: Uint8Array;
  nullCount?: number;
  distinctCount?: number;
  maxValue?: Uint8Array;
  minValue?: Uint8Array;
  isMaxValueExact?: boolean;
  isMinValueExact?: boolean;
  nanCount?: number;
}

/** parquet.thrift `KeyValue`. */
export interface KeyValue {
  key: string;
  value?: string;
}

/** parquet.thrift `PageEncodingStats`. */
export interface PageEncodingStats {
  pageType: number;
  encoding: number;
  count: number;
}

/** parquet.thrift `SizeStatistics`. */
export interface SizeStatistics {
  unencodedByteArrayDataBytes?: number;
  repetitionLevelHistogram?: number[];
  definitionLevelHistogram?: number[];
}

/** parquet.thrift `ColumnMetaData`. */
export interface ColumnMetaData {
  type: number;
  encodings: number[];
  pathInSchema: string[];
  codec: number;
  numValues: number;
  totalUncompressedSize: number;
  totalCompressedSize: number;
  keyValueMetadata?: KeyValue[];
  dataPageOffset: number;
  indexPageOffset?: number;
  dictionaryPageOffset?: number;
  statistics?: Statistics;
  encodingStats?: PageEncodingStats[];
  bloomFilterOffset?: number;
  bloomFilterLength?: number;
  sizeStatistics?: SizeStatistics;
}

/** parquet.thrift `ColumnCryptoMetaData` union. */
export type ColumnCryptoMetaData =
  | { type: 'ENCRYPTION_WITH_FOOTER_KEY' }
  | { type: 'ENCRYPTION_WITH_COLUMN_KEY'; pathInSchema: string[]; keyMetadata?: Uint8Array };

/** parquet.thrift `ColumnChunk`. */
export interface ColumnChunk {
  filePath?: string;
  fileOffset: number;
  metaData?: ColumnMetaData;
  offsetIndexOffset?: number;
  offsetIndexLength?: number;
  columnIndexOffset?: number;
  columnIndexLength?: number;
  cryptoMetadata?: ColumnCryptoMetaData;
  encryptedColumnMetadata?: Uint8Array;
}

/** parquet.thrift `SortingColumn`. */
export interface SortingColumn {
  columnIdx: number;
  descending: boolean;
  nullsFirst: boolean;
}

/** parquet.thrift `RowGroup`. */
export interface RowGroup {
  columns: ColumnChunk[];
  totalByteSize: number;
  numRows: number;
  sortingColumns?: SortingColumn[];
  fileOffset?: number;
  totalCompressedSize?: number;
  ordinal?: number;
}

/** parquet.thrift `ColumnOrder` union. */
export type ColumnOrder = { type: 'TYPE_ORDER' | 'IEEE_754_TOTAL_ORDER' | 'INT96_TIMESTAMP_ORDER' | 'UNRECOGNIZED' };

/** parquet.thrift `AesGcmV1` / `AesGcmCtrV1`. */
export interface AesGcmParameters {
  aadPrefix?: Uint8Array;
  aadFileUnique?: Uint8Array;
  supplyAadPrefix?: boolean;
}

/** parquet.thrift `EncryptionAlgorithm` union. */
export type EncryptionAlgorithm =
  | ({ type: 'AES_GCM_V1' } & AesGcmParameters)
  | ({ type: 'AES_GCM_CTR_V1' } & AesGcmParameters);

/** parquet.thrift `FileMetaData`: the footer. */
export interface FileMetaData {
  version: number;
  schema: SchemaElement[];
  numRows: number;
  rowGroups: RowGroup[];
  keyValueMetadata?: KeyValue[];
  createdBy?: string;
  columnOrders?: ColumnOrder[];
  encryptionAlgorithm?: EncryptionAlgorithm;
  footerSigningKeyMetadata?: Uint8Array;
}

/** parquet.thrift `FileCryptoMetaData` (the plaintext prefix of an encrypted footer). */
export interface FileCryptoMetaData {
  encryptionAlgorithm: EncryptionAlgorithm;
  keyMetadata?: Uint8Array;
}

/** parquet.thrift `DataPageHeader`. */
export interface DataPageHeader {
  numValues: number;
  encoding: number;
  definitionLevelEncoding: number;
  repetitionLevelEncoding: number;
  statistics?: Statistics;
}

/** parquet.thrift `DictionaryPageHeader`. */
export interface DictionaryPageHeader {
  numValues: number;
  encoding: number;
  isSorted?: boolean;
}

/** parquet.thrift `DataPageHeaderV2`. */
export interface DataPageHeaderV2 {
  numValues: number;
  numNulls: number;
  numRows: number;
  encoding: number;
  definitionLevelsByteLength: number;
  repetitionLevelsByteLength: number;
  isCompressed?: boolean;
  statistics?: Statistics;
}

/** parquet.thrift `PageHeader`. */
export interface PageHeader {
  type: number;
  uncompressedPageSize: number;
  compressedPageSize: number;
  crc?: number;
  dataPageHeader?: DataPageHeader;
  indexPageHeader?: Record<string, never>;
  dictionaryPageHeader?: DictionaryPageHeader;
  dataPageHeaderV2?: DataPageHeaderV2;
}

/** parquet.thrift `PageLocation`. */
export interface PageLocation {
  offset: number;
  compressedPageSize: number;
  firstRowIndex: number;
}

/** parquet.thrift `OffsetIndex`. */
export interface OffsetIndex {
  pageLocations: PageLocation[];
  unencodedByteArrayDataBytes?: number[];
}

/** parquet.thrift `ColumnIndex`. */
export interface ColumnIndex {
  nullPages: boolean[];
  minValues: Uint8Array[];
  maxValues: Uint8Array[];
  boundaryOrder: number;
  nullCounts?: number[];
  repetitionLevelHistograms?: number[];
  definitionLevelHistograms?: number[];
  nanCounts?: number[];
}

/** parquet.thrift `BloomFilterHeader` (algorithm, hash and compression are single-member unions today). */
export interface BloomFilterHeader {
  numBytes: number;
  algorithm: { type: string };
  hash: { type: string };
  compression: { type: string };
}
