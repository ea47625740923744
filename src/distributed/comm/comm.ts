/**
 * One authenticated, framed, batched connection between two Tessera processes.
 *
 * A Comm is made by `listen` (server side) or `connect` (client side) only after the handshake succeeded:
 *
 * 1. both sides send `hello` {magic, protocol version, role, name, nonce, whether they use a token};
 * 2. with a token, each side sends `auth` {proof}: an HMAC of both nonces keyed by the token (security.ts), and
 *    checks the peer's proof; a side that fails sends `refused` {reason} and closes.
 *
 * Until then the peer may only send small frames (`HANDSHAKE_MAX_FRAME`), so random bytes or a huge length prefix
 * from an unauthenticated peer cost nothing. After it, messages sent in the same event-loop turn (or within
 * `batchMs`) travel together as one framed batch; while the socket's buffer is full, messages wait and join the
 * next batch (backpressure), and `drain()` lets a producer of large values wait for the socket.
 */
import type { Socket } from 'node:net';
import { type PeerRole, PROTOCOL_VERSION } from '../protocol/messages.js';
import { CommError } from './errors.js';
import { FrameReader, frameMessage } from './framing.js';
import { type ByteSink, SocketInput } from './input.js';
import { authProof, newNonce, proofMatches, type SecurityOptions } from './security.js';
import { decodeMessage, encodeMessage } from './serialize.js';

/** Receives log lines about connections (refusals, closes with a reason). */
export type CommLogger = (level: 'info' | 'warn', message: string) => void;

/** Options shared by `listen` and `connect`. */
export interface CommOptions {
  readonly security?: SecurityOptions;
  /** Largest frame accepted after the handshake, in bytes. Default 1 GiB. */
  readonly maxFrameSize?: number;
  /** How long the handshake may take, ms. Default 10,000. */
  readonly handshakeTimeoutMs?: number;
  /** Batch window for small messages, ms; 0 (default) batches what is sent in one event-loop turn. */
  readonly batchMs?: number;
  /** Where refusals and errors are logged. Default: stderr. */
  readonly log?: CommLogger;
}

/** Who this side is, as announced in the handshake. */
export interface LocalIdentity {
  readonly role: PeerRole;
  readonly name: string;
}

/** Who the peer said it is, and where it connects from. */
export interface PeerInfo extends LocalIdentity {
  /** `host:port` of the peer's socket. */
  readonly remote: string;
}

/** Why a connection ended. */
export interface CloseInfo {
  readonly reason: string;
  readonly error?: Error;
}

/** Default maximum frame size after the handshake: 1 GiB. */
export const DEFAULT_MAX_FRAME_SIZE = 1 << 30;
/** Maximum frame size before the handshake completes. */
export const HANDSHAKE_MAX_FRAME = 4096;
const MAGIC = 'tessera';

/** The default logger: one line on stderr. */
export const stderrLogger: CommLogger = (level, message) => {
  process.stderr.write(`[tessera comm ${level}] ${message}\n`);
};

interface HandshakeMsg {
  op?: unknown;
  magic?: unknown;
  version?: unknown;
  role?: unknown;
  name?: unknown;
  nonce?: unknown;
  auth?: unknown;
  proof?: unknown;
  reason?: unknown;
}

const ROLES: readonly string[] = ['client', 'worker', 'scheduler', 'peer'];

/** A framed message connection; see the file header. Obtain one from `listen` or `connect`. */
export class Comm {
  readonly peer: PeerInfo;
  /** Resolves once, when the connection is closed (by either side or by an error). */
  readonly closed: Promise<CloseInfo>;
  private readonly socket: Socket;
  private readonly reader: FrameReader;
  private readonly log: CommLogger;
  private readonly batchMs: number;
  private pending: unknown[] = [];
  private flushScheduled = false;
  private waitingForDrain = false;
  private handler: ((msg: unknown) => void) | null = null;
  private batchHandler: ((msgs: unknown[]) => void) | null = null;
  private inbox: unknown[] = [];
  private waiters: Array<(r: IteratorResult<unknown>) => void> = [];
  private closeInfo: CloseInfo | null = null;
  private resolveClosed!: (info: CloseInfo) => void;
  private closeHandlers: Array<(info: CloseInfo) => void> = [];
  /** Bytes written to the socket, for transfer metrics. */
  bytesSent = 0;

