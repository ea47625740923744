import type { Key } from '../graph/keys.js';

/** Machine-readable reasons a compute failed. */
export type SchedulerErrorCode =
  | 'TASK_FAILED' // a task threw; see TaskError
  | 'ABORTED' // the AbortSignal fired
  | 'WORKER_FAILED' // a worker thread died or could not run a batch
  | 'BAD_ARGUMENT'; // bad options (unknown scheduler, ...)

/** Any failure of a compute. */
export class SchedulerError extends Error {
  readonly code: SchedulerErrorCode;

  constructor(code: SchedulerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchedulerError';
    this.code = code;
  }
}

/** What a worker reports about an error thrown by a task (errors do not survive structured cloning intact). */
export interface RemoteErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

/**
 * A task threw. `key` names the task, `message` starts with the original message, `stack` is the original stack
 * (user code first) under a header naming the key, and `cause` is the original error (sync scheduler) or an Error
 * rebuilt from what the worker thread reported (threads scheduler).
 */
export class TaskError extends SchedulerError {
  /** The failing task's key. */
  readonly key: Key;
  /** The original error's message, unchanged. */
  readonly originalMessage: string;
  /** The original error's stack, unchanged. */
  readonly originalStack: string | undefined;

  constructor(key: Key, keyText: string, original: RemoteErrorInfo, cause: unknown) {
    super('TASK_FAILED', `task ${keyText} failed: ${original.message}`, { cause });
    this.name = 'TaskError';
    this.key = key;
    this.originalMessage = original.message;
    this.originalStack = original.stack;
    this.stack = `${this.name}: ${this.message}\n${original.stack ?? `${original.name}: ${original.message}`}`;
  }
}

/** The compute was cancelled through its AbortSignal; no task started after the abort. */
export class ComputeAbortedError extends SchedulerError {
  constructor(reason: unknown) {
    super('ABORTED', `compute aborted${reason instanceof Error ? `: ${reason.message}` : ''}`, { cause: reason });
    this.name = 'AbortError';
  }
}

/** Describes any thrown value for transport between threads. */
export function errorInfo(err: unknown): RemoteErrorInfo {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err), stack: undefined };
}

/** An Error rebuilt in this thread from what another thread reported. */
export function rebuildError(info: RemoteErrorInfo): Error {
  const err = new Error(info.message);
  err.name = info.name;
  err.stack = info.stack;
  return err;
}
