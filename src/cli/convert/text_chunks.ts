/** UTF-8 text of a file, chunk by chunk, with the count of bytes read so far (for progress). */
import { createReadStream } from 'node:fs';
import { InputError } from './input_error.js';

/** Bytes per read: large enough to amortise the per-chunk work, small enough to keep memory flat. */
const READ_CHUNK_BYTES = 256 * 1024;

/** Counts bytes read from an input; the progress bar polls it. */
export interface ByteCounter {
  bytesRead: number;
}

/**
 * Decoded text chunks of the file at `path` (or of `chunks` when given, for tests). A UTF-8 byte order mark is
 * dropped. Invalid UTF-8 is an InputError naming its line and byte offset: replacing it with U+FFFD (DuckDB's and
 * pyarrow's default) would store text the file never held. Reads are pulled by the consumer, so at most one chunk
 * is held ahead of it.
 */
export async function* textChunks(
  path: string,
  counter: ByteCounter = { bytesRead: 0 },
  chunks: AsyncIterable<Uint8Array> = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false, fatal: true });
  // Where the current chunk starts: bytes and line feeds before it (line feeds are counted only when needed, by the
  // text already decoded, which holds the same line feeds as its bytes).
  let offset = 0;
  let lineFeeds = 0;
  // The bytes of a character left incomplete at the end of the last chunk (the decoder holds them).
  let carried: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    counter.bytesRead += chunk.byteLength;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw invalidUtf8(concat(carried, chunk), offset - carried.length, lineFeeds);
    }
    carried = chunk.subarray(chunk.byteLength - pendingBytes(chunk));
    offset += chunk.byteLength;
    lineFeeds += countLineFeeds(text);
    if (text.length > 0) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw invalidUtf8(carried, offset - carried.length, lineFeeds);
  }
  if (rest.length > 0) yield rest;
}

/** The error for invalid UTF-8 in `bytes`, which start at `offset` of the input after `lineFeeds` line feeds. */
function invalidUtf8(bytes: Uint8Array, offset: number, lineFeeds: number): InputError {
  const at = firstInvalidByte(bytes);
  let line = lineFeeds + 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  const shown = Array.from(bytes.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return new InputError(`invalid UTF-8 at byte ${offset + at} (bytes ${shown}); the input must be UTF-8 text`, {
    line,
  });
}

/** Index of the first byte of `bytes` that does not start a valid UTF-8 sequence (bytes.length if none). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] =
      b >= 0xc2 && b <= 0xdf
        ? [2, 0x80, 0xbf]
        : b === 0xe0
          ? [3, 0xa0, 0xbf]
          : b === 0xed
            ? [3, 0x80, 0x9f]
            : b >= 0xe1 && b <= 0xef
              ? [3, 0x80, 0xbf]
              : b === 0xf0
                ? [4, 0x90, 0xbf]
                : b === 0xf4
                  ? [4, 0x80, 0x8f]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** How many bytes at the end of `chunk` begin a UTF-8 character that the chunk does not complete. */
function pendingBytes(chunk: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, chunk.byteLength); back++) {
    const b = chunk[chunk.byteLength - back]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) count++;
  return count;
}
