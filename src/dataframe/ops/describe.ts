// describe(): count, mean, std, min, quartiles and max per numeric column. The partial of a column is its merged
// statistics plus its sorted non-null values (exact percentiles, as pandas computes them).
import { columnFromValues } from '../../columnar/build.js';
import { decodeDictionary } from '../../columnar/dictionary.js';
import type { Batch, Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { type ColumnPartial, columnPartial, finishStat, mergePartial } from './stats.js';

interface DescribePartial {
  stats: ColumnPartial;
  /** Non-null values as float64, sorted (NaN last). */
  values: Float64Array;
}

const STATISTICS = ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'] as const;

/** The fields of a describe() result. */
export function describeFields(columns: readonly string[]): Field[] {
  return [
    { name: 'statistic', type: { kind: 'utf8' }, nullable: false },
    ...columns.map((name) => ({ name, type: { kind: 'float64' as const }, nullable: true })),
  ];
}

function sortFloats(values: Float64Array): Float64Array {
  // Float64Array.prototype.sort orders NaN last, as DuckDB and pandas' quantile inputs expect.
  return values.sort();
}

/** Per-column describe partials of one partition. */
export const describeChunk = defineOp(
  import.meta.url,
  'describeChunk',
  (batch: Batch, columns: readonly string[]): Record<string, DescribePartial> => {
    const out: Record<string, DescribePartial> = {};
    for (const name of columns) {
      const at = batch.fields.findIndex((f) => f.name === name);
      if (at < 0) throw new RangeError(`no column ${JSON.stringify(name)}`);
      let c = batch.columns[at]!;
      if (c.type.kind === 'dictionary') c = decodeDictionary(c);
      const values = new Float64Array(c.length - c.nullCount);
      let k = 0;
      const v = c.values as ArrayLike<number | bigint>;
      for (let i = 0; i < c.length; i++) {
        if (c.nullCount > 0 && (c.validity![i >> 3]! & (1 << (i & 7))) === 0) continue;
        values[k++] = Number(v[i]!);
      }
      out[name] = { stats: columnPartial(c), values: sortFloats(values) };
    }
    return out;
  },
);

function merge(parts: readonly Record<string, DescribePartial>[], columns: readonly string[]) {
  const out: Record<string, DescribePartial> = {};
  for (const name of columns) {
    const list = parts.map((p) => p[name]!);
    let stats = list[0]?.stats;
    for (let i = 1; i < list.length; i++) stats = mergePartial(stats!, list[i]!.stats);
    const values = new Float64Array(list.reduce((n, p) => n + p.values.length, 0));
    let at = 0;
    for (const p of list) {
      values.set(p.values, at);
      at += p.values.length;
    }
    out[name] = {
      stats: stats ?? columnPartial({ type: { kind: 'float64' }, length: 0, nullCount: 0, values }),
      values: sortFloats(values),
    };
  }
  return out;
}

/** Describe partials merged. */
export const describeCombine = defineOp(
  import.meta.url,
  'describeCombine',
  (parts: readonly Record<string, DescribePartial>[], columns: readonly string[]) => merge(parts, columns),
);

/** Linear-interpolated quantile q of sorted values (pandas' default). */
export function quantileSorted(values: Float64Array, q: number): number | null {
  if (values.length === 0) return null;
  const pos = (values.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return values[lo]! + (values[hi]! - values[lo]!) * (pos - lo);
}

/** The describe() table (statistic, one float64 column per described column). */
export const describeAggregate = defineOp(
  import.meta.url,
  'describeAggregate',
  (parts: readonly Record<string, DescribePartial>[], columns: readonly string[], fields: readonly Field[]): Batch => {
    const merged = merge(parts, columns);
    const cols = columns.map((name) => {
      const { stats, values } = merged[name]!;
      const num = (v: unknown) => (v === null ? null : Number(v));
      const row = [
        stats.count,
        num(finishStat(stats, 'mean')),
        num(finishStat(stats, 'std')),
        num(finishStat(stats, 'min')),
        quantileSorted(values, 0.25),
        quantileSorted(values, 0.5),
        quantileSorted(values, 0.75),
        num(finishStat(stats, 'max')),
      ];
      return columnFromValues({ kind: 'float64' }, row);
    });
    return {
      fields,
      numRows: STATISTICS.length,
      columns: [columnFromValues({ kind: 'utf8' }, [...STATISTICS]), ...cols],
    };
  },
);
