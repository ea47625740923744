/**
 * Turning `submit(fn, ...args, options)` calls into tasks: the op's name, arguments in which Futures become
 * references, a deterministic key (Dask's `pure=True` default: the same call gives the same key, so the cluster
 * computes it once), and the options, told apart from a last plain-object argument by their field names.
 */
import { createHash } from 'node:crypto';
import { isPlainObject, type TaskSpec } from '../../graph/task.js';
import { type OpFunction, opName } from '../../ops/registry.js';
import { encodeMessage } from '../comm/serialize.js';
import type { KeyId, Resources } from '../protocol/messages.js';
import { ClientError } from './errors.js';
import { Future } from './future.js';

/** Options of `submit` and `map` (Dask's keywords). */
export interface SubmitOptions {
  /** The task's key; default: op name plus a hash of the call. */
  readonly key?: string;
  /** Abstract resources the task needs on its worker: `{ GPU: 1 }`. */
  readonly resources?: Resources;
  /** Times to re-run the task if it fails. */
  readonly retries?: number;
  /** Higher runs first (default 0). */
  readonly priority?: number;
  /** Run only on these workers (addresses or names). */
  readonly workers?: readonly string[];
  /** False: a fresh key for every call even with equal arguments. Default true. */
  readonly pure?: boolean;
}

const OPTION_NAMES = new Set(['key', 'resources', 'retries', 'priority', 'workers', 'pure']);

/**
 * Splits `submit`'s rest arguments into call arguments and options: the last argument is the options when it is a
 * plain object with at least one field, all of them option names. (To pass such an object as the last argument,
 * wrap it with `literal()`.)
 */
export function splitOptions(rest: readonly unknown[]): { args: unknown[]; options: SubmitOptions } {
  const last = rest[rest.length - 1];
  if (isPlainObject(last)) {
    const fields = Object.keys(last);
    if (fields.length > 0 && fields.every((f) => OPTION_NAMES.has(f))) {
      return { args: rest.slice(0, -1), options: last as SubmitOptions };
    }
  }
  return { args: [...rest], options: {} };
}

/** Replaces every Future inside `value` (arrays and plain objects) by a reference to its key. */
export function futuresToRefs(value: unknown, deps: Set<KeyId>): unknown {
  if (value instanceof Future) {
    deps.add(value.key);
    return { $ref: value.key };
  }
  if (Array.isArray(value)) return value.map((v) => futuresToRefs(v, deps));
  if (isPlainObject(value) && !('$lit' in value)) {
    const out: Record<string, unknown> = {};
    for (const k in value) out[k] = futuresToRefs(value[k], deps);
    return out;
  }
  return value;
}

let fresh = 0;

/** The task spec and key of one submit call. */
export function submitTask(
  fn: string | OpFunction,
  args: readonly unknown[],
  options: SubmitOptions,
): { key: KeyId; spec: TaskSpec } {
  const name = opName(fn);
  const deps = new Set<KeyId>();
  const spec: TaskSpec = { fn: name, args: args.map((a) => futuresToRefs(a, deps)) };
  if (options.key !== undefined) {
    if (typeof options.key !== 'string' || options.key.length === 0) {
      throw new ClientError(
        'BAD_ARGUMENT',
        `submit: key must be a non-empty string, got ${JSON.stringify(options.key)}`,
      );
    }
    return { key: options.key, spec };
  }
  const short = name.slice(name.lastIndexOf('#') + 1) || 'task';
  const hash = createHash('sha1');
  if (options.pure === false) hash.update(`${process.pid}-${Date.now()}-${++fresh}-${Math.random()}`);
  for (const frame of encodeMessage(spec)) hash.update(frame);
  return { key: `${short}-${hash.digest('hex').slice(0, 20)}`, spec };
}
