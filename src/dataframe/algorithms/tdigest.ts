// Approximate quantiles with a merging t-digest (T. Dunning, O. Ertl 2019, "Computing extremely accurate quantiles
// using t-digests", arXiv:1902.04023): values are kept as centroids (mean, weight) sorted by mean, small near the
// tails and larger towards the median, so extreme quantiles stay accurate with a fixed amount of memory.
//
// Sizes follow the scale function k1(q) = delta / (2 pi) * asin(2q - 1) (section 2.1 of the paper): a centroid may
// only span one unit of k, so a centroid around quantile q holds at most a fraction 2 pi sqrt(q (1 - q)) / delta of
// the values (pi / delta = 3.1% at the median for delta = 100, 0.2% at q = 0.001) and a digest has at most about
// delta centroids. Values arrive in a buffer; a full buffer is sorted and merged with the centroids in one pass.
//
// Quantiles interpolate between the centroids' centres the way DuckDB's quantile_cont and numpy's default ("linear")
// interpolate between order statistics: the target position is q (n - 1) among n values, centroid i's mean sits at
// the middle of the positions it covers, and the exact min and max sit at positions 0 and n - 1. While every
// centroid is a single value (n <= about delta / 2), the result IS quantile_cont. Accuracy: the rank of the result
// is off by less than half a centroid, i.e. |rank error| <= pi sqrt(q (1 - q)) / delta as a fraction of n (1.6% at
// the median for delta = 100); on the seeded data sets of the tests the worst rank error over 13 quantiles is 2% to
// 70% of that bound (bench/RESULTS-hll.md). Digests merge (partitions, threads) with the same bound. Data with few
// distinct values is the exception: a centroid mixing two adjacent values (1s and 2s, mean 1.4) can put the result
// between them, so expect a value between the distinct values next to the true quantile, not necessarily one of
// them.
// Nulls and NaN are ignored.
import { isNumberLike } from '../../columnar/layout.js';
import type { Column, DataType, ValuesArray } from '../../columnar/types.js';
import { float16ToNumber } from '../../columnar/values.js';
import { arena } from '../../kernels/arena.js';
import { AlgorithmError } from './errors.js';

/** The default compression (delta): at most about 100 centroids, rank error <= 1.6% at the median. */
export const TDIGEST_DEFAULT_COMPRESSION = 100;

/** A digest as plain data (what crosses threads): centroids sorted by mean, their weights, and the exact extremes. */
export interface TDigestData {
  readonly compression: number;
  readonly means: Float64Array;
  readonly weights: Float64Array;
  /** The number of values summarised (the sum of the weights). */
  readonly count: number;
  /** The smallest and largest value seen (NaN when empty). */
  readonly min: number;
  readonly max: number;
}

/** A t-digest being filled: add values or columns, merge other digests, ask quantiles. */
export class TDigest {
  readonly compression: number;
  private means: Float64Array;
  private weights: Float64Array;
  private centroids = 0;
  private total = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private readonly buffer: Float64Array;
  private buffered = 0;

  constructor(compression: number = TDIGEST_DEFAULT_COMPRESSION) {
    if (!Number.isFinite(compression) || compression < 10 || compression > 100_000) {
      throw new AlgorithmError('INVALID_ARGUMENT', `t-digest compression ${compression}: expected 10..100000`);
    }
    this.compression = compression;
    const capacity = Math.ceil(compression) + 8;
    this.means = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
    // A large buffer amortises the merge pass; sorting it (a radix sort kernel) dominates the cost.
    this.buffer = new Float64Array(Math.max(32768, Math.ceil(compression) * 32));
  }

  /** A digest holding `data` (a copy of it). */
  static fromData(data: TDigestData): TDigest {
    const digest = new TDigest(data.compression);
    digest.merge(data);
    return digest;
  }

  /** The number of (non-NaN) values added. */
  get count(): number {
    return this.total + this.buffered;
  }

