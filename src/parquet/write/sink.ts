// Where written bytes go. A path gets an atomic file sink: bytes go to a temporary file in the same directory,
// which is fsynced and renamed onto the path only when the file is complete, so a reader (or a crash) never sees a
// partial Parquet file at the path. Streams and user sinks get the bytes as they come.
import { randomBytes } from 'node:crypto';
import { type FileHandle, link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { ParquetError } from '../errors.js';

/** A byte sink the writer appends to. */
export interface ByteSink {
  /** For messages. */
  readonly name: string;
  /** Appends `chunks` in order; the caller keeps them unchanged until the promise resolves. */
  write(chunks: readonly Uint8Array[]): Promise<void>;
  /** Makes everything written durable and visible (a file appears at its path only now). */
  close(): Promise<void>;
  /** Discards what was written, as far as the sink can (a file sink leaves nothing behind). */
  abort(): Promise<void>;
}

/** A user-supplied sink: anything with `write(bytes)` (sync or async) and optionally `close()`. */
export interface SimpleByteSink {
  write(bytes: Uint8Array): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** A file path, a Node writable stream, or a user sink. */
export type WriteDestination = string | Writable | SimpleByteSink;

/** Options of {@link openSink}. */
export interface SinkOptions {
  /** Replace an existing file at a path destination (default false). */
  overwrite?: boolean;
}

/** Opens the sink for `dest`. For a path, fails at once if the file exists and `overwrite` is not set. */
export async function openSink(dest: WriteDestination, options: SinkOptions = {}): Promise<ByteSink> {
  if (typeof dest === 'string') return AtomicFileSink.open(dest, options.overwrite ?? false);
  if (isWritable(dest)) return new StreamSink(dest);
  if (dest && typeof (dest as SimpleByteSink).write === 'function') return new CallbackSink(dest);
  throw new ParquetError(
    'BAD_ARGUMENT',
    'destination must be a path, a writable stream or an object with write(bytes)',
  );
}

function isWritable(dest: WriteDestination): dest is Writable {
  const s = dest as Partial<Writable>;
  return typeof s.write === 'function' && typeof s.end === 'function' && typeof s.once === 'function';
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw ioError(err, path, 'cannot stat');
  }
}

function ioError(err: unknown, file: string, what: string): ParquetError {
  return new ParquetError('IO', `${what}: ${(err as Error).message}`, { file }, { cause: err });
}

function alreadyExists(path: string): ParquetError {
  return new ParquetError('BAD_ARGUMENT', 'destination already exists; pass overwrite: true to replace it', {
    file: path,
  });
}

/** A file written under a temporary name, published by rename when closed. */
class AtomicFileSink implements ByteSink {
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly tempPath: string,
    private readonly handle: FileHandle,
    private readonly overwrite: boolean,
  ) {}

  static async open(path: string, overwrite: boolean): Promise<AtomicFileSink> {
    if (!overwrite && (await exists(path))) throw alreadyExists(path);
    // Same directory as the target, so the final rename stays on one filesystem and is atomic.
    const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      return new AtomicFileSink(path, tempPath, await open(tempPath, 'wx'), overwrite);
    } catch (err) {
      throw ioError(err, path, 'cannot create temporary file');
    }
  }

  async write(chunks: readonly Uint8Array[]): Promise<void> {
    try {
      let pending = chunks.filter((c) => c.byteLength > 0);
      while (pending.length > 0) {
        const { bytesWritten } = await this.handle.writev(pending as Uint8Array[]);
        pending = dropWritten(pending, bytesWritten);
      }
    } catch (err) {
      throw ioError(err, this.name, 'write failed');
    }
  }

  async close(): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      this.closed = true;
      await this.publish();
      await syncDirectory(dirname(this.name));
    } catch (err) {
      await this.abort();
      throw err instanceof ParquetError ? err : ioError(err, this.name, 'cannot publish');
    }
  }

  /** Moves the temporary file onto the path. Without overwrite, link() refuses an existing target atomically. */
  private async publish(): Promise<void> {
    if (this.overwrite) {
      await rename(this.tempPath, this.name);
      return;
    }
    try {
      await link(this.tempPath, this.name);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw alreadyExists(this.name);
      // Filesystems without hard links: check, then rename (a race with another writer is possible there only).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
      if (await exists(this.name)) throw alreadyExists(this.name);
      await rename(this.tempPath, this.name);
      return;
    }
    await unlink(this.tempPath);
  }

  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await unlink(this.tempPath).catch(() => undefined);
  }
}

/** `chunks` without their first `written` bytes. */
function dropWritten(chunks: readonly Uint8Array[], written: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  let skip = written;
  for (const chunk of chunks) {
    if (skip >= chunk.byteLength) {
      skip -= chunk.byteLength;
      continue;
    }
    rest.push(skip > 0 ? chunk.subarray(skip) : chunk);
    skip = 0;
  }
  return rest;
}

/** fsync of the directory makes the rename itself durable (POSIX); not possible everywhere, so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some filesystems cannot open or fsync a directory; the data itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A Node writable stream, honouring backpressure. */
class StreamSink implements ByteSink {
  readonly name = '<stream>';

  constructor(private readonly stream: Writable) {}

  async write(chunks: readonly Uint8Array[]): Promise<void> {
    for (const chunk of chunks) {
      if (chunk.byteLength === 0) continue;
      // The stream may hold on to the chunk; the writer reuses no buffer after handing it over.
      if (!this.stream.write(chunk)) await this.drained();
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (err: Error): void => {
        this.stream.off('drain', onDrain);
        reject(ioError(err, this.name, 'stream failed'));
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.once('error', (err) => reject(ioError(err, this.name, 'stream failed')));
      this.stream.end(() => resolve());
    });
  }

  async abort(): Promise<void> {
    this.stream.destroy();
  }
}

/** A user sink with a write callback. */
class CallbackSink implements ByteSink {
  readonly name = '<sink>';

  constructor(private readonly sink: SimpleByteSink) {}

  async write(chunks: readonly Uint8Array[]): Promise<void> {
    for (const chunk of chunks) if (chunk.byteLength > 0) await this.sink.write(chunk);
  }

  async close(): Promise<void> {
    await this.sink.close?.();
  }

  async abort(): Promise<void> {}
}