  /** @internal Use `listen` / `connect`. */
  constructor(
    socket: Socket,
    input: SocketInput,
    reader: FrameReader,
    peer: PeerInfo,
    options: CommOptions,
    leftover: Buffer,
  ) {
    this.socket = socket;
    this.reader = reader;
    this.peer = peer;
    this.log = options.log ?? stderrLogger;
    this.batchMs = options.batchMs ?? 0;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    reader.setMaxFrameSize(options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE);
    if (leftover.length > 0) this.onData(leftover);
    const sink: ByteSink = {
      directTarget: () => (this.closeInfo === null ? reader.directTarget() : null),
      directFilled: (n) => this.onDirectRead(n),
      chunk: (bytes) => this.onData(bytes),
    };
    input.setSink(sink);
    socket.on('drain', () => {
      this.waitingForDrain = false;
      if (this.pending.length > 0) this.flush();
    });
    socket.on('error', (err) => this.finish(`socket error: ${err.message}`, err));
    socket.on('close', () => this.finish('connection closed by peer'));
  }

  /** Bytes received so far. */
  get bytesReceived(): number {
    return this.reader.bytesReceived;
  }

  /** True once the connection is closed. */
  get isClosed(): boolean {
    return this.closeInfo !== null;
  }

  /**
   * Queues `msg` for the next batch. Typed arrays inside it travel as raw frames from their own memory: do not
   * modify them until `drain()` resolves. Throws CLOSED if the connection is closed.
   */
  send(msg: unknown): void {
    if (this.closeInfo !== null) {
      throw new CommError(
        'CLOSED',
        `connection to ${this.peer.remote} is closed (${this.closeInfo.reason})`,
        this.peer.remote,
      );
    }
    this.pending.push(msg);
    if (this.flushScheduled || this.waitingForDrain) return;
    this.flushScheduled = true;
    if (this.batchMs > 0) setTimeout(() => this.flush(), this.batchMs);
    else setImmediate(() => this.flush());
  }

  /** Resolves when everything sent so far has been handed to the operating system (or the connection closed). */
  async drain(): Promise<void> {
    while (this.closeInfo === null) {
      // A socket that no longer needs a drain takes the queued messages now. (Waiting for `waitingForDrain` to be
      // reset instead could spin forever without yielding: a socket that is ending reports no need to drain
      // but never emits 'drain'.)
      if (this.pending.length > 0 && !this.socket.writableNeedDrain) {
        this.waitingForDrain = false;
        this.flush();
      }
      if (this.closeInfo !== null || (this.pending.length === 0 && !this.socket.writableNeedDrain)) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
    }
  }

  /**
   * Calls `handler` with every message received, in order (messages that arrived before are delivered at once).
   * A handler that throws is logged; the connection stays up.
   */
  onMessage(handler: (msg: unknown) => void): void {
    this.handler = handler;
    const queued = this.inbox;
    this.inbox = [];
    for (const msg of queued) this.dispatch(msg);
  }

  /**
   * Like {@link onMessage}, but with the messages of each received batch together (the scheduler handles a batch
   * in one step, so the tasks it causes for one worker leave as one message). Replaces `onMessage`.
   */
  onMessages(handler: (msgs: unknown[]) => void): void {
    this.batchHandler = handler;
    this.handler = (msg) => handler([msg]);
    const queued = this.inbox;
    this.inbox = [];
    if (queued.length > 0) this.dispatchBatch(queued);
  }

  /** Calls `handler` once when the connection closes (at once if it already did). */
  onClose(handler: (info: CloseInfo) => void): void {
    if (this.closeInfo !== null) handler(this.closeInfo);
    else this.closeHandlers.push(handler);
  }

