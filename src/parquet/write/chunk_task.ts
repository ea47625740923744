// Column chunks encoded and compressed on a thread pool (writeTable / ParquetWriter with `threads` > 1). A chunk's
// bytes depend only on its values and options, so a chunk encoded on another thread is byte for byte the chunk the
// calling thread would have made; the writer appends the chunks in column order, so the file is the same whatever
// the thread count.

import { defineOp, opName } from '../../ops/registry.js';
import { rebuildError } from '../../scheduler/errors.js';
import type { ThreadPool } from '../../scheduler/pool.js';
import type { ColumnIndex, ColumnMetaData, OffsetIndex, SchemaElement } from '../metadata/types.js';
import { ParquetSchema } from '../schema.js';
import { writeColumnChunk } from './column_chunk_writer.js';
import { ByteStore, leafDataBytes } from './leaf_buffer.js';
import type { LeafData } from './leaf_data.js';
import type { ResolvedColumnOptions } from './options.js';

/** A column chunk encoded away from the file: its pages in order, with chunk-relative offsets. */
export interface EncodedChunk {
  /** The chunk's bytes (its pages back to back), on shared memory. */
  readonly pages: Uint8Array[];
  readonly byteLength: number;
  /** ColumnMetaData with offsets relative to the chunk's first byte. */
  readonly metaData: ColumnMetaData;
  /** The chunk's column index (undefined when none is valid) and offset index at chunk offset 0. */
  readonly pageIndex?: { readonly columnIndex?: ColumnIndex; readonly offsetIndex: OffsetIndex };
  readonly bloomFilter?: Uint8Array;
}

/** Encodes leaf column `columnIndex` of the schema `elements` (run on a pool thread: arguments are cloned data). */
export const encodeColumnChunk = defineOp(
  import.meta.url,
  'encodeColumnChunk',
  async (
    elements: SchemaElement[],
    columnIndex: number,
    data: LeafData,
    options: ResolvedColumnOptions,
  ): Promise<EncodedChunk> => {
    const column = new ParquetSchema(elements).columns[columnIndex]!;
    // The pages go straight into shared memory, sized at first for the chunk's raw values (encoded pages are rarely
    // larger; the store grows if they are): the reply then crosses to the calling thread without being serialized.
    // Untouched room costs no memory (fresh pages are mapped on first write).
    const store = new ByteStore(true);
    const expected = leafDataBytes(data) + 4096;
    const written = await writeColumnChunk(column, data, options, async (bytes) => {
      // The page views may point into storage reused for the next page: they are copied here.
      for (const b of bytes) store.append(b, expected);
    });
    const byteLength = store.length;
    const pages = [store.bytes()];
    const pageIndex = written.pageIndex
      ? { columnIndex: written.pageIndex.columnIndex(), offsetIndex: written.pageIndex.offsetIndex(0) }
      : undefined;
    return {
      pages,
      byteLength,
      metaData: written.metaData,
      ...(pageIndex ? { pageIndex } : {}),
      ...(written.bloomFilter ? { bloomFilter: written.bloomFilter } : {}),
    };
  },
);

/** Runs encodeColumnChunk on `pool` as a one-task batch; rejects with the task's error. */
export async function encodeOnPool(
  pool: ThreadPool,
  elements: readonly SchemaElement[],
  columnIndex: number,
  data: LeafData,
  options: ResolvedColumnOptions,
): Promise<EncodedChunk> {
  const plan = { ids: ['chunk'], specs: [0], inputIds: [], drop: [0] };
  const reply = await pool.run({
    plan: JSON.stringify(plan),
    clonedSpecs: [{ fn: opName(encodeColumnChunk), args: [[...elements], columnIndex, data, options] as never }],
    inputs: [],
    keep: Uint8Array.of(1),
    measureBytes: false,
  });
  // The worker's error, rebuilt with its message and stack (its class does not survive the thread boundary).
  if (reply.error) throw rebuildError(reply.error);
  return reply.values[0] as EncodedChunk;
}
