// Partition-level column and row operations: select, rename, assign, filter, dropna.
import { filterBatch } from '../../columnar/filter.js';
import type { Batch, Column, Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { evaluate } from '../expr/evaluate.js';
import type { Expr } from '../expr/types.js';

function indexOf(batch: Batch, name: string): number {
  const at = batch.fields.findIndex((f) => f.name === name);
  if (at < 0) {
    throw new RangeError(`no column ${JSON.stringify(name)} (columns: ${batch.fields.map((f) => f.name).join(', ')})`);
  }
  return at;
}

/** The columns `names` of a partition, in that order. */
export const selectColumns = defineOp(
  import.meta.url,
  'selectColumns',
  (batch: Batch, names: readonly string[]): Batch => {
    const at = names.map((n) => indexOf(batch, n));
    return {
      fields: at.map((i) => batch.fields[i]!),
      numRows: batch.numRows,
      columns: at.map((i) => batch.columns[i]!),
    };
  },
);

/** A partition with columns renamed by `mapping` (old name -> new name; others unchanged). */
export const renameColumns = defineOp(
  import.meta.url,
  'renameColumns',
  (batch: Batch, mapping: Readonly<Record<string, string>>): Batch => ({
    ...batch,
    fields: batch.fields.map((f) => (Object.hasOwn(mapping, f.name) ? { ...f, name: mapping[f.name]! } : f)),
  }),
);

/**
 * A partition with each `[name, expr]` evaluated in turn and set as column `name` (replacing a column of that name
 * in place, else appended); later expressions see earlier assignments, as pandas' assign does.
 */
export const assignColumns = defineOp(
  import.meta.url,
  'assignColumns',
  (batch: Batch, assignments: readonly (readonly [string, Expr])[]): Batch => {
    let out = batch;
    for (const [name, expr] of assignments) {
      const column = evaluate(expr, out);
      const field: Field = { name, type: column.type, nullable: true };
      const fields = [...out.fields];
      const columns: Column[] = [...out.columns];
      const at = fields.findIndex((f) => f.name === name);
      if (at >= 0) {
        fields[at] = field;
        columns[at] = column;
      } else {
        fields.push(field);
        columns.push(column);
      }
      out = { fields, numRows: out.numRows, columns };
    }
    return out;
  },
);

/** The rows of a partition where `predicate` is true (null and false drop the row, as SQL WHERE). */
export const filterRows = defineOp(import.meta.url, 'filterRows', (batch: Batch, predicate: Expr): Batch => {
  const mask = evaluate(predicate, batch);
  if (mask.type.kind !== 'bool') throw new TypeError(`filter: predicate gives ${mask.type.kind}, not bool`);
  return filterBatch(batch, mask);
});

/**
 * The rows with no null in `subset` (all columns when absent); with `how: 'all'`, the rows where not every column
 * of `subset` is null. Float NaN counts as missing, as in pandas.
 */
export const dropNullRows = defineOp(
  import.meta.url,
  'dropNullRows',
  (batch: Batch, subset: readonly string[] | null, how: 'any' | 'all'): Batch => {
    const at = (subset ?? batch.fields.map((f) => f.name)).map((n) => indexOf(batch, n));
    const n = batch.numRows;
    const missing = at.map((i) => missingMask(batch.columns[i]!));
    const keep = new Uint8Array((n + 7) >> 3);
    for (let r = 0; r < n; r++) {
      let misses = 0;
      for (const m of missing) if (m?.(r)) misses++;
      const drop = how === 'all' ? at.length > 0 && misses === at.length : misses > 0;
      if (!drop) keep[r >> 3]! |= 1 << (r & 7);
    }
    return filterBatch(batch, keep);
  },
);

function missingMask(column: Column): ((row: number) => boolean) | undefined {
  const validity = column.nullCount > 0 ? column.validity : undefined;
  const kind = column.type.kind;
  const floats = kind === 'float32' || kind === 'float64' ? (column.values as Float32Array | Float64Array) : undefined;
  if (!validity && !floats) return undefined;
  return (r) =>
    (validity !== undefined && (validity[r >> 3]! & (1 << (r & 7))) === 0) ||
    (floats !== undefined && Number.isNaN(floats[r]!));
}
