// Local byte sources: bytes already in memory, and files read by position (never loaded whole).
import { closeSync, fstatSync, openSync, read, readSync, type Stats } from 'node:fs';
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

/** Reads up to this many bytes synchronously (footers, page indexes); larger async reads go to libuv's threads. */
const SYNC_READ_LIMIT = 1 << 20;

/**
 * Opens a local file as a byte source that reads by position. Opening, stat, small reads and closing are
 * synchronous system calls: each costs microseconds, where an awaited libuv round trip costs a millisecond or more on
 * a busy machine, and a dataset of many small files pays them per file (issue 16 item 4).
 */
export async function fileSource(path: string): Promise<ByteSource> {
  return openLocalFile(path).source;
}

/**
 * Opens local file `path` as {@link fileSource} does, also returning the stat of the open file (one fstat serves
 * both: a cache keyed by the file's identity need not stat the path as well, and the identity is that of the file
 * actually opened).
 */
export function openLocalFile(path: string): { source: ByteSource; stats: Stats } {
  let fd: number;
  let size: number;
  let stats: Stats;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new ParquetError('IO', `cannot open: ${(err as Error).message}`, { file: path }, { cause: err });
  }
  let isDirectory: boolean;
  try {
    stats = fstatSync(fd);
    size = stats.size;
    isDirectory = stats.isDirectory();
  } catch (err) {
    closeSync(fd);
    throw new ParquetError('IO', `cannot stat: ${(err as Error).message}`, { file: path }, { cause: err });
  }
  if (isDirectory) {
    closeSync(fd);
    throw new ParquetError(
      'IO',
      'is a directory: read a directory of Parquet files (hive partitions, _metadata) with openDataset(dir) or ' +
        "readParquet(dir) from 'tessera/dataframe'",
      { file: path },
    );
  }
  let closed = false;
  const readIntoSync = (offset: number, target: Uint8Array): void => {
    const length = target.byteLength;
    checkRange(offset, length, size, path);
    if (closed) throw new ParquetError('IO', 'read after close', { file: path });
    let done = 0;
    while (done < length) {
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, target, done, length - done, offset + done);
      } catch (err) {
        throw new ParquetError('IO', `cannot read: ${(err as Error).message}`, { file: path }, { cause: err });
      }
      if (bytesRead === 0) throw new ParquetError('IO', `unexpected end of file at ${offset + done}`, { file: path });
      done += bytesRead;
    }
  };
  const readInto = async (offset: number, target: Uint8Array): Promise<void> => {
    const length = target.byteLength;
    if (length <= SYNC_READ_LIMIT) return readIntoSync(offset, target);
    checkRange(offset, length, size, path);
    if (closed) throw new ParquetError('IO', 'read after close', { file: path });
    let done = 0;
    while (done < length) {
      const bytesRead = await readAsync(fd, target, done, length - done, offset + done).catch((err: Error) => {
        throw new ParquetError('IO', `cannot read: ${err.message}`, { file: path }, { cause: err });
      });
      if (bytesRead === 0) throw new ParquetError('IO', `unexpected end of file at ${offset + done}`, { file: path });
      done += bytesRead;
    }
  };
  const source: ByteSource = {
    byteLength: size,
    name: path,
    async read(offset, length) {
      const target = new Uint8Array(length);
      await readInto(offset, target);
      return target;
    },
    readInto,
    readIntoSync,
    async close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
  return { source, stats };
}

/** fs.read as a promise of the bytes read. */
function readAsync(fd: number, target: Uint8Array, at: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, target, at, length, position, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead)));
  });
}
