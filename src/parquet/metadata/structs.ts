// Declarative specs of the parquet.thrift structures this reader decodes (field ids from parquet-format's
// parquet.thrift). Property names are the thrift names in camelCase, matching types.ts.
import type { StructSpec, UnionSpec } from './thrift_reader.js';

const empty = (name: string): StructSpec => ({ struct: name, fields: {} });

const TimeUnitSpec: UnionSpec = {
  union: 'TimeUnit',
  members: { 1: ['MILLIS', null], 2: ['MICROS', null], 3: ['NANOS', null] },
};

const timeFields = {
  1: ['isAdjustedToUTC', 'bool'],
  2: ['unit', TimeUnitSpec],
} as const;

export const LogicalTypeSpec: UnionSpec = {
  union: 'LogicalType',
  members: {
    1: ['STRING', null],
    2: ['MAP', null],
    3: ['LIST', null],
    4: ['ENUM', null],
    5: ['DECIMAL', { struct: 'DecimalType', fields: { 1: ['scale', 'i32'], 2: ['precision', 'i32'] } }],
    6: ['DATE', null],
    7: ['TIME', { struct: 'TimeType', fields: timeFields }],
    8: ['TIMESTAMP', { struct: 'TimestampType', fields: timeFields }],
    10: ['INTEGER', { struct: 'IntType', fields: { 1: ['bitWidth', 'i8'], 2: ['isSigned', 'bool'] } }],
    11: ['UNKNOWN', null],
    12: ['JSON', null],
    13: ['BSON', null],
    14: ['UUID', null],
    15: ['FLOAT16', null],
    16: ['VARIANT', { struct: 'VariantType', fields: { 1: ['specificationVersion', 'i8'] } }],
    17: ['GEOMETRY', { struct: 'GeometryType', fields: { 1: ['crs', 'string'] } }],
    18: ['GEOGRAPHY', { struct: 'GeographyType', fields: { 1: ['crs', 'string'], 2: ['algorithm', 'i32'] } }],
    19: ['VECTOR', null],
  },
};

export const SchemaElementSpec: StructSpec = {
  struct: 'SchemaElement',
  fields: {
    1: ['type', 'i32'],
    2: ['typeLength', 'i32'],
    3: ['repetitionType', 'i32'],
    4: ['name', 'string'],
    5: ['numChildren', 'i32'],
    6: ['convertedType', 'i32'],
    7: ['scale', 'i32'],
    8: ['precision', 'i32'],
    9: ['fieldId', 'i32'],
    10: ['logicalType', LogicalTypeSpec],
  },
  required: ['name'],
};

export const StatisticsSpec: StructSpec = {
  struct: 'Statistics',
  fields: {
    1: ['max', 'binary'],
    2: ['min', 'binary'],
    3: ['nullCount', 'i64'],
    4: ['distinctCount', 'i64'],
    5: ['maxValue', 'binary'],
    6: ['minValue', 'binary'],
    7: ['isMaxValueExact', 'bool'],
    8: ['isMinValueExact', 'bool'],
    9: ['nanCount', 'i64'],
  },
};

const KeyValueSpec: StructSpec = {
  struct: 'KeyValue',
  fields: { 1: ['key', 'string'], 2: ['value', 'string'] },
  required: ['key'],
};

const PageEncodingStatsSpec: StructSpec = {
  struct: 'PageEncodingStats',
  fields: { 1: ['pageType', 'i32'], 2: ['encoding', 'i32'], 3: ['count', 'i32'] },
};

const SizeStatisticsSpec: StructSpec = {
  struct: 'SizeStatistics',
  fields: {
    1: ['unencodedByteArrayDataBytes', 'i64'],
    2: ['repetitionLevelHistogram', { list: 'i64' }],
    3: ['definitionLevelHistogram', { list: 'i64' }],
  },
};

