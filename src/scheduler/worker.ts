// Piscina worker: runs one batch of tasks per message (see protocol.ts). Ops are imported on first use per thread.
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import { forEachFunction, type TaskSpec } from '../graph/task.js';
import { loadOps, resolveOpNow } from '../ops/registry.js';
import { errorInfo, type RemoteErrorInfo } from './errors.js';
import { evaluateTask, isThenable } from './evaluate.js';
import type { BatchPlan, BatchReply, BatchRequest } from './protocol.js';
import { estimateBytes } from './size.js';

// The pool's `preload` modules, imported before this thread takes its first batch (Piscina awaits this module).
const preload = (workerData as { preload?: string[] } | undefined)?.preload ?? [];
await Promise.all(preload.map((url) => import(url)));

/** Runs `batch` in order and reports results, timings and the first error (which stops the batch). */
export default async function runBatch(batch: BatchRequest): Promise<BatchReply> {
  const plan = JSON.parse(batch.plan) as BatchPlan;
  let cloned = 0;
  const specs = plan.specs.map((s) => (s === 0 ? batch.clonedSpecs[cloned++]! : s));
  const n = plan.ids.length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const bytes = new Float64Array(n);
  const values: unknown[] = [];
  const live = new Map<string, unknown>();
  for (let i = 0; i < plan.inputIds.length; i++) live.set(plan.inputIds[i]!, batch.inputs[i]);
  let peakLive = live.size;
  const lookup = (id: string): unknown => live.get(id);
  const origin = performance.timeOrigin;
  let error: RemoteErrorInfo | undefined;
  let finished = 0;
  try {
    await loadMissingOps(specs);
  } catch (err) {
    error = errorInfo(err);
  }
  for (let i = 0; i < n && !error; i++) {
    start[i] = origin + performance.now();
    let value: unknown;
    try {
      value = evaluateTask(specs[i]!, lookup);
      if (isThenable(value)) value = await value;
    } catch (err) {
      error = errorInfo(err);
      break;
    }
    end[i] = origin + performance.now();
    if (batch.measureBytes) bytes[i] = estimateBytes(value);
    if (batch.keep[i]) values.push(value);
    live.set(plan.ids[i]!, value);
    if (live.size > peakLive) peakLive = live.size;
    const drop = plan.drop[i];
    if (drop) for (const id of drop) live.delete(id);
    finished++;
  }
  return { finished, values, start, end, bytes, peakLive, threadId, error };
}

async function loadMissingOps(specs: readonly TaskSpec[]): Promise<void> {
  let missing: string[] | undefined;
  for (const spec of specs) {
    if (resolveOpNow(spec.fn) && !hasInlineTask(spec.args)) continue;
    forEachFunction(spec, (fn) => {
      if (!resolveOpNow(fn)) (missing ??= []).push(fn);
    });
  }
  if (missing) await loadOps(missing);
}

// Cheap pre-check: only specs with inline tasks (fused chains) can name more than one op.
function hasInlineTask(args: readonly unknown[]): boolean {
  for (const a of args) {
    if (
      a !== null &&
      typeof a === 'object' &&
      // Typed arrays hold no tasks, and Object.values of a big one would copy it into a JS array.
      !ArrayBuffer.isView(a) &&
      (Array.isArray(a) ? hasInlineTask(a) : '$task' in a || hasInlineTask(Object.values(a)))
    )
      return true;
  }
  return false;
}
