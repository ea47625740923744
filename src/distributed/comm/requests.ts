/**
 * Request / reply over a Comm: messages that carry a `requestId` and are answered by a message with the same id
 * (who-has, identity, get-data, put-data, upload-module...).
 */
import type { Comm } from './comm.js';
import { CommError } from './errors.js';

/** Tracks the requests in flight on one connection. */
export class PendingRequests {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (msg: unknown) => void; reject: (err: Error) => void }>();

  /** Fails every request in flight when `comm` closes. */
  constructor(private readonly comm: Comm) {
    comm.onClose((info) => {
      for (const [, w] of this.waiting) {
        w.reject(new CommError('CLOSED', `connection to ${comm.peer.remote} closed before the reply: ${info.reason}`));
      }
      this.waiting.clear();
    });
  }

  /** Sends `msg` with a new `requestId` and resolves to the reply that carries it. */
  request<T = unknown>(msg: Record<string, unknown>): Promise<T> {
    const requestId = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(requestId, { resolve: resolve as (m: unknown) => void, reject });
      try {
        this.comm.send({ ...msg, requestId });
      } catch (err) {
        this.waiting.delete(requestId);
        reject(err);
      }
    });
  }

  /** Routes a received message: true if it was the reply to a request in flight (and has been delivered). */
  settle(msg: unknown): boolean {
    if (msg === null || typeof msg !== 'object') return false;
    const id = (msg as { requestId?: unknown }).requestId;
    if (typeof id !== 'number') return false;
    const w = this.waiting.get(id);
    if (!w) return false;
    this.waiting.delete(id);
    w.resolve(msg);
    return true;
  }
}
