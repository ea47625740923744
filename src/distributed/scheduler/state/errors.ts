/** Errors of the scheduler state machine. Tasks' own failures travel as WireError values, not as these. */

/** Machine-readable reasons. */
export type SchedulerStateErrorCode =
  | 'BAD_ARGUMENT' // a bad configuration value or resource text
  | 'BAD_EVENT' // an event the state machine cannot take (unknown type)
  | 'INVARIANT'; // validation found the state inconsistent (a bug): the message says which task or worker

/** A typed scheduler error: a code and a message naming what and where. */
export class SchedulerStateError extends Error {
  readonly code: SchedulerStateErrorCode;

  constructor(code: SchedulerStateErrorCode, message: string) {
    super(message);
    this.name = 'SchedulerStateError';
    this.code = code;
  }
}
