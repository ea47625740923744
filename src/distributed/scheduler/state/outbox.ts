/**
 * Collects what one `handle` call wants sent, batching per worker: consecutive compute-tasks (or free-keys) for the
 * same worker become one message, while each worker still receives its messages in the order they were made.
 */
import type {
  ComputeTaskMsg,
  KeyId,
  SchedulerToClient,
  SchedulerToWorker,
  WorkerAddress,
} from '../../protocol/messages.js';
import type { ClientId, SchedulerAction } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ComputeBatch = Mutable<Extract<SchedulerToWorker, { op: 'compute-tasks' }>> & { tasks: ComputeTaskMsg[] };
type FreeBatch = Mutable<Extract<SchedulerToWorker, { op: 'free-keys' }>> & { keys: KeyId[] };

/** The pending actions of one `handle` call. */
export class Outbox {
  private actions: SchedulerAction[] = [];
  /** The last message queued for each worker in this call, to append to when it has the same op. */
  private last = new Map<WorkerAddress, SchedulerToWorker>();

  /** Commits `task` to `worker` (joins the worker's current compute batch). */
  compute(worker: WorkerAddress, task: ComputeTaskMsg, stimulusId: string): void {
    const prev = this.last.get(worker) as ComputeBatch | undefined;
    if (prev !== undefined && prev.op === 'compute-tasks') {
      prev.tasks.push(task);
      return;
    }
    const msg: ComputeBatch = { op: 'compute-tasks', tasks: [task], stimulusId };
    this.toWorker(worker, msg);
  }

  /** Tells `worker` to forget `key` (joins the worker's current free-keys batch). */
  free(worker: WorkerAddress, key: KeyId, stimulusId: string): void {
    const prev = this.last.get(worker) as FreeBatch | undefined;
    if (prev !== undefined && prev.op === 'free-keys') {
      prev.keys.push(key);
      return;
    }
    const msg: FreeBatch = { op: 'free-keys', keys: [key], stimulusId };
    this.toWorker(worker, msg);
  }

  /** Any other message to a worker. */
  toWorker(worker: WorkerAddress, msg: SchedulerToWorker): void {
    this.actions.push({ type: 'send-worker', worker, msg });
    this.last.set(worker, msg);
  }

  /** A message to a client. */
  toClient(client: ClientId, msg: SchedulerToClient): void {
    this.actions.push({ type: 'send-client', client, msg });
  }

  /** Closes a worker's connection; nothing more is sent to it in this call. */
  closeWorker(worker: WorkerAddress, reason: string): void {
    this.actions.push({ type: 'close-worker', worker, reason });
    this.last.delete(worker);
  }

  /** Resets the connection of a worker presumed unreachable, without a `close` message (it may rejoin). */
  abortWorker(worker: WorkerAddress, reason: string): void {
    this.actions.push({ type: 'close-worker', worker, reason, abort: true });
    this.last.delete(worker);
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, stimulusId: string): void {
    this.actions.push({ type: 'log', level, message, stimulusId });
  }

  /** The actions collected since the last drain, in order; the outbox is empty afterwards. */
  drain(): SchedulerAction[] {
    const out = this.actions;
    this.actions = [];
    this.last.clear();
    return out;
  }
}
