// Reads the footer of a fixture file without the page reader, for schema and inspect tests.
import { readFileSync } from 'node:fs';
import { decodeFileMetaData } from '../../src/parquet/metadata/decode.js';
import type { FileMetaData } from '../../src/parquet/metadata/types.js';
import { ParquetSchema } from '../../src/parquet/schema.js';

/** The decoded footer and schema of fixtures/parquet-testing/data/`name`. */
export function fixtureFooter(name: string): { metadata: FileMetaData; schema: ParquetSchema } {
  const bytes = readFileSync(new URL(`../../fixtures/parquet-testing/data/${name}`, import.meta.url));
  const length = bytes.readUInt32LE(bytes.length - 8);
  const metadata = decodeFileMetaData(bytes.subarray(bytes.length - 8 - length, bytes.length - 8));
  return { metadata, schema: new ParquetSchema(metadata.schema) };
}
