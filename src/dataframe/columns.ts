// Column and row operations of a DataFrame, emitted partition-wise. The result schema is found the way dask finds
// its `meta`: by running the very partition op on an empty Batch of the input schema in the calling thread, which
// also reports bad column names and type errors before anything is computed.

import { emptyBatch } from '../columnar/empty.js';
import type { Batch, Field } from '../columnar/types.js';
import type { TaskArg } from '../graph/task.js';
import { OpError } from '../ops/errors.js';
import { type OpFunction, opName, resolveOpNow } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import { mapPartitionsOp, type OpRef } from './emit.js';
import { type ExprLike, toExpr } from './expr/builder.js';
import type { Expr } from './expr/types.js';
import type { DataFrame } from './frame.js';
import { assignColumns, dropNullRows, filterRows, renameColumns, selectColumns } from './ops/columns.js';

/** The fields `op(emptyBatch(fields), ...args)` produces (the op must be loaded in this thread). */
export function inferFields(fields: readonly Field[], op: OpRef, args: readonly unknown[]): readonly Field[] {
  const fn = typeof op === 'string' ? resolveOpNow(op) : op;
  if (!fn) {
    throw new OpError(
      'UNKNOWN_OP',
      `cannot infer the schema of ${op}: the op is not loaded here; pass { fields } or the function itself`,
      String(op),
    );
  }
  const out = (fn as (...a: unknown[]) => unknown)(emptyBatch(fields), ...args) as Batch;
  if (!out || !Array.isArray(out.fields) || !Array.isArray(out.columns)) {
    throw new TypeError(`${opName(op)} returned no Batch for an empty partition: partition ops must return Batches`);
  }
  return out.fields;
}

/**
 * Partition-wise `op` with its result schema inferred on an empty partition. `keepsRows`: the op changes columns
 * only, so known partition lengths still hold.
 */
function derive(
  df: DataFrame,
  op: OpRef,
  args: readonly unknown[],
  keepDivisions: boolean,
  name?: string,
  keepsRows = false,
) {
  const fields = inferFields(df.fields, op, args);
  return mapPartitionsOp(df, op, args as TaskArg[], fields, {
    name,
    divisions: keepDivisions ? df.divisions : undefined,
    index: keepDivisions ? df.index : undefined,
    partitionLengths: keepsRows ? df.partitionLengths : undefined,
  });
}

/** The columns `names`, in that order. */
export function selectFrame(df: DataFrame, names: readonly string[]): DataFrame {
  return derive(df, selectColumns, [[...names]], true, 'select', true);
}

/** Columns renamed by `mapping` (old -> new). */
export function renameFrame(df: DataFrame, mapping: Readonly<Record<string, string>>): DataFrame {
  return derive(df, renameColumns, [{ ...mapping }], true, 'rename', true);
}

/** New or replaced columns from expressions, evaluated in order (later ones see earlier ones). */
export function assignFrame(df: DataFrame, columns: Readonly<Record<string, ExprLike>>): DataFrame {
  const assignments: [string, Expr][] = Object.entries(columns).map(([name, e]) => [name, toExpr(e)]);
  return derive(df, assignColumns, [assignments], true, 'assign', true);
}

/** The rows where `predicate` is true. */
export function filterFrame(df: DataFrame, predicate: ExprLike): DataFrame {
  return derive(df, filterRows, [toExpr(predicate)], true, 'filter');
}

/** Rows without missing values (null, or NaN in float columns) in `subset`. */
export function dropnaFrame(
  df: DataFrame,
  options: { subset?: readonly string[]; how?: 'any' | 'all' } = {},
): DataFrame {
  checkOptions(options, optionNames<typeof options>({ subset: true, how: true }), 'dropna');
  return derive(df, dropNullRows, [options.subset ? [...options.subset] : null, options.how ?? 'any'], true, 'dropna');
}

/** Options of {@link mapPartitionsFrame}. */
export interface MapPartitionsOptions {
  /** Schema of the result (default: inferred by calling the function on an empty partition). */
  fields?: readonly Field[];
  /** Whether the function keeps rows in their partition and order, so the divisions stay valid. Default false. */
  keepDivisions?: boolean;
}

/**
 * `fn(partition, ...args)` on every partition. `fn` must be a `defineOp` function (or its `moduleURL#name`) that
 * takes and returns a Batch: closures cannot cross threads and are refused.
 */
export function mapPartitionsFrame(
  df: DataFrame,
  fn: OpRef,
  args: readonly unknown[],
  options: MapPartitionsOptions = {},
): DataFrame {
  checkOptions(options, optionNames<MapPartitionsOptions>({ fields: true, keepDivisions: true }), 'mapPartitions');
  const name = opName(fn as string | OpFunction);
  const fields = options.fields ?? inferFields(df.fields, fn, args);
  return mapPartitionsOp(df, name, args as TaskArg[], fields, {
    divisions: options.keepDivisions ? df.divisions : undefined,
    index: options.keepDivisions ? df.index : undefined,
  });
}
