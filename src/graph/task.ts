import { type OpFunction, opName } from '../ops/registry.js';
import { GraphError } from './errors.js';
import { isKey, type Key, keyId } from './keys.js';

/** A reference to another task's result, valid anywhere inside a task's arguments. */
export interface RefArg {
  readonly $ref: Key;
}

/** A task evaluated in place (what `fuse` produces when it inlines a chain). */
export interface InlineTaskArg {
  readonly $task: TaskSpec;
}

/** A literal taken verbatim: its inside is not scanned for references (escapes objects that contain `$ref`). */
export interface LiteralArg {
  readonly $lit: unknown;
}

/**
 * A task argument: a literal (JSON value, typed array, ...), a reference, an inline task, an escaped literal, or an
 * array / plain object whose members are arguments in turn.
 */
export type TaskArg = unknown;

/**
 * One task: the stable name of a registered function (a built-in op name, or `moduleURL#exportName`) and its
 * arguments. Pure data, never a closure, so a graph can be sent to another thread or process unchanged.
 */
export interface TaskSpec {
  readonly fn: string;
  readonly args: readonly TaskArg[];
}

/** A reference argument to `key` (`{ $ref: key }`). */
export function ref(key: Key): RefArg {
  return { $ref: key };
}

/** A task spec calling `fn` (an op name, or a function made by `defineOp` or a built-in op) with `args`. */
export function task(fn: string | OpFunction, ...args: TaskArg[]): TaskSpec {
  return { fn: typeof fn === 'string' ? fn : opName(fn), args };
}

/** A literal argument whose inside is never scanned for references. */
export function literal(value: unknown): LiteralArg {
  return { $lit: value };
}

/** True for a plain object (`{}` / `Object.create(null)`), the only objects whose members are scanned. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when `value` has the shape of a task spec. */
export function isTaskSpec(value: unknown): value is TaskSpec {
  return isPlainObject(value) && typeof value.fn === 'string' && Array.isArray(value.args);
}

/** Checks a graph entry's shape, throwing a BAD_TASK GraphError naming `key` otherwise. */
export function assertTaskSpec(value: unknown, key: string): asserts value is TaskSpec {
  if (!isTaskSpec(value)) {
    throw new GraphError('BAD_TASK', `entry ${key} is not a task spec { fn: string, args: [] }`, { key });
  }
}

/**
 * Calls `visit` with the key id of every reference inside `args` (inline tasks included), in order, duplicates
 * included. Iterative over arrays of references, recursive over nesting.
 */
export function forEachReference(args: readonly TaskArg[], visit: (id: string) => void): void {
  for (let i = 0; i < args.length; i++) visitArg(args[i], visit);
}

/** Like {@link forEachReference} for one argument. */
export function forEachReferenceIn(arg: TaskArg, visit: (id: string) => void): void {
  visitArg(arg, visit);
}

/**
 * The key id of `arg` when it is a plain-object reference to a string key (the common shape, which
 * {@link forEachReference} would report as exactly that one id); undefined for any other argument.
 */
export function stringRefId(arg: TaskArg): string | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const proto = Object.getPrototypeOf(arg);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const key = (arg as { $ref?: unknown }).$ref;
  return typeof key === 'string' ? key : undefined;
}

function visitArg(arg: TaskArg, visit: (id: string) => void): void {
  if (arg === null || typeof arg !== 'object') return;
  if (Array.isArray(arg)) {
    for (let i = 0; i < arg.length; i++) visitArg(arg[i], visit);
    return;
  }
  if (!isPlainObject(arg)) return;
  if ('$ref' in arg) {
    if (!isKey(arg.$ref)) throw new GraphError('BAD_KEY', `reference to a non-key: ${JSON.stringify(arg.$ref)}`);
    visit(keyId(arg.$ref));
    return;
  }
  if ('$lit' in arg) return;
  if ('$task' in arg) {
    const inner = arg.$task;
    if (!isTaskSpec(inner)) throw new GraphError('BAD_TASK', 'an inline $task is not a task spec');
    forEachReference(inner.args, visit);
    return;
  }
  for (const k in arg) visitArg(arg[k], visit);
}

