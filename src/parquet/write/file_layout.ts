// The parts of a Parquet file after the row groups (parquet-format README "File format" and PageIndex.md): column
// indexes, then offset indexes, then the footer (FileMetaData, its 4-byte length, "PAR1").

import { encodeFileMetaData } from '../metadata/decode.js';
import { ColumnIndexSpec, OffsetIndexSpec } from '../metadata/structs.js';
import { encodeStruct } from '../metadata/thrift_writer.js';
import type { ColumnChunk, ColumnIndex, FileMetaData, OffsetIndex } from '../metadata/types.js';
import { ByteStore } from './leaf_buffer.js';
import type { PageIndexBuilder } from './page_index_builder.js';

/** The magic bytes at both ends of a Parquet file. */
export const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // "PAR1"

/** Where a chunk's serialized page index lies in the spool. */
interface SpooledIndex {
  readonly chunk: ColumnChunk;
  /** Start and length of the ColumnIndex in the column index spool; length 0 when the chunk has none. */
  readonly columnIndexAt: number;
  readonly columnIndexLength: number;
  readonly offsetIndexAt: number;
  readonly offsetIndexLength: number;
}

/**
 * The page indexes of the chunks written so far, serialized as each chunk is written and kept in two growing buffers
 * until close: a long streaming write then holds a few bytes per page, in two blocks, rather than objects and small
 * buffers per page (which also scatter long-lived allocations across the native heap).
 */
export class PageIndexSpool {
  private readonly entries: SpooledIndex[] = [];
  private readonly columnIndexes = new ByteStore();
  private readonly offsetIndexes = new ByteStore();

  /** Adds the page index of `chunk`, written at file offset `chunkOffset`. */
  add(chunk: ColumnChunk, builder: PageIndexBuilder, chunkOffset: number): void {
    this.addIndexes(chunk, builder.columnIndex(), builder.offsetIndex(chunkOffset));
  }

  /** Adds the page index of `chunk` as built (by a pool thread): offsets in `offsets` are file offsets. */
  addIndexes(chunk: ColumnChunk, index: ColumnIndex | undefined, offsets: OffsetIndex): void {
    const columnIndex = index === undefined ? undefined : encodeStruct(ColumnIndexSpec, index);
    const offsetIndex = encodeStruct(OffsetIndexSpec, offsets);
    const columnIndexAt = this.columnIndexes.length;
    const offsetIndexAt = this.offsetIndexes.length;
    if (columnIndex) this.columnIndexes.append(columnIndex, 2 * (columnIndexAt + columnIndex.byteLength));
    this.offsetIndexes.append(offsetIndex, 2 * (offsetIndexAt + offsetIndex.byteLength));
    this.entries.push({
      chunk,
      columnIndexAt,
      columnIndexLength: columnIndex?.byteLength ?? 0,
      offsetIndexAt,
      offsetIndexLength: offsetIndex.byteLength,
    });
  }

  /** The page indexes placed at file offset `offset`, filling in the chunks' index offsets and lengths. Column
   *  indexes come first, then offset indexes, as parquet-mr and arrow-rs lay them out. */
  layout(offset: number): Uint8Array[] {
    const offsetIndexStart = offset + this.columnIndexes.length;
    for (const e of this.entries) {
      if (e.columnIndexLength > 0) {
        e.chunk.columnIndexOffset = offset + e.columnIndexAt;
        e.chunk.columnIndexLength = e.columnIndexLength;
      }
      e.chunk.offsetIndexOffset = offsetIndexStart + e.offsetIndexAt;
      e.chunk.offsetIndexLength = e.offsetIndexLength;
    }
    return [this.columnIndexes.bytes(), this.offsetIndexes.bytes()];
  }
}

/** The footer: FileMetaData, its length (4 bytes, little-endian) and the magic. */
export function footerBytes(metadata: FileMetaData): Uint8Array[] {
  const encoded = encodeFileMetaData(metadata);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, encoded.byteLength, true);
  return [encoded, length, MAGIC];
}
