// Row objects -> a partition, inferring types the way pyarrow does for Python objects, adapted to JavaScript:
// numbers are float64 (a JS number is a double; nodejs-polars and apache-arrow's tableFromJSON agree), bigints int64,
// strings utf8, booleans bool, Dates timestamp[ms, UTC], Uint8Arrays binary, arrays lists, plain objects structs.
import type { AllocOptions } from './alloc.js';
import { columnFromValues } from './build.js';
import type { Batch, DataType, Field } from './types.js';

/** The type pyarrow-like inference gives `values` (all null: the null type). Throws on incompatible mixes. */
export function inferType(values: readonly unknown[], where = 'value'): DataType {
  let type: DataType = { kind: 'null' };
  for (const v of values) {
    if (v === null || v === undefined) continue;
    type = unify(type, typeOfValue(v, where), where);
  }
  return type;
}

function typeOfValue(v: unknown, where: string): DataType {
  switch (typeof v) {
    case 'boolean':
      return { kind: 'bool' };
    case 'number':
      return { kind: 'float64' };
    case 'bigint':
      return { kind: 'int64' };
    case 'string':
      return { kind: 'utf8' };
    default:
      break;
  }
  if (v instanceof Date) return { kind: 'timestamp', unit: 'ms', timezone: 'UTC' };
  if (v instanceof Uint8Array) return { kind: 'binary' };
  if (Array.isArray(v)) return { kind: 'list', child: { name: 'item', type: inferType(v, where), nullable: true } };
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return {
      kind: 'struct',
      children: Object.keys(obj).map((name) => ({
        name,
        type: inferType([obj[name]], `${where}.${name}`),
        nullable: true,
      })),
    };
  }
  throw new TypeError(`batchFromRecords: cannot infer a type for ${where} (${typeof v})`);
}

function unify(a: DataType, b: DataType, where: string): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'list' && b.kind === 'list') {
    return { kind: 'list', child: { ...a.child, type: unify(a.child.type, b.child.type, where) } };
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    const children = [...a.children];
    for (const f of b.children) {
      const at = children.findIndex((c) => c.name === f.name);
      if (at < 0) children.push(f);
      else children[at] = { ...children[at]!, type: unify(children[at]!.type, f.type, `${where}.${f.name}`) };
    }
    return { kind: 'struct', children };
  }
  if (a.kind === b.kind) return a;
  const numeric = new Set(['float64', 'int64']);
  if (numeric.has(a.kind) && numeric.has(b.kind)) return { kind: 'float64' };
  throw new TypeError(`batchFromRecords: ${where} mixes ${a.kind} and ${b.kind}`);
}

/**
 * A partition of `rows`. With `fields`, values are encoded as those types; without, columns are the union of the
 * rows' keys in first-seen order and types are inferred (see inferType). Missing keys are nulls.
 */
export function batchFromRecords(
  rows: readonly Record<string, unknown>[],
  fields?: readonly Field[],
  options?: AllocOptions,
): Batch {
  let schema = fields;
  if (!schema) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const name of Object.keys(row)) {
        if (!seen.has(name)) {
          seen.add(name);
          names.push(name);
        }
      }
    }
    schema = names.map((name) => ({
      name,
      type: inferType(
        rows.map((r) => r[name]),
        name,
      ),
      nullable: true,
    }));
  }
  return {
    fields: schema,
    numRows: rows.length,
    columns: schema.map((f) =>
      columnFromValues(
        f.type,
        rows.map((r) => r[f.name] ?? null),
        options,
      ),
    ),
  };
}
