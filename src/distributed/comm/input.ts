/**
 * Where a socket's received bytes go.
 *
 * A plain TCP socket opened by `connect` reads through Node's `onread` option: before each read, the receiver says
 * where the bytes should land. While a data frame of a message is being received, that is the rest of the frame
 * itself, a view on its new SharedArrayBuffer, so the kernel copies the bytes straight into the partition's final
 * memory and nothing copies them again. Otherwise (a prefix, a header, the handshake) the read lands in a small
 * reused scratch buffer and the consumer copies what it keeps.
 *
 * Node offers `onread` only to sockets it creates on `connect`: accepted sockets (the side that `listen`s) and TLS
 * sockets deliver ordinary `data` chunks instead, which the frame reader copies into the frame once. Get-data, the
 * path of worker-to-worker transfers and of a client's gather, reads on the connecting side, so large transfers
 * take the direct path on plain TCP.
 */
import type { OnReadOpts, Socket } from 'node:net';

/** The consumer of a socket's bytes (the handshake, then the Comm). */
export interface ByteSink {
  /** Where the next read may go straight into the frame being received, or null for the scratch buffer. */
  directTarget(): Uint8Array | null;
  /** `n` bytes were read into the last {@link ByteSink.directTarget}. */
  directFilled(n: number): void;
  /** Bytes read into a buffer that is reused once this call returns: copy what is kept, synchronously. */
  chunk(bytes: Buffer): void;
}

/** Size of the scratch buffer for reads that are not straight into a frame. */
const SCRATCH_BYTES = 64 * 1024;

/** Routes one socket's bytes to its current {@link ByteSink}. */
export class SocketInput {
  private sink: ByteSink | null = null;
  // Bytes read before a sink was attached (copies: the scratch buffer is reused).
  private early: Buffer[] = [];
  private scratch: Buffer | null = null;
  // The buffer handed out for the read in progress: a frame (direct) or the scratch buffer.
  private directRead = false;

  /**
   * The `onread` option for `net.connect`: reads land where the sink says. Only for sockets created with it.
   * @internal
   */
  readonly onread: OnReadOpts = {
    buffer: () => this.nextBuffer(),
    callback: (n, buf) => {
      this.received(n, buf as Buffer);
      return true;
    },
  };

  /** An input fed by the socket's `data` events (accepted and TLS sockets). */
  static fromEvents(socket: Socket): SocketInput {
    const input = new SocketInput();
    socket.on('data', (chunk: Buffer) => input.deliverChunk(chunk));
    return input;
  }

  /** Makes `sink` the consumer of every byte from now on; bytes that arrived with no sink go to it first. */
  setSink(sink: ByteSink): void {
    this.sink = sink;
    const early = this.early;
    this.early = [];
    for (const chunk of early) {
      if (this.sink !== sink) {
        this.early.push(chunk);
        continue;
      }
      sink.chunk(chunk);
    }
  }

  private nextBuffer(): Uint8Array {
    const target = this.sink?.directTarget() ?? null;
    if (target !== null) {
      this.directRead = true;
      return target;
    }
    this.directRead = false;
    this.scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    return this.scratch;
  }

  private received(n: number, buf: Buffer): void {
    if (n <= 0) return;
    if (this.directRead) {
      this.directRead = false;
      (this.sink as ByteSink).directFilled(n);
      return;
    }
    const chunk = buf.subarray(0, n);
    if (this.sink === null) this.early.push(Buffer.from(chunk));
    else this.sink.chunk(chunk);
  }

  private deliverChunk(chunk: Buffer): void {
    if (this.sink === null) this.early.push(chunk);
    else this.sink.chunk(chunk);
  }
}
