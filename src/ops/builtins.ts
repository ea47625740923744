/** Built-in ops: small pure functions every thread has without importing anything, by stable name. */

function numbers(args: unknown[]): number[] {
  return args.map((x) => Number(x));
}

/** The built-in op table (name -> function). Names are part of the graph format: never rename one. */
export const BUILTIN_OPS: Readonly<Record<string, (...args: never[]) => unknown>> = {
  /** Returns its argument (graph literals, aliases). */
  identity: (x: unknown) => x,
  /** Sum of its arguments. */
  add: (...args: unknown[]) => numbers(args).reduce((a, b) => a + b, 0),
  /** x - y. */
  sub: (x: number, y: number) => x - y,
  /** Product of its arguments. */
  mul: (...args: unknown[]) => numbers(args).reduce((a, b) => a * b, 1),
  /** x + 1. */
  inc: (x: number) => x + 1,
  /** Sum of an array of numbers (tree reductions). */
  sum: (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0),
  /** Largest of an array of numbers. */
  max: (xs: readonly number[]) => xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
  /** Smallest of an array of numbers. */
  min: (xs: readonly number[]) => xs.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
  /** Its arguments as an array (collects partitions). */
  list: (...args: unknown[]) => args,
  /** Concatenation of arrays. */
  concat: (...arrays: unknown[][]) => ([] as unknown[]).concat(...arrays),
  /** `container[index]`. */
  getitem: (container: Record<string | number, unknown>, index: string | number) => container[index],
  /** Length of an array, string or typed array. */
  len: (x: { length: number }) => x.length,
  /** Resolves to `value` after `ms` milliseconds (tests, demos of async tasks). */
  sleep: (ms: number, value?: unknown) => new Promise((resolve) => setTimeout(() => resolve(value), ms)),
};

/** True when `name` is a built-in op. */
export function isBuiltinOp(name: string): boolean {
  return Object.hasOwn(BUILTIN_OPS, name);
}
