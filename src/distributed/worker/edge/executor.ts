/**
 * Runs one task of the worker on its ThreadPool (src/scheduler/pool.ts): the same batch protocol as the local
 * `threads` scheduler, with a batch of one task whose inputs are the values of its dependencies.
 */
import type { TaskSpec } from '../../../graph/task.js';
import { localOpName, renameSpecFunctions } from '../../../ops/portable.js';
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

/**
 * Runs `spec` with `inputs` (values of `inputIds`). A portable op name is resolved to this worker's install or
 * upload dir first; an op that does not resolve fails the task with an error naming the module and the worker.
 */
export async function executeTask(
  ctx: ExecuteContext,
  key: string,
  spec: TaskSpec,
  inputIds: readonly string[],
  inputs: unknown[],
): Promise<ExecuteOutcome> {
  const t0 = Date.now();
  const failed = (err: unknown): ExecuteOutcome => ({
    ok: false,
    error: { ...errorInfo(err), worker: ctx.worker },
    startstops: [{ action: 'compute', start: t0, stop: Date.now() }],
  });
  let local: TaskSpec;
  try {
    local = renameSpecFunctions(spec, (fn) => localOpName(fn, { uploadDir: ctx.uploadDir, worker: ctx.worker }));
  } catch (err) {
    return failed(err);
  }
  const json = isJsonValue(local.args);
  const plan: BatchPlan = { ids: [key], specs: [json ? local : 0], inputIds: [...inputIds], drop: [0] };
  const request: BatchRequest = {
    plan: JSON.stringify(plan),
    clonedSpecs: json ? [] : [local],
    inputs,
    keep: Uint8Array.of(1),
    measureBytes: true,
  };
  let reply: Awaited<ReturnType<ThreadPool['run']>>;
  try {
    reply = await ctx.pool.run(request);
  } catch (err) {
    return failed(err);
  }
  if (reply.error || reply.finished < 1) {
    return {
      ok: false,
      error: {
        ...(reply.error ?? { name: 'Error', message: 'task did not run', stack: undefined }),
        worker: ctx.worker,
      },
      startstops: [{ action: 'compute', start: t0, stop: Date.now() }],
    };
  }
  return {
    ok: true,
    value: reply.values[0],
    nbytes: reply.bytes[0]!,
    startstops: [{ action: 'compute', start: reply.start[0]!, stop: reply.end[0]! }],
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
