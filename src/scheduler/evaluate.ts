import { isPlainObject, type TaskArg, type TaskSpec } from '../graph/task.js';
import { OpError } from '../ops/errors.js';
import { resolveOpNow } from '../ops/registry.js';

/** Looks up the value of a key id the task references. */
export type ValueLookup = (id: string) => unknown;

// An inline task whose op returned a promise: the enclosing call waits for it before calling its own op.
class PendingInline {
  constructor(readonly promise: PromiseLike<unknown>) {}
}

/**
 * Runs `spec` in this thread: evaluates its arguments (references via `lookup`, inline tasks recursively) and calls
 * its op, which must already be loaded here (`loadOps`). Returns the op's result, or a promise when an op is async.
 * The op is called directly, so an error it throws carries the user's own stack.
 */
export function evaluateTask(spec: TaskSpec, lookup: ValueLookup): unknown {
  const fn = resolveOpNow(spec.fn);
  if (!fn) throw new OpError('UNKNOWN_OP', `op ${JSON.stringify(spec.fn)} is not loaded in this thread`, spec.fn);
  const pending: PromiseLike<unknown>[] = [];
  const args = evaluateArray(spec.args, lookup, pending);
  const call = fn as (...a: unknown[]) => unknown;
  if (pending.length === 0) return call(...args);
  return Promise.all(pending).then(() => call(...args));
}

function evaluateArray(arr: readonly TaskArg[], lookup: ValueLookup, pending: PromiseLike<unknown>[]): unknown[] {
  const out = new Array<unknown>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = evaluateArg(arr[i], lookup, pending);
    if (v instanceof PendingInline) pending.push(v.promise.then((r) => (out[i] = r)));
    else out[i] = v;
  }
  return out;
}

function evaluateArg(arg: TaskArg, lookup: ValueLookup, pending: PromiseLike<unknown>[]): unknown {
  if (arg === null || typeof arg !== 'object') return arg;
  if (Array.isArray(arg)) return evaluateArray(arg, lookup, pending);
  if (!isPlainObject(arg)) return arg;
  if ('$ref' in arg) return lookup(typeof arg.$ref === 'string' ? arg.$ref : refId(arg.$ref));
  if ('$lit' in arg) return arg.$lit;
  if ('$task' in arg) {
    const v = evaluateTask(arg.$task as TaskSpec, lookup);
    return isThenable(v) ? new PendingInline(v) : v;
  }
  const out: Record<string, unknown> = {};
  for (const k in arg) {
    const v = evaluateArg(arg[k], lookup, pending);
    if (v instanceof PendingInline) pending.push(v.promise.then((r) => (out[k] = r)));
    else out[k] = v;
  }
  return out;
}

// Same text as keyId for a [name, index] pair; inlined to keep this hot path free of validation.
function refId(key: unknown): string {
  const pair = key as [string, number];
  return `[${JSON.stringify(pair[0])},${pair[1]}]`;
}

/** True for a promise or promise-like value. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