  /** The received messages as an async iterator (instead of `onMessage`); ends when the connection closes. */
  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return {
      next: () => {
        if (this.inbox.length > 0) return Promise.resolve({ value: this.inbox.shift(), done: false });
        if (this.closeInfo !== null) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiters.push(resolve));
      },
    };
  }

  /** Sends what is queued, then closes the connection. */
  close(reason = 'closed locally'): void {
    if (this.closeInfo !== null) return;
    if (this.pending.length > 0) this.flush();
    this.socket.end();
    // A peer that never reads must not keep the socket alive forever.
    setTimeout(() => this.socket.destroy(), 2000).unref();
    this.finish(reason);
  }

  /**
   * Drops the connection at once with a reset, discarding what is queued: for a peer presumed unreachable, where
   * queued bytes (and a FIN) would otherwise be retransmitted and delivered whenever the link returns.
   */
  abort(reason = 'aborted locally'): void {
    if (this.closeInfo !== null) return;
    this.pending.length = 0;
    this.socket.resetAndDestroy();
    this.finish(reason);
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closeInfo !== null || this.pending.length === 0) return;
    if (this.socket.writableNeedDrain) {
      this.waitingForDrain = true;
      return;
    }
    const batch = this.pending;
    this.pending = [];
    let frames: Uint8Array[];
    try {
      frames = encodeMessage(batch);
    } catch {
      // One message that cannot be encoded (a function, a huge object...) must not take the others, or the
      // process, down with it: send those that encode, log the others.
      const good = batch.filter((msg) => {
        try {
          encodeMessage(msg);
          return true;
        } catch (err) {
          const op = (msg as { op?: unknown })?.op;
          this.log(
            'warn',
            `dropped a message (${String(op)}) to ${this.peer.remote} that cannot be encoded: ${(err as Error).message}`,
          );
          return false;
        }
      });
      if (good.length === 0) return;
      frames = encodeMessage(good);
    }
    this.writeFrames(frames);
  }

  private writeFrames(frames: Uint8Array[]): void {
    const parts = frameMessage(frames);
    this.socket.cork();
    for (const part of parts) {
      this.bytesSent += part.byteLength;
      if (part.byteLength > 0) this.socket.write(part);
    }
    this.socket.uncork();
  }

  private onData(chunk: Buffer): void {
    if (this.closeInfo !== null) return;
    this.receive(() => this.reader.push(chunk));
  }

  // `n` bytes were read by the socket straight into the frame being received.
  private onDirectRead(n: number): void {
    this.receive(() => this.reader.directFilled(n));
  }

  private receive(read: () => Uint8Array[][]): void {
    let messages: Uint8Array[][];
    try {
      messages = read();
    } catch (err) {
      this.log(
        'warn',
        `closing connection from ${this.peer.remote} (${this.peer.role} ${this.peer.name}): ${(err as Error).message}`,
      );
      this.socket.destroy();
      this.finish((err as Error).message, err as Error);
      return;
    }
    for (const frames of messages) this.deliverFrames(frames);
  }

  private deliverFrames(frames: Uint8Array[]): void {
    let batch: unknown;
    try {
      batch = decodeMessage(frames);
      if (!Array.isArray(batch)) throw new CommError('MALFORMED', 'a message batch is not an array');
    } catch (err) {
      this.log('warn', `closing connection from ${this.peer.remote}: ${(err as Error).message}`);
      this.socket.destroy();
      this.finish((err as Error).message, err as Error);
      return;
    }
    if (this.batchHandler !== null && this.waiters.length === 0) this.dispatchBatch(batch);
    else for (const msg of batch) this.dispatch(msg);
  }

  private dispatchBatch(batch: unknown[]): void {
    try {
      (this.batchHandler as (msgs: unknown[]) => void)(batch);
    } catch (err) {
      this.log('warn', `message handler failed on a batch from ${this.peer.remote}: ${(err as Error).stack}`);
    }
  }

  private dispatch(msg: unknown): void {
    if (this.closeInfo !== null && this.handler === null && this.waiters.length === 0) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter({ value: msg, done: false });
      return;
    }
    if (this.handler === null) {
      this.inbox.push(msg);
      return;
    }
    try {
      this.handler(msg);
    } catch (err) {
      this.log('warn', `message handler failed on a message from ${this.peer.remote}: ${(err as Error).stack}`);
    }
  }

  private finish(reason: string, error?: Error): void {
    if (this.closeInfo !== null) return;
    this.closeInfo = error ? { reason, error } : { reason };
    for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
    this.resolveClosed(this.closeInfo);
    for (const h of this.closeHandlers.splice(0)) h(this.closeInfo);
  }
}

/**
 * Runs the handshake on a fresh socket (either side) and resolves to the Comm, or rejects with BAD_HANDSHAKE,
 * VERSION_MISMATCH, AUTH_FAILED, FRAME_TOO_LARGE, MALFORMED, TIMEOUT or CLOSED. On rejection the socket is destroyed.
 *
 * Steps: both send `hello`; with a token both send `auth` and check the other's; the server then sends `welcome`
 * (or `refused` {reason}), so that a client learns at connect time whether it was accepted.
 */