/** The distinct key ids `spec` references, in first-use order. */
export function taskDependencies(spec: TaskSpec): string[] {
  const out: string[] = [];
  // A linear scan is cheapest for the usual handful of inputs; a reduction over 100k inputs needs a set (the scan
  // made it quadratic: seconds per task on the cluster workers).
  let seen: Set<string> | undefined;
  forEachReference(spec.args, (id) => {
    if (seen === undefined) {
      if (out.includes(id)) return;
      out.push(id);
      if (out.length > 32) seen = new Set(out);
    } else if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  });
  return out;
}

/** Calls `visit` with every function name in `spec` (its own and those of inline tasks). */
export function forEachFunction(spec: TaskSpec, visit: (fn: string) => void): void {
  visit(spec.fn);
  for (let i = 0; i < spec.args.length; i++) visitFunctions(spec.args[i], visit);
}

function visitFunctions(arg: TaskArg, visit: (fn: string) => void): void {
  if (arg === null || typeof arg !== 'object') return;
  if (Array.isArray(arg)) {
    for (let i = 0; i < arg.length; i++) visitFunctions(arg[i], visit);
    return;
  }
  if (!isPlainObject(arg) || '$ref' in arg || '$lit' in arg) return;
  if ('$task' in arg && isTaskSpec(arg.$task)) {
    forEachFunction(arg.$task, visit);
    return;
  }
  for (const k in arg) visitFunctions(arg[k], visit);
}

/**
 * `spec` with every function name (its own and those of inline `$task`s) mapped through `rename`. Returns `spec`
 * itself when nothing changes, so specs that need no rewriting are not copied. The cluster client uses it to make
 * op names portable (ops/portable.ts `portableOpName`), the worker to make them local again (`localOpName`).
 */
export function renameSpecFunctions(spec: TaskSpec, rename: (fn: string) => string): TaskSpec {
  const fn = rename(spec.fn);
  let args: unknown[] | undefined;
  for (let i = 0; i < spec.args.length; i++) {
    const before = spec.args[i];
    const after = renameArg(before, rename);
    if (after !== before) {
      args ??= spec.args.slice();
      args[i] = after;
    }
  }
  if (fn === spec.fn && args === undefined) return spec;
  return { fn, args: args ?? spec.args };
}

function renameArg(arg: unknown, rename: (fn: string) => string): unknown {
  if (arg === null || typeof arg !== 'object') return arg;
  if (Array.isArray(arg)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < arg.length; i++) {
      const after = renameArg(arg[i], rename);
      if (after !== arg[i]) {
        out ??= arg.slice();
        out[i] = after;
      }
    }
    return out ?? arg;
  }
  if (!isPlainObject(arg) || '$ref' in arg || '$lit' in arg) return arg;
  if ('$task' in arg && isTaskSpec(arg.$task)) {
    const inner = renameSpecFunctions(arg.$task, rename);
    return inner === arg.$task ? arg : { $task: inner };
  }
  let out: Record<string, unknown> | undefined;
  for (const k in arg) {
    const after = renameArg(arg[k], rename);
    if (after !== arg[k]) {
      out ??= { ...arg };
      out[k] = after;
    }
  }
  return out ?? arg;
}

/** A copy of `args` in which every reference to `id` is replaced by `replacement` (used by fuse). */
export function replaceReference(args: readonly TaskArg[], id: string, replacement: TaskArg): TaskArg[] {
  const out = new Array<TaskArg>(args.length);
  for (let i = 0; i < args.length; i++) out[i] = replaceIn(args[i], id, replacement);
  return out;
}

// A top-level function rather than a closure per call: fuse calls this once per inlined task.
function replaceIn(arg: TaskArg, id: string, replacement: TaskArg): TaskArg {
  if (arg === null || typeof arg !== 'object') return arg;
  if (Array.isArray(arg)) return replaceReference(arg, id, replacement);
  if (!isPlainObject(arg)) return arg;
  // `$ref` before `$lit`, in the order forEachReference and evaluation read an argument.
  if ('$ref' in arg) return keyId(arg.$ref as Key) === id ? replacement : arg;
  if ('$lit' in arg) return arg;
  if ('$task' in arg) {
    const inner = arg.$task as TaskSpec;
    return { $task: { fn: inner.fn, args: replaceReference(inner.args, id, replacement) } };
  }
  const out: Record<string, TaskArg> = {};
  for (const k in arg) out[k] = replaceIn(arg[k], id, replacement);
  return out;
}
