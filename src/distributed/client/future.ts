/**
 * A Future: a handle on one key computed (or scattered) on the cluster. `await future` resolves to its value
 * (fetched from the worker that holds it) or rejects with its TaskError; `status`, `exception()`, `cancel()` and
 * `release()` follow Dask's Future. Each Future holds one reference on its key in its Client; when the last
 * reference is released (explicitly, by garbage collection, or when the client closes) the scheduler may forget
 * the result.
 */
import type { KeyId, WireError } from '../protocol/messages.js';

/** Where a key is, as the client knows it. */
export type FutureStatus = 'pending' | 'finished' | 'error' | 'cancelled' | 'lost';

/** What a Future needs from its client (implemented by Client; an interface to keep the files independent). */
export interface FutureOwner {
  retain(key: KeyId): void;
  release(key: KeyId): void;
  statusOf(key: KeyId): FutureStatus;
  errorOf(key: KeyId): WireError | undefined;
  /** Resolves when the key is finished, erred or cancelled. */
  settled(key: KeyId): Promise<void>;
  gatherOne(key: KeyId): Promise<unknown>;
  cancelKeys(keys: readonly KeyId[]): Promise<void>;
  /** The error a failed key's Future rejects with. */
  failure(key: KeyId): Error;
}

const finalizer = new FinalizationRegistry<{ owner: FutureOwner; key: KeyId }>(({ owner, key }) => owner.release(key));

/** A result on the cluster; see the file header. */
export class Future<T = unknown> implements PromiseLike<T> {
  /** The key's canonical id. */
  readonly key: KeyId;
  private readonly owner: FutureOwner;
  private released = false;
  private readonly token = {};

  /** @internal Made by Client (submit, map, scatter, persist). */
  constructor(key: KeyId, owner: FutureOwner) {
    this.key = key;
    this.owner = owner;
    owner.retain(key);
    finalizer.register(this, { owner, key }, this.token);
  }

  /** `pending`, `finished`, `error`, `cancelled`, or `lost` (its worker died; it is being recomputed). */
  get status(): FutureStatus {
    return this.owner.statusOf(this.key);
  }

  /** True once finished, erred or cancelled. */
  get done(): boolean {
    const s = this.status;
    return s === 'finished' || s === 'error' || s === 'cancelled';
  }

  /** Resolves to the value (fetched from a worker), or rejects with the task's TaskError. */
  result(): Promise<T> {
    return this.owner.gatherOne(this.key) as Promise<T>;
  }

  /** Lets `await future` work (the issue asks for awaitable futures, as in Dask). */
  // biome-ignore lint/suspicious/noThenProperty: a Future is deliberately thenable.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.result().then(onFulfilled, onRejected);
  }

  /** Waits for the task to end; resolves to its error if it failed (else undefined). */
  async exception(): Promise<Error | undefined> {
    await this.owner.settled(this.key);
    return this.status === 'error' ? this.owner.failure(this.key) : undefined;
  }

  /** Resolves when the task has finished, erred or been cancelled (never rejects). */
  wait(): Promise<void> {
    return this.owner.settled(this.key);
  }

  /** Cancels the task on the cluster (and the tasks only it needed). */
  cancel(): Promise<void> {
    return this.owner.cancelKeys([this.key]);
  }

  /** Drops this Future's reference on the key now, rather than at garbage collection. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    finalizer.unregister(this.token);
    this.owner.release(this.key);
  }

  toString(): string {
    return `<Future ${this.key} ${this.status}>`;
  }
}
