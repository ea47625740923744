// Byte sources: the reader asks a source for byte ranges (the footer, then the column chunks it needs), so a
// local file is read by position and never loaded whole.
import { open } from 'node:fs/promises';
import { ParquetError } from './errors.js';

/** Anything that can serve byte ranges of a Parquet file. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly byteLength: number;
  /** Resolves exactly `length` bytes starting at `offset`. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Optional: reads `target.byteLength` bytes starting at `offset` into `target` (lets the reader reuse one
   *  buffer for the column chunks of a row group instead of allocating one per chunk). */
  readInto?(offset: number, target: Uint8Array): Promise<void>;
  /** Name used in error messages (a path or URL). */
  readonly name?: string;
  /** Releases the underlying resource (file handle); optional. */
  close?(): Promise<void>;
}

/** What `ParquetFile.open` and `readTable` accept: a path, the file's bytes, or a byte source. */
export type SourceInput = string | Uint8Array | ByteSource;

/** A byte source over bytes already in memory. */
export function bytesSource(bytes: Uint8Array, name = '<buffer>'): ByteSource {
  return {
    byteLength: bytes.byteLength,
    name,
    read(offset, length) {
      checkRange(offset, length, bytes.byteLength, name);
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}

/** Opens a local file as a byte source that reads by position. */
export async function fileSource(path: string): Promise<ByteSource> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new ParquetError('IO', `cannot open: ${(err as Error).message}`, { file: path }, { cause: err });
  }
  const { size } = await handle.stat();
  const readInto = async (offset: number, target: Uint8Array): Promise<void> => {
    const length = target.byteLength;
    checkRange(offset, length, size, path);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(target, done, length - done, offset + done);
      if (bytesRead === 0) throw new ParquetError('IO', `unexpected end of file at ${offset + done}`, { file: path });
      done += bytesRead;
    }
  };
  return {
    byteLength: size,
    name: path,
    async read(offset, length) {
      const target = new Uint8Array(length);
      await readInto(offset, target);
      return target;
    },
    readInto,
    close: () => handle.close(),
  };
}

/** Turns any accepted input into a byte source (opening files). */
export async function openSource(input: SourceInput): Promise<ByteSource> {
  if (typeof input === 'string') return fileSource(input);
  if (input instanceof Uint8Array) return bytesSource(input);
  if (input && typeof input.read === 'function' && Number.isSafeInteger(input.byteLength)) return input;
  throw new ParquetError('BAD_ARGUMENT', 'source must be a path, a Uint8Array or { byteLength, read(offset, length) }');
}

function checkRange(offset: number, length: number, size: number, name: string): void {
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
