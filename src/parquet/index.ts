// Public API of tessera/parquet.
export { type ArrowColumnType, arrowColumnType, effectiveLogicalType } from './arrow_types.js';
export * from './encryption/index.js';
export { ParquetError, type ParquetErrorCode, type ParquetErrorContext } from './errors.js';
export { type OpenOptions, ParquetFile, type ReadOptions } from './file.js';
export * from './metadata/index.js';
export { type ReadTableOptions, readTable } from './read_table.js';
export { type ColumnDescriptor, ParquetSchema, type SchemaNode } from './schema.js';
export { type ByteSource, bytesSource, fileSource, openSource, type SourceInput } from './source.js';