export const ColumnMetaDataSpec: StructSpec = {
  struct: 'ColumnMetaData',
  fields: {
    1: ['type', 'i32'],
    2: ['encodings', { list: 'i32' }],
    3: ['pathInSchema', { list: 'string' }],
    4: ['codec', 'i32'],
    5: ['numValues', 'i64'],
    6: ['totalUncompressedSize', 'i64'],
    7: ['totalCompressedSize', 'i64'],
    8: ['keyValueMetadata', { list: KeyValueSpec }],
    9: ['dataPageOffset', 'i64'],
    10: ['indexPageOffset', 'i64'],
    11: ['dictionaryPageOffset', 'i64'],
    12: ['statistics', StatisticsSpec],
    13: ['encodingStats', { list: PageEncodingStatsSpec }],
    14: ['bloomFilterOffset', 'i64'],
    15: ['bloomFilterLength', 'i32'],
    16: ['sizeStatistics', SizeStatisticsSpec],
  },
  required: ['type', 'pathInSchema', 'codec', 'numValues', 'totalCompressedSize', 'dataPageOffset'],
};

const ColumnCryptoMetaDataSpec: UnionSpec = {
  union: 'ColumnCryptoMetaData',
  members: {
    1: ['ENCRYPTION_WITH_FOOTER_KEY', null],
    2: [
      'ENCRYPTION_WITH_COLUMN_KEY',
      {
        struct: 'EncryptionWithColumnKey',
        fields: { 1: ['pathInSchema', { list: 'string' }], 2: ['keyMetadata', 'binary'] },
      },
    ],
  },
};

const ColumnChunkSpec: StructSpec = {
  struct: 'ColumnChunk',
  fields: {
    1: ['filePath', 'string'],
    2: ['fileOffset', 'i64'],
    3: ['metaData', ColumnMetaDataSpec],
    4: ['offsetIndexOffset', 'i64'],
    5: ['offsetIndexLength', 'i32'],
    6: ['columnIndexOffset', 'i64'],
    7: ['columnIndexLength', 'i32'],
    8: ['cryptoMetadata', ColumnCryptoMetaDataSpec],
    9: ['encryptedColumnMetadata', 'binary'],
  },
};

const SortingColumnSpec: StructSpec = {
  struct: 'SortingColumn',
  fields: { 1: ['columnIdx', 'i32'], 2: ['descending', 'bool'], 3: ['nullsFirst', 'bool'] },
};

const RowGroupSpec: StructSpec = {
  struct: 'RowGroup',
  fields: {
    1: ['columns', { list: ColumnChunkSpec }],
    2: ['totalByteSize', 'i64'],
    3: ['numRows', 'i64'],
    4: ['sortingColumns', { list: SortingColumnSpec }],
    5: ['fileOffset', 'i64'],
    6: ['totalCompressedSize', 'i64'],
    7: ['ordinal', 'i16'],
  },
  required: ['columns', 'numRows'],
};

const ColumnOrderSpec: UnionSpec = {
  union: 'ColumnOrder',
  members: { 1: ['TYPE_ORDER', null], 2: ['IEEE_754_TOTAL_ORDER', null], 3: ['INT96_TIMESTAMP_ORDER', null] },
};

const AesGcmFields = {
  1: ['aadPrefix', 'binary'],
  2: ['aadFileUnique', 'binary'],
  3: ['supplyAadPrefix', 'bool'],
} as const;

export const EncryptionAlgorithmSpec: UnionSpec = {
  union: 'EncryptionAlgorithm',
  members: {
    1: ['AES_GCM_V1', { struct: 'AesGcmV1', fields: AesGcmFields }],
    2: ['AES_GCM_CTR_V1', { struct: 'AesGcmCtrV1', fields: AesGcmFields }],
  },
};

export const FileMetaDataSpec: StructSpec = {
  struct: 'FileMetaData',
  fields: {
    1: ['version', 'i32'],
    2: ['schema', { list: SchemaElementSpec }],
    3: ['numRows', 'i64'],
    4: ['rowGroups', { list: RowGroupSpec }],
    5: ['keyValueMetadata', { list: KeyValueSpec }],
    6: ['createdBy', 'string'],
    7: ['columnOrders', { list: ColumnOrderSpec }],
    8: ['encryptionAlgorithm', EncryptionAlgorithmSpec],
    9: ['footerSigningKeyMetadata', 'binary'],
  },
  required: ['schema', 'numRows', 'rowGroups'],
};

