// The parts of a Parquet file after the row groups (parquet-format README "File format" and PageIndex.md): column
// indexes, then offset indexes, then the footer (FileMetaData, its 4-byte length, "PAR1").

import { encodeFileMetaData } from '../metadata/decode.js';
import { ColumnIndexSpec, OffsetIndexSpec } from '../metadata/structs.js';
import { encodeStruct } from '../metadata/thrift_writer.js';
import type { ColumnChunk, FileMetaData } from '../metadata/types.js';
import type { PageIndexBuilder } from './page_index_builder.js';

/** The magic bytes at both ends of a Parquet file. */
export const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // "PAR1"

/** A column chunk whose page index is written at close. */
export interface PendingPageIndex {
  readonly chunk: ColumnChunk;
  readonly builder: PageIndexBuilder;
  /** File offset of the chunk's first byte. */
  readonly chunkOffset: number;
}

/** Serializes the page indexes of all chunks starting at file offset `offset`, filling in the chunks' index
 *  offsets and lengths. Column indexes come first, then offset indexes, as parquet-mr and arrow-rs lay them out. */
export function layoutPageIndexes(pending: readonly PendingPageIndex[], offset: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = offset;
  for (const p of pending) {
    const index = p.builder.columnIndex();
    if (index === undefined) continue;
    const bytes = encodeStruct(ColumnIndexSpec, index);
    p.chunk.columnIndexOffset = at;
    p.chunk.columnIndexLength = bytes.byteLength;
    out.push(bytes);
    at += bytes.byteLength;
  }
  for (const p of pending) {
    const bytes = encodeStruct(OffsetIndexSpec, p.builder.offsetIndex(p.chunkOffset));
    p.chunk.offsetIndexOffset = at;
    p.chunk.offsetIndexLength = bytes.byteLength;
    out.push(bytes);
    at += bytes.byteLength;
  }
  return out;
}

/** The footer: FileMetaData, its length (4 bytes, little-endian) and the magic. */
export function footerBytes(metadata: FileMetaData): Uint8Array[] {
  const encoded = encodeFileMetaData(metadata);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, encoded.byteLength, true);
  return [encoded, length, MAGIC];
}
