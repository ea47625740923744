/**
 * Runs the worker's tasks on its ThreadPool (src/scheduler/pool.ts), with the same batch protocol as the local
 * `threads` scheduler: a batch of ready tasks whose inputs are the values of their dependencies.
 */
import type { TaskSpec } from '../../../graph/task.js';
import { renameSpecFunctions } from '../../../graph/task.js';
import { localOpName } from '../../../ops/portable.js';
import { isJsonValue } from '../../../scheduler/batch.js';
import { errorInfo } from '../../../scheduler/errors.js';
import type { ThreadPool } from '../../../scheduler/pool.js';
import type { BatchPlan, BatchRequest } from '../../../scheduler/protocol.js';
import type { StartStop, WireError } from '../../protocol/messages.js';

/** How a task ended. */
export type ExecuteOutcome =
  | { readonly ok: true; readonly value: unknown; readonly nbytes: number; readonly startstops: StartStop[] }
  | { readonly ok: false; readonly error: WireError; readonly startstops: StartStop[] };

/** Where ops named `pkg:` / `upload:` are resolved, and who this worker is (named in errors). */
export interface ExecuteContext {
  readonly pool: ThreadPool;
  readonly uploadDir: string;
  readonly worker: string;
}

/** One task to run with the values of its dependencies. */
export interface TaskToRun {
  readonly key: string;
  readonly spec: TaskSpec;
  readonly dependencies: readonly string[];
}

/**
 * Runs `tasks` in order as batches on one thread; `values` maps each dependency key to its value. Resolves to one
 * outcome per task, in order. A task that throws fails alone: the batch protocol stops at the first error, so the
 * tasks after it run in a new batch. A portable op name is resolved to this worker's install or upload dir first;
 * an op that does not resolve fails its task with an error naming the module and the worker.
 */
export async function executeBatch(
  ctx: ExecuteContext,
  tasks: readonly TaskToRun[],
  values: ReadonlyMap<string, unknown>,
): Promise<ExecuteOutcome[]> {
  const outcomes: ExecuteOutcome[] = [];
  let runnable: { task: TaskToRun; spec: TaskSpec; index: number }[] = [];
  const pending = new Array<ExecuteOutcome | undefined>(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    try {
      const spec = renameSpecFunctions(task.spec, (fn) =>
        localOpName(fn, { uploadDir: ctx.uploadDir, worker: ctx.worker }),
      );
      runnable.push({ task, spec, index: i });
    } catch (err) {
      pending[i] = failure(ctx, err, Date.now());
    }
  }
  while (runnable.length > 0) {
    const t0 = Date.now();
    const inputIds: string[] = [];
    const inputs: unknown[] = [];
    const seen = new Set<string>();
    const specs: Array<TaskSpec | 0> = [];
    const clonedSpecs: TaskSpec[] = [];
    for (const { task, spec } of runnable) {
      for (const d of task.dependencies) {
        if (seen.has(d)) continue;
        seen.add(d);
        inputIds.push(d);
        inputs.push(values.get(d));
      }
      if (isJsonValue(spec.args)) specs.push(spec);
      else {
        specs.push(0);
        clonedSpecs.push(spec);
      }
    }
    const plan: BatchPlan = {
      ids: runnable.map((r) => r.task.key),
      specs,
      inputIds,
      drop: runnable.map(() => 0),
    };
    const request: BatchRequest = {
      plan: JSON.stringify(plan),
      clonedSpecs,
      inputs,
      keep: new Uint8Array(runnable.length).fill(1),
      measureBytes: true,
    };
    let reply: Awaited<ReturnType<ThreadPool['run']>>;
    try {
      reply = await ctx.pool.run(request);
    } catch (err) {
      // The thread itself failed (not a task): every task of the batch fails with it.
      for (const r of runnable) pending[r.index] = failure(ctx, err, t0);
      break;
    }
    for (let i = 0; i < reply.finished; i++) {
      pending[runnable[i]!.index] = {
        ok: true,
        value: reply.values[i],
        nbytes: reply.bytes[i]!,
        startstops: [{ action: 'compute', start: reply.start[i]!, stop: reply.end[i]! }],
      };
    }
    if (reply.finished >= runnable.length) break;
    const failedAt = reply.finished;
    pending[runnable[failedAt]!.index] = {
      ok: false,
      error: {
        ...(reply.error ?? { name: 'Error', message: 'task did not run', stack: undefined }),
        worker: ctx.worker,
      },
      startstops: [{ action: 'compute', start: t0, stop: Date.now() }],
    };
    runnable = runnable.slice(failedAt + 1);
  }
  for (const o of pending) outcomes.push(o!);
  return outcomes;
}

function failure(ctx: ExecuteContext, err: unknown, t0: number): ExecuteOutcome {
  return {
    ok: false,
    error: { ...errorInfo(err), worker: ctx.worker },
    startstops: [{ action: 'compute', start: t0, stop: Date.now() }],
  };
}

/** A short type name of a value for the scheduler and the dashboard: Batch, Float64Array, number, Array, ... */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (Array.isArray(value)) return 'Array';
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.fields) && Array.isArray(v.columns) && typeof v.numRows === 'number') return 'Batch';
  return (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'Object';
}
