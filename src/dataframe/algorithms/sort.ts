// Local multi-column sort of one partition: a stable argsort built from least-significant-first radix passes
// (assembly/radix_argsort.ts) over the order-preserving images of ./sort_keys.ts, one key after another from the
// last to the first. Every pass is stable, so rows equal on every key keep their input order (pandas' and
// DuckDB's stable sorts agree on that). Strings enter as dense ranks (a radix pass on an 8-byte prefix, comparisons
// within ties), so mixed string and numeric keys share the same passes.

import type { AllocOptions } from '../../columnar/alloc.js';
import { takeBatch } from '../../columnar/take.js';
import type { Batch, Column } from '../../columnar/types.js';
import { AlgorithmError } from './errors.js';
import { argsortImages } from './radix_argsort.js';
import { type KeyImage, keyImages, type NaPosition } from './sort_keys.js';

export type { NaPosition } from './sort_keys.js';

/** The column named `name` of `batch` (an AlgorithmError listing the columns otherwise). */
export function sortColumn(batch: Batch, name: string): Column {
  const i = batch.fields.findIndex((f) => f.name === name);
  if (i < 0) {
    const names = batch.fields.map((f) => f.name).join(', ');
    throw new AlgorithmError('INVALID_ARGUMENT', `sort: no column ${JSON.stringify(name)} (columns: ${names})`);
  }
  return batch.columns[i]!;
}

/** `ascending` as one flag per key (a single boolean applies to every key). */
export function ascendingFlags(by: readonly string[], ascending: boolean | readonly boolean[] = true): boolean[] {
  if (typeof ascending === 'boolean') return by.map(() => ascending);
  if (ascending.length !== by.length) {
    throw new AlgorithmError(
      'INVALID_ARGUMENT',
      `sort: ${ascending.length} ascending flags for ${by.length} keys (${by.join(', ')})`,
    );
  }
  return [...ascending];
}

/**
 * The permutation that sorts `batch` by the columns `by` (first key most significant): row ids such that taking
 * them in order gives the sorted rows. Stable. Per key, `ascending[k]` chooses the direction; nulls go
 * `naPosition` ('last' by default) in both directions; NaN is above every number (first when descending), -0
 * equals +0; strings and binary compare by bytes. Matches DuckDB's `ORDER BY by[0] ASC|DESC NULLS LAST|FIRST, ...`.
 */
export function sortIndices(
  batch: Batch,
  by: readonly string[],
  ascending: boolean | readonly boolean[] = true,
  naPosition: NaPosition = 'last',
): Int32Array {
  const flags = ascendingFlags(by, ascending);
  const columns = by.map((name) => sortColumn(batch, name));
  const images: KeyImage[] = [];
  for (let k = columns.length - 1; k >= 0; k--) images.push(...keyImages(columns[k]!, flags[k]!, naPosition));
  return argsortImages(images, batch.numRows);
}

/** `batch` sorted by `by` (see {@link sortIndices}); new buffers are shared unless `options.shared` is false. */
export function sortBatch(
  batch: Batch,
  by: readonly string[],
  ascending: boolean | readonly boolean[] = true,
  naPosition: NaPosition = 'last',
  options?: AllocOptions,
): Batch {
  if (batch.numRows < 2) {
    sortIndices(batch, by, ascending, naPosition);
    return batch;
  }
  return takeBatch(batch, sortIndices(batch, by, ascending, naPosition), options);
}
