// Public API of tessera/parquet.
export { type ArrowColumnType, arrowColumnType, effectiveLogicalType } from './arrow_types.js';
export * from './dataset/index.js';
export * from './encryption/index.js';
export { ParquetError, type ParquetErrorCode, type ParquetErrorContext } from './errors.js';
export { type IterBatchesOptions, type OpenOptions, ParquetFile, type ReadOptions } from './file.js';
export * from './filter/index.js';
export * from './metadata/index.js';
export { closeReadPools } from './parallel/read_parallel.js';
export { type ReadBatchesOptions, readBatches } from './read_batches.js';
export { type ReadTableOptions, readTable } from './read_table.js';
export { type ColumnDescriptor, ParquetSchema, type SchemaNode } from './schema.js';
export {
  type ByteRange,
  type ByteSource,
  bytesSource,
  fileSource,
  type HttpSourceOptions,
  httpSource,
  type OpenSourceOptions,
  openSource,
  type SourceInput,
} from './source.js';
export * from './write/index.js';
