// Frames from in-memory data: apache-arrow tables, JavaScript records, Batches. The data is placed in literal
// tasks (plain Batches; buffers on SharedArrayBuffer where the source allows), so it crosses threads unchanged.

import type * as arrow from 'apache-arrow';
import { concatColumns } from '../columnar/concat.js';
import { emptyBatch, emptyColumn } from '../columnar/empty.js';
import { batchFromArrow } from '../columnar/from_arrow.js';
import { batchFromRecords } from '../columnar/records.js';
import { sliceBatch } from '../columnar/slice.js';
import type { Batch, Field } from '../columnar/types.js';
import { checkOptions, optionNames } from '../options/check.js';
import { fromPartitions, literalTask } from './emit.js';
import type { DataFrame } from './frame.js';

/** Options of the in-memory constructors. */
export interface FromMemoryOptions {
  /** Number of partitions (rows split as evenly as possible; default 1). */
  npartitions?: number;
}

/** A frame of the given Batches, one partition each (they must share `fields`, default the first's). */
export function fromBatches(batches: readonly Batch[], fields?: readonly Field[]): DataFrame {
  const schema = fields ?? batches[0]?.fields;
  if (!schema) throw new RangeError('fromBatches: no batches and no fields');
  return fromPartitions(batches.map(literalTask), schema, { name: 'from-batches' });
}

/** `batch` cut into `npartitions` row ranges of nearly equal size (views, no copy). */
export function splitBatch(batch: Batch, npartitions: number): Batch[] {
  const n = Math.max(1, Math.floor(npartitions));
  const out: Batch[] = [];
  for (let i = 0; i < n; i++) {
    out.push(sliceBatch(batch, Math.floor((i * batch.numRows) / n), Math.floor(((i + 1) * batch.numRows) / n)));
  }
  return out;
}

/**
 * `batch` copied into SharedArrayBuffer memory. Arrow's buffers are ordinary ArrayBuffers, which structured clone
 * copies whole for every partition viewing them; one copy up front keeps every later hand-over free.
 */
export function toSharedBatch(batch: Batch): Batch {
  return { ...batch, columns: batch.columns.map((c) => concatColumns([c, emptyColumn(c.type)])) };
}

/** A frame of an apache-arrow Table, split into `npartitions` row ranges (copied once into shared memory). */
export function fromArrow(table: arrow.Table, options: FromMemoryOptions = {}): DataFrame {
  checkOptions(options, optionNames<FromMemoryOptions>({ npartitions: true }), 'fromArrow');
  const batch = toSharedBatch(batchFromArrow(table));
  return fromBatches(splitBatch(batch, options.npartitions ?? 1), batch.fields);
}

/**
 * A frame of JavaScript records (types inferred as pyarrow does, or given by `fields`), split into `npartitions`
 * row ranges.
 */
export function fromRecords(
  rows: readonly Record<string, unknown>[],
  options: FromMemoryOptions & { fields?: readonly Field[] } = {},
): DataFrame {
  checkOptions(options, optionNames<typeof options>({ npartitions: true, fields: true }), 'fromRecords');
  const batch =
    rows.length === 0 && options.fields ? emptyBatch(options.fields) : batchFromRecords(rows, options.fields);
  return fromBatches(splitBatch(batch, options.npartitions ?? 1), batch.fields);
}
