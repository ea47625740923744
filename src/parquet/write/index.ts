// Public API of the Parquet writer.
export type {
  BloomFilterOptions,
  CodecName,
  ColumnWriteOptions,
  EncodingName,
  SortingColumnOption,
  WriterOptions,
} from './options.js';
export { ParquetWriter, type ParquetWriterOptions, type WritableData, type WriterSchema } from './parquet_writer.js';
export type { ByteSink, SimpleByteSink, WriteDestination } from './sink.js';
export { type WritableTable, writeTable } from './write_table.js';
