/** Machine-readable reasons a worker operation failed. */
export type WorkerErrorCode =
  | 'BAD_ARGUMENT' // bad options or event fields (negative nthreads, unknown key in an event, ...)
  | 'INVARIANT' // the state machine's validation found an inconsistent state (a bug: the message says which)
  | 'SPILL_FORMAT' // a spill file that does not decode (bad magic, version, truncated)
  | 'NOT_FOUND' // a key the data store does not hold
  | 'UNSERIALIZABLE'; // a value the spill format cannot hold (functions, class instances, symbols)

/** Any failure inside the worker: a code, a message naming what and where, and the key when one is involved. */
export class WorkerError extends Error {
  readonly code: WorkerErrorCode;
  readonly key: string | undefined;

  constructor(code: WorkerErrorCode, message: string, options?: ErrorOptions & { key?: string }) {
    super(message, options);
    this.name = 'WorkerError';
    this.code = code;
    this.key = options?.key;
  }
}