  /** Adds one value (NaN is ignored). */
  addValue(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.buffered === this.buffer.length) this.flush();
    this.buffer[this.buffered++] = value;
  }

  /** Adds every non-NaN value of `values`. */
  addValues(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.addValue(values[i]!);
  }

  /** Adds the non-null, non-NaN values of a numeric (integer, float, date/time/timestamp/duration) column. 64-bit
   *  integers are converted to doubles (exact up to 2^53). */
  add(column: Column): void {
    const kind = column.type.kind;
    if (kind === 'null' || column.length === 0) return;
    const values = column.values;
    if (!values || !isDigestible(column.type)) {
      throw new AlgorithmError('UNSUPPORTED_TYPE', `t-digest of a ${kind} column: expected a numeric column`);
    }
    const validity = column.nullCount > 0 ? column.validity : undefined;
    const chunk = 1 << 16;
    for (let from = 0; from < column.length; from += chunk) {
      const to = Math.min(column.length, from + chunk);
      this.addChunk(asFloat64(kind, values, from, to), validity, from);
    }
  }

  // The hot loop of add(): rows of `numbers` (row `offset` of the column first) whose validity bit is set and whose
  // value is not NaN go into the buffer.
  private addChunk(numbers: Float64Array, validity: Uint8Array | undefined, offset: number): void {
    const buffer = this.buffer;
    let b = this.buffered;
    for (let i = 0; i < numbers.length; i++) {
      if (validity && ((validity[(offset + i) >> 3]! >> ((offset + i) & 7)) & 1) === 0) continue;
      const v = numbers[i]!;
      if (Number.isNaN(v)) continue;
      buffer[b++] = v;
      if (b === buffer.length) {
        this.buffered = b;
        this.flush();
        b = 0;
      }
    }
    this.buffered = b;
  }

  /** Merges another digest (its data or itself) into this one. */
  merge(other: TDigestData | TDigest): void {
    const data = other instanceof TDigest ? other.toData() : other;
    if (data.count === 0) return;
    this.flush();
    const n = data.means.length;
    if (n !== data.weights.length) throw new AlgorithmError('INVALID_ARGUMENT', 't-digest: means and weights differ');
    const means = new Float64Array(this.centroids + n);
    const weights = new Float64Array(this.centroids + n);
    // Both lists are sorted by mean: one merge of the two, then the compression pass.
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.centroids || j < n) {
      if (j >= n || (i < this.centroids && this.means[i]! <= data.means[j]!)) {
        means[k] = this.means[i]!;
        weights[k++] = this.weights[i++]!;
      } else {
        means[k] = data.means[j]!;
        weights[k++] = data.weights[j++]!;
      }
    }
    this.min = Math.min(this.min, data.min);
    this.max = Math.max(this.max, data.max);
    this.compress(means, weights, k, this.total + data.count);
  }

  /** The approximate q-quantile (0 <= q <= 1) of the values added, NaN when there are none. */
  quantile(q: number): number {
    return quantileOf(this.toData(), q);
  }

  /** The digest as plain data (centroids copied out; buffered values merged in first). */
  toData(): TDigestData {
    this.flush();
    return {
      compression: this.compression,
      means: this.means.slice(0, this.centroids),
      weights: this.weights.slice(0, this.centroids),
      count: this.total,
      min: this.total > 0 ? this.min : Number.NaN,
      max: this.total > 0 ? this.max : Number.NaN,
    };
  }

  private flush(): void {
    const b = this.buffered;
    if (b === 0) return;
    this.buffered = 0;
    const sorted = sortNumbers(this.buffer.subarray(0, b));
    this.min = Math.min(this.min, sorted[0]!);
    this.max = Math.max(this.max, sorted[b - 1]!);
    const n = this.centroids + b;
    const means = new Float64Array(n);
    const weights = new Float64Array(n);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.centroids || j < b) {
      if (j >= b || (i < this.centroids && this.means[i]! <= sorted[j]!)) {
        means[k] = this.means[i]!;
        weights[k++] = this.weights[i++]!;
      } else {
        means[k] = sorted[j++]!;
        weights[k++] = 1;
      }
    }
    this.compress(means, weights, n, this.total + b);
  }

  // One pass over centroids sorted by mean (Dunning & Ertl, algorithm 1): a centroid absorbs its successor while the
  // quantile range it covers stays within one unit of k1.
  private compress(means: Float64Array, weights: Float64Array, n: number, total: number): void {
    const delta = this.compression;
    const kMax = delta / 4;
    const limitAfter = (weightBefore: number): number => {
      const q = Math.min(1, weightBefore / total);
      const k = (delta / (2 * Math.PI)) * Math.asin(2 * q - 1) + 1;
      return k >= kMax ? total : (total * (Math.sin((k * 2 * Math.PI) / delta) + 1)) / 2;
    };
    let out = 0;
    let mean = means[0]!;
    let weight = weights[0]!;
    let before = 0;
    let limit = limitAfter(0);
    for (let i = 1; i < n; i++) {
      const w = weights[i]!;
      if (before + weight + w <= limit) {
        weight += w;
        mean += ((means[i]! - mean) * w) / weight;
      } else {
        this.emit(out++, mean, weight);
        before += weight;
        limit = limitAfter(before);
        mean = means[i]!;
        weight = w;
      }
    }
    this.emit(out++, mean, weight);
    this.centroids = out;
    this.total = total;
  }

  private emit(index: number, mean: number, weight: number): void {
    if (index >= this.means.length) {
      const grown = new Float64Array(this.means.length * 2);
      grown.set(this.means);
      this.means = grown;
      const grownWeights = new Float64Array(this.weights.length * 2);
      grownWeights.set(this.weights);
      this.weights = grownWeights;
    }
    this.means[index] = mean;
    this.weights[index] = weight;
  }
}

