// Byte sources: the reader asks a source for byte ranges (the footer, then the column chunks it needs), so a file is
// read by position, from memory, or with HTTP Range requests, and never loaded whole. Implementations live in
// sources/; this module picks one for what the caller passed.
import { fileURLToPath } from 'node:url';
import { ParquetError } from './errors.js';
import { checkSourceOptions } from './options.js';
import type { ByteSource } from './sources/byte_source.js';
import { type HttpSourceOptions, httpSource } from './sources/http.js';
import { bytesSource, fileSource } from './sources/local.js';

export { type ByteRange, type ByteSource, checkRange } from './sources/byte_source.js';
export { type HttpSourceOptions, httpSource } from './sources/http.js';
export { bytesSource, fileSource } from './sources/local.js';

/** What `ParquetFile.open` and `readTable` accept: a path or http(s) URL, the file's bytes, or a byte source. */
export type SourceInput = string | URL | Uint8Array | ByteSource;

/** Options of openSource. */
export interface OpenSourceOptions {
  /** Options for http(s) URLs (headers, concurrency, retries, coalescing). */
  http?: HttpSourceOptions;
}

/** True when `input` is opened (and so must be closed) by openSource rather than handed over ready-made. */
export function opensOwnSource(input: SourceInput): boolean {
  return typeof input === 'string' || input instanceof URL;
}

/** Turns any accepted input into a byte source: http(s) URLs (strings or URL objects) are read with Range requests,
 *  other strings are local paths. */
export async function openSource(input: SourceInput, options: OpenSourceOptions = {}): Promise<ByteSource> {
  checkSourceOptions(options, 'openSource');
  if (input instanceof URL) {
    if (input.protocol === 'file:') return fileSource(fileURLToPath(input));
    return httpSource(input, options.http);
  }
  if (typeof input === 'string') {
    return /^https?:\/\//i.test(input) ? httpSource(input, options.http) : fileSource(input);
  }
  if (input instanceof Uint8Array) return bytesSource(input);
  if (input && typeof input.read === 'function' && Number.isSafeInteger(input.byteLength)) return input;
  throw new ParquetError(
    'BAD_ARGUMENT',
    'source must be a path, an http(s) URL, a Uint8Array or { byteLength, read(offset, length) }',
  );
}
