// Row-range operations: head/tail (computing only the partitions they need), concat, repartition.
import type * as arrow from 'apache-arrow';
import { concatBatches } from '../columnar/concat.js';
import { emptyBatch } from '../columnar/empty.js';
import { sliceBatch } from '../columnar/slice.js';
import { batchToArrow } from '../columnar/to_arrow.js';
import type { Batch } from '../columnar/types.js';
import type { Key } from '../graph/keys.js';
import { literal, ref, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { type ComputeOptions, compute } from '../scheduler/compute.js';
import { fromPartitions } from './emit.js';
import type { DataFrame, Divisions } from './frame.js';
import { layersToGraph } from './graph.js';
import { concatPartitions, splitPartition } from './ops/core.js';

async function computeSome(df: DataFrame, indexes: readonly number[], options: ComputeOptions): Promise<Batch[]> {
  const keys: Key[] = indexes.map((i) => df.key(i));
  return (await compute(layersToGraph(df.layers), keys, options)) as Batch[];
}

/**
 * The first `n` rows, computed now: partition 0 first, then twice as many further partitions each round until `n`
 * rows are found (only those partitions' tasks run).
 */
export async function headOf(df: DataFrame, n: number, options: ComputeOptions = {}): Promise<arrow.Table> {
  const found: Batch[] = [];
  let rows = 0;
  let next = 0;
  let step = 1;
  while (rows < n && next < df.npartitions) {
    const indexes = Array.from({ length: Math.min(step, df.npartitions - next) }, (_, k) => next + k);
    for (const b of await computeSome(df, indexes, options)) {
      if (rows >= n) break;
      const take = sliceBatch(b, 0, Math.min(b.numRows, n - rows));
      found.push(take);
      rows += take.numRows;
    }
    next += indexes.length;
    step *= 2;
  }
  return batchToArrow(found.length ? { ...concatBatches(found), fields: df.fields } : emptyBatch(df.fields));
}

/** The last `n` rows, computed now, from the last partitions backwards (see {@link headOf}). */
export async function tailOf(df: DataFrame, n: number, options: ComputeOptions = {}): Promise<arrow.Table> {
  const found: Batch[] = [];
  let rows = 0;
  let next = df.npartitions - 1;
  let step = 1;
  while (rows < n && next >= 0) {
    const indexes = Array.from({ length: Math.min(step, next + 1) }, (_, k) => next - k);
    for (const b of await computeSome(df, indexes, options)) {
      if (rows >= n) break;
      const take = sliceBatch(b, Math.max(0, b.numRows - (n - rows)));
      found.unshift(take);
      rows += take.numRows;
    }
    next -= indexes.length;
    step *= 2;
  }
  return batchToArrow(found.length ? { ...concatBatches(found), fields: df.fields } : emptyBatch(df.fields));
}

function sameSchema(a: DataFrame, b: DataFrame): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.fields.every(
      (f, i) => f.name === b.fields[i]!.name && JSON.stringify(f.type) === JSON.stringify(b.fields[i]!.type),
    )
  );
}

/**
 * The rows of `frames` one after another: their partitions in order (no data moves). All frames must have the
 * same columns and types. Divisions are kept when every frame's are known, on the same column, and in order.
 */
export function concatFrames(frames: readonly DataFrame[]): DataFrame {
  if (frames.length === 0) throw new RangeError('concat: no frames');
  const first = frames[0]!;
  for (const f of frames) {
    if (!sameSchema(first, f)) {
      throw new TypeError(
        `concat: schemas differ (${first.columns.join(', ')}) vs (${f.columns.join(', ')}) or their types`,
      );
    }
  }
  const specs: TaskSpec[] = [];
  for (const f of frames) for (const k of f.keys()) specs.push({ fn: 'identity', args: [ref(k)] });
  let divisions: Divisions | undefined;
  const all = frames.every((f) => f.divisions && f.index === first.index && f.npartitions > 0);
  if (all) {
    const ordered = frames.every((f, i) => i === 0 || frames[i - 1]!.divisions!.at(-1)! < f.divisions![0]!);
    if (ordered) divisions = [...frames.flatMap((f) => f.divisions!.slice(0, -1)), frames.at(-1)!.divisions!.at(-1)!];
  }
  return fromPartitions(specs, first.fields, {
    name: 'concat',
    parents: frames,
    divisions,
    index: divisions ? first.index : undefined,
  });
}

/**
 * The same rows in `npartitions` partitions: fewer by concatenating neighbours, more by cutting each partition into
 * nearly equal row ranges. Row order is kept.
 */
export function repartitionFrame(df: DataFrame, npartitions: number): DataFrame {
  const target = Math.floor(npartitions);
  if (!(target >= 1)) throw new RangeError(`repartition: npartitions must be at least 1, got ${npartitions}`);
  const n = df.npartitions;
  const specs: TaskSpec[] = [];
  let divisions: Divisions[number][] | undefined;
  if (target <= n) {
    const concat = opName(concatPartitions);
    if (df.divisions) divisions = [];
    for (let j = 0; j < target; j++) {
      const from = Math.floor((j * n) / target);
      divisions?.push(df.divisions![from]!);
      const to = Math.floor(((j + 1) * n) / target);
      const refs = [];
      for (let i = from; i < to; i++) refs.push(ref(df.key(i)));
      specs.push({ fn: concat, args: [literal(df.fields), refs] });
    }
  } else {
    const split = opName(splitPartition);
    for (let i = 0; i < n; i++) {
      const parts = Math.floor(((i + 1) * target) / n) - Math.floor((i * target) / n);
      for (let k = 0; k < parts; k++) specs.push({ fn: split, args: [ref(df.key(i)), k, parts] });
    }
  }
  if (divisions) divisions.push(df.divisions!.at(-1)!);
  return fromPartitions(specs, df.fields, {
    name: 'repartition',
    parents: [df],
    divisions,
    index: divisions ? df.index : undefined,
  });
}
