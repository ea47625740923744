/**
 * Carries out the state machine's `execute` instructions (a batch of tasks on the worker's thread pool, with their
 * inputs read from the data store) and `gather-dep` instructions (one get-data to the peer that holds the keys),
 * and turns each outcome into the state machine's next event.
 *
 * Outcomes that come back after a restart or a stop are dropped: the incarnation they started in is over.
 */
import type { ThreadPool } from '../../../scheduler/pool.js';
import { estimateBytes } from '../../../scheduler/size.js';
import type { CommLogger } from '../../comm/index.js';
import type { KeyId } from '../../protocol/messages.js';
import type { DataStore } from '../memory/store.js';
import type { ExecuteTask, WorkerEvent, WorkerInstruction } from '../state/types.js';
import { executeBatch, typeName } from './executor.js';
import type { MetricsCollector } from './metrics.js';
import type { PeerPool } from './peers.js';

/** The worker as the task runner sees it, for one incarnation. */
export interface TaskRunnerContext {
  readonly store: DataStore;
  readonly pool: ThreadPool;
  readonly peers: PeerPool;
  readonly metrics: MetricsCollector;
  readonly uploadDir: string;
  readonly self: string;
  readonly log: CommLogger;
  /** False once the incarnation this context belongs to is over (restart or stop). */
  readonly live: () => boolean;
  /** Feeds an event to the state machine. */
  readonly handle: (event: WorkerEvent) => void;
  /** A new stimulus id. */
  readonly stimulus: (what: string) => string;
  /** Longest wait for a peer's answer, ms; default 30,000 plus the bytes' time at 10 MB/s. */
  readonly gatherTimeoutMs?: number;
  /** Called after a batch of results is stored (memory may be past the target now). */
  readonly afterResults: () => void;
}

/** Runs an `execute` instruction's tasks and reports each outcome. */
export async function runExecute(
  ctx: TaskRunnerContext,
  ins: Extract<WorkerInstruction, { type: 'execute' }>,
): Promise<void> {
  const { store } = ctx;
  const values = new Map<KeyId, unknown>();
  const ready: ExecuteTask[] = [];
  for (const task of ins.tasks) {
    try {
      for (const d of task.dependencies) if (!values.has(d)) values.set(d, await store.get(d));
      ready.push(task);
    } catch (err) {
      if (!ctx.live()) return;
      ctx.handle({
        type: 'execute-failure',
        key: task.key,
        error: { name: 'WorkerError', message: (err as Error).message, stack: (err as Error).stack, worker: ctx.self },
        startstops: [],
        stimulusId: ctx.stimulus('execute'),
      });
    }
  }
  const outcomes = await executeBatch({ pool: ctx.pool, uploadDir: ctx.uploadDir, worker: ctx.self }, ready, values);
  if (!ctx.live()) return;
  const stimulusId = ctx.stimulus('executed');
  for (let i = 0; i < ready.length; i++) {
    const key = (ready[i] as ExecuteTask).key;
    const outcome = outcomes[i];
    if (outcome === undefined) continue;
    if (outcome.ok) {
      store.set(key, outcome.value, outcome.nbytes);
      ctx.handle({
        type: 'execute-success',
        key,
        nbytes: outcome.nbytes,
        valueType: typeName(outcome.value),
        startstops: outcome.startstops,
        stimulusId,
      });
    } else {
      ctx.handle({ type: 'execute-failure', key, error: outcome.error, startstops: outcome.startstops, stimulusId });
    }
  }
  ctx.afterResults();
}

/** Fetches a `gather-dep` instruction's keys from their peer and reports the outcome. */
export async function runGather(
  ctx: TaskRunnerContext,
  ins: Extract<WorkerInstruction, { type: 'gather-dep' }>,
): Promise<void> {
  const t0 = performance.now();
  try {
    const timeoutMs = ctx.gatherTimeoutMs ?? 30_000 + ins.totalNbytes / 1e4;
    const reply = await ctx.peers.getData(ins.worker, ins.keys, ctx.self, timeoutMs);
    if (!ctx.live()) return;
    if (reply.op === 'busy') {
      ctx.handle({ type: 'gather-dep-busy', worker: ins.worker, stimulusId: ctx.stimulus('gather-busy') });
      return;
    }
    if (reply.op !== 'data') throw new Error(`unexpected answer ${reply.op} to get-data`);
    const nbytes: Record<KeyId, number> = {};
    let total = 0;
    for (const key of Object.keys(reply.data)) {
      const value = reply.data[key];
      const n = estimateBytes(value);
      nbytes[key] = n;
      total += n;
      ctx.store.set(key, value, n);
    }
    ctx.metrics.received(ins.worker, total, performance.now() - t0);
    ctx.handle({
      type: 'gather-dep-success',
      worker: ins.worker,
      nbytes,
      missing: reply.missing,
      stimulusId: ctx.stimulus('gather'),
    });
  } catch (err) {
    if (!ctx.live()) return;
    ctx.log(
      'warn',
      `worker ${ctx.self}: fetching ${ins.keys.length} keys from ${ins.worker} failed: ${(err as Error).message}`,
    );
    ctx.peers.drop(ins.worker);
    ctx.handle({
      type: 'gather-dep-failure',
      worker: ins.worker,
      error: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack },
      stimulusId: ctx.stimulus('gather-failed'),
    });
  }
}
