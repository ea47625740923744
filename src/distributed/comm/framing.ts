/**
 * Length-prefixed framing of messages on a byte stream.
 *
 * One message on the wire:
 *
 *     u32 LE   n, the number of frames (1..MAX_FRAMES; frame 0 is the msgpack header)
 *     n x u64 LE   byte length of each frame
 *     frame 0 bytes, frame 1 bytes, ...
 *
 * Lengths come first so the reader can refuse an oversized frame before allocating anything, and can allocate each
 * data frame once, at its final size, in a new SharedArrayBuffer. Where the socket allows it (see input.ts), the
 * socket reads straight into that frame ({@link FrameReader.directTarget}): the kernel's copy is the only one.
 * Otherwise the stream's chunks are copied into it as they arrive. The header frame is an ordinary buffer.
 */
import { CommError } from './errors.js';

/** Most frames one message may have (a partition has a few per column). */
export const MAX_FRAMES = 65_536;

/**
 * Smallest remainder of a data frame worth a read of its own straight into the frame. Below it, a read into the
 * socket's scratch buffer also takes the next message's prefix and header in the same system call.
 */
export const DIRECT_READ_MIN = 64 * 1024;

/** The bytes to write for a message made of `frames`: a prefix, then the frames themselves (not copied). */
export function frameMessage(frames: readonly Uint8Array[]): Uint8Array[] {
  const prefix = Buffer.allocUnsafe(4 + 8 * frames.length);
  prefix.writeUInt32LE(frames.length, 0);
  for (let i = 0; i < frames.length; i++) prefix.writeBigUInt64LE(BigInt(frames[i].byteLength), 4 + 8 * i);
  return [prefix, ...frames];
}

/**
 * Incremental parser of framed messages: feed it the stream's chunks with {@link FrameReader.push}, get complete
 * messages (their frames) back. Throws FRAME_TOO_LARGE or MALFORMED; the caller then closes the connection.
 */
export class FrameReader {
  private maxFrameSize: number;
  // Bytes of the current prefix being gathered (count, then lengths).
  private prefix: Buffer = Buffer.alloc(0);
  private lengths: number[] | null = null;
  private frames: Uint8Array[] = [];
  private current: Uint8Array | null = null;
  private filled = 0;
  /** Bytes received in total, for transfer metrics. */
  bytesReceived = 0;

  constructor(maxFrameSize: number) {
    this.maxFrameSize = maxFrameSize;
  }

  /** Changes the limit (raised after the handshake: a peer that has not authenticated gets a small one). */
  setMaxFrameSize(bytes: number): void {
    this.maxFrameSize = bytes;
  }

  /** Consumes `chunk`; returns the messages it completed, each as its frames. */
  push(chunk: Buffer): Uint8Array[][] {
    return this.pushUntil(chunk, Number.POSITIVE_INFINITY).messages;
  }

  /**
   * Consumes `chunk` until `maxMessages` messages are complete; returns them and how many bytes of `chunk` were
   * consumed (the handshake reads one message at a time, as the frame limit changes after it).
   */
  pushUntil(chunk: Buffer, maxMessages: number): { messages: Uint8Array[][]; consumed: number } {
    const done: Uint8Array[][] = [];
    let pos = 0;
    while (pos < chunk.length && done.length < maxMessages) {
      if (this.lengths === null) {
        pos = this.readPrefix(chunk, pos);
        if (this.lengths === null) break;
        this.startFrame();
      } else {
        const current = this.current as Uint8Array;
        const take = Math.min(current.byteLength - this.filled, chunk.length - pos);
        current.set(chunk.subarray(pos, pos + take), this.filled);
        this.filled += take;
        pos += take;
      }
      if (this.current !== null && this.filled === this.current.byteLength) this.finishFrame(done);
      // Zero-length frames complete at once.
      while (this.current !== null && this.current.byteLength === 0) this.finishFrame(done);
    }
    this.bytesReceived += pos;
    return { messages: done, consumed: pos };
  }

  /**
   * Where the next socket read may go straight into the data frame being filled (the rest of that frame), or null
   * when the next bytes are a prefix, a header frame, or a remainder below {@link DIRECT_READ_MIN}.
   */
  directTarget(): Uint8Array | null {
    const current = this.current;
    if (current === null || this.frames.length === 0) return null;
    if (current.byteLength - this.filled < DIRECT_READ_MIN) return null;
    return current.subarray(this.filled);
  }

  /** Records that `n` bytes were read into the {@link directTarget}; returns the messages that completed. */
  directFilled(n: number): Uint8Array[][] {
    const current = this.current;
    if (current === null || this.frames.length === 0 || n <= 0 || this.filled + n > current.byteLength) {
      throw new CommError('MALFORMED', `direct read of ${n} bytes does not fit the frame being received`);
    }
    this.filled += n;
    this.bytesReceived += n;
    const done: Uint8Array[][] = [];
    if (this.filled === current.byteLength) this.finishFrame(done);
    while (this.current !== null && this.current.byteLength === 0) this.finishFrame(done);
    return done;
  }

  private readPrefix(chunk: Buffer, pos: number): number {
    const want = this.prefix.length < 4 ? 4 : 4 + 8 * this.prefix.readUInt32LE(0);
    const take = Math.min(want - this.prefix.length, chunk.length - pos);
    this.prefix = Buffer.concat([this.prefix, chunk.subarray(pos, pos + take)]);
    pos += take;
    if (this.prefix.length === 4) {
      const n = this.prefix.readUInt32LE(0);
      if (n === 0 || n > MAX_FRAMES)
        throw new CommError('MALFORMED', `message announces ${n} frames (1..${MAX_FRAMES})`);
      return pos < chunk.length ? this.readPrefix(chunk, pos) : pos;
    }
    if (this.prefix.length < want) return pos;
    const n = this.prefix.readUInt32LE(0);
    const lengths: number[] = [];
    for (let i = 0; i < n; i++) {
      const len = this.prefix.readBigUInt64LE(4 + 8 * i);
      if (len > BigInt(this.maxFrameSize)) {
        throw new CommError(
          'FRAME_TOO_LARGE',
          `frame of ${len} bytes exceeds the maximum frame size ${this.maxFrameSize}`,
        );
      }
      lengths.push(Number(len));
    }
    this.lengths = lengths;
    this.prefix = Buffer.alloc(0);
    return pos;
  }

  private startFrame(): void {
    const lengths = this.lengths as number[];
    const len = lengths[this.frames.length];
    // The header is parsed and dropped: an ordinary buffer. Data frames become SharedArrayBuffers.
    this.current = this.frames.length === 0 ? Buffer.allocUnsafe(len) : new Uint8Array(new SharedArrayBuffer(len));
    this.filled = 0;
  }

  private finishFrame(done: Uint8Array[][]): void {
    this.frames.push(this.current as Uint8Array);
    if (this.frames.length === (this.lengths as number[]).length) {
      done.push(this.frames);
      this.frames = [];
      this.lengths = null;
      this.current = null;
    } else {
      this.startFrame();
    }
  }
}
