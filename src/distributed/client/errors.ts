/** Machine-readable reasons a client call failed. */
export type ClientErrorCode =
  | 'BAD_ARGUMENT' // bad options or arguments
  | 'CLOSED' // the client (or its scheduler connection) is closed
  | 'CANCELLED' // the future was cancelled
  | 'WORKER_UNREACHABLE' // a worker holding data could not be reached
  | 'DATA_LOST' // a result could not be fetched from any worker
  | 'SCHEDULER_ERROR'; // the scheduler answered a request with an error

/** Any failure of a Client call that is not a task's own error (those are TaskError). */
export class ClientError extends Error {
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClientError';
    this.code = code;
  }
}