/** The digest of the non-null values of a numeric column. */
export function tdigestOfColumn(column: Column, compression: number = TDIGEST_DEFAULT_COMPRESSION): TDigestData {
  const digest = new TDigest(compression);
  digest.add(column);
  return digest.toData();
}

/** One digest summarising several (of any compressions; the result has the first one's). */
export function tdigestMerge(digests: readonly TDigestData[]): TDigestData {
  if (digests.length === 0) throw new AlgorithmError('INVALID_ARGUMENT', 'tdigestMerge of no digests');
  const digest = new TDigest(digests[0]!.compression);
  for (const d of digests) digest.merge(d);
  return digest.toData();
}

/** The approximate q-quantile of a digest (see the file header), NaN when it is empty. */
export function quantileOf(data: TDigestData, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new AlgorithmError('INVALID_ARGUMENT', `quantile ${q}: expected 0 <= q <= 1`);
  const { means, weights, count } = data;
  const n = means.length;
  if (count === 0 || n === 0) return Number.NaN;
  const position = q * (count - 1);
  // The centre of centroid i: the middle of the positions [before, before + w - 1] it covers.
  let before = 0;
  let previousCentre = 0;
  let previousValue = data.min;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    const centre = before + (w - 1) / 2;
    if (position <= centre) return interpolate(previousCentre, previousValue, centre, means[i]!, position);
    previousCentre = centre;
    previousValue = means[i]!;
    before += w;
  }
  return interpolate(previousCentre, previousValue, count - 1, data.max, position);
}

// Float64Array.prototype.sort runs below 3M values/s on these buffers; the radix sort kernel is many times faster
// once the buffer is large enough to pay for the copies in and out of wasm memory.
function sortNumbers(values: Float64Array): Float64Array {
  if (values.length < 256) return values.sort();
  const a = arena();
  const mark = a.mark();
  try {
    const ptr = a.copyIn(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    a.wasm.radixSortFloat64(ptr, values.length, a.alloc(values.byteLength), a.alloc(8 * 256 * 4));
    values.set(a.view(Float64Array, ptr, values.length));
    return values;
  } finally {
    a.release(mark);
  }
}

/** Rows [from, to) of a numeric values array as doubles (a view when they already are). */
function asFloat64(kind: string, values: ValuesArray, from: number, to: number): Float64Array {
  if (values instanceof Float64Array) return values.subarray(from, to);
  const out = new Float64Array(to - from);
  if (kind === 'float16') {
    for (let i = from; i < to; i++) out[i - from] = float16ToNumber(values[i] as number);
  } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    for (let i = from; i < to; i++) out[i - from] = Number(values[i]!);
  } else {
    out.set(values.subarray(from, to) as Exclude<ValuesArray, BigInt64Array | BigUint64Array>);
  }
  return out;
}

function interpolate(x0: number, y0: number, x1: number, y1: number, x: number): number {
  if (x1 <= x0 || y0 === y1) return y1;
  const value = y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  return Math.min(Math.max(value, Math.min(y0, y1)), Math.max(y0, y1));
}

/** Whether a t-digest can summarise columns of `type` (integers, floats, date/time/timestamp/duration, null). */
export function isDigestible(type: DataType): boolean {
  return type.kind === 'null' || isNumberLike(type);
}
