// Per-column statistics as a tree reduction: `columnStatsChunk` summarises a partition, `mergeColumnStats` merges
// partials (combine), `finishColumnStats` turns the merged partial into the requested statistics (aggregate).
// Semantics are DuckDB's (SQL): nulls are skipped; NaN is a value that propagates through sum, mean, var and std
// and sorts above every number for min/max; var/std are the sample ones (n - 1), null below two values. Unlike SQL,
// sum over no values is 0 (pandas' min_count=0), any over none is false and all over none is true.
import { decodeDictionary } from '../../columnar/dictionary.js';
import type { Batch, Column, DataType } from '../../columnar/types.js';
import { type Value, valueAt } from '../../columnar/values.js';
import { defineOp } from '../../ops/registry.js';

/** The statistics a reduction can ask for. */
export type StatName = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'std' | 'var' | 'any' | 'all';

/** What is known of one column after some partitions (plain data). */
export interface ColumnPartial {
  /** Non-null values. */
  count: number;
  /** Sum of the numeric values (float64), or of int64/uint64 values as a bigint in `bigSum`. */
  sum: number;
  bigSum?: bigint;
  /** Set for a DECIMAL column: `bigSum`, `min` and `max` are unscaled bigints of this scale. */
  scale?: number;
  /** Mean and sum of squared deviations from it (Chan et al.'s parallel variance). */
  mean: number;
  m2: number;
  min: Value;
  max: Value;
  anyTrue: boolean;
  allTrue: boolean;
}

const INT64 = new Set(['int64', 'uint64']);
const NUMERIC = new Set([
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
]);

/** True for types sum/mean/var/std accept. */
export function isNumericType(type: DataType): boolean {
  return NUMERIC.has(type.kind) || (type.kind === 'dictionary' && NUMERIC.has(type.value.kind));
}

/** True for DECIMAL columns (sum, mean, min and max are exact on them). */
export function isDecimalType(type: DataType): boolean {
  return (type.kind === 'dictionary' ? type.value.kind : type.kind) === 'decimal';
}

/** True for types min/max accept (numbers, decimals, strings, booleans, dates, times, timestamps, durations). */
export function isOrderedType(type: DataType): boolean {
  const kind = type.kind === 'dictionary' ? type.value.kind : type.kind;
  return (
    NUMERIC.has(kind) ||
    ['decimal', 'bool', 'utf8', 'large_utf8', 'date32', 'date64', 'time', 'timestamp', 'duration'].includes(kind)
  );
}

/** Largest magnitude + 1 of a DECIMAL(38, s) (DuckDB's sum type). */
const DECIMAL38_LIMIT = 10n ** 38n;

/** Exact sum, min and max of a DECIMAL column's unscaled values. */
function decimalPartial(column: Column, scale: number): ColumnPartial {
  const p = emptyPartial();
  let sum = 0n;
  let min: bigint | null = null;
  let max: bigint | null = null;
  for (let i = 0; i < column.length; i++) {
    const v = valueAt(column, i) as bigint | null;
    if (v === null) continue;
    p.count++;
    sum += v;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
    if (v) p.anyTrue = true;
    else p.allTrue = false;
  }
  p.bigSum = sum;
  p.sum = Number(sum);
  p.min = min;
  p.max = max;
  p.scale = scale;
  return p;
}

/** The double nearest to `sum / 10^scale / count` (the exact quotient to 20 more digits, rounded once). */
export function decimalMean(sum: bigint, count: number, scale: number): number {
  const extra = 20;
  const q = (sum * 10n ** BigInt(extra)) / BigInt(count);
  const negative = q < 0n;
  const digits = (negative ? -q : q).toString().padStart(scale + extra + 1, '0');
  const at = digits.length - scale - extra;
  return Number(`${negative ? '-' : ''}${digits.slice(0, at)}.${digits.slice(at)}`);
}

/** a < b with NaN above every number (DuckDB's order). */
function less(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return false;
    if (Number.isNaN(b)) return true;
  }
  return (a as number) < (b as number);
}

function emptyPartial(): ColumnPartial {
  return { count: 0, sum: 0, mean: 0, m2: 0, min: null, max: null, anyTrue: false, allTrue: true };
}

