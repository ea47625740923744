/**
 * Buffered text output for the CLI: gathers small writes into chunks, waits for 'drain' when the stream pushes back,
 * and treats a closed reader (EPIPE, e.g. `tessera cat f.parquet | head`) as a normal end of output.
 */
import type { Writable } from 'node:stream';

/** Error codes that mean "nobody reads the output any more", not a failure. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/** Writes text to a stream in chunks of about `chunkSize` characters, honouring backpressure. */
export class BufferedOutput {
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: Error | undefined;
  private readerGone = false;
  private readonly stream: Writable;
  private readonly chunkSize: number;

  /**
   * Output to `stream`. The error listener stays attached after the output is done: an EPIPE reported after the
   * last write must not crash the process as an unhandled 'error' event.
   */
  constructor(stream: Writable, chunkSize = 64 * 1024) {
    this.stream = stream;
    this.chunkSize = chunkSize;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== undefined && READER_GONE.has(err.code)) this.readerGone = true;
      else this.failure ??= err;
    });
  }

  /** Whether output should stop: the reader went away or the stream failed. */
  get closed(): boolean {
    return this.readerGone || this.failure !== undefined || this.stream.destroyed;
  }

  /** Queues `text`; writes a chunk (and waits for the stream to accept more) once enough has gathered. */
  async write(text: string): Promise<void> {
    if (this.closed) return this.throwIfFailed();
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= this.chunkSize) await this.flush();
  }

  /** Writes everything queued; resolves once the stream can take more. Throws if the stream failed. */
  async flush(): Promise<void> {
    if (this.pendingLength > 0 && !this.closed) {
      const chunk = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
      this.pending = [];
      this.pendingLength = 0;
      try {
        if (!this.stream.write(chunk)) await this.drained();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== undefined && READER_GONE.has(code)) this.readerGone = true;
        else throw err;
      }
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }
}