export const FileCryptoMetaDataSpec: StructSpec = {
  struct: 'FileCryptoMetaData',
  fields: { 1: ['encryptionAlgorithm', EncryptionAlgorithmSpec], 2: ['keyMetadata', 'binary'] },
  required: ['encryptionAlgorithm'],
};

export const PageHeaderSpec: StructSpec = {
  struct: 'PageHeader',
  fields: {
    1: ['type', 'i32'],
    2: ['uncompressedPageSize', 'i32'],
    3: ['compressedPageSize', 'i32'],
    4: ['crc', 'i32'],
    5: [
      'dataPageHeader',
      {
        struct: 'DataPageHeader',
        fields: {
          1: ['numValues', 'i32'],
          2: ['encoding', 'i32'],
          3: ['definitionLevelEncoding', 'i32'],
          4: ['repetitionLevelEncoding', 'i32'],
          5: ['statistics', StatisticsSpec],
        },
        required: ['numValues', 'encoding'],
      },
    ],
    6: ['indexPageHeader', empty('IndexPageHeader')],
    7: [
      'dictionaryPageHeader',
      {
        struct: 'DictionaryPageHeader',
        fields: { 1: ['numValues', 'i32'], 2: ['encoding', 'i32'], 3: ['isSorted', 'bool'] },
        required: ['numValues'],
      },
    ],
    8: [
      'dataPageHeaderV2',
      {
        struct: 'DataPageHeaderV2',
        fields: {
          1: ['numValues', 'i32'],
          2: ['numNulls', 'i32'],
          3: ['numRows', 'i32'],
          4: ['encoding', 'i32'],
          5: ['definitionLevelsByteLength', 'i32'],
          6: ['repetitionLevelsByteLength', 'i32'],
          7: ['isCompressed', 'bool'],
          8: ['statistics', StatisticsSpec],
        },
        required: ['numValues', 'encoding', 'definitionLevelsByteLength', 'repetitionLevelsByteLength'],
      },
    ],
  },
  required: ['type', 'uncompressedPageSize', 'compressedPageSize'],
};

export const OffsetIndexSpec: StructSpec = {
  struct: 'OffsetIndex',
  fields: {
    1: [
      'pageLocations',
      {
        list: {
          struct: 'PageLocation',
          fields: { 1: ['offset', 'i64'], 2: ['compressedPageSize', 'i32'], 3: ['firstRowIndex', 'i64'] },
          required: ['offset', 'compressedPageSize', 'firstRowIndex'],
        },
      },
    ],
    2: ['unencodedByteArrayDataBytes', { list: 'i64' }],
  },
  required: ['pageLocations'],
};

export const ColumnIndexSpec: StructSpec = {
  struct: 'ColumnIndex',
  fields: {
    1: ['nullPages', { list: 'bool' }],
    2: ['minValues', { list: 'binary' }],
    3: ['maxValues', { list: 'binary' }],
    4: ['boundaryOrder', 'i32'],
    5: ['nullCounts', { list: 'i64' }],
    6: ['repetitionLevelHistograms', { list: 'i64' }],
    7: ['definitionLevelHistograms', { list: 'i64' }],
    8: ['nanCounts', { list: 'i64' }],
  },
  required: ['nullPages', 'minValues', 'maxValues'],
};

const singleton = (name: string, member: string): UnionSpec => ({ union: name, members: { 1: [member, null] } });

export const BloomFilterHeaderSpec: StructSpec = {
  struct: 'BloomFilterHeader',
  fields: {
    1: ['numBytes', 'i32'],
    2: ['algorithm', singleton('BloomFilterAlgorithm', 'BLOCK')],
    3: ['hash', singleton('BloomFilterHash', 'XXHASH')],
    4: ['compression', singleton('BloomFilterCompression', 'UNCOMPRESSED')],
  },
  required: ['numBytes'],
};