function numericPartial(column: Column): ColumnPartial {
  const p = emptyPartial();
  const values = column.values as ArrayLike<number | bigint>;
  const validity = column.nullCount > 0 ? column.validity : undefined;
  const n = column.length;
  const big = INT64.has(column.type.kind);
  let bigSum = 0n;
  let sum = 0;
  let count = 0;
  let min: number | bigint | undefined;
  let max: number | bigint | undefined;
  let anyTrue = false;
  let allTrue = true;
  let sawNaN = false;
  for (let i = 0; i < n; i++) {
    if (validity && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const v = values[i]!;
    count++;
    if (big) bigSum += v as bigint;
    else sum += v as number;
    if (typeof v === 'number' && Number.isNaN(v)) sawNaN = true;
    else {
      if (min === undefined || v < min) min = v;
      if (max === undefined || v > max) max = v;
    }
    if (v) anyTrue = true;
    else allTrue = false;
  }
  p.count = count;
  p.anyTrue = anyTrue;
  p.allTrue = allTrue;
  p.min = min ?? (sawNaN ? Number.NaN : null);
  p.max = sawNaN ? Number.NaN : (max ?? null);
  if (big) {
    p.bigSum = bigSum;
    p.sum = Number(bigSum);
  } else p.sum = sum;
  if (count > 0) {
    const mean = p.sum / count;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      if (validity && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const d = Number(values[i]!) - mean;
      m2 += d * d;
    }
    p.mean = mean;
    p.m2 = m2;
  }
  return p;
}

function genericPartial(column: Column): ColumnPartial {
  const p = emptyPartial();
  for (let i = 0; i < column.length; i++) {
    const v = valueAt(column, i);
    if (v === null) continue;
    p.count++;
    if (p.min === null || less(v, p.min)) p.min = v;
    if (p.max === null || less(p.max, v)) p.max = v;
    if (v) p.anyTrue = true;
    else p.allTrue = false;
  }
  return p;
}

/** Summary of one column of a partition. */
export function columnPartial(column: Column): ColumnPartial {
  const c = column.type.kind === 'dictionary' ? decodeDictionary(column) : column;
  if (c.type.kind === 'decimal') return decimalPartial(c, c.type.scale);
  return NUMERIC.has(c.type.kind) ? numericPartial(c) : genericPartial(c);
}

/** Two partials as one. */
export function mergePartial(a: ColumnPartial, b: ColumnPartial): ColumnPartial {
  if (a.count === 0) return { ...b, anyTrue: a.anyTrue || b.anyTrue, allTrue: a.allTrue && b.allTrue };
  if (b.count === 0) return { ...a, anyTrue: a.anyTrue || b.anyTrue, allTrue: a.allTrue && b.allTrue };
  const count = a.count + b.count;
  const delta = b.mean - a.mean;
  const out: ColumnPartial = {
    count,
    sum: a.sum + b.sum,
    mean: a.mean + (delta * b.count) / count,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
    min: a.min === null || (b.min !== null && less(b.min, a.min)) ? b.min : a.min,
    max: a.max === null || (b.max !== null && less(a.max, b.max)) ? b.max : a.max,
    anyTrue: a.anyTrue || b.anyTrue,
    allTrue: a.allTrue && b.allTrue,
  };
  if (a.bigSum !== undefined && b.bigSum !== undefined) {
    out.bigSum = a.bigSum + b.bigSum;
    out.sum = Number(out.bigSum);
  }
  if (a.scale !== undefined) out.scale = a.scale;
  return out;
}

/** Per-column partials of a partition: `{ [column]: ColumnPartial }`. */
export const columnStatsChunk = defineOp(
  import.meta.url,
  'columnStatsChunk',
  (batch: Batch, columns: readonly string[]): Record<string, ColumnPartial> => {
    const out: Record<string, ColumnPartial> = {};
    for (const name of columns) {
      const at = batch.fields.findIndex((f) => f.name === name);
      if (at < 0) throw new RangeError(`no column ${JSON.stringify(name)}`);
      out[name] = columnPartial(batch.columns[at]!);
    }
    return out;
  },
);

/** Partials of several partitions merged column by column. */
export const mergeColumnStats = defineOp(
  import.meta.url,
  'mergeColumnStats',
  (partials: readonly Record<string, ColumnPartial>[], columns: readonly string[]): Record<string, ColumnPartial> => {
    const out: Record<string, ColumnPartial> = {};
    for (const name of columns) {
      let p = emptyPartial();
      for (const part of partials) p = mergePartial(p, part[name]!);
      out[name] = p;
    }
    return out;
  },
);

/** The statistic `stat` of a merged partial. */
export function finishStat(p: ColumnPartial, stat: StatName): Value {
  switch (stat) {
    case 'count':
      return p.count;
    case 'sum':
      if (
        p.scale !== undefined &&
        p.bigSum !== undefined &&
        (p.bigSum >= DECIMAL38_LIMIT || -p.bigSum >= DECIMAL38_LIMIT)
      ) {
        throw new RangeError(`sum: the decimal sum does not fit DECIMAL(38, ${p.scale})`);
      }
      return p.bigSum !== undefined ? p.bigSum : p.sum;
    case 'mean':
      if (p.count === 0) return null;
      if (p.scale !== undefined && p.bigSum !== undefined) return decimalMean(p.bigSum, p.count, p.scale);
      return p.sum / p.count;
    case 'var':
      return p.count < 2 ? null : Number.isNaN(p.sum) ? Number.NaN : p.m2 / (p.count - 1);
    case 'std':
      return p.count < 2 ? null : Number.isNaN(p.sum) ? Number.NaN : Math.sqrt(p.m2 / (p.count - 1));
    case 'min':
      return p.min;
    case 'max':
      return p.max;
    case 'any':
      return p.anyTrue;
    case 'all':
      return p.allTrue;
  }
}

/** The statistic `stat` per column, as a record, from the last partials. */
export const finishColumnStats = defineOp(
  import.meta.url,
  'finishColumnStats',
  (
    partials: readonly Record<string, ColumnPartial>[],
    columns: readonly string[],
    stat: StatName,
  ): Record<string, Value> => {
    const merged = mergeColumnStats(partials, columns);
    const out: Record<string, Value> = {};
    for (const name of columns) out[name] = finishStat(merged[name]!, stat);
    return out;
  },
);

/** One statistic of one column (a Scalar's value). */
export const finishColumnStat = defineOp(
  import.meta.url,
  'finishColumnStat',
  (partials: readonly Record<string, ColumnPartial>[], column: string, stat: StatName): Value =>
    finishStat(mergeColumnStats(partials, [column])[column]!, stat),
);
