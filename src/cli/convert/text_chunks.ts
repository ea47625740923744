/** UTF-8 text of a file, chunk by chunk, with the count of bytes read so far (for progress). */
import { createReadStream } from 'node:fs';

/** Bytes per read: large enough to amortise the per-chunk work, small enough to keep memory flat. */
const READ_CHUNK_BYTES = 256 * 1024;

/** Counts bytes read from an input; the progress bar polls it. */
export interface ByteCounter {
  bytesRead: number;
}

/**
 * Decoded text chunks of the file at `path` (or of `chunks` when given, for tests). A UTF-8 byte order mark is
 * dropped; invalid UTF-8 becomes U+FFFD, as in DuckDB's and pyarrow's readers with their defaults. Reads are pulled
 * by the consumer, so at most one chunk is held ahead of it.
 */
export async function* textChunks(
  path: string,
  counter: ByteCounter = { bytesRead: 0 },
  chunks: AsyncIterable<Uint8Array> = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  for await (const chunk of chunks) {
    counter.bytesRead += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
