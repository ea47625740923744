import { TaskGraph } from '../graph/graph.js';
import { isPlainObject, type TaskArg, type TaskSpec } from '../graph/task.js';
import { type OpFunction, opName } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import { type ComputeOptions, compute } from './compute.js';

let counter = 0;
const sessionToken = Math.random().toString(36).slice(2, 8);

/**
 * A lazy call: one task (its key and spec) plus the Delayed values it reads. `compute()` builds the graph of
 * everything upstream and runs it; Delayed values passed as arguments (anywhere inside arrays and plain objects)
 * become references.
 */
export class Delayed<T = unknown> {
  /** Key of this task in the graph. */
  readonly key: string;
  /** This task's spec. */
  readonly spec: TaskSpec;
  /** The Delayed values this task reads. */
  readonly inputs: readonly Delayed[];
  declare readonly __type?: T;

  constructor(key: string, spec: TaskSpec, inputs: readonly Delayed[]) {
    this.key = key;
    this.spec = spec;
    this.inputs = inputs;
  }

  /** The graph of this task and everything it depends on. */
  graph(): TaskGraph {
    return delayedGraph([this]);
  }

  /** Runs the graph and resolves to this task's value. */
  async compute(options: ComputeOptions = {}): Promise<T> {
    return (await compute(this.graph(), this.key, options)) as T;
  }
}

/** The graph holding `values` and all their upstream tasks (shared tasks once). */
export function delayedGraph(values: readonly Delayed[]): TaskGraph {
  const graph = new TaskGraph();
  const stack = [...values];
  const post: Delayed[] = [];
  const seen = new Set<string>();
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    post.push(d);
    for (const input of d.inputs) stack.push(input);
  }
  // Upstream tasks first, so insertion order (the tie-breaker of `order`) follows construction order.
  for (let i = post.length - 1; i >= 0; i--) graph.tasks.set(post[i]!.key, post[i]!.spec);
  return graph;
}

/** Computes several Delayed values in one graph (shared tasks run once). */
export async function computeDelayed(values: readonly Delayed[], options: ComputeOptions = {}): Promise<unknown[]> {
  return (await compute(
    delayedGraph(values),
    values.map((v) => v.key),
    options,
  )) as unknown[];
}

/** An argument of a delayed call: the parameter's type, or a Delayed of it. */
export type DelayedArgs<P extends readonly unknown[]> = { [K in keyof P]: P[K] | Delayed<P[K]> };

/**
 * Wraps a named op (a built-in name, `"moduleURL#export"`, or a function made by `defineOp`) so that calling it
 * records a task instead of running it:
 *
 *     const total = delayed('sum')([delayed(double)(1), delayed(double)(2)]);
 *     await total.compute();
 *
 * Closures are refused (they cannot be sent to other threads): define the function with `defineOp`.
 */
export function delayed<F extends OpFunction>(
  fn: F,
  options?: { name?: string },
): (...args: DelayedArgs<Parameters<F>>) => Delayed<Awaited<ReturnType<F>>>;
/** An op named by a string (built-in or `"moduleURL#export"`): arguments are untyped, the result is `R`. */
export function delayed<R = unknown>(fn: string, options?: { name?: string }): (...args: unknown[]) => Delayed<R>;
export function delayed(fn: OpFunction | string, options: { name?: string } = {}) {
  checkOptions(options, optionNames<typeof options>({ name: true }), 'delayed');
  const name = opName(fn);
  const prefix = options.name ?? name.slice(name.lastIndexOf('#') + 1);
  return (...args: unknown[]) => {
    const inputs: Delayed[] = [];
    const spec: TaskSpec = { fn: name, args: (args as unknown[]).map((a) => toArg(a, inputs)) };
    const key = `${prefix}-${sessionToken}-${(counter++).toString(36)}`;
    return new Delayed(key, spec, inputs);
  };
}

function toArg(value: unknown, inputs: Delayed[]): TaskArg {
  if (value instanceof Delayed) {
    inputs.push(value);
    return { $ref: value.key };
  }
  if (Array.isArray(value)) return value.map((v) => toArg(v, inputs));
  if (isPlainObject(value)) {
    const before = inputs.length;
    const out: Record<string, TaskArg> = {};
    for (const k in value) out[k] = toArg(value[k], inputs);
    // A user object that looks like a tagged argument must stay a literal; escape it (if it holds no Delayed).
    if (('$ref' in value || '$task' in value || '$lit' in value) && inputs.length === before) return { $lit: value };
    return out;
  }
  return value;
}
