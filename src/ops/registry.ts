import { BUILTIN_OPS, isBuiltinOp } from './builtins.js';
import { OpError } from './errors.js';

/** A function a task can call. Arguments are whatever the task spec evaluates to. */
export type OpFunction = (...args: never[]) => unknown;

/** A function that carries its stable op name (made by {@link defineOp}). */
export type NamedOp<F extends OpFunction = OpFunction> = F & { readonly [OP_NAME]: string };

/** Property under which {@link defineOp} stores a function's stable name. */
export const OP_NAME: unique symbol = Symbol.for('tessera.op');

// Per thread (and per process): ops resolved so far by name. Each thread imports a module at most once.
const resolved = new Map<string, OpFunction>();
const loading = new Map<string, Promise<OpFunction>>();

/**
 * Gives `fn` the stable name `moduleUrl#exportName` and registers it in this thread. Export the result under
 * `exportName` from the module at `moduleUrl`, so another thread or process finds it by importing that module:
 *
 *     export const double = defineOp(import.meta.url, 'double', (x: number) => x * 2);
 */
export function defineOp<F extends OpFunction>(moduleUrl: string, exportName: string, fn: F): NamedOp<F> {
  const name = `${moduleUrl}#${exportName}`;
  Object.defineProperty(fn, OP_NAME, { value: name, enumerable: false });
  resolved.set(name, fn);
  return fn as NamedOp<F>;
}

/** The stable name of an op given as a name or as a function made by {@link defineOp}. */
export function opName(op: string | OpFunction): string {
  if (typeof op === 'string') {
    checkOpName(op);
    return op;
  }
  const name = (op as Partial<NamedOp>)[OP_NAME];
  if (typeof name === 'string') return name;
  const builtin = Object.entries(BUILTIN_OPS).find(([, f]) => f === op);
  if (builtin) return builtin[0];
  throw new OpError(
    'NOT_REGISTERED',
    `function ${op.name || '(anonymous)'} has no stable name: export it as defineOp(import.meta.url, 'name', fn) ` +
      'so other threads can import it (closures cannot be sent)',
    op.name,
  );
}

/** Throws BAD_OP_REF unless `name` is a built-in or has the form `moduleURL#exportName`. */
export function checkOpName(name: string): void {
  if (isBuiltinOp(name) || resolved.has(name)) return;
  const hash = name.lastIndexOf('#');
  if (hash <= 0 || hash === name.length - 1) {
    throw new OpError(
      'BAD_OP_REF',
      `${JSON.stringify(name)} is neither a built-in op nor "moduleURL#exportName"`,
      name,
    );
  }
}

/** The op `name` if this thread has it without importing (a built-in or already loaded), else undefined. */
export function resolveOpNow(name: string): OpFunction | undefined {
  return isBuiltinOp(name) ? BUILTIN_OPS[name] : resolved.get(name);
}

/** The op `name`, importing its module on first use in this thread. Rejects with an OpError. */
export function loadOp(name: string): Promise<OpFunction> {
  const now = resolveOpNow(name);
  if (now) return Promise.resolve(now);
  let pending = loading.get(name);
  if (!pending) {
    pending = importOp(name);
    loading.set(name, pending);
    pending.catch(() => loading.delete(name));
  }
  return pending;
}

/** Loads every op in `names` (see {@link loadOp}). */
export async function loadOps(names: Iterable<string>): Promise<void> {
  const missing = [...new Set(names)].filter((n) => !resolveOpNow(n));
  await Promise.all(missing.map(loadOp));
}

async function importOp(name: string): Promise<OpFunction> {
  checkOpName(name);
  const hash = name.lastIndexOf('#');
  const url = name.slice(0, hash);
  const exportName = name.slice(hash + 1);
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (err) {
    throw new OpError('MODULE_LOAD', `cannot import ${url}: ${(err as Error).message}`, name, { cause: err });
  }
  const fn = module[exportName];
  if (typeof fn !== 'function') throw new OpError('UNKNOWN_OP', `${url} has no function export ${exportName}`, name);
  resolved.set(name, fn as OpFunction);
  return fn as OpFunction;
}
