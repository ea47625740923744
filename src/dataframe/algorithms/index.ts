// Partition algorithms of the DataFrame: row hashes of columns (partitioning, joins, group keys), HyperLogLog
// distinct counts and t-digest quantiles. Everything here works on one partition's plain columns; the partials
// (registers, digests) are plain data that merge across partitions.
export { distinctRowIndices, distinctRows, type KeepRow } from './distinct_rows.js';
export { AlgorithmError, type AlgorithmErrorCode } from './errors.js';
export { hashColumn, hashColumns, hashOfNull, hashPartitions } from './hash.js';
export {
  HLL_DEFAULT_PRECISION,
  HLL_MAX_PRECISION,
  HLL_MIN_PRECISION,
  hllAdd,
  hllCreate,
  hllEstimate,
  hllMerge,
  hllMergeInto,
  hllOfColumn,
  hllPrecision,
  hllStandardError,
} from './hyperloglog.js';
export { type JoinHow, type JoinIndices, joinBatches, joinFields, joinIndices, joinKeyType } from './join.js';
export { ascendingFlags, type NaPosition, sortBatch, sortIndices } from './sort.js';
export {
  compareDivisionValues,
  divisionsFromSamples,
  rangePartitionIds,
  type SortDivisionValue,
  type SortSample,
  sampleSortKey,
} from './sort_divisions.js';
export { byteRanks, type KeyImage, keyImages } from './sort_keys.js';
export {
  isDigestible,
  quantileOf,
  TDIGEST_DEFAULT_COMPRESSION,
  TDigest,
  type TDigestData,
  tdigestMerge,
  tdigestOfColumn,
} from './tdigest.js';
