// Local byte sources: bytes already in memory, and files read by position (never loaded whole).
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ParquetError } from '../errors.js';
import { type ByteSource, checkRange } from './byte_source.js';

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
  const readIntoSync = (offset: number, target: Uint8Array): void => {
    const length = target.byteLength;
    checkRange(offset, length, size, path);
    let done = 0;
    while (done < length) {
      let bytesRead: number;
      try {
        bytesRead = readSync(handle.fd, target, done, length - done, offset + done);
      } catch (err) {
        throw new ParquetError('IO', `cannot read: ${(err as Error).message}`, { file: path }, { cause: err });
      }
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
    readIntoSync,
    close: () => handle.close(),
  };
}
