// How ParquetFile gets the bytes of the column chunks of one row group: chunk by chunk into one reused buffer (local
// files, where a read is cheap), or all at once through ByteSource.readRanges (remote sources, where each request is
// a round trip and nearby chunks are best fetched together).
import type { ByteRange, ByteSource } from './source.js';

/** Serves the bytes of column chunks, one `read` per chunk, in any order. */
export interface ColumnChunkReader {
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** One buffer reused for the column chunks of a row group: a chunk's bytes are dead once it is decoded, and
 *  reusing the memory spares the garbage collector a large allocation per chunk. */
export class ChunkBuffer implements ColumnChunkReader {
  private buffer = new Uint8Array(0);

  constructor(private readonly source: ByteSource) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const source = this.source;
    if (!source.readInto) return source.read(offset, length);
    if (this.buffer.byteLength < length) this.buffer = new Uint8Array(Math.max(length, this.buffer.byteLength * 1.5));
    const target = this.buffer.subarray(0, length);
    await source.readInto(offset, target);
    return target;
  }
}

/** Column chunks requested together when created (one `readRanges` call); `read` waits for the batch. */
export class PrefetchedChunks implements ColumnChunkReader {
  private readonly batch: Promise<Uint8Array[]>;

  constructor(
    private readonly source: ByteSource & Required<Pick<ByteSource, 'readRanges'>>,
    private readonly ranges: readonly ByteRange[],
  ) {
    this.batch = Promise.resolve().then(() => source.readRanges(ranges));
    // A failed batch is reported by `read`, with the column's context; a batch nobody reads (an iteration that stopped,
    // a column that failed validation first) must not become an unhandled rejection.
    this.batch.catch(() => {});
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const index = this.ranges.findIndex((r) => r.offset === offset && r.length === length);
    if (index < 0) return this.source.read(offset, length);
    return (await this.batch)[index]!;
  }
}

/** True when `source` can fetch several ranges in one call. */
export function canReadRanges(source: ByteSource): source is ByteSource & Required<Pick<ByteSource, 'readRanges'>> {
  return typeof source.readRanges === 'function';
}
