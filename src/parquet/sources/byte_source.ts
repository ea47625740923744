// The byte-source contract: the reader asks for byte ranges (the footer, then the column chunks it needs), so a
// file is never loaded whole, whether it lives on disk, in memory or behind an HTTP server.
import { ParquetError } from '../errors.js';

/** A range of bytes in a source. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** Anything that can serve byte ranges of a Parquet file. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly byteLength: number;
  /** Resolves exactly `length` bytes starting at `offset`. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Optional: reads `target.byteLength` bytes starting at `offset` into `target` (lets the reader reuse one
   *  buffer for the column chunks of a row group instead of allocating one per chunk). */
  readInto?(offset: number, target: Uint8Array): Promise<void>;
  /** Optional, for local files only: the same as `readInto`, done synchronously (a positional read). The reader
   *  uses it to read a column chunk straight into kernel memory, which an await could see grow or be reused. */
  readIntoSync?(offset: number, target: Uint8Array): void;
  /** Optional: resolves several ranges at once, in the order given. Sources where a request is costly (HTTP) merge
   *  nearby ranges and issue the requests in parallel; the reader then asks for all the column chunks of a row group
   *  in one call. */
  readRanges?(ranges: readonly ByteRange[]): Promise<Uint8Array[]>;
  /** Name used in error messages (a path or URL). */
  readonly name?: string;
  /** Releases the underlying resource (file handle, sockets); optional. */
  close?(): Promise<void>;
}

/** Throws a ParquetError unless `offset + length` lies within a source of `size` bytes. */
export function checkRange(offset: number, length: number, size: number, name: string | undefined): void {
  if (
    !Number.isSafeInteger(offset) ||
    !Number.isSafeInteger(length) ||
    offset < 0 ||
    length < 0 ||
    offset + length > size
  ) {
    throw new ParquetError('BAD_METADATA', `byte range ${offset}+${length} outside the file (size ${size})`, {
      file: name,
    });
  }
}
