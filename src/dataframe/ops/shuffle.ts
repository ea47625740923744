// Partition ops of a shuffle: each row's output partition, the split of a partition by those ids, and the
// concatenation of the pieces an output partition receives.
import { concatBatches } from '../../columnar/concat.js';
import { emptyBatch } from '../../columnar/empty.js';
import { takeBatch } from '../../columnar/take.js';
import type { Batch, Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { AlgorithmError } from '../algorithms/errors.js';
import { hashPartitions } from '../algorithms/hash.js';

/**
 * Row indices of each output partition, in row order: one counting pass over `ids` (a stable bucket sort), so the
 * pieces keep the partition's row order.
 */
export function indicesByPartition(ids: Int32Array, npartitions: number): Int32Array[] {
  const counts = new Int32Array(npartitions);
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r]!;
    if (!(id >= 0 && id < npartitions)) {
      throw new AlgorithmError('INVALID_ARGUMENT', `shuffle: row ${r} was sent to partition ${id} of ${npartitions}`);
    }
    counts[id]!++;
  }
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(npartitions);
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r]!;
    out[id]![fill[id]!++] = r;
  }
  return out;
}

/**
 * A partition cut into `npartitions` Batches by `ids` (each row's output partition, from the partitioner task).
 * A partition that goes whole to one output is passed through without copying.
 */
export const splitByPartitionIds = defineOp(
  import.meta.url,
  'splitByPartitionIds',
  (batch: Batch, ids: Int32Array, npartitions: number): Batch[] => {
    if (ids.length !== batch.numRows) {
      throw new AlgorithmError(
        'INVALID_ARGUMENT',
        `shuffle: the partitioner gave ${ids.length} ids for ${batch.numRows} rows`,
      );
    }
    const pieces = indicesByPartition(ids, npartitions);
    return pieces.map((rows) => {
      if (rows.length === batch.numRows) return batch;
      return rows.length === 0 ? emptyBatch(batch.fields) : takeBatch(batch, rows);
    });
  },
);

/** Output partition of a shuffle: the pieces it received from every input partition, in input order. */
export const concatShufflePieces = defineOp(
  import.meta.url,
  'concatShufflePieces',
  (pieces: readonly Batch[], fields: readonly Field[]): Batch => {
    const rows = pieces.filter((p) => p.numRows > 0);
    if (rows.length === 0) return emptyBatch(fields);
    return rows.length === 1 ? rows[0]! : concatBatches(rows);
  },
);

/** The hash partitioner: each row's output partition from the xxhash64 of its `on` columns. */
export const hashPartitionIdsOp = defineOp(
  import.meta.url,
  'hashPartitionIdsOp',
  (batch: Batch, on: readonly string[], npartitions: number): Int32Array => {
    const columns = on.map((name) => {
      const i = batch.fields.findIndex((f) => f.name === name);
      if (i < 0) throw new AlgorithmError('INVALID_ARGUMENT', `shuffle: no column ${JSON.stringify(name)}`);
      return batch.columns[i]!;
    });
    return hashPartitions(columns, npartitions);
  },
);
