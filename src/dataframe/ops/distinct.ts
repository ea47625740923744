// Exact distinct values: valueCounts (value -> rows) and nunique, as tree reductions. Nulls are left out (pandas'
// dropna=True, SQL COUNT(DISTINCT)); NaN is one value; 0 and -0 are one value. Flat types run on the group-id
// kernels (algorithms/distinct_values.ts); nested values (lists, structs, maps) and float16 are keyed in
// JavaScript by a string image of the value.
import { columnFromValues } from '../../columnar/build.js';
import { decodeDictionary } from '../../columnar/dictionary.js';
import { takeColumn } from '../../columnar/take.js';
import type { Batch, Column, DataType, Field } from '../../columnar/types.js';
import { type Value, valueAt } from '../../columnar/values.js';
import { defineOp } from '../../ops/registry.js';
import {
  type DistinctValues,
  descendingCountOrder,
  distinctValueCounts,
  hasKernelDistinct,
  mergeDistinctValues,
} from '../algorithms/distinct_values.js';

/** A string that equals for equal values of one column (the distinct-value key). */
export function valueKey(v: Value): string {
  switch (typeof v) {
    case 'number':
      return `n${v}`;
    case 'bigint':
      return `b${v}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 't' : 'f';
  }
  if (v instanceof Uint8Array || v instanceof Int32Array) return `x${Array.from(v).join(',')}`;
  return `j${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))}`;
}

function plainColumn(batch: Batch, name: string): Column {
  const at = batch.fields.findIndex((f) => f.name === name);
  if (at < 0) throw new RangeError(`no column ${JSON.stringify(name)}`);
  const c = batch.columns[at]!;
  return c.type.kind === 'dictionary' ? decodeDictionary(c) : c;
}

/** The type valueCounts reports values in (dictionaries by their value type). */
export function plainType(type: DataType): DataType {
  return type.kind === 'dictionary' ? type.value : type;
}

/** The fields of a valueCounts result. */
export function valueCountsFields(field: Field): Field[] {
  return [
    { name: field.name, type: plainType(field.type), nullable: true },
    // float64 holding integers: counts are JS numbers everywhere (README, "JavaScript values")
    { name: 'count', type: { kind: 'float64' }, nullable: false },
  ];
}

function countsBatch(
  counts: Map<string, { value: Value; count: number }>,
  fields: readonly Field[],
  sort: boolean,
): Batch {
  const entries = [...counts.values()];
  if (sort) entries.sort((a, b) => b.count - a.count);
  return {
    fields,
    numRows: entries.length,
    columns: [
      columnFromValues(
        fields[0]!.type,
        entries.map((e) => e.value),
      ),
      columnFromValues(
        fields[1]!.type,
        entries.map((e) => e.count),
      ),
    ],
  };
}

/** A valueCounts batch (value, count) from kernel-path distinct values. */
function distinctBatch(d: DistinctValues, fields: readonly Field[]): Batch {
  const counts = d.counts;
  return {
    fields,
    numRows: d.values.length,
    columns: [d.values, { type: { kind: 'float64' }, length: counts.length, nullCount: 0, values: counts }],
  };
}

/** A valueCounts batch read back as kernel-path distinct values. */
function batchDistinct(batch: Batch): DistinctValues {
  return {
    values: batch.columns[0]!,
    counts: (batch.columns[1]!.values as Float64Array).subarray(0, batch.numRows),
  };
}

/** Rows per distinct non-null value of `column` in one partition, as a Batch (value, count). */
export const valueCountsChunk = defineOp(
  import.meta.url,
  'valueCountsChunk',
  (batch: Batch, column: string, fields: readonly Field[]): Batch => {
    const c = plainColumn(batch, column);
    if (hasKernelDistinct(c.type)) return distinctBatch(distinctValueCounts(c), fields);
    const counts = new Map<string, { value: Value; count: number }>();
    for (let i = 0; i < c.length; i++) {
      const v = valueAt(c, i);
      if (v === null) continue;
      const key = valueKey(v);
      const e = counts.get(key);
      if (e) e.count++;
      else counts.set(key, { value: v, count: 1 });
    }
    return countsBatch(counts, fields, false);
  },
);

function mergeCounts(parts: readonly Batch[]): Map<string, { value: Value; count: number }> {
  const counts = new Map<string, { value: Value; count: number }>();
  for (const part of parts) {
    const [values, ns] = part.columns as [Column, Column];
    const n = ns.values as BigInt64Array;
    for (let i = 0; i < part.numRows; i++) {
      const v = valueAt(values, i);
      const key = valueKey(v);
      const e = counts.get(key);
      if (e) e.count += Number(n[i]!);
      else counts.set(key, { value: v, count: Number(n[i]!) });
    }
  }
  return counts;
}

/** valueCounts partials merged; `sort`: most frequent first (ties in first-seen order). */
function mergeCountBatches(parts: readonly Batch[], fields: readonly Field[], sort: boolean): Batch {
  if (!hasKernelDistinct(fields[0]!.type) || parts.length === 0) return countsBatch(mergeCounts(parts), fields, sort);
  const merged = distinctBatch(mergeDistinctValues(parts.map(batchDistinct)), fields);
  if (!sort) return merged;
  const order = descendingCountOrder(batchDistinct(merged).counts);
  return { fields, numRows: merged.numRows, columns: merged.columns.map((c) => takeColumn(c, order)) };
}

/** valueCounts partials merged (combine). */
export const valueCountsCombine = defineOp(
  import.meta.url,
  'valueCountsCombine',
  (parts: readonly Batch[], fields: readonly Field[]): Batch => mergeCountBatches(parts, fields, false),
);

/** valueCounts partials merged, most frequent first (aggregate). */
export const valueCountsAggregate = defineOp(
  import.meta.url,
  'valueCountsAggregate',
  (parts: readonly Batch[], fields: readonly Field[]): Batch => mergeCountBatches(parts, fields, true),
);

/** A nunique partial: distinct values (kernel path) or distinct value keys (generic path). */
export type DistinctPartial = DistinctValues | string[];

/** The distinct non-null values (or value keys) of `column` in one partition. */
export const distinctKeysChunk = defineOp(
  import.meta.url,
  'distinctKeysChunk',
  (batch: Batch, column: string): DistinctPartial => {
    const c = plainColumn(batch, column);
    if (hasKernelDistinct(c.type)) return distinctValueCounts(c);
    const keys = new Set<string>();
    for (let i = 0; i < c.length; i++) {
      const v = valueAt(c, i);
      if (v !== null) keys.add(valueKey(v));
    }
    return [...keys];
  },
);

function mergeDistinctPartials(parts: readonly DistinctPartial[]): DistinctPartial {
  if (parts.length > 0 && !Array.isArray(parts[0])) return mergeDistinctValues(parts as DistinctValues[]);
  return [...new Set((parts as string[][]).flat())];
}

/** Union of distinct partials. */
export const distinctKeysCombine = defineOp(
  import.meta.url,
  'distinctKeysCombine',
  (parts: readonly DistinctPartial[]): DistinctPartial => mergeDistinctPartials(parts),
);

/** Number of distinct values over all partials. */
export const distinctKeysCount = defineOp(
  import.meta.url,
  'distinctKeysCount',
  (parts: readonly DistinctPartial[]): number => {
    const merged = mergeDistinctPartials(parts);
    return Array.isArray(merged) ? merged.length : merged.values.length;
  },
);