export function handshake(
  socket: Socket,
  side: 'server' | 'client',
  local: LocalIdentity,
  options: CommOptions,
  input: SocketInput = SocketInput.fromEvents(socket),
): Promise<Comm> {
  const token = options.security?.token;
  const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  const reader = new FrameReader(HANDSHAKE_MAX_FRAME);
  const nonce = newNonce();
  const write = (msg: unknown): void => {
    socket.cork();
    for (const part of frameMessage(encodeMessage(msg))) socket.write(part);
    socket.uncork();
  };
  return new Promise<Comm>((resolve, reject) => {
    let peer: (PeerInfo & { nonce: string }) | null = null;
    // What this side waits for next.
    let expecting: 'hello' | 'auth' | 'welcome' = 'hello';
    let settled = false;
    const fail = (err: CommError, tell?: string): void => {
      if (settled) return;
      settled = true;
      cleanup();
      if (tell !== undefined && !socket.destroyed) {
        write({ op: 'refused', reason: tell });
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      } else {
        socket.destroy();
      }
      reject(err);
    };
    const succeed = (leftover: Buffer): void => {
      settled = true;
      cleanup();
      const p = peer as PeerInfo & { nonce: string };
      // The leftover is a view on a reused read buffer: the Comm consumes it before this returns.
      resolve(new Comm(socket, input, reader, { role: p.role, name: p.name, remote }, options, leftover));
    };
    const timer = setTimeout(
      () => fail(new CommError('TIMEOUT', `handshake with ${remote} did not complete in time`, remote)),
      options.handshakeTimeoutMs ?? 10_000,
    );
    const onClose = (): void =>
      fail(new CommError('CLOSED', `${remote} closed the connection during the handshake`, remote));
    const onError = (err: Error): void =>
      fail(new CommError('CLOSED', `connection to ${remote} failed during the handshake: ${err.message}`, remote));
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('close', onClose);
      socket.off('error', onError);
    };
    // Handles one handshake message; true when this side is done.
    const step = (msg: HandshakeMsg): boolean => {
      if (msg.op === 'refused') {
        fail(new CommError('AUTH_FAILED', `${remote} refused the connection: ${String(msg.reason)}`, remote));
        return false;
      }
      if (expecting === 'hello') {
        if (msg.op !== 'hello' || msg.magic !== MAGIC) {
          fail(new CommError('BAD_HANDSHAKE', `${remote} did not start with a Tessera hello`, remote));
          return false;
        }
        if (msg.version !== PROTOCOL_VERSION) {
          const why = `protocol version ${String(msg.version)} is not ${PROTOCOL_VERSION}`;
          fail(new CommError('VERSION_MISMATCH', `${remote}: ${why}`, remote), why);
          return false;
        }
        if (
          typeof msg.role !== 'string' ||
          !ROLES.includes(msg.role) ||
          typeof msg.name !== 'string' ||
          typeof msg.nonce !== 'string'
        ) {
          fail(new CommError('BAD_HANDSHAKE', `${remote} sent a malformed hello`, remote), 'malformed hello');
          return false;
        }
        if (msg.auth !== (token !== undefined)) {
          const why =
            token === undefined
              ? `a token is required by ${side === 'server' ? 'this server' : remote} (pass the same --token-file)`
              : `a token is required here but ${remote} has none`;
          fail(new CommError('AUTH_FAILED', `authentication with ${remote} failed: ${why}`, remote), why);
          return false;
        }
        peer = { role: msg.role as PeerRole, name: msg.name, remote, nonce: msg.nonce };
        if (token !== undefined) {
          write({ op: 'auth', proof: authProof(token, nonce, msg.nonce, side) });
          expecting = 'auth';
          return false;
        }
      } else if (expecting === 'auth') {
        const p = peer as PeerInfo & { nonce: string };
        const expected = authProof(token as string, p.nonce, nonce, side === 'server' ? 'client' : 'server');
        if (msg.op !== 'auth' || !proofMatches(expected, msg.proof)) {
          fail(
            new CommError('AUTH_FAILED', `authentication with ${remote} failed: wrong token`, remote),
            'wrong token',
          );
          return false;
        }
      } else {
        if (msg.op !== 'welcome') {
          fail(new CommError('BAD_HANDSHAKE', `${remote} sent ${String(msg.op)} instead of welcome`, remote));
          return false;
        }
        return true;
      }
      // Hello (and auth, with a token) accepted.
      if (side === 'server') {
        write({ op: 'welcome' });
        return true;
      }
      expecting = 'welcome';
      return false;
    };
    const onData = (chunk: Buffer): void => {
      let rest = chunk;
      while (rest.length > 0 && !settled) {
        let got: { messages: Uint8Array[][]; consumed: number };
        try {
          got = reader.pushUntil(rest, 1);
        } catch (err) {
          const e = err as CommError;
          fail(new CommError(e.code ?? 'MALFORMED', `${remote}: ${e.message} (during the handshake)`, remote));
          return;
        }
        rest = rest.subarray(got.consumed);
        if (got.messages.length === 0) return;
        let msg: unknown;
        try {
          msg = decodeMessage(got.messages[0]);
        } catch {
          fail(new CommError('BAD_HANDSHAKE', `${remote} sent an undecodable handshake message`, remote));
          return;
        }
        if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
          fail(new CommError('BAD_HANDSHAKE', `${remote} did not start with a Tessera hello`, remote));
          return;
        }
        if (step(msg as HandshakeMsg)) {
          succeed(rest);
          return;
        }
      }
    };
    input.setSink({ directTarget: () => null, directFilled: () => {}, chunk: onData });
    socket.on('close', onClose);
    socket.on('error', onError);
    write({
      op: 'hello',
      magic: MAGIC,
      version: PROTOCOL_VERSION,
      role: local.role,
      name: local.name,
      nonce,
      auth: token !== undefined,
    });
  });
}
