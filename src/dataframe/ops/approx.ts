// Partition-level ops of the approximate reductions, for a tree reduction (chunk per partition, combine over groups
// of partials, a final step): nuniqueApprox through HyperLogLog registers, quantile through t-digests. Every
// partial is plain data (a Uint8Array of registers, a TDigestData), so it crosses threads and processes unchanged.
import type { Batch, Column } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { AlgorithmError } from '../algorithms/errors.js';
import {
  hllEstimate as estimateRegisters,
  HLL_DEFAULT_PRECISION,
  hllCreate,
  hllMerge,
  hllOfColumn,
} from '../algorithms/hyperloglog.js';
import {
  quantileOf,
  TDIGEST_DEFAULT_COMPRESSION,
  TDigest,
  type TDigestData,
  tdigestMerge,
  tdigestOfColumn,
} from '../algorithms/tdigest.js';

function columnOf(batch: Batch, name: string): Column {
  const index = batch.fields.findIndex((f) => f.name === name);
  if (index < 0) {
    const names = batch.fields.map((f) => f.name).join(', ');
    throw new AlgorithmError('INVALID_ARGUMENT', `no column ${JSON.stringify(name)} in the partition (${names})`);
  }
  return batch.columns[index]!;
}

/** HyperLogLog registers (2^precision bytes) of the non-null values of `column` in one partition. */
export const hllChunk = defineOp(
  import.meta.url,
  'hllChunk',
  (batch: Batch, column: string, precision: number): Uint8Array => hllOfColumn(columnOf(batch, column), precision),
);

/** The union (register-wise max) of partial registers of one precision; empty registers of `precision` for none
 *  (a frame without partitions). */
export const hllCombine = defineOp(
  import.meta.url,
  'hllCombine',
  (registersList: Uint8Array[], precision: number = HLL_DEFAULT_PRECISION): Uint8Array =>
    registersList.length === 0 ? hllCreate(precision) : hllMerge(registersList),
);

/** The estimated distinct count of registers, rounded to an integer. */
export const hllEstimate = defineOp(import.meta.url, 'hllEstimate', (registers: Uint8Array): number =>
  Math.round(estimateRegisters(registers)),
);

/** The t-digest of the non-null, non-NaN values of numeric `column` in one partition. */
export const tdigestChunk = defineOp(
  import.meta.url,
  'tdigestChunk',
  (batch: Batch, column: string, compression: number): TDigestData =>
    tdigestOfColumn(columnOf(batch, column), compression),
);

/** One digest of several partial digests; an empty digest of `compression` for none. */
export const tdigestCombine = defineOp(
  import.meta.url,
  'tdigestCombine',
  (digests: TDigestData[], compression: number = TDIGEST_DEFAULT_COMPRESSION): TDigestData =>
    digests.length === 0 ? new TDigest(compression).toData() : tdigestMerge(digests),
);

/** The approximate quantile(s) of a digest: a number for one q, an array for several (NaN when no values). */
export const tdigestQuantile = defineOp(
  import.meta.url,
  'tdigestQuantile',
  (digest: TDigestData, q: number | number[]): number | number[] =>
    Array.isArray(q) ? q.map((x) => quantileOf(digest, x)) : quantileOf(digest, q),
);
