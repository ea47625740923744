// Approximate reductions of a DataFrame column: distinct count through HyperLogLog and quantiles through t-digests,
// each a tree reduction (src/dataframe/emit.ts) over the partition-level ops of ./ops/approx.ts. The partials are
// small plain data (16 KiB of registers at the default precision, about a hundred centroids), so the reduction
// costs little beyond reading the column.
import { checkOptions, optionNames } from '../options/check.js';
import { AlgorithmError } from './algorithms/errors.js';
import { HLL_DEFAULT_PRECISION, hllStandardError } from './algorithms/hyperloglog.js';
import { isDigestible, TDIGEST_DEFAULT_COMPRESSION, TDigest } from './algorithms/tdigest.js';
import { mapScalar, treeReduce } from './emit.js';
import type { DataFrame } from './frame.js';
import { hllChunk, hllCombine, hllEstimate, tdigestChunk, tdigestCombine, tdigestQuantile } from './ops/approx.js';
import type { ReduceOptions } from './reductions.js';
import type { Scalar } from './scalar.js';

/** Options of {@link nuniqueApprox}. */
export interface NuniqueApproxOptions extends ReduceOptions {
  /** HyperLogLog precision p, 4..18 (default 14: 2^14 registers, standard error 1.04 / 2^7 = 0.81%). */
  precision?: number;
}

/** Options of {@link quantile}. */
export interface QuantileOptions extends ReduceOptions {
  /** t-digest compression (default 100: rank error <= pi sqrt(q (1 - q)) / 100, 1.6% at the median). */
  compression?: number;
}

/**
 * The approximate number of distinct non-null values of `column` (HyperLogLog, relative standard error
 * 1.04 / sqrt(2^precision)). Values count by meaning: see src/dataframe/algorithms/hash.ts.
 */
export function nuniqueApprox(df: DataFrame, column: string, options: NuniqueApproxOptions = {}): Scalar<number> {
  checkOptions(options, optionNames<NuniqueApproxOptions>({ splitEvery: true, precision: true }), 'nuniqueApprox');
  df.field(column);
  const precision = options.precision ?? HLL_DEFAULT_PRECISION;
  hllStandardError(precision); // validates
  const registers = treeReduce<Uint8Array>(df, {
    name: 'nunique-approx',
    chunk: { op: hllChunk, args: [column, precision] },
    combine: { op: hllCombine, args: [precision] },
    aggregate: { op: hllCombine, args: [precision] },
    splitEvery: options.splitEvery,
  });
  return mapScalar<number>(registers, hllEstimate);
}

/**
 * The approximate q-quantile(s) of numeric `column` (t-digest; nulls and NaN ignored; NaN when no values), a
 * number for one q and an array for several. See src/dataframe/algorithms/tdigest.ts for the error.
 */
export function quantile<Q extends number | readonly number[]>(
  df: DataFrame,
  column: string,
  q: Q,
  options: QuantileOptions = {},
): Scalar<Q extends number ? number : number[]> {
  checkOptions(options, optionNames<QuantileOptions>({ splitEvery: true, compression: true }), 'quantile');
  const field = df.field(column);
  if (!isDigestible(field.type)) {
    throw new AlgorithmError(
      'UNSUPPORTED_TYPE',
      `quantile of ${column} (${field.type.kind}): expected a numeric column`,
    );
  }
  const qs: readonly number[] = typeof q === 'number' ? [q] : (q as readonly number[]);
  for (const x of qs) {
    if (!(x >= 0 && x <= 1)) throw new AlgorithmError('INVALID_ARGUMENT', `quantile ${x}: expected 0 <= q <= 1`);
  }
  const compression = options.compression ?? TDIGEST_DEFAULT_COMPRESSION;
  new TDigest(compression); // validates
  const digest = treeReduce(df, {
    name: 'quantile',
    chunk: { op: tdigestChunk, args: [column, compression] },
    combine: { op: tdigestCombine, args: [compression] },
    aggregate: { op: tdigestCombine, args: [compression] },
    splitEvery: options.splitEvery,
  });
  return mapScalar(digest, tdigestQuantile, [typeof q === 'number' ? q : [...qs]]);
}
