import cliProgress from 'cli-progress';
import type { Key } from '../graph/keys.js';
import type { TaskError } from './errors.js';

/** Figures of one compute, reported with the `end` event. */
export interface ComputeStats {
  /** Scheduler that ran it (`distributed`: a cluster Client). */
  readonly scheduler: 'sync' | 'threads' | 'distributed';
  /** Tasks after cull (and fuse). */
  readonly tasks: number;
  /** Tasks that finished. */
  readonly finished: number;
  /** Most task results held by the main thread at once. */
  readonly peakLiveResults: number;
  /** Most results a worker thread held at once inside one batch (0 on the sync scheduler). */
  readonly peakWorkerLiveResults: number;
  /** Messages sent to worker threads (0 on the sync scheduler). */
  readonly batches: number;
  /** Wall time of the run, milliseconds (graph preparation excluded). */
  readonly elapsedMs: number;
}

/**
 * What `onProgress` receives. Times are epoch milliseconds (`performance.timeOrigin + performance.now()`, comparable
 * across threads). `task-start` is emitted when a task is handed to a thread (the threads scheduler sends batches,
 * so a task may wait behind others of its batch); `task-finish` carries the times measured where it ran.
 */
export type ProgressEvent =
  | {
      readonly type: 'start';
      readonly tasks: number;
      readonly time: number;
      /** Canonical ids of every task of the run (see keyId), by reference: read, never modify. */
      readonly ids?: readonly string[];
    }
  | { readonly type: 'task-start'; readonly key: Key; readonly time: number }
  | {
      readonly type: 'task-finish';
      readonly key: Key;
      readonly start: number;
      readonly end: number;
      /** Estimated bytes of the result (see estimateBytes). */
      readonly bytes: number;
      /** Worker thread id (0: main thread). */
      readonly thread: number;
      /** Results the main thread holds once this task is recorded (measured when progress is observed). */
      readonly liveResults?: number;
      /** Estimated bytes of those results. */
      readonly liveBytes?: number;
    }
  | { readonly type: 'task-error'; readonly key: Key; readonly error: TaskError }
  | { readonly type: 'end'; readonly stats: ComputeStats; readonly error?: Error };

/** A progress callback. It runs on the main thread between scheduling steps: keep it cheap. */
export type ProgressCallback = (event: ProgressEvent) => void;

/** The current time as epoch milliseconds, sub-millisecond precision, comparable across threads. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * A terminal progress bar (cli-progress) that appears only if stdout is a TTY and the compute is still running
 * after `delayMs`, so quick computes print nothing. Returns a callback to chain with the user's.
 */
export function terminalProgressBar(
  delayMs = 1000,
  stream: NodeJS.WriteStream = process.stdout,
): ProgressCallback | undefined {
  if (!stream.isTTY) return undefined;
  let total = 0;
  let done = 0;
  let bar: cliProgress.SingleBar | undefined;
  let timer: NodeJS.Timeout | undefined;
  return (event) => {
    switch (event.type) {
      case 'start':
        total = event.tasks;
        timer = setTimeout(() => {
          bar = new cliProgress.SingleBar(
            { stream, format: 'tessera [{bar}] {percentage}% | {value}/{total} tasks | {duration_formatted}' },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        }, delayMs);
        timer.unref();
        break;
      case 'task-finish':
        done++;
        bar?.increment();
        break;
      case 'end':
        clearTimeout(timer);
        bar?.stop();
        break;
    }
  };
}
